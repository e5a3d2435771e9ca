package io.boostj.io.runtime;

import io.netty.channel.ChannelHandlerContext;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests handed to the engine and not yet answered: request id → the connection to answer on. Netty threads add,
 * the egress thread removes.
 */
public final class PendingRequests
{
    private final AtomicLong nextRequestId = new AtomicLong(1);
    private final ConcurrentHashMap<Long, Pending> pending = new ConcurrentHashMap<>();

    /**
     * One request waiting for the engine's reply.
     */
    public static final class Pending
    {
        /** The connection to answer on. */
        public final ChannelHandlerContext ctx;
        /** Whether the connection stays open after the answer. */
        public final boolean keepAlive;
        /** Metric label of the method. */
        public final String methodLabel;
        /** When it arrived (System.nanoTime). */
        public final long startNs;
        /** When it arrived (epoch nanoseconds, for traces). */
        public final long startEpochNs;

        Pending(final ChannelHandlerContext ctx, final boolean keepAlive, final String methodLabel, final long startNs,
            final long startEpochNs)
        {
            this.ctx = ctx;
            this.keepAlive = keepAlive;
            this.methodLabel = methodLabel;
            this.startNs = startNs;
            this.startEpochNs = startEpochNs;
        }
    }

    /**
     * @return a fresh request id.
     */
    public long nextId()
    {
        return nextRequestId.getAndIncrement();
    }

    /**
     * @param requestId   the id the engine will answer.
     * @param ctx         the connection.
     * @param keepAlive   keep-alive of the request.
     * @param methodLabel metric label.
     */
    public void add(final long requestId, final ChannelHandlerContext ctx, final boolean keepAlive, final String methodLabel)
    {
        final long epochMs = System.currentTimeMillis();
        pending.put(requestId, new Pending(ctx, keepAlive, methodLabel, System.nanoTime(), epochMs * 1_000_000L));
    }

    /**
     * @param requestId the id.
     * @return the pending request, or null if unknown (already answered or abandoned).
     */
    public Pending remove(final long requestId)
    {
        return pending.remove(requestId);
    }

    /**
     * @return number of requests waiting.
     */
    public int size()
    {
        return pending.size();
    }
}
