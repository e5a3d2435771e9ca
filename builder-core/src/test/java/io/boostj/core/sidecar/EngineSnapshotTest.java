package io.boostj.core.sidecar;

import io.boostj.core.sidecar.RecordingSink.EngineSnapshot;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.ExecutionModeCode;
import io.boostj.sbe.HealthCode;
import io.boostj.sbe.SnapshotStatus;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;

import static io.boostj.core.sidecar.SidecarHarness.Reply;
import static io.boostj.core.sidecar.SidecarHarness.calls;
import static io.boostj.core.sidecar.SidecarHarness.hash;
import static io.boostj.core.sidecar.SidecarHarness.ofType;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Journal snapshots: an engine restored from an {@code EngineSnapshot} and fed the events that followed its request
 * emits, byte for byte, the commands the original engine emitted after the snapshot.
 */
class EngineSnapshotTest
{
    @Test
    void shouldContinueFromEverySnapshotExactlyAsTheOriginalEngineDid()
    {
        for (final long seed : new long[]{ 21, 22, 23 })
        {
            final SidecarHarness live = DeterminismTest.randomRun(seed, seed == 23, 10);
            final List<RecordingSink.Command> commands = live.sink.commands();
            int taken = 0;
            int busy = 0;
            for (int c = 0; c < commands.size(); c++)
            {
                if (commands.get(c) instanceof EngineSnapshot snapshot)
                {
                    if (SnapshotStatus.BUSY == snapshot.status())
                    {
                        busy++;
                    }
                    else
                    {
                        taken++;
                        assertContinuesIdentically(live, c, "seed " + seed);
                    }
                }
            }
            assertTrue(taken >= 10, "seed " + seed + " took " + taken + " snapshots");
            assertTrue(busy >= 10, "seed " + seed + " met a busy engine " + busy + " times");
        }
    }

    @Test
    void shouldCarryAnOpenFlashblockRoundAcrossASnapshot()
    {
        final SidecarHarness live = new SidecarHarness(SidecarHarness.quiet().flashblocks(true).blockHashCheck(false));
        live.fcu(hash(1), true, false);
        for (final RecordingSink.UpstreamCall call : calls(live.newCommands()))
        {
            live.reply(call.callId(), Reply.fcuValid(7));
        }
        live.flashblock(7, 0, true, "{\"payload_id\":\"0x0000000000000007\",\"index\":0}");
        live.flashblock(7, 1, false, "{\"payload_id\":\"0x0000000000000007\",\"index\":1}");
        live.advanceMs(5);
        live.snapshotRequest(1);
        live.advanceMs(5);
        live.flashblock(7, 2, false, "{\"payload_id\":\"0x0000000000000007\",\"index\":2}");
        live.getPayload(EngineMethod.GET_PAYLOAD_V3, 7);
        for (final RecordingSink.UpstreamCall call : calls(live.newCommands()))
        {
            live.reply(call.callId(), Reply.payload(3, 21_000, false));
        }
        live.flashblock(7, 3, false, "{\"payload_id\":\"0x0000000000000007\",\"index\":3}");

        final List<RecordingSink.Command> commands = live.sink.commands();
        int snapshotAt = -1;
        for (int c = 0; c < commands.size(); c++)
        {
            if (commands.get(c) instanceof EngineSnapshot)
            {
                snapshotAt = c;
            }
        }
        final SidecarEngine restored = assertContinuesIdentically(live, snapshotAt, "open round");
        assertEquals(3, restored.flashblocksAccepted(), "two before the snapshot, one after");
    }

    @Test
    void shouldAnswerBusyWhileACallIsInFlightAndTakenOnceItEnded()
    {
        final SidecarHarness h = SidecarHarness.quietHarness();
        h.fcu(hash(1), true, false);
        final List<RecordingSink.UpstreamCall> open = calls(h.newCommands());
        h.snapshotRequest(1);
        assertEquals(SnapshotStatus.BUSY, ofType(h.newCommands(), EngineSnapshot.class).get(0).status());

        for (final RecordingSink.UpstreamCall call : open)
        {
            h.reply(call.callId(), Reply.fcuValid(7));
        }
        h.newCommands();
        h.snapshotRequest(2);
        final EngineSnapshot snapshot = ofType(h.newCommands(), EngineSnapshot.class).get(0);
        assertEquals(SnapshotStatus.TAKEN, snapshot.status());
        assertEquals(2, snapshot.snapshotId());
        assertEquals(5, snapshot.eventsApplied(), "FCU, the busy request, two replies and this request");
    }

    @Test
    void shouldCarryHealthExecutionModeAndConfiguration()
    {
        final SidecarConfig config = SidecarHarness.quiet().builderTimeoutMs(321).payloadIdCacheSize(7);
        final SidecarHarness h = new SidecarHarness(config);
        h.executionMode(true, ExecutionModeCode.DRY_RUN);
        h.snapshotRequest(9);
        final EngineSnapshot snapshot = ofType(h.newCommands(), EngineSnapshot.class).get(0);

        final RecordingSink sink = new RecordingSink();
        final SidecarEngine restored = SidecarEngine.fromSnapshot(
            new UnsafeBuffer(snapshot.message()), 0, snapshot.message().length, sink);
        assertEquals(ExecutionModeCode.DRY_RUN, restored.executionMode());
        assertEquals(HealthCode.HEALTHY, restored.health());
        final SidecarHarness after = new SidecarHarness(config, restored, sink);
        after.nowNs = h.nowNs;
        after.fcu(hash(2), true, false);
        final RecordingSink.UpstreamCall toBuilder = SidecarHarness.single(
            calls(after.newCommands()), SidecarHarness.to(io.boostj.sbe.Target.BUILDER, EngineMethod.FORKCHOICE_UPDATED_V3));
        assertEquals(321, toBuilder.timeoutMs(), "builder timeout from the configuration the snapshot carries");
    }

    @Test
    void shouldRefuseToRestoreFromABusySnapshotOrAnotherMessage()
    {
        final SidecarHarness h = SidecarHarness.quietHarness();
        h.fcu(hash(1), true, false);
        h.snapshotRequest(3);
        final EngineSnapshot busy = ofType(h.newCommands(), EngineSnapshot.class).get(0);
        final IllegalArgumentException notTaken = assertThrows(IllegalArgumentException.class,
            () -> SidecarEngine.fromSnapshot(new UnsafeBuffer(busy.message()), 0, busy.message().length,
                new RecordingSink()));
        assertEquals("snapshot 3 was not taken (BUSY)", notTaken.getMessage());

        final byte[] tick = h.events.get(0);
        final IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
            () -> SidecarEngine.fromSnapshot(new UnsafeBuffer(tick), 0, tick.length, new RecordingSink()));
        assertTrue(other.getMessage().startsWith("not an EngineSnapshot"), other.getMessage());
    }

    /**
     * Restores an engine from the snapshot at command index {@code snapshotAt} of a live run, feeds it the live
     * events after the snapshot's request and checks it emits the live commands after the snapshot, byte for byte.
     */
    private static SidecarEngine assertContinuesIdentically(
        final SidecarHarness live, final int snapshotAt, final String what)
    {
        final EngineSnapshot snapshot = (EngineSnapshot)live.sink.commands().get(snapshotAt);
        final List<byte[]> commandBytes = live.sink.commandBytes();
        final RecordingSink sink = new RecordingSink();
        final SidecarEngine restored = SidecarEngine.fromSnapshot(
            new UnsafeBuffer(snapshot.message()), 0, snapshot.message().length, sink);
        final SidecarHarness replay = new SidecarHarness(live.config, restored, sink);
        for (int e = (int)snapshot.eventsApplied(); e < live.events.size(); e++)
        {
            replay.sendRaw(live.events.get(e));
        }
        assertArrayEquals(concat(commandBytes.subList(snapshotAt + 1, commandBytes.size())), sink.streamBytes(),
            what + ": commands after snapshot " + snapshot.snapshotId());
        assertEquals(live.engine.healthCode(), restored.healthCode(), what);
        assertEquals(live.engine.nextDeadlineNs(), restored.nextDeadlineNs(), what);
        assertEquals(live.engine.eventsApplied(), restored.eventsApplied(), what);
        return restored;
    }

    private static byte[] concat(final List<byte[]> parts)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
