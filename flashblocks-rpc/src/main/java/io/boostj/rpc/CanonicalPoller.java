package io.boostj.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Follows the node's canonical head by polling {@code eth_getBlockByNumber("latest", false)} and hands each new head
 * (a new number, or a new hash at the same number) to the processor on the processor's own event loop.
 */
public final class CanonicalPoller implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(CanonicalPoller.class);

    private final UpstreamRpc upstream;
    private final PendingStateProcessor processor;
    private final EventLoop loop;
    private final long intervalMs;
    private ScheduledFuture<?> timer;
    private String lastHash = "";
    private boolean lastFailed;
    private volatile boolean closed;

    /**
     * @param upstream   the node.
     * @param processor  told of new heads.
     * @param loop       the processor's thread.
     * @param intervalMs poll interval.
     */
    public CanonicalPoller(
        final UpstreamRpc upstream, final PendingStateProcessor processor, final EventLoop loop, final long intervalMs)
    {
        this.upstream = upstream;
        this.processor = processor;
        this.loop = loop;
        this.intervalMs = intervalMs;
    }

    /** Starts polling at once. */
    public void start()
    {
        loop.execute(this::poll);
    }

    /**
     * Polls once now (tests; and after an RPC saw the chain move).
     */
    public void pollNow()
    {
        loop.execute(this::pollOnce);
    }

    private void poll()
    {
        if (closed)
        {
            return;
        }
        pollOnce();
        timer = loop.schedule(this::poll, intervalMs, TimeUnit.MILLISECONDS);
    }

    private void pollOnce()
    {
        upstream.call("eth_getBlockByNumber", "latest", false).whenComplete((block, ex) -> loop.execute(() ->
        {
            if (null != ex)
            {
                if (!lastFailed)
                {
                    LOG.warn("canonical head poll failed: {}", ex.getMessage());
                }
                lastFailed = true;
                return;
            }
            lastFailed = false;
            onHead(block);
        }));
    }

    private void onHead(final JsonNode block)
    {
        final long number = Quantities.parse(block.path("number").asText(null));
        final String hash = block.path("hash").asText("");
        if (number < 0 || hash.equals(lastHash))
        {
            return;
        }
        lastHash = hash;
        final List<String> txHashes = new ArrayList<>();
        for (final JsonNode tx : block.path("transactions"))
        {
            txHashes.add((tx.isTextual() ? tx.asText() : tx.path("hash").asText()).toLowerCase(Locale.ROOT));
        }
        processor.onCanonicalBlock(number, txHashes);
    }

    @Override
    public void close()
    {
        closed = true;
        final ScheduledFuture<?> t = timer;
        if (null != t)
        {
            t.cancel(false);
        }
    }
}
