package io.boostj.core.sidecar;

import io.boostj.core.sidecar.RecordingSink.BlockDecision;
import io.boostj.core.sidecar.RecordingSink.Command;
import io.boostj.core.sidecar.RecordingSink.UpstreamCall;
import io.boostj.core.sidecar.SidecarHarness.Reply;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.ExecutionModeCode;
import io.boostj.sbe.PayloadSource;
import io.boostj.sbe.PayloadStatus;
import io.boostj.sbe.Target;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static io.boostj.core.sidecar.SidecarHarness.calls;
import static io.boostj.core.sidecar.SidecarHarness.decisions;
import static io.boostj.core.sidecar.SidecarHarness.hash;
import static io.boostj.core.sidecar.SidecarHarness.replies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rows of upstream's integration table (reference §6) at the decision level: a driver plays op-node (FCU with
 * attributes, getPayload, newPayload, FCU to the new head) and both execution clients, the builder misbehaving on
 * demand, and reads which block each getPayload returned.
 */
class ScenarioTest
{
    enum Builder
    {
        /** Answers everything correctly. */
        OK,
        /** Paused container: every call fails at the transport. */
        DOWN,
        /** Answers later than the builder timeout. */
        DELAYED,
        /** Returns a block L2 rejects (stateRoot zeroed). */
        INCORRECT
    }

    private static final class Driver
    {
        final SidecarHarness h;
        Builder builder = Builder.OK;
        int block;
        long blockTimeMs = 1000;
        /** The builder's head block timestamp its probe reports; negative means "now" (fresh). */
        long builderHeadS = -1;

        Driver(final SidecarConfig config)
        {
            h = new SidecarHarness(config);
        }

        PayloadSource produceBlock(final boolean noTxPool)
        {
            final int n = ++block;
            final long l2Id = 0x0300000000000000L + n;
            final long builderId = 0x0400000000000000L + n;
            final byte[] parent = hash(n);
            final byte[] next = hash(n + 1);
            final boolean v4 = n > 5;

            h.fcu(parent, true, noTxPool);
            answer(Reply.fcuValid(l2Id), Reply.fcuValid(builderId), null);

            h.advanceMs(blockTimeMs);
            final long requestId = h.getPayload(v4 ? EngineMethod.GET_PAYLOAD_V4 : EngineMethod.GET_PAYLOAD_V3, l2Id);
            final Reply builderPayload = Reply.payload(2, 30_000, v4);
            final List<Command> out = answer(Reply.payload(1, 21_000, v4), builderPayload,
                builder == Builder.INCORRECT ? Reply.status(PayloadStatus.INVALID) : Reply.status(PayloadStatus.VALID));
            final List<BlockDecision> decided = decisions(out);
            assertEquals(1, decided.size(), out.toString());
            assertEquals(requestId, decided.get(0).requestId());
            assertTrue(replies(out).get(0).body().contains("\"result\""));

            h.newPayload(v4 ? EngineMethod.NEW_PAYLOAD_V4 : EngineMethod.NEW_PAYLOAD_V3, next, parent);
            answer(null, null, Reply.status(PayloadStatus.VALID));
            h.fcu(next, false, false);
            answer(Reply.fcuValidNoPayload(), null, null);
            return decided.get(0).source();
        }

        /**
         * Answers every waited-for call the last request caused (and the calls those answers cause), as the ELs
         * would; a delayed builder is answered only after its timeout has fired.
         */
        List<Command> answer(final Reply l2Fcu, final Reply builderReply, final Reply l2NewPayload)
        {
            final List<Command> all = new java.util.ArrayList<>();
            final Deque<UpstreamCall> late = new ArrayDeque<>();
            List<Command> fresh = h.newCommands();
            while (!fresh.isEmpty())
            {
                all.addAll(fresh);
                for (final UpstreamCall call : calls(fresh))
                {
                    if (call.fireAndForget())
                    {
                        continue;
                    }
                    if (call.method() == EngineMethod.ETH_GET_BLOCK_BY_NUMBER)
                    {
                        final long nowS = h.nowNs / 1_000_000_000L;
                        h.reply(call.callId(), Reply.block(
                            call.target() == Target.L2 || builderHeadS < 0 ? nowS : builderHeadS));
                    }
                    else if (call.target() == Target.BUILDER)
                    {
                        switch (builder)
                        {
                            case DOWN -> h.reply(call.callId(), Reply.transportError("connection refused"));
                            case DELAYED -> late.add(call);
                            default -> h.reply(call.callId(), builderReply);
                        }
                    }
                    else if (call.method() == EngineMethod.FORKCHOICE_UPDATED_V3)
                    {
                        h.reply(call.callId(), l2Fcu);
                    }
                    else if (call.method() == EngineMethod.NEW_PAYLOAD_V3 || call.method() == EngineMethod.NEW_PAYLOAD_V4)
                    {
                        h.reply(call.callId(), l2NewPayload);
                    }
                    else
                    {
                        h.reply(call.callId(), Reply.payload(1, 21_000, call.method() != EngineMethod.GET_PAYLOAD_V3));
                    }
                }
                fresh = h.newCommands();
                if (fresh.isEmpty() && !late.isEmpty())
                {
                    h.tickAfterMs(h.config.builderTimeoutMs());
                    while (!late.isEmpty())
                    {
                        h.reply(late.poll().callId(), builderReply);
                    }
                    fresh = h.newCommands();
                }
            }
            return all;
        }
    }

    @Test
    void shouldBuildEveryBlockWithTheBuilderAcrossTheV3ToV4Transition()
    {
        final Driver d = new Driver(SidecarHarness.quiet());
        for (int i = 0; i < 10; i++)
        {
            assertEquals(PayloadSource.BUILDER, d.produceBlock(false), "block " + (i + 1));
        }
        assertEquals(200, d.h.engine.healthCode());
    }

    @Test
    void shouldUseL2ForNoTxPoolBlocksThenBuilderAgain()
    {
        final Driver d = new Driver(SidecarHarness.quiet());
        for (int i = 0; i < 5; i++)
        {
            assertEquals(PayloadSource.L2, d.produceBlock(true));
        }
        assertEquals(206, d.h.engine.healthCode());
        for (int i = 0; i < 5; i++)
        {
            assertEquals(PayloadSource.BUILDER, d.produceBlock(false));
        }
        assertEquals(200, d.h.engine.healthCode());
    }

    @Test
    void shouldFallBackWhileRemoteBuilderIsDownAndRecover()
    {
        final Driver d = new Driver(SidecarHarness.quiet());
        for (int i = 0; i < 3; i++)
        {
            assertEquals(PayloadSource.BUILDER, d.produceBlock(false));
        }
        d.builder = Builder.DOWN;
        for (int i = 0; i < 3; i++)
        {
            assertEquals(PayloadSource.L2, d.produceBlock(false));
            assertEquals(206, d.h.engine.healthCode());
        }
        d.builder = Builder.OK;
        assertEquals(PayloadSource.BUILDER, d.produceBlock(false));
        assertEquals(200, d.h.engine.healthCode());
    }

    @Test
    void shouldKeepTheChainGoingWhenBuilderIsSlowerThanItsTimeout()
    {
        final Driver d = new Driver(SidecarHarness.quiet());
        assertEquals(PayloadSource.BUILDER, d.produceBlock(false));
        d.builder = Builder.DELAYED;
        for (int i = 0; i < 3; i++)
        {
            assertEquals(PayloadSource.L2, d.produceBlock(false));
        }
        d.builder = Builder.OK;
        assertEquals(PayloadSource.BUILDER, d.produceBlock(false));
    }

    @Test
    void shouldBuildThirtyConsecutiveBlocksWithZeroBlockTime()
    {
        final Driver d = new Driver(SidecarHarness.quiet());
        d.blockTimeMs = 0;
        for (int i = 0; i < 30; i++)
        {
            assertEquals(PayloadSource.BUILDER, d.produceBlock(false));
        }
    }

    @Test
    void shouldRejectIncorrectBuilderBlocks()
    {
        final Driver d = new Driver(SidecarHarness.quiet());
        d.builder = Builder.INCORRECT;
        for (int i = 0; i < 3; i++)
        {
            assertEquals(PayloadSource.L2, d.produceBlock(false));
        }
    }

    @Test
    void shouldFollowExecutionModeSwitches()
    {
        final Driver d = new Driver(SidecarHarness.quiet());
        assertEquals(PayloadSource.BUILDER, d.produceBlock(false));
        d.h.executionMode(true, ExecutionModeCode.DRY_RUN);
        assertEquals(PayloadSource.L2, d.produceBlock(false));
        d.h.executionMode(true, ExecutionModeCode.ENABLED);
        assertEquals(PayloadSource.BUILDER, d.produceBlock(false));

        d.h.executionMode(true, ExecutionModeCode.DISABLED);
        final long builderCallsBefore = d.h.builderEngineCallCount();
        for (int i = 0; i < 5; i++)
        {
            assertEquals(PayloadSource.L2, d.produceBlock(false));
        }
        assertEquals(builderCallsBefore, d.h.builderEngineCallCount(), "zero builder engine calls while disabled");
        assertEquals(200, d.h.engine.healthCode());
    }

    @Test
    void shouldSendNoTrafficToUnhealthyBuilderWhenIgnoringUnhealthyBuilders()
    {
        final Driver d = new Driver(new SidecarConfig()
            .ignoreUnhealthyBuilders(true).healthCheckIntervalMs(1000).maxUnsafeIntervalS(1));
        d.h.tick();
        d.answer(null, null, null);
        assertEquals(200, d.h.engine.healthCode());
        d.h.executionMode(true, ExecutionModeCode.DISABLED);
        d.h.newCommands();
        for (int i = 0; i < 3; i++)
        {
            assertEquals(PayloadSource.L2, d.produceBlock(false));
        }
        d.h.executionMode(true, ExecutionModeCode.ENABLED);
        d.h.newCommands();

        d.builderHeadS = SidecarHarness.T0_S;
        d.h.tickAfterMs(2000);
        d.answer(null, null, null);
        assertEquals(206, d.h.engine.healthCode(), "the builder's head is stale");

        final long builderCallsBefore = d.h.builderEngineCallCount();
        d.blockTimeMs = 100;
        for (int i = 0; i < 5; i++)
        {
            assertEquals(PayloadSource.L2, d.produceBlock(false));
        }
        assertEquals(builderCallsBefore, d.h.builderEngineCallCount(), "zero builder engine calls while unhealthy");
    }
}
