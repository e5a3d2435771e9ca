package io.boostj.ring;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageRingTest
{
    @Test
    void shouldDeliverEveryMessageInOrderToEveryConsumer() throws Exception
    {
        final MessageRing ring = new MessageRing("t", 64, 16, true, WaitStrategies.byName("phased"));
        final List<Integer> a = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> b = Collections.synchronizedList(new ArrayList<>());
        final int count = 10_000;
        final CountDownLatch done = new CountDownLatch(2);
        ring.addConsumer((seq, slot, end) -> record(a, slot.buffer().getInt(0), count, done));
        ring.addConsumer((seq, slot, end) -> record(b, slot.buffer().getInt(0), count, done));
        ring.start(Thread::new);
        for (int i = 0; i < count; i++)
        {
            long seq;
            while ((seq = ring.tryClaim()) < 0)
            {
                Thread.onSpinWait();
            }
            final MessageSlot slot = ring.slot(seq);
            slot.buffer().putInt(0, i);
            slot.length(4);
            ring.publish(seq);
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        ring.close(1000);
        for (int i = 0; i < count; i++)
        {
            assertEquals(i, a.get(i));
            assertEquals(i, b.get(i));
        }
    }

    @Test
    void shouldRefuseClaimWhenFull() throws Exception
    {
        final MessageRing ring = new MessageRing("t", 4, 16, false, WaitStrategies.byName("blocking"));
        final CountDownLatch release = new CountDownLatch(1);
        ring.addConsumer((seq, slot, end) -> awaitQuietly(release));
        ring.start(Thread::new);
        int claimed = 0;
        while (ring.tryClaim() >= 0)
        {
            ring.publish(claimed++);
        }
        assertEquals(MessageRing.INSUFFICIENT_CAPACITY, ring.tryClaim());
        assertTrue(claimed >= 4);
        release.countDown();
        ring.close(1000);
    }

    @Test
    void shouldRejectUnknownWaitStrategy()
    {
        assertThrows(IllegalArgumentException.class, () -> WaitStrategies.byName("nope"));
    }

    @Test
    void shouldDeliverToPollerOnlyWhenPolledAndFreeSlotsAfterwards() throws Exception
    {
        final MessageRing ring = new MessageRing("t", 8, 16, false, WaitStrategies.byName("blocking"));
        final MessagePoller poller = ring.addPoller();
        final List<Integer> seen = new ArrayList<>();
        for (int round = 0; round < 5; round++)
        {
            for (int i = 0; i < 8; i++)
            {
                final long seq = ring.tryClaim();
                assertTrue(seq >= 0);
                ring.slot(seq).buffer().putInt(0, round * 8 + i);
                ring.slot(seq).length(4);
                ring.publish(seq);
            }
            assertEquals(MessageRing.INSUFFICIENT_CAPACITY, ring.tryClaim());
            assertTrue(poller.poll((seq, slot, end) -> seen.add(slot.buffer().getInt(0))));
            assertEquals(false, poller.poll((seq, slot, end) -> seen.add(-1)));
        }
        for (int i = 0; i < 40; i++)
        {
            assertEquals(i, seen.get(i));
        }
    }

    private static void record(final List<Integer> list, final int value, final int count, final CountDownLatch done)
    {
        list.add(value);
        if (list.size() == count)
        {
            done.countDown();
        }
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
