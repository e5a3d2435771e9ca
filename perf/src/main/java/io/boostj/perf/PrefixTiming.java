package io.boostj.perf;

import io.netty.buffer.ByteBuf;

import java.util.concurrent.atomic.LongAdder;

/**
 * {@link FanoutSource}'s messages: {@code {"t":INTENDED_NANOTIME,"s":SEQ,...}; sequence gaps count as lost.
 */
final class PrefixTiming implements FanoutTiming
{
    static final PrefixTiming INSTANCE = new PrefixTiming();

    private PrefixTiming()
    {
    }

    @Override
    public Clock newConnection()
    {
        return new SeqClock();
    }

    private static final class SeqClock implements Clock
    {
        private long lastSeq = -1;

        @Override
        public long intendedNs(final ByteBuf b, final LongAdder lost)
        {
            int i = b.readerIndex() + 5;
            long sentNs = 0;
            byte c;
            while ((c = b.getByte(i++)) >= '0' && c <= '9')
            {
                sentNs = sentNs * 10 + (c - '0');
            }
            i += 4;
            long seq = 0;
            while ((c = b.getByte(i++)) >= '0' && c <= '9')
            {
                seq = seq * 10 + (c - '0');
            }
            if (lastSeq >= 0 && seq > lastSeq + 1)
            {
                lost.add(seq - lastSeq - 1);
            }
            lastSeq = seq;
            return sentNs;
        }
    }
}
