package io.boostj.core.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import io.boostj.core.sidecar.RecordingSink.BlockDecision;
import io.boostj.core.sidecar.RecordingSink.Command;
import io.boostj.core.sidecar.RecordingSink.HealthUpdate;
import io.boostj.core.sidecar.RecordingSink.RpcReply;
import io.boostj.core.sidecar.RecordingSink.UpstreamCall;
import io.boostj.core.sidecar.SidecarHarness.Reply;
import io.boostj.sbe.DecisionReason;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.ExecutionModeCode;
import io.boostj.sbe.HealthCause;
import io.boostj.sbe.HealthCode;
import io.boostj.sbe.PayloadSource;
import io.boostj.sbe.PayloadStatus;
import io.boostj.sbe.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static io.boostj.core.sidecar.SidecarHarness.calls;
import static io.boostj.core.sidecar.SidecarHarness.decisions;
import static io.boostj.core.sidecar.SidecarHarness.hash;
import static io.boostj.core.sidecar.SidecarHarness.healthUpdates;
import static io.boostj.core.sidecar.SidecarHarness.hex;
import static io.boostj.core.sidecar.SidecarHarness.json;
import static io.boostj.core.sidecar.SidecarHarness.quotedId;
import static io.boostj.core.sidecar.SidecarHarness.replies;
import static io.boostj.core.sidecar.SidecarHarness.single;
import static io.boostj.core.sidecar.SidecarHarness.to;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GetPayloadTest
{
    private static final long L2_ID = 0x03d2dae446d2a86aL;
    private static final long BUILDER_ID = 0x046c65ffc4d659ecL;
    private static final long L2_GAS = 1_000_000;

    /**
     * FCU with attributes answered by both; leaves the L2 id mapped to the builder id.
     */
    private static void buildStarted(final SidecarHarness h)
    {
        h.fcu(hash(1), true, false);
        final List<UpstreamCall> sent = calls(h.newCommands());
        h.reply(sent.get(0).callId(), Reply.fcuValid(L2_ID));
        h.reply(sent.get(1).callId(), Reply.fcuValid(BUILDER_ID));
        h.newCommands();
    }

    private static final class Round
    {
        final long requestId;
        final UpstreamCall l2GetPayload;
        final UpstreamCall builderGetPayload;

        Round(final long requestId, final UpstreamCall l2, final UpstreamCall builder)
        {
            this.requestId = requestId;
            this.l2GetPayload = l2;
            this.builderGetPayload = builder;
        }
    }

    private static Round getPayload(final SidecarHarness h, final EngineMethod method)
    {
        final long requestId = h.getPayload(method, L2_ID);
        final List<UpstreamCall> sent = calls(h.newCommands());
        final UpstreamCall l2 = single(sent, to(Target.L2, method));
        final UpstreamCall builder = sent.stream().filter(c -> c.target() == Target.BUILDER).findFirst().orElse(null);
        return new Round(requestId, l2, builder);
    }

    private static UpstreamCall validation(final List<Command> out)
    {
        return single(calls(out), c -> c.target() == Target.L2 &&
            (c.method() == EngineMethod.NEW_PAYLOAD_V3 || c.method() == EngineMethod.NEW_PAYLOAD_V4));
    }

    @Test
    void shouldReturnBuilderPayloadValidatedByL2NewPayload()
    {
        final SidecarHarness h = SidecarHarness.quietHarness();
        buildStarted(h);
        final Round round = getPayload(h, EngineMethod.GET_PAYLOAD_V3);

        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":" + round.l2GetPayload.callId() +
            ",\"method\":\"engine_getPayloadV3\",\"params\":[" + quotedId(L2_ID) + "]}", round.l2GetPayload.body());
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":" + round.builderGetPayload.callId() +
            ",\"method\":\"engine_getPayloadV3\",\"params\":[" + quotedId(BUILDER_ID) + "]}",
            round.builderGetPayload.body(), "the builder is asked with its own payload id");
        assertEquals(Target.BUILDER, round.builderGetPayload.target());

        final Reply l2 = Reply.payload(1, L2_GAS, false);
        final Reply builder = Reply.payload(2, L2_GAS + 5, false);
        h.reply(round.l2GetPayload.callId(), l2);
        h.reply(round.builderGetPayload.callId(), builder);
        final UpstreamCall newPayload = validation(h.newCommands());
        assertEquals(EngineMethod.NEW_PAYLOAD_V3, newPayload.method());
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":" + newPayload.callId() +
            ",\"method\":\"engine_newPayloadV3\",\"params\":[" + builder.executionPayload + ",[],\"" +
            hex(hash(8)) + "\"]}", newPayload.body());

        h.reply(newPayload.callId(), Reply.status(PayloadStatus.VALID));
        final List<Command> out = h.newCommands();
        assertTrue(healthUpdates(out).isEmpty(), "stays 200");
        final RpcReply reply = replies(out).get(0);
        assertEquals(round.requestId, reply.requestId());
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":" + round.requestId + ",\"result\":" + builder.result + "}",
            reply.body());
        final BlockDecision decision = decisions(out).get(0);
        assertEquals(PayloadSource.BUILDER, decision.source());
        assertEquals(DecisionReason.BUILDER_VALID, decision.reason());
        assertEquals(L2_ID, decision.payloadId());
        assertEquals(BUILDER_ID, decision.builderPayloadId());
        assertArrayEquals(builder.blockHash, decision.blockHash());
        assertEquals(L2_GAS, decision.l2GasUsed());
        assertEquals(L2_GAS + 5, decision.builderGasUsed());
        assertEquals(0, h.engine.pendingCalls());
        assertEquals(0, h.engine.pendingTimers());
    }

    @Test
    void shouldValidateV4PayloadWithNewPayloadV4AndExecutionRequests()
    {
        for (final EngineMethod method : new EngineMethod[]{ EngineMethod.GET_PAYLOAD_V4, EngineMethod.GET_PAYLOAD_V5 })
        {
            final SidecarHarness h = SidecarHarness.quietHarness();
            buildStarted(h);
            final Round round = getPayload(h, method);
            assertTrue(round.builderGetPayload.body().contains("\"method\":\"" +
                (method == EngineMethod.GET_PAYLOAD_V4 ? "engine_getPayloadV4" : "engine_getPayloadV5") + "\""));
            final Reply builder = Reply.payload(2, L2_GAS, true);
            builder.executionRequests = "[\"0x0001\"]";
            h.reply(round.l2GetPayload.callId(), Reply.payload(1, L2_GAS, true));
            h.reply(round.builderGetPayload.callId(), builder);
            final UpstreamCall newPayload = validation(h.newCommands());
            assertEquals(EngineMethod.NEW_PAYLOAD_V4, newPayload.method());
            assertEquals("{\"jsonrpc\":\"2.0\",\"id\":" + newPayload.callId() +
                ",\"method\":\"engine_newPayloadV4\",\"params\":[" + builder.executionPayload + ",[],\"" +
                hex(hash(8)) + "\",[\"0x0001\"]]}", newPayload.body());
            h.reply(newPayload.callId(), Reply.status(PayloadStatus.VALID));
            assertEquals(PayloadSource.BUILDER, decisions(h.newCommands()).get(0).source());
        }
    }

    @Test
    void shouldFallBackToL2WithPartialContentWhenBuilderGetPayloadFails()
    {
        final SidecarHarness h = SidecarHarness.quietHarness();
        buildStarted(h);
        final Round round = getPayload(h, EngineMethod.GET_PAYLOAD_V3);
        final Reply l2 = Reply.payload(1, L2_GAS, false);
        h.reply(round.l2GetPayload.callId(), l2);
        h.reply(round.builderGetPayload.callId(), Reply.rpcError(-38001, "Unknown payload"));

        final List<Command> out = h.newCommands();
        assertTrue(calls(out).isEmpty(), "no validation without a builder payload");
        assertEquals(List.of(new HealthUpdate(HealthCode.PARTIAL_CONTENT, HealthCause.REQUEST_PATH)),
            healthUpdates(out));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":" + round.requestId + ",\"result\":" + l2.result + "}",
            replies(out).get(0).body());
        assertEquals(DecisionReason.BUILDER_CALL_FAILED, decisions(out).get(0).reason());
        assertEquals(PayloadSource.L2, decisions(out).get(0).source());
    }

    @Test
    void shouldFallBackToL2WhenBuilderTimesOut()
    {
        final SidecarHarness h = new SidecarHarness(SidecarHarness.quiet().builderTimeoutMs(200));
        buildStarted(h);
        final Round round = getPayload(h, EngineMethod.GET_PAYLOAD_V3);
        h.advanceMs(10);
        h.reply(round.l2GetPayload.callId(), Reply.payload(1, L2_GAS, false));
        assertTrue(h.newCommands().isEmpty());

        h.tickAfterMs(189);
        assertTrue(h.newCommands().isEmpty());
        h.tickAfterMs(1);
        final List<Command> out = h.newCommands();
        final BlockDecision decision = decisions(out).get(0);
        assertEquals(DecisionReason.BUILDER_TIMEOUT, decision.reason());
        assertEquals(PayloadSource.L2, decision.source());
        assertEquals(200_000_000L, decision.elapsedNs());
        assertEquals(206, h.engine.healthCode());

        h.reply(round.builderGetPayload.callId(), Reply.payload(2, L2_GAS, false));
        assertTrue(h.newCommands().isEmpty(), "the late builder payload is ignored");
    }

    @ParameterizedTest
    @EnumSource(value = PayloadStatus.class, names = { "INVALID", "SYNCING", "ACCEPTED", "INVALID_BLOCK_HASH" })
    void shouldFallBackWhenL2DoesNotSayValid(final PayloadStatus status)
    {
        final SidecarHarness h = SidecarHarness.quietHarness();
        buildStarted(h);
        final Round round = getPayload(h, EngineMethod.GET_PAYLOAD_V3);
        final Reply l2 = Reply.payload(1, L2_GAS, false);
        h.reply(round.l2GetPayload.callId(), l2);
        h.reply(round.builderGetPayload.callId(), Reply.payload(2, L2_GAS, false));
        h.reply(validation(h.newCommands()).callId(), Reply.status(status));

        final List<Command> out = h.newCommands();
        assertEquals(PayloadSource.L2, decisions(out).get(0).source());
        assertEquals(
            status == PayloadStatus.INVALID || status == PayloadStatus.INVALID_BLOCK_HASH ?
                DecisionReason.BUILDER_INVALID : DecisionReason.BUILDER_NOT_VALID_STATUS,
            decisions(out).get(0).reason());
        assertTrue(replies(out).get(0).body().contains(l2.result));
        assertEquals(206, h.engine.healthCode());
    }

    @Test
    void shouldFallBackWhenValidationCallFails()
    {
        final SidecarHarness h = SidecarHarness.quietHarness();
        buildStarted(h);
        final Round round = getPayload(h, EngineMethod.GET_PAYLOAD_V3);
        h.reply(round.l2GetPayload.callId(), Reply.payload(1, L2_GAS, false));
        h.reply(round.builderGetPayload.callId(), Reply.payload(2, L2_GAS, false));
        h.reply(validation(h.newCommands()).callId(), Reply.rpcError(-32000, "boom"));
        final List<Command> out = h.newCommands();
        assertEquals(DecisionReason.VALIDATION_FAILED, decisions(out).get(0).reason());
        assertEquals(206, h.engine.healthCode());
    }

    @Test
    void shouldCallOnlyL2AndSetPartialContentWithoutPriorFcu()
    {
        final SidecarHarness h = SidecarHarness.quietHarness();
        final long requestId = h.getPayload(EngineMethod.GET_PAYLOAD_V3, L2_ID);
        final List<UpstreamCall> sent = calls(h.newCommands());
        assertEquals(1, sent.size());
        assertEquals(Target.L2, sent.get(0).target());
        h.reply(sent.get(0).callId(), Reply.payload(1, L2_GAS, false));
        final List<Command> out = h.newCommands();
        assertEquals(requestId, replies(out).get(0).requestId());
        assertEquals(DecisionReason.NO_BUILDER_PAYLOAD_ID, decisions(out).get(0).reason());
        assertEquals(206, h.engine.healthCode());
    }

    @Test
    void shouldReturnL2PayloadAfterNoTxPoolFcu()
    {
        final SidecarHarness h = SidecarHarness.quietHarness();
        h.fcu(hash(1), true, true);
        h.reply(1, Reply.fcuValid(L2_ID));
        h.newCommands();
        final Round round = getPayload(h, EngineMethod.GET_PAYLOAD_V3);
        assertEquals(null, round.builderGetPayload);
        h.reply(round.l2GetPayload.callId(), Reply.payload(1, L2_GAS, false));
        final List<Command> out = h.newCommands();
        assertEquals(PayloadSource.L2, decisions(out).get(0).source());
        assertEquals(206, h.engine.healthCode());
        assertEquals(0, h.builderEngineCallCount());
    }

    @Test
    void shouldNotCallBuilderGetPayloadWhenBuilderFcuFailed()
    {
        final SidecarHarness h = SidecarHarness.quietHarness();
        h.fcu(hash(1), true, false);
        h.reply(1, Reply.fcuValid(L2_ID));
        h.reply(2, Reply.rpcError(-38003, "Invalid payload attributes"));
        h.newCommands();
        final Round round = getPayload(h, EngineMethod.GET_PAYLOAD_V3);
        assertEquals(null, round.builderGetPayload);
        h.reply(round.l2GetPayload.callId(), Reply.payload(1, L2_GAS, false));
        assertEquals(206, h.engine.healthCode());
    }

    @Test
    void shouldRunBuilderLegButReturnL2PayloadInDryRun()
    {
        final SidecarHarness h = new SidecarHarness(SidecarHarness.quiet().executionMode(ExecutionModeCode.DRY_RUN));
        buildStarted(h);
        final Round round = getPayload(h, EngineMethod.GET_PAYLOAD_V3);
        final Reply l2 = Reply.payload(1, L2_GAS, false);
        h.reply(round.l2GetPayload.callId(), l2);
        h.reply(round.builderGetPayload.callId(), Reply.payload(2, L2_GAS * 2, false));
        h.reply(validation(h.newCommands()).callId(), Reply.status(PayloadStatus.VALID));
        final List<Command> out = h.newCommands();
        assertEquals(DecisionReason.DRY_RUN, decisions(out).get(0).reason());
        assertEquals(PayloadSource.L2, decisions(out).get(0).source());
        assertTrue(replies(out).get(0).body().contains(l2.result));
        assertEquals(200, h.engine.healthCode());
    }

    @Test
    void shouldMarkPartialContentWhenBuilderFailsInDryRun()
    {
        final SidecarHarness h = new SidecarHarness(SidecarHarness.quiet().executionMode(ExecutionModeCode.DRY_RUN));
        buildStarted(h);
        final Round round = getPayload(h, EngineMethod.GET_PAYLOAD_V3);
        h.reply(round.l2GetPayload.callId(), Reply.payload(1, L2_GAS, false));
        h.reply(round.builderGetPayload.callId(), Reply.transportError("connection reset"));
        assertEquals(206, h.engine.healthCode());
    }

    @Test
    void shouldNeverCallBuilderWhenDisabled()
    {
        final SidecarHarness h = SidecarHarness.quietHarness();
        buildStarted(h);
        h.executionMode(true, ExecutionModeCode.DISABLED);
        h.newCommands();
        final Round round = getPayload(h, EngineMethod.GET_PAYLOAD_V3);
        assertEquals(null, round.builderGetPayload, "even with a builder id recorded");
        h.reply(round.l2GetPayload.callId(), Reply.payload(1, L2_GAS, false));
        final List<Command> out = h.newCommands();
        assertEquals(DecisionReason.MODE_DISABLED, decisions(out).get(0).reason());
        assertEquals(200, h.engine.healthCode());
        assertEquals(1, h.builderEngineCallCount(), "only the builder FCU sent before disabling");
    }

    @Test
    void shouldAnswerErrorAndServiceUnavailableWhenL2GetPayloadFails()
    {
        final SidecarHarness h = SidecarHarness.quietHarness();
        buildStarted(h);
        final Round round = getPayload(h, EngineMethod.GET_PAYLOAD_V3);
        h.reply(round.l2GetPayload.callId(), Reply.rpcError(-38001, "Unknown payload"));
        assertTrue(h.newCommands().isEmpty(), "waits for the builder leg as upstream does");
        h.reply(round.builderGetPayload.callId(), Reply.payload(2, L2_GAS, false));
        h.reply(validation(h.newCommands()).callId(), Reply.status(PayloadStatus.VALID));
        final List<Command> out = h.newCommands();
        assertEquals(DecisionReason.L2_FAILED, decisions(out).get(0).reason());
        final JsonNode error = json(replies(out).get(0).body()).get("error");
        assertEquals(-38001, error.get("code").asInt());
        assertEquals(503, h.engine.healthCode());
    }

    @Test
    void shouldApplyGasUsedPolicyAtTenPercent()
    {
        assertEquals(PayloadSource.L2, selectWithPolicy(90_000));
        assertEquals(PayloadSource.BUILDER, selectWithPolicy(100_000));
        assertTrue(GetPayloadHandler.gasUsedPolicyPrefersL2(0, 1));
        assertTrue(!GetPayloadHandler.gasUsedPolicyPrefersL2(0, 0));
        assertTrue(!GetPayloadHandler.gasUsedPolicyPrefersL2(Long.MAX_VALUE, 10));
    }

    private static PayloadSource selectWithPolicy(final long builderGas)
    {
        final SidecarHarness h = new SidecarHarness(SidecarHarness.quiet().selectionPolicyGasUsed(true));
        buildStarted(h);
        final Round round = getPayload(h, EngineMethod.GET_PAYLOAD_V3);
        h.reply(round.l2GetPayload.callId(), Reply.payload(1, L2_GAS, false));
        h.reply(round.builderGetPayload.callId(), Reply.payload(2, builderGas, false));
        h.reply(validation(h.newCommands()).callId(), Reply.status(PayloadStatus.VALID));
        final BlockDecision decision = decisions(h.newCommands()).get(0);
        assertEquals(
            decision.source() == PayloadSource.L2 ? DecisionReason.SELECTION_POLICY : DecisionReason.BUILDER_VALID,
            decision.reason());
        assertEquals(200, h.engine.healthCode());
        return decision.source();
    }

    @Test
    void shouldRejectV4EnvelopeOnGetPayloadV3AndV3EnvelopeOnV4()
    {
        SidecarHarness h = SidecarHarness.quietHarness();
        h.getPayload(EngineMethod.GET_PAYLOAD_V3, L2_ID);
        h.reply(1, Reply.payload(1, L2_GAS, true));
        JsonNode error = json(replies(h.newCommands()).get(0).body()).get("error");
        assertEquals(-32600, error.get("code").asInt());
        assertEquals("Payload version 4 not supported", error.get("message").asText());

        for (final EngineMethod method : new EngineMethod[]{ EngineMethod.GET_PAYLOAD_V4, EngineMethod.GET_PAYLOAD_V5 })
        {
            h = SidecarHarness.quietHarness();
            h.getPayload(method, L2_ID);
            h.reply(1, Reply.payload(1, L2_GAS, false));
            error = json(replies(h.newCommands()).get(0).body()).get("error");
            assertEquals(-32600, error.get("code").asInt());
            assertEquals("Payload version 3 not supported", error.get("message").asText());
        }
    }

    @Test
    void shouldAnswerWithL2AtDeadlineWhileBuilderLegRuns()
    {
        final SidecarHarness h = new SidecarHarness(SidecarHarness.quiet().getPayloadDeadlineMs(150));
        buildStarted(h);
        final Round round = getPayload(h, EngineMethod.GET_PAYLOAD_V3);
        assertEquals(h.nowNs + 150_000_000L, h.engine.nextDeadlineNs());
        h.advanceMs(20);
        final Reply l2 = Reply.payload(1, L2_GAS, false);
        h.reply(round.l2GetPayload.callId(), l2);
        h.advanceMs(20);
        h.reply(round.builderGetPayload.callId(), Reply.payload(2, L2_GAS, false));
        final UpstreamCall newPayload = validation(h.newCommands());

        h.tickAfterMs(110);
        final List<Command> out = h.newCommands();
        final BlockDecision decision = decisions(out).get(0);
        assertEquals(DecisionReason.DEADLINE, decision.reason());
        assertEquals(PayloadSource.L2, decision.source());
        assertEquals(150_000_000L, decision.elapsedNs());
        assertTrue(replies(out).get(0).body().contains(l2.result));
        assertEquals(206, h.engine.healthCode());
        assertEquals(0, h.engine.pendingCalls());
        assertEquals(0, h.engine.pendingTimers());

        h.reply(newPayload.callId(), Reply.status(PayloadStatus.VALID));
        assertTrue(h.newCommands().isEmpty(), "the late validation is ignored");
    }

    @Test
    void shouldAnswerAsSoonAsL2ArrivesAfterDeadline()
    {
        final SidecarHarness h = new SidecarHarness(SidecarHarness.quiet().getPayloadDeadlineMs(100));
        buildStarted(h);
        final Round round = getPayload(h, EngineMethod.GET_PAYLOAD_V3);
        h.tickAfterMs(100);
        assertTrue(h.newCommands().isEmpty(), "no L2 payload in hand yet");
        h.advanceMs(50);
        h.reply(round.l2GetPayload.callId(), Reply.payload(1, L2_GAS, false));
        final List<Command> out = h.newCommands();
        assertEquals(DecisionReason.DEADLINE, decisions(out).get(0).reason());
        assertEquals(1, replies(out).size());
    }

    @Test
    void shouldIgnoreDeadlineWhenBothLegsFinishInTime()
    {
        final SidecarHarness h = new SidecarHarness(SidecarHarness.quiet().getPayloadDeadlineMs(100));
        buildStarted(h);
        final Round round = getPayload(h, EngineMethod.GET_PAYLOAD_V3);
        h.reply(round.l2GetPayload.callId(), Reply.payload(1, L2_GAS, false));
        h.reply(round.builderGetPayload.callId(), Reply.payload(2, L2_GAS, false));
        h.reply(validation(h.newCommands()).callId(), Reply.status(PayloadStatus.VALID));
        assertEquals(PayloadSource.BUILDER, decisions(h.newCommands()).get(0).source());
        assertEquals(0, h.engine.pendingTimers());
        h.tickAfterMs(200);
        assertTrue(h.newCommands().isEmpty());
    }
}
