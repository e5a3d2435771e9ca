package io.boostj.perf;

import io.netty.buffer.ByteBuf;

import java.util.concurrent.atomic.LongAdder;

/**
 * How a {@link FanoutSubscribers} connection tells when a message was meant to be sent: {@link PrefixTiming} reads
 * it from the message ({@link FanoutSource}'s {@code {"t":NS,"s":SEQ,} prefix), {@link OrderTiming} from the order of
 * arrival (the k-th message of a connection is the k-th the builder sent; the sidecar re-encodes flashblocks, so no
 * extra field survives).
 */
interface FanoutTiming
{
    /** @return the state of one new connection (called on its I/O thread, used only there). */
    Clock newConnection();

    /** @return messages that did not fit their place in the stream, over all connections, ever (0 when not checked). */
    default long mismatched()
    {
        return 0;
    }

    /** One connection's view of the stream. */
    interface Clock
    {
        /**
         * @param message the frame's payload (not consumed).
         * @param lost    where messages found missing are added.
         * @return the message's intended send {@code System.nanoTime()}, or -1 when it cannot be timed (not recorded).
         */
        long intendedNs(ByteBuf message, LongAdder lost);
    }
}
