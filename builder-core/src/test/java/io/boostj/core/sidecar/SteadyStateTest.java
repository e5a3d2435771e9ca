package io.boostj.core.sidecar;

import io.boostj.core.CommandSink;
import io.boostj.core.sidecar.SidecarHarness.Reply;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.PayloadStatus;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static io.boostj.core.sidecar.SidecarHarness.hash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SteadyStateTest
{
    private static final int CALLS_PER_ROUND = 7;

    /**
     * Encodes {@code rounds} block rounds (FCU with attributes, getPayload with the builder validated, newPayload),
     * knowing the call ids the engine will use: 7 per round.
     */
    private static List<byte[]> rounds(final int rounds, final int variant)
    {
        final SidecarHarness gen = SidecarHarness.quietHarness();
        gen.dispatch = false;
        for (int r = 0; r < rounds; r++)
        {
            final long base = (long)r * CALLS_PER_ROUND + 1;
            final byte[] parent = hash(r & 0x7f);
            final byte[] block = hash((r + 1) & 0x7f);
            final long l2Id = 0x0300000000000000L + r;
            final long builderId = 0x0400000000000000L + r;
            final boolean v4 = (r & 1) == 0;

            gen.advanceMs(50);
            gen.fcu(parent, true, false);
            gen.reply(base, Reply.fcuValid(l2Id));
            gen.reply(base + 1, Reply.fcuValid(builderId));

            gen.advanceMs(900);
            gen.getPayload(v4 ? EngineMethod.GET_PAYLOAD_V4 : EngineMethod.GET_PAYLOAD_V3, l2Id);
            gen.reply(base + 2, Reply.payload(1, 1000, v4));
            if (1 == variant && r % 5 == 0)
            {
                gen.tickAfterMs(1000);
                gen.reply(base + 3, Reply.payload(2, 2000, v4));
            }
            else
            {
                gen.reply(base + 3, Reply.payload(2, 2000, v4));
                gen.reply(base + 4, Reply.status(r % 3 == 0 ? PayloadStatus.SYNCING : PayloadStatus.VALID));
            }

            gen.advanceMs(50);
            gen.newPayload(v4 ? EngineMethod.NEW_PAYLOAD_V4 : EngineMethod.NEW_PAYLOAD_V3, block, parent);
            gen.reply(base + 5, Reply.status(PayloadStatus.VALID));
            gen.advanceMs(1000);
            gen.tick();
        }
        return gen.events;
    }

    @Test
    void shouldLeaveNothingBehindAfterTenThousandRounds()
    {
        for (final int variant : new int[]{ 0, 1 })
        {
            final List<byte[]> events = rounds(10_000, variant);
            final long[] replies = new long[1];
            final SidecarHarness h = SidecarHarness.quietHarness();
            final SidecarEngine engine = new SidecarEngine(h.config, (buffer, offset, length) -> replies[0]++);
            final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 * 1024);
            for (final byte[] event : events)
            {
                buffer.putBytes(0, event);
                engine.onEvent(buffer, 0, event.length);
            }
            assertEquals(0, engine.pendingCalls());
            assertEquals(0, engine.pendingTimers());
            assertEquals(0, engine.payloadIdMapSize());
            assertEquals(0, engine.requestsInFlight());
            assertEquals(Long.MAX_VALUE, engine.nextDeadlineNs());
            assertTrue(replies[0] >= 10_000 * 9L, "every round emitted its commands: " + replies[0]);
        }
    }

    @Test
    void shouldNotAllocateInSteadyState()
    {
        final List<byte[]> events = rounds(6_000, 1);
        final ExpandableArrayBuffer all = new ExpandableArrayBuffer(events.size() * 512);
        final int[] offsets = new int[events.size() + 1];
        int position = 0;
        for (int i = 0; i < events.size(); i++)
        {
            offsets[i] = position;
            all.putBytes(position, events.get(i));
            position += events.get(i).length;
        }
        offsets[events.size()] = position;

        final long[] commandBytes = new long[1];
        final CommandSink sink = (buffer, offset, length) -> commandBytes[0] += length;
        final SidecarEngine engine = new SidecarEngine(SidecarHarness.quiet(), sink);
        final int half = events.size() / 2;
        for (int i = 0; i < half; i++)
        {
            engine.onEvent(all, offsets[i], offsets[i + 1] - offsets[i]);
        }

        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        long allocated = 0;
        int allocatingEvents = 0;
        for (int i = half, n = events.size(); i < n; i++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            engine.onEvent(all, offsets[i], offsets[i + 1] - offsets[i]);
            final long bytes = threads.getCurrentThreadAllocatedBytes() - before;
            if (bytes > 0)
            {
                allocated += bytes;
                allocatingEvents++;
            }
        }

        // The JVM itself may allocate a few bytes on this thread now and then (for example when a deoptimised frame
        // rematerialises scalar-replaced objects); an allocating engine would show up on every round.
        assertTrue(commandBytes[0] > 0);
        assertTrue(allocatingEvents <= 5 && allocated < 8192,
            allocated + " bytes in " + allocatingEvents + " of " + (events.size() - half) + " events");
    }
}
