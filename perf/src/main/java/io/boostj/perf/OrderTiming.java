package io.boostj.perf;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Flashblocks timed by arrival order: the k-th message of a connection is the k-th the builder sent, whose intended
 * send time the builder side stored in {@code intendedNs[k]} before sending it; rounds are {@code roundSize}
 * flashblocks long, so message k must carry {@code "index":k % roundSize} (the first {@code "index":} of the
 * message, the top-level one in the sidecar's compact encoding). A message whose index does not match is a
 * mismatch: the connection resynchronises on the index it got (the next message with that index: later in the same
 * round, else in the next round), counts the skipped messages as lost and the message itself as a mismatch, and times
 * it against the send it resynchronised to. A message past the recorded sends, or without an index, is a mismatch and
 * is not timed.
 */
final class OrderTiming implements FanoutTiming
{
    private static final byte[] INDEX = "\"index\":".getBytes(StandardCharsets.US_ASCII);

    private final AtomicLongArray intendedNs;
    private final int roundSize;
    private final LongAdder mismatched = new LongAdder();

    OrderTiming(final AtomicLongArray intendedNs, final int roundSize)
    {
        if (roundSize < 1)
        {
            throw new IllegalArgumentException("roundSize must be at least 1");
        }
        this.intendedNs = intendedNs;
        this.roundSize = roundSize;
    }

    @Override
    public long mismatched()
    {
        return mismatched.sum();
    }

    @Override
    public Clock newConnection()
    {
        return new OrdinalClock();
    }

    /** @return the value of the first {@code "index":} in {@code b}, or -1 when there is none. */
    static int index(final ByteBuf b)
    {
        final int end = b.writerIndex() - INDEX.length;
        outer:
        for (int i = b.readerIndex(); i <= end; i++)
        {
            for (int j = 0; j < INDEX.length; j++)
            {
                if (b.getByte(i + j) != INDEX[j])
                {
                    continue outer;
                }
            }
            int value = -1;
            byte c;
            for (int at = i + INDEX.length; at < b.writerIndex() && (c = b.getByte(at)) >= '0' && c <= '9'; at++)
            {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
            }
            return value;
        }
        return -1;
    }

    private final class OrdinalClock implements Clock
    {
        private int next;

        @Override
        public long intendedNs(final ByteBuf message, final LongAdder lost)
        {
            final int index = index(message);
            if (index < 0 || index >= roundSize)
            {
                mismatched.increment();
                next++;
                return -1;
            }
            int k = next;
            final int expected = k % roundSize;
            if (index != expected)
            {
                mismatched.increment();
                final int skipped = index > expected ? index - expected : roundSize - expected + index;
                lost.add(skipped);
                k += skipped;
            }
            next = k + 1;
            if (k >= intendedNs.length())
            {
                mismatched.increment();
                return -1;
            }
            final long t = intendedNs.get(k);
            return 0 == t ? -1 : t;
        }
    }
}
