package io.boostj.core.sidecar;

import io.boostj.core.json.JsonRpcBodyWriter;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.Target;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Issues upstream calls and tracks the ones the engine waits for: call id (a counter from 1) to owner, with a
 * timeout timer each. A reply or a timeout completes a call exactly once; afterwards its id is unknown and a late
 * reply is ignored.
 */
final class UpstreamCallTable implements TimerQueue.Handler
{
    /**
     * One waited-for call in flight.
     */
    static final class PendingCall
    {
        long callId;
        CallOwner owner;
        Object request;
        int leg;
        TimerQueue.Timer timer;
    }

    private final Long2ObjectHashMap<PendingCall> calls = new Long2ObjectHashMap<>(64, 0.65f);
    private final ObjectPool<PendingCall> pool = new ObjectPool<>(PendingCall::new, 16);
    private final UpstreamReplyView timeoutView = new UpstreamReplyView();
    private final CommandProxy commands;
    private final TimerQueue timers;
    private final EventClock clock;
    private long nextCallId = 1;
    private long openCallId;
    private int openTimeoutMs;
    private boolean openFireAndForget;
    private JsonRpcBodyWriter openWriter;

    UpstreamCallTable(final CommandProxy commands, final TimerQueue timers, final EventClock clock)
    {
        this.commands = commands;
        this.timers = timers;
        this.clock = clock;
    }

    /**
     * Starts a call: encodes the command and the body up to {@code "params":}. The caller writes the params and then
     * calls {@link #commit(CallOwner, Object, int)} or {@link #commitFireAndForget()}.
     *
     * @return the writer, positioned for the params.
     */
    JsonRpcBodyWriter begin(
        final Target target,
        final EngineMethod method,
        final int timeoutMs,
        final boolean fireAndForget,
        final long causeRequestId)
    {
        openCallId = nextCallId++;
        openTimeoutMs = timeoutMs;
        openFireAndForget = fireAndForget;
        openWriter = commands.beginUpstreamCall(openCallId, causeRequestId, target, method, timeoutMs, fireAndForget)
            .request(openCallId, EngineMethods.name(method));
        return openWriter;
    }

    /**
     * Emits the call begun last and waits for it: the owner hears of its reply or its timeout.
     *
     * @return the call id.
     */
    long commit(final CallOwner owner, final Object request, final int leg)
    {
        if (openFireAndForget)
        {
            throw new IllegalStateException("call " + openCallId + " was begun as fire-and-forget");
        }
        finishBody();

        final PendingCall call = pool.acquire();
        call.callId = openCallId;
        call.owner = owner;
        call.request = request;
        call.leg = leg;
        call.timer = timers.schedule(clock.nowNs() + openTimeoutMs * EngineContext.NANOS_PER_MILLI, this, null, openCallId);
        calls.put(openCallId, call);

        return openCallId;
    }

    /**
     * Emits the call begun last without waiting for it: its reply, if any, will be ignored.
     *
     * @return the call id.
     */
    long commitFireAndForget()
    {
        if (!openFireAndForget)
        {
            throw new IllegalStateException("call " + openCallId + " was begun as waited-for");
        }
        finishBody();
        return openCallId;
    }

    /**
     * Completes the call an {@code UpstreamReply} ends, if it is still waited for.
     *
     * @param callId from the reply.
     * @param reply  the reply.
     * @return true if the call was known.
     */
    boolean onReply(final long callId, final UpstreamReplyView reply)
    {
        final PendingCall call = calls.remove(callId);
        if (null == call)
        {
            return false;
        }
        timers.cancel(call.timer);
        call.timer = null;
        dispatch(call, reply);
        return true;
    }

    /**
     * Stops waiting for a call (its owner no longer cares); a no-op for an unknown id.
     *
     * @param callId to forget.
     */
    void cancel(final long callId)
    {
        final PendingCall call = calls.remove(callId);
        if (null != call)
        {
            timers.cancel(call.timer);
            release(call);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onTimer(final Object context, final long callId)
    {
        final PendingCall call = calls.remove(callId);
        if (null != call)
        {
            call.timer = null;
            timeoutView.timeout();
            dispatch(call, timeoutView);
        }
    }

    long nextCallId()
    {
        return nextCallId;
    }

    void restoreNextCallId(final long nextCallId)
    {
        this.nextCallId = nextCallId;
    }

    int size()
    {
        return calls.size();
    }

    int pooledInUse()
    {
        return pool.inUse();
    }

    private void finishBody()
    {
        openWriter.end();
        openWriter = null;
        commands.commitUpstreamCall();
    }

    private void dispatch(final PendingCall call, final UpstreamReplyView reply)
    {
        final CallOwner owner = call.owner;
        final Object request = call.request;
        final int leg = call.leg;
        final long callId = call.callId;
        release(call);
        owner.onCallComplete(request, leg, callId, reply);
    }

    private void release(final PendingCall call)
    {
        call.owner = null;
        call.request = null;
        call.timer = null;
        pool.release(call);
    }
}
