package io.boostj.perf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FanoutTimingTest
{
    private static ByteBuf flashblock(final int index)
    {
        return Unpooled.copiedBuffer("{\"payload_id\":\"0x0123456789abcdef\",\"index\":" + index +
            ",\"diff\":{\"withdrawals\":[{\"index\":\"0x7\"}]}}", StandardCharsets.US_ASCII);
    }

    /** intended time of send k: 1000 + k. */
    private static AtomicLongArray sends(final int count)
    {
        final AtomicLongArray a = new AtomicLongArray(count + 4);
        for (int k = 0; k < count; k++)
        {
            a.set(k, 1000 + k);
        }
        return a;
    }

    @Test
    void readsTheTopLevelIndex()
    {
        assertEquals(7, OrderTiming.index(flashblock(7)));
        assertEquals(123, OrderTiming.index(flashblock(123)));
        assertEquals(-1, OrderTiming.index(Unpooled.copiedBuffer("{\"payload_id\":\"0x01\"}", StandardCharsets.US_ASCII)));
        assertEquals(-1, OrderTiming.index(Unpooled.copiedBuffer("{\"index\":}", StandardCharsets.US_ASCII)));
        final ByteBuf offset = Unpooled.copiedBuffer("xx{\"index\":4}", StandardCharsets.US_ASCII);
        offset.readerIndex(2);
        assertEquals(4, OrderTiming.index(offset));
    }

    @Test
    void inOrderMessagesGetTheirSendTimesAndNoMismatch()
    {
        final OrderTiming timing = new OrderTiming(sends(9), 3);
        final FanoutTiming.Clock clock = timing.newConnection();
        final LongAdder lost = new LongAdder();
        for (int k = 0; k < 9; k++)
        {
            assertEquals(1000 + k, clock.intendedNs(flashblock(k % 3), lost));
        }
        assertEquals(0, lost.sum());
        assertEquals(0, timing.mismatched());
    }

    @Test
    void aSkippedMessageIsAMismatchAndTheClockResynchronises()
    {
        final OrderTiming timing = new OrderTiming(sends(12), 4);
        final FanoutTiming.Clock clock = timing.newConnection();
        final LongAdder lost = new LongAdder();
        assertEquals(1000, clock.intendedNs(flashblock(0), lost));
        // index 1 lost: index 2 is send 2
        assertEquals(1002, clock.intendedNs(flashblock(2), lost));
        assertEquals(1, lost.sum());
        assertEquals(1, timing.mismatched());
        // index 3 lost, and 0 of the next round arrives: send 4
        assertEquals(1004, clock.intendedNs(flashblock(0), lost));
        assertEquals(2, lost.sum());
        assertEquals(2, timing.mismatched());
        assertEquals(1005, clock.intendedNs(flashblock(1), lost));
        assertEquals(2, timing.mismatched());
    }

    @Test
    void connectionsKeepTheirOwnOrderButShareTheMismatchCount()
    {
        final OrderTiming timing = new OrderTiming(sends(4), 2);
        final FanoutTiming.Clock a = timing.newConnection();
        final FanoutTiming.Clock b = timing.newConnection();
        final LongAdder lost = new LongAdder();
        assertEquals(1000, a.intendedNs(flashblock(0), lost));
        assertEquals(1001, a.intendedNs(flashblock(1), lost));
        assertEquals(1000, b.intendedNs(flashblock(0), lost));
        // b lost index 1: its next index 0 is the next round's, send 2
        assertEquals(1002, b.intendedNs(flashblock(0), lost));
        assertEquals(1, timing.mismatched());
        assertEquals(1, lost.sum());
    }

    @Test
    void untimeableMessagesAreMismatchesNotRecorded()
    {
        final OrderTiming timing = new OrderTiming(sends(2), 2);
        final FanoutTiming.Clock clock = timing.newConnection();
        final LongAdder lost = new LongAdder();
        assertEquals(-1, clock.intendedNs(flashblock(5), lost));
        assertEquals(1, timing.mismatched());
        assertEquals(-1, clock.intendedNs(Unpooled.copiedBuffer("{}", StandardCharsets.US_ASCII), lost));
        assertEquals(2, timing.mismatched());
        // past the recorded sends (array length 6, sends 0..1 set): ordinal 2 is unset, ordinal 6 beyond the array
        assertEquals(-1, clock.intendedNs(flashblock(0), lost));
        assertEquals(2, timing.mismatched());
    }

    @Test
    void prefixTimingReadsTheTimeAndCountsSequenceGaps()
    {
        final FanoutTiming.Clock clock = PrefixTiming.INSTANCE.newConnection();
        final LongAdder lost = new LongAdder();
        assertEquals(123456789L, clock.intendedNs(prefix(123456789L, 0), lost));
        assertEquals(123456999L, clock.intendedNs(prefix(123456999L, 1), lost));
        assertEquals(0, lost.sum());
        assertEquals(5L, clock.intendedNs(prefix(5L, 4), lost));
        assertEquals(2, lost.sum());
        assertEquals(0, PrefixTiming.INSTANCE.mismatched());
    }

    private static ByteBuf prefix(final long t, final long s)
    {
        return Unpooled.copiedBuffer("{\"t\":" + t + ",\"s\":" + s + ",\"p\":\"abc\"}", StandardCharsets.US_ASCII);
    }
}
