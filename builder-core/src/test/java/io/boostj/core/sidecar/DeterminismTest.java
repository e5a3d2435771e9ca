package io.boostj.core.sidecar;

import io.boostj.core.sidecar.RecordingSink.UpstreamCall;
import io.boostj.core.sidecar.SidecarHarness.Reply;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.ExecutionModeCode;
import io.boostj.sbe.PayloadStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.boostj.core.sidecar.SidecarHarness.calls;
import static io.boostj.core.sidecar.SidecarHarness.hash;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeterminismTest
{
    private static SidecarConfig config()
    {
        return new SidecarConfig()
            .healthCheckIntervalMs(2_000)
            .maxUnsafeIntervalS(5)
            .builderTimeoutMs(300)
            .l2TimeoutMs(500)
            .getPayloadDeadlineMs(400)
            .selectionPolicyGasUsed(true)
            .payloadIdCacheSize(4);
    }

    /**
     * Drives an engine with a random but seeded mix of requests and upstream outcomes, answering calls out of order,
     * late, wrongly or never.
     */
    static SidecarHarness randomRun(final long seed, final boolean externalStateRoot)
    {
        return randomRun(seed, externalStateRoot, 0);
    }

    /**
     * {@link #randomRun(long, boolean)}, with flashblocks on and a {@code SnapshotRequest} every
     * {@code snapshotEverySteps} steps when that is positive.
     */
    static SidecarHarness randomRun(final long seed, final boolean externalStateRoot, final int snapshotEverySteps)
    {
        final Random random = new Random(seed);
        final SidecarHarness h = new SidecarHarness(
            config().externalStateRoot(externalStateRoot).ignoreUnhealthyBuilders(seed % 2 == 1)
                .flashblocks(snapshotEverySteps > 0));
        final List<UpstreamCall> open = new ArrayList<>();
        for (int step = 0; step < 3_000; step++)
        {
            h.advanceMs(random.nextInt(60));
            if (snapshotEverySteps > 0 && 0 == step % snapshotEverySteps)
            {
                h.snapshotRequest(step);
            }
            final int action = random.nextInt(100);
            if (action < 12)
            {
                h.fcu(hash(random.nextInt(4)), random.nextInt(3) > 0, random.nextInt(5) == 0);
            }
            else if (action < 22)
            {
                h.getPayload(random.nextBoolean() ? EngineMethod.GET_PAYLOAD_V3 : EngineMethod.GET_PAYLOAD_V4,
                    random.nextInt(3));
            }
            else if (action < 28)
            {
                h.newPayload(EngineMethod.NEW_PAYLOAD_V3, hash(random.nextInt(4)), hash(random.nextInt(4)));
            }
            else if (action < 30)
            {
                h.executionMode(random.nextBoolean(), ExecutionModeCode.get((short)(1 + random.nextInt(3))));
            }
            else if (action < 31)
            {
                h.engineCall(random.nextBoolean() ? EngineMethod.EXCHANGE_CAPABILITIES : EngineMethod.UNSUPPORTED_ENGINE,
                    "engine_x", "[]");
            }
            else if (action < 40)
            {
                h.tick();
            }
            else if (snapshotEverySteps > 0 && action < 50)
            {
                final long index = random.nextInt(4);
                h.flashblock(random.nextInt(3), index, 0 == index, "{\"index\":" + index + "}");
            }
            else if (!open.isEmpty())
            {
                final UpstreamCall call = open.remove(random.nextInt(open.size()));
                if (random.nextInt(10) > 0)
                {
                    h.reply(call.callId(), randomReply(random, call));
                }
            }
            open.addAll(calls(h.newCommands()));
        }
        return h;
    }

    private static Reply randomReply(final Random random, final UpstreamCall call)
    {
        final int kind = random.nextInt(10);
        if (kind == 0)
        {
            return Reply.transportError("reset");
        }
        if (kind == 1)
        {
            return Reply.rpcError(-38001, "Unknown payload");
        }
        switch (call.method())
        {
            case FORKCHOICE_UPDATED_V3:
                return kind == 2 ? Reply.fcuInvalid() : Reply.fcuValid(random.nextInt(3));
            case GET_PAYLOAD_V3:
            case GET_PAYLOAD_V4:
            case GET_PAYLOAD_V5:
                return Reply.payload(random.nextInt(5), random.nextInt(1000), call.method() != EngineMethod.GET_PAYLOAD_V3);
            case NEW_PAYLOAD_V3:
            case NEW_PAYLOAD_V4:
                return Reply.status(random.nextBoolean() ?
                    PayloadStatus.VALID : PayloadStatus.get((short)(1 + random.nextInt(4))));
            case ETH_GET_BLOCK_BY_NUMBER:
                return Reply.block(SidecarHarness.T0_S + random.nextInt(200));
            default:
                return Reply.result("[]");
        }
    }

    @Test
    void shouldProduceIdenticalCommandBytesWhenReplayingTheSameEvents()
    {
        for (final long seed : new long[]{ 6, 7, 8 })
        {
            final SidecarHarness live = randomRun(seed, seed == 8);
            assertTrue(live.sink.commands().size() > 1_000, "the run exercised the engine");

            final SidecarHarness replay = new SidecarHarness(live.config);
            for (final byte[] event : live.events)
            {
                replay.sendRaw(event);
            }
            assertArrayEquals(live.sink.streamBytes(), replay.sink.streamBytes());
            assertEquals(live.engine.healthCode(), replay.engine.healthCode());
            assertEquals(live.engine.nextDeadlineNs(), replay.engine.nextDeadlineNs());
        }
    }

    @Test
    void shouldProduceIdenticalCommandsForTwoEnginesFedInLockstep()
    {
        final SidecarHarness a = randomRun(11, false);
        final SidecarHarness b = randomRun(11, false);
        assertEquals(a.events.size(), b.events.size());
        assertArrayEquals(a.sink.streamBytes(), b.sink.streamBytes());
    }
}
