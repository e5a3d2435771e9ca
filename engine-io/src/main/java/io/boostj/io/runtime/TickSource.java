package io.boostj.io.runtime;

import io.boostj.core.sidecar.SidecarEngine;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Brings time to the engine: every {@code periodMs} it looks at the engine's next deadline and publishes a Tick only
 * when one is due, so an idle sidecar journals no ticks and a busy one fires timers within one period. Every
 * {@code snapshotIntervalMs} (when positive) it also asks the engine for a journal snapshot.
 */
final class TickSource implements Runnable
{
    private final SidecarEngine engine;
    private final InboundPublisher inbound;
    private final long minGapNs;
    private long lastTickNs = Long.MIN_VALUE;
    private long lastDeadlineTickedNs = Long.MIN_VALUE;
    private final long snapshotIntervalNs;
    private long lastSnapshotRequestNs;
    private long nextSnapshotId = 1;
    private ScheduledFuture<?> future;

    TickSource(
        final SidecarEngine engine, final InboundPublisher inbound, final long periodMs, final long snapshotIntervalMs)
    {
        this.engine = engine;
        this.inbound = inbound;
        this.minGapNs = TimeUnit.MILLISECONDS.toNanos(periodMs);
        this.snapshotIntervalNs = TimeUnit.MILLISECONDS.toNanos(snapshotIntervalMs);
    }

    void start(final ScheduledExecutorService executor, final long periodMs)
    {
        lastSnapshotRequestNs = inbound.clock().nanoTime();
        inbound.publishTick(lastSnapshotRequestNs);
        future = executor.scheduleAtFixedRate(this, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    void stop()
    {
        if (null != future)
        {
            future.cancel(false);
        }
    }

    @Override
    public void run()
    {
        requestSnapshotIfDue();
        final long deadlineNs = engine.nextDeadlineNs();
        if (Long.MAX_VALUE == deadlineNs)
        {
            return;
        }
        final long nowNs = inbound.clock().nanoTime();
        if (nowNs < deadlineNs)
        {
            return;
        }
        if (deadlineNs == lastDeadlineTickedNs && nowNs - lastTickNs < minGapNs * 10)
        {
            return;
        }
        if (inbound.publishTick(nowNs))
        {
            lastTickNs = nowNs;
            lastDeadlineTickedNs = deadlineNs;
        }
    }

    private void requestSnapshotIfDue()
    {
        if (snapshotIntervalNs <= 0)
        {
            return;
        }
        final long nowNs = inbound.clock().nanoTime();
        if (nowNs - lastSnapshotRequestNs >= snapshotIntervalNs && inbound.publishSnapshotRequest(nowNs, nextSnapshotId))
        {
            nextSnapshotId++;
            lastSnapshotRequestNs = nowNs;
        }
    }
}
