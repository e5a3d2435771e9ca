package io.boostj.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Answers parsed JSON-RPC requests (one object or a batch) through {@link PendingRpc} or the upstream node, always
 * with one response per request, errors included: bad input and a failing upstream become JSON-RPC errors, never a
 * lost answer.
 */
public final class JsonRpcBatch
{
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final PendingRpc pending;
    private final UpstreamRpc upstream;

    /**
     * @param pending  pending-state methods.
     * @param upstream the node, for the rest of a batch.
     */
    public JsonRpcBatch(final PendingRpc pending, final UpstreamRpc upstream)
    {
        this.pending = pending;
        this.upstream = upstream;
    }

    /**
     * @param body a request object or an array of them.
     * @return true when the whole body may go to the node unchanged.
     */
    public boolean isPassthrough(final JsonNode body)
    {
        if (body.isObject())
        {
            return isValid(body) && !pending.isOverlay(body);
        }
        if (!body.isArray() || body.isEmpty())
        {
            return false;
        }
        for (final JsonNode r : body)
        {
            if (!r.isObject() || !isValid(r) || pending.isOverlay(r))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @param body a request object or a batch.
     * @return the response object or array.
     */
    public CompletableFuture<JsonNode> answer(final JsonNode body)
    {
        if (body.isArray())
        {
            if (body.isEmpty())
            {
                return CompletableFuture.completedFuture(error(NullNode.getInstance(),
                    new RpcError(RpcError.INVALID_REQUEST, "empty batch")));
            }
            final List<CompletableFuture<JsonNode>> parts = new ArrayList<>(body.size());
            for (final JsonNode r : body)
            {
                parts.add(one(r));
            }
            return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0])).thenApply(v ->
            {
                final ArrayNode out = F.arrayNode();
                parts.forEach(p -> out.add(p.join()));
                return out;
            });
        }
        return one(body);
    }

    private CompletableFuture<JsonNode> one(final JsonNode request)
    {
        final JsonNode id = request.isObject() && request.has("id") ? request.get("id") : NullNode.getInstance();
        if (!request.isObject() || !isValid(request))
        {
            return CompletableFuture.completedFuture(error(id, new RpcError(RpcError.INVALID_REQUEST,
                "invalid request: need an object with a string method and array (or absent) params")));
        }
        if (!pending.isOverlay(request))
        {
            return upstream.send(request).exceptionally(ex -> error(id, ex));
        }
        final JsonNode params = request.has("params") ? request.get("params") : F.arrayNode();
        return pending.call(request.get("method").asText(), params)
            .thenApply(result -> (JsonNode)result(id, result))
            .exceptionally(ex -> error(id, ex));
    }

    private static boolean isValid(final JsonNode request)
    {
        final JsonNode params = request.get("params");
        return request.path("method").isTextual() && (null == params || params.isArray());
    }

    private static ObjectNode result(final JsonNode id, final JsonNode result)
    {
        final ObjectNode o = F.objectNode();
        o.put("jsonrpc", "2.0");
        o.set("id", id);
        o.set("result", null == result ? NullNode.getInstance() : result);
        return o;
    }

    static ObjectNode error(final JsonNode id, final Throwable failure)
    {
        Throwable t = failure;
        while (t instanceof CompletionException && null != t.getCause())
        {
            t = t.getCause();
        }
        final RpcError e = t instanceof RpcError ? (RpcError)t : new RpcError(-32603, "internal error: " + t);
        final ObjectNode o = F.objectNode();
        o.put("jsonrpc", "2.0");
        o.set("id", id);
        final ObjectNode err = o.putObject("error");
        err.put("code", e.code());
        err.put("message", e.getMessage());
        if (null != e.data())
        {
            err.set("data", e.data());
        }
        return o;
    }

    /**
     * @param body    a request or a batch.
     * @param failure what went wrong for all of it.
     * @return one error response per request.
     */
    static JsonNode errorFor(final JsonNode body, final RpcError failure)
    {
        if (!body.isArray())
        {
            return error(body.has("id") ? body.get("id") : NullNode.getInstance(), failure);
        }
        final ArrayNode out = F.arrayNode();
        for (final JsonNode r : body)
        {
            out.add(error(r.has("id") ? r.get("id") : NullNode.getInstance(), failure));
        }
        return out;
    }
}
