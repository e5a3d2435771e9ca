package io.boostj.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boostj.io.upstream.UpstreamClient;
import io.boostj.io.upstream.UpstreamListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.FullHttpResponse;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JSON-RPC calls to the upstream node over {@link UpstreamClient}: raw passthrough of a client's bytes, or a call
 * made here whose answer comes back as a future. Futures complete on the client's event loop.
 */
public final class UpstreamRpc
{
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final UpstreamClient client;
    private final long timeoutMs;
    private final AtomicLong ids = new AtomicLong();

    /**
     * @param client    the HTTP client of the node.
     * @param timeoutMs timeout of every call.
     */
    public UpstreamRpc(final UpstreamClient client, final long timeoutMs)
    {
        this.client = client;
        this.timeoutMs = timeoutMs;
    }

    /** @return the label and address of the node, for errors. */
    public String describe()
    {
        return client.endpoint().toString();
    }

    /**
     * Passes bytes through unchanged.
     *
     * @param body     the request body (ownership passes).
     * @param listener gets the HTTP answer.
     */
    public void forward(final ByteBuf body, final UpstreamListener listener)
    {
        client.send(body, timeoutMs, listener, 0);
    }

    /**
     * Sends one request object (the client's own, id and all) and returns the node's response object.
     *
     * @param request a JSON-RPC request.
     * @return the response, or fails with {@link RpcError} ({@link RpcError#UPSTREAM_UNAVAILABLE}).
     */
    public CompletableFuture<JsonNode> send(final JsonNode request)
    {
        final CompletableFuture<JsonNode> f = new CompletableFuture<>();
        final byte[] bytes;
        try
        {
            bytes = MAPPER.writeValueAsBytes(request);
        }
        catch (final IOException ex)
        {
            f.completeExceptionally(ex);
            return f;
        }
        client.send(Unpooled.wrappedBuffer(bytes), timeoutMs, new UpstreamListener()
        {
            public void onResponse(final long attachment, final FullHttpResponse response, final long latencyNs)
            {
                try (ByteBufInputStream in = new ByteBufInputStream(response.content()))
                {
                    final JsonNode node = MAPPER.readTree((java.io.InputStream)in);
                    if (null == node || !node.isObject() || !(node.has("result") || node.has("error")))
                    {
                        f.completeExceptionally(new RpcError(RpcError.UPSTREAM_UNAVAILABLE, "upstream " + describe() +
                            " answered HTTP " + response.status().code() + " without a JSON-RPC response"));
                        return;
                    }
                    f.complete(node);
                }
                catch (final IOException ex)
                {
                    f.completeExceptionally(new RpcError(RpcError.UPSTREAM_UNAVAILABLE, "upstream " + describe() +
                        " answered HTTP " + response.status().code() + " with invalid JSON: " + ex.getMessage()));
                }
            }

            public void onFailure(final long attachment, final String reason, final long latencyNs)
            {
                f.completeExceptionally(new RpcError(RpcError.UPSTREAM_UNAVAILABLE, "upstream unavailable: " + reason));
            }
        }, 0);
        return f;
    }

    /**
     * Calls a method and returns its result; an error answer fails the future with that error.
     *
     * @param method the method.
     * @param params its parameters.
     * @return the result (JSON null included).
     */
    public CompletableFuture<JsonNode> call(final String method, final Object... params)
    {
        final ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", ids.incrementAndGet());
        request.put("method", method);
        final ArrayNode p = request.putArray("params");
        for (final Object param : params)
        {
            p.add(param instanceof JsonNode ? (JsonNode)param : MAPPER.valueToTree(param));
        }
        return send(request).thenApply(UpstreamRpc::resultOf);
    }

    /**
     * @param response a JSON-RPC response.
     * @return its result.
     * @throws RpcError with the node's code and message for an error response.
     */
    static JsonNode resultOf(final JsonNode response)
    {
        final JsonNode error = response.get("error");
        if (null != error && !error.isNull())
        {
            throw new RpcError(error.path("code").asInt(RpcError.UPSTREAM_UNAVAILABLE),
                error.path("message").asText("upstream error"), error.get("data"));
        }
        return response.get("result");
    }
}
