package io.boostj.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The methods answered (in whole or in part) from pending state; every other method and every non-pending query is
 * the upstream node's. Returns the JSON-RPC result, or fails with {@link RpcError}.
 */
public final class PendingRpc
{
    /** Methods this overlay may answer itself; all others are forwarded byte for byte. */
    public static final Set<String> OVERLAY_METHODS = Set.of(
        "eth_getBlockByNumber", "eth_getBlockTransactionCountByNumber", "eth_getBalance", "eth_getTransactionCount",
        "eth_getTransactionReceipt", "eth_getTransactionByHash", "eth_getLogs", "eth_call", "eth_estimateGas",
        "eth_sendRawTransactionSync", "op_supportedCapabilities");

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String PENDING = "pending";

    private final PendingStateProcessor processor;
    private final UpstreamRpc upstream;
    private final SyncSender syncSender;

    /**
     * @param processor  the pending state.
     * @param upstream   the node.
     * @param syncSender waits for eth_sendRawTransactionSync inclusions.
     */
    public PendingRpc(final PendingStateProcessor processor, final UpstreamRpc upstream, final SyncSender syncSender)
    {
        this.processor = processor;
        this.upstream = upstream;
        this.syncSender = syncSender;
    }

    /**
     * @param request a JSON-RPC request object.
     * @return true when its answer depends on pending state (or is this overlay's own), false to forward it as is.
     */
    public boolean isOverlay(final JsonNode request)
    {
        final String method = request.path("method").asText("");
        if (!OVERLAY_METHODS.contains(method))
        {
            return false;
        }
        switch (method)
        {
            case "eth_getTransactionReceipt":
            case "eth_getTransactionByHash":
            case "eth_sendRawTransactionSync":
            case "op_supportedCapabilities":
                return true;
            case "eth_getLogs":
                return PENDING.equals(request.path("params").path(0).path("toBlock").asText(""));
            case "eth_getBlockByNumber":
            case "eth_getBlockTransactionCountByNumber":
                return PENDING.equals(request.path("params").path(0).asText(""));
            default:
                return PENDING.equals(request.path("params").path(1).asText(""));
        }
    }

    /**
     * @param method the method (one of {@link #OVERLAY_METHODS}).
     * @param params its params (an array, possibly empty).
     * @return the result.
     */
    public CompletableFuture<JsonNode> call(final String method, final JsonNode params)
    {
        try
        {
            switch (method)
            {
                case "op_supportedCapabilities":
                    return CompletableFuture.completedFuture(F.arrayNode().add("flashblocksv1"));
                case "eth_getBlockByNumber":
                    return blockByNumber(params);
                case "eth_getBlockTransactionCountByNumber":
                    return blockTransactionCount(params);
                case "eth_getBalance":
                    return balance(params);
                case "eth_getTransactionCount":
                    return transactionCount(params);
                case "eth_getTransactionReceipt":
                    return byHash(method, params, true);
                case "eth_getTransactionByHash":
                    return byHash(method, params, false);
                case "eth_getLogs":
                    return logs(params);
                case "eth_call":
                case "eth_estimateGas":
                    return callWithOverrides(method, params);
                case "eth_sendRawTransactionSync":
                    return syncSender.send(params);
                default:
                    return upstream.call(method, spread(params));
            }
        }
        catch (final RpcError ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
    }

    private CompletableFuture<JsonNode> blockByNumber(final JsonNode params)
    {
        final PendingState state = processor.state();
        final boolean full = params.path(1).asBoolean(false);
        if (state.isEmpty())
        {
            return upstream.call("eth_getBlockByNumber", spread(params));
        }
        return CompletableFuture.completedFuture(PendingJson.block(state.latest(), full));
    }

    private CompletableFuture<JsonNode> blockTransactionCount(final JsonNode params)
    {
        final PendingState state = processor.state();
        if (state.isEmpty())
        {
            return upstream.call("eth_getBlockTransactionCountByNumber", spread(params));
        }
        return CompletableFuture.completedFuture(TextNode.valueOf(Quantities.of(state.latest().transactions().size())));
    }

    private CompletableFuture<JsonNode> balance(final JsonNode params)
    {
        final String address = address(params.path(0));
        final PendingState state = processor.state();
        if (state.isEmpty())
        {
            return upstream.call("eth_getBalance", spread(params));
        }
        final String pending = state.balance(address);
        if (null != pending)
        {
            return CompletableFuture.completedFuture(TextNode.valueOf(pending));
        }
        if (!state.balancesComplete() && state.touches(address))
        {
            throw new RpcError(RpcError.PENDING_UNKNOWN, "pending balance of " + address + " unknown: the " +
                "flashblocks feed carries no new_account_balances and a pending transaction touches the account");
        }
        return upstream.call("eth_getBalance", address, "latest");
    }

    private CompletableFuture<JsonNode> transactionCount(final JsonNode params)
    {
        final String address = address(params.path(0));
        final PendingState state = processor.state();
        if (state.isEmpty())
        {
            return upstream.call("eth_getTransactionCount", spread(params));
        }
        final int pendingCount = state.countFrom(address);
        final long before = state.earliestNumber() - 1;
        final String at = before <= processor.canonicalNumber() ? Quantities.of(before) : "latest";
        return upstream.call("eth_getTransactionCount", address, at).thenApply(n ->
        {
            final long canonical = Quantities.parse(n.asText(null));
            if (canonical < 0)
            {
                throw new RpcError(RpcError.UPSTREAM_UNAVAILABLE, "upstream nonce is not a QUANTITY: " + n);
            }
            return TextNode.valueOf(Quantities.of(canonical + pendingCount));
        });
    }

    private CompletableFuture<JsonNode> byHash(final String method, final JsonNode params, final boolean receipt)
    {
        final JsonNode hashNode = params.path(0);
        if (!hashNode.isTextual() || 66 != hashNode.asText().length() || !hashNode.asText().startsWith("0x"))
        {
            throw new RpcError(RpcError.INVALID_PARAMS, method + ": params[0] must be a 32-byte transaction hash");
        }
        final String hash = hashNode.asText().toLowerCase(Locale.ROOT);
        return upstream.call(method, hash).thenApply(canonical ->
        {
            if (null != canonical && !canonical.isNull())
            {
                return canonical;
            }
            final PendingState.Located at = processor.state().find(hash);
            if (null == at)
            {
                return NullNode.getInstance();
            }
            final JsonNode pending = receipt ? PendingJson.receipt(at.block(), at.index()) :
                PendingJson.transaction(at.block(), at.index());
            return null == pending ? NullNode.getInstance() : pending;
        });
    }

    private CompletableFuture<JsonNode> logs(final JsonNode params)
    {
        final JsonNode filter = params.path(0);
        if (!filter.isObject())
        {
            throw new RpcError(RpcError.INVALID_PARAMS, "eth_getLogs: params[0] must be a filter object");
        }
        final LogFilter logFilter = LogFilter.parse(filter);
        final PendingState state = processor.state();
        final ArrayNode pending = F.arrayNode();
        for (final PendingBlock block : state.blocks())
        {
            logFilter.collect(block, pending);
        }
        final boolean onlyPending = PENDING.equals(filter.path("fromBlock").asText(""));
        if (onlyPending)
        {
            return CompletableFuture.completedFuture(pending);
        }
        final ObjectNode canonicalFilter = ((ObjectNode)filter).deepCopy();
        canonicalFilter.put("toBlock", "latest");
        return upstream.call("eth_getLogs", canonicalFilter).thenApply(canonical ->
        {
            if (!canonical.isArray())
            {
                throw new RpcError(RpcError.UPSTREAM_UNAVAILABLE, "upstream eth_getLogs did not return an array");
            }
            final Map<String, JsonNode> byPosition = new LinkedHashMap<>();
            for (final JsonNode log : canonical)
            {
                byPosition.put(log.path("blockNumber").asText() + "/" + log.path("logIndex").asText(), log);
            }
            for (final JsonNode log : pending)
            {
                byPosition.putIfAbsent(log.path("blockNumber").asText() + "/" + log.path("logIndex").asText(), log);
            }
            final ArrayNode merged = F.arrayNode();
            byPosition.values().forEach(merged::add);
            return merged;
        });
    }

    private CompletableFuture<JsonNode> callWithOverrides(final String method, final JsonNode params)
    {
        final PendingState state = processor.state();
        if (state.isEmpty())
        {
            return upstream.call(method, spread(params));
        }
        final ObjectNode overrides = StateOverrides.of(state);
        final JsonNode user = params.path(2);
        if (user.isObject())
        {
            for (final Map.Entry<String, JsonNode> e : user.properties())
            {
                final String address = e.getKey().toLowerCase(Locale.ROOT);
                final JsonNode mine = overrides.get(address);
                if (mine instanceof ObjectNode && e.getValue().isObject())
                {
                    ((ObjectNode)mine).setAll((ObjectNode)e.getValue());
                }
                else
                {
                    overrides.set(address, e.getValue());
                }
            }
        }
        else if (!user.isMissingNode() && !user.isNull())
        {
            throw new RpcError(RpcError.INVALID_PARAMS, method + ": params[2] must be a state override object");
        }
        return upstream.call(method, params.path(0), "latest", overrides);
    }

    private static String address(final JsonNode node)
    {
        final String s = node.asText("");
        if (!node.isTextual() || 42 != s.length() || !s.startsWith("0x"))
        {
            throw new RpcError(RpcError.INVALID_PARAMS, "params[0] must be a 20-byte address, got " + node);
        }
        return s.toLowerCase(Locale.ROOT);
    }

    private static Object[] spread(final JsonNode params)
    {
        final Object[] out = new Object[params.size()];
        for (int i = 0; i < out.length; i++)
        {
            out[i] = params.get(i);
        }
        return out;
    }
}
