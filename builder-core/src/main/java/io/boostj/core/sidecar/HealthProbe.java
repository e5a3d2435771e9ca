package io.boostj.core.sidecar;

import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.HealthCause;
import io.boostj.sbe.HealthCode;
import io.boostj.sbe.Target;

import static io.boostj.core.json.JsonRpcBodyWriter.ascii;

/**
 * Upstream's background health task (reference §1.10), driven by event time: at the first event and then
 * {@code healthCheckIntervalMs} after each probe ends, ask L2 for {@code eth_getBlockByNumber("latest", false)}:
 * an error, a timeout, or a block older than {@code maxUnsafeIntervalS} sets 503; otherwise, if the mode is
 * disabled, 200; otherwise ask the builder the same: error, timeout or stale sets 206, else 200.
 */
final class HealthProbe implements CallOwner, TimerQueue.Handler
{
    private static final byte[] LATEST_NO_TXS = ascii("[\"latest\",false]");
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int LEG_L2 = 0;
    private static final int LEG_BUILDER = 1;

    private final EngineContext ctx;
    private TimerQueue.Timer timer;

    HealthProbe(final EngineContext ctx)
    {
        this.ctx = ctx;
    }

    /**
     * Runs the first probe now (at the first event), if probing is on.
     */
    TimerQueue.Timer timer()
    {
        return timer;
    }

    void restoreTimer(final long deadlineNs, final long sequence, final long nextSequence)
    {
        timer = ctx.timers.restore(deadlineNs, sequence, nextSequence, this, null, 0);
    }

    void start()
    {
        if (ctx.config.healthCheckIntervalMs() > 0)
        {
            timer = ctx.timers.schedule(ctx.nowNs(), this, null, 0);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onTimer(final Object context, final long id)
    {
        timer = null;
        send(Target.L2, ctx.config.l2TimeoutMs(), LEG_L2);
    }

    /**
     * {@inheritDoc}
     */
    public void onCallComplete(final Object context, final int leg, final long callId, final UpstreamReplyView reply)
    {
        final boolean fresh = reply.isOk() && isFresh(reply.decoder().timestamp());
        if (LEG_L2 == leg)
        {
            if (!fresh)
            {
                ctx.health.set(HealthCode.SERVICE_UNAVAILABLE, HealthCause.PROBE);
            }
            else if (ctx.isDisabled())
            {
                ctx.health.set(HealthCode.HEALTHY, HealthCause.PROBE);
            }
            else
            {
                send(Target.BUILDER, ctx.config.builderTimeoutMs(), LEG_BUILDER);
                return;
            }
        }
        else
        {
            ctx.health.set(fresh ? HealthCode.HEALTHY : HealthCode.PARTIAL_CONTENT, HealthCause.PROBE);
        }

        timer = ctx.timers.schedule(
            ctx.nowNs() + ctx.config.healthCheckIntervalMs() * EngineContext.NANOS_PER_MILLI, this, null, 0);
    }

    private void send(final Target target, final int timeoutMs, final int leg)
    {
        ctx.calls.begin(target, EngineMethod.ETH_GET_BLOCK_BY_NUMBER, timeoutMs, false, 0).raw(LATEST_NO_TXS);
        ctx.calls.commit(this, null, leg);
    }

    /**
     * Upstream: {@code now_s - block.timestamp > max_unsafe_interval} is stale; a block from the future is not.
     */
    private boolean isFresh(final long blockTimestampS)
    {
        final long nowS = ctx.nowNs() / NANOS_PER_SECOND;
        if (blockTimestampS < 0 || blockTimestampS >= nowS)
        {
            return true;
        }
        return nowS - blockTimestampS <= ctx.config.maxUnsafeIntervalS();
    }
}
