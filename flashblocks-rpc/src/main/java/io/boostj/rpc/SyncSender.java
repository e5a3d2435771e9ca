package io.boostj.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.netty.channel.EventLoop;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * eth_sendRawTransactionSync: sends the transaction to the node, then answers with its receipt as soon as a
 * flashblock includes it (or the node has a receipt, polled), or with error {@link RpcError#SYNC_TIMEOUT} after the
 * timeout (default and maximum {@link #MAX_TIMEOUT_MS}; a larger one is refused with -32602).
 */
public final class SyncSender implements PendingStateListener
{
    /** Default and maximum wait. */
    public static final long MAX_TIMEOUT_MS = 6_000;
    private static final long RECEIPT_POLL_MS = 100;

    private final Map<String, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final EventLoop timer;
    private final PendingStateProcessor processor;
    private UpstreamRpc upstream;

    /**
     * @param timer     schedules timeouts and receipt polls.
     * @param processor pending state, checked once right after the send (a flashblock may include the transaction
     *                  before the node's answer to the send arrives).
     */
    public SyncSender(final EventLoop timer, final PendingStateProcessor processor)
    {
        this.timer = timer;
        this.processor = processor;
    }

    /** @param upstream the node; set before the first call. */
    public void upstream(final UpstreamRpc upstream)
    {
        this.upstream = upstream;
    }

    CompletableFuture<JsonNode> send(final JsonNode params)
    {
        final JsonNode raw = params.path(0);
        if (!raw.isTextual() || !raw.asText().startsWith("0x"))
        {
            throw new RpcError(RpcError.INVALID_PARAMS, "eth_sendRawTransactionSync: params[0] must be the raw " +
                "transaction as 0x-prefixed hex");
        }
        final JsonNode timeoutNode = params.path(1);
        final long timeoutMs;
        if (timeoutNode.isMissingNode() || timeoutNode.isNull())
        {
            timeoutMs = MAX_TIMEOUT_MS;
        }
        else
        {
            timeoutMs = timeoutNode.isIntegralNumber() ? timeoutNode.asLong() : Quantities.parse(timeoutNode.asText(""));
            if (timeoutMs <= 0 || timeoutMs > MAX_TIMEOUT_MS)
            {
                throw new RpcError(RpcError.INVALID_PARAMS, "eth_sendRawTransactionSync: timeout must be 1.." +
                    MAX_TIMEOUT_MS + " ms, got " + timeoutNode);
            }
        }
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        return upstream.call("eth_sendRawTransaction", raw.asText()).thenCompose(hashNode ->
        {
            final String hash = hashNode.asText("").toLowerCase(Locale.ROOT);
            final CompletableFuture<JsonNode> receipt = new CompletableFuture<>();
            waiting.put(hash, receipt);
            timer.schedule(() -> receipt.completeExceptionally(new RpcError(RpcError.SYNC_TIMEOUT,
                "transaction " + hash + " was sent but not included in a flashblock or block within " + timeoutMs +
                " ms", TextNode.valueOf(hash))), timeoutMs, TimeUnit.MILLISECONDS);
            receipt.whenComplete((r, ex) -> waiting.remove(hash, receipt));
            final PendingState.Located at = processor.state().find(hash);
            final JsonNode already = null == at ? null : PendingJson.receipt(at.block(), at.index());
            if (null != already)
            {
                receipt.complete(already);
            }
            poll(hash, receipt, deadlineNs);
            return receipt;
        });
    }

    private void poll(final String hash, final CompletableFuture<JsonNode> receipt, final long deadlineNs)
    {
        if (receipt.isDone() || System.nanoTime() > deadlineNs)
        {
            return;
        }
        upstream.call("eth_getTransactionReceipt", hash).whenComplete((r, ex) ->
        {
            if (null == ex && null != r && !r.isNull())
            {
                receipt.complete(r);
            }
            else
            {
                timer.schedule(() -> poll(hash, receipt, deadlineNs), RECEIPT_POLL_MS, TimeUnit.MILLISECONDS);
            }
        });
    }

    @Override
    public void onFlashblockApplied(final PendingState state, final PendingBlock block, final DecodedFlashblock fb)
    {
        if (waiting.isEmpty())
        {
            return;
        }
        for (final PendingTransaction tx : fb.transactions())
        {
            final CompletableFuture<JsonNode> f = waiting.get(tx.hash());
            if (null != f)
            {
                final JsonNode receipt = PendingJson.receipt(block, block.indexByHash().get(tx.hash()));
                if (null != receipt)
                {
                    f.complete(receipt);
                }
            }
        }
    }

    /** @return sends waiting for inclusion. */
    public int waitingCount()
    {
        return waiting.size();
    }
}
