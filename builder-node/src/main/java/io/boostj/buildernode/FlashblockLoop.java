package io.boostj.buildernode;

import io.boostj.core.builder.BuilderNode;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * The 200 ms loop of seed 004 on the node's event loop: a round's index 0 (base and forced transactions) goes out
 * when the FCU starts it, then every {@code flashblockTimeMs} the node fills from the pool and the next flashblock
 * goes out; the seal flushes the rest as a final flashblock and stops the timer, as does a round the node discarded.
 * Ticks run on the loop that owns the node, so the timer needs no lock.
 */
final class FlashblockLoop
{
    private final EventLoop loop;
    private final BuilderNode node;
    private final long flashblockTimeMs;
    private final FlashblockOutlets outlets;
    private final BuilderMetrics metrics;
    private final Runnable tick = this::tick;
    private ScheduledFuture<?> timer;
    private long payloadId = -1;

    FlashblockLoop(final EventLoop loop, final BuilderNode node, final long flashblockTimeMs,
        final FlashblockOutlets outlets, final BuilderMetrics metrics)
    {
        this.loop = loop;
        this.node = node;
        this.flashblockTimeMs = flashblockTimeMs;
        this.outlets = outlets;
        this.metrics = metrics;
    }

    void onRoundStarted(final long roundPayloadId)
    {
        stop();
        payloadId = roundPayloadId;
        tick();
        timer = loop.scheduleAtFixedRate(tick, flashblockTimeMs, flashblockTimeMs, TimeUnit.MILLISECONDS);
    }

    void onSealed(final long sealedPayloadId, final byte[] finalFlashblock)
    {
        if (sealedPayloadId == payloadId)
        {
            stop();
        }
        if (null != finalFlashblock)
        {
            outlets.publish(finalFlashblock);
        }
    }

    void stop()
    {
        if (null != timer)
        {
            timer.cancel(false);
            timer = null;
        }
        payloadId = -1;
    }

    private void tick()
    {
        if (node.roundPayloadId() != payloadId)
        {
            stop();
            return;
        }
        final int before = node.round().transactionCount();
        final long startNs = System.nanoTime();
        final byte[] flashblock = node.tick();
        if (null == flashblock)
        {
            stop();
            return;
        }
        metrics.onFlashblock(System.nanoTime() - startNs, node.round().transactionCount() - before);
        outlets.publish(flashblock);
    }
}
