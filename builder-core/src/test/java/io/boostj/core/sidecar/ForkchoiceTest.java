package io.boostj.core.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import io.boostj.core.sidecar.RecordingSink.Command;
import io.boostj.core.sidecar.RecordingSink.HealthUpdate;
import io.boostj.core.sidecar.RecordingSink.RpcReply;
import io.boostj.core.sidecar.RecordingSink.UpstreamCall;
import io.boostj.core.sidecar.SidecarHarness.Reply;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.ExecutionModeCode;
import io.boostj.sbe.HealthCause;
import io.boostj.sbe.HealthCode;
import io.boostj.sbe.Target;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.boostj.core.sidecar.SidecarHarness.calls;
import static io.boostj.core.sidecar.SidecarHarness.fcuParams;
import static io.boostj.core.sidecar.SidecarHarness.hash;
import static io.boostj.core.sidecar.SidecarHarness.healthUpdates;
import static io.boostj.core.sidecar.SidecarHarness.json;
import static io.boostj.core.sidecar.SidecarHarness.replies;
import static io.boostj.core.sidecar.SidecarHarness.single;
import static io.boostj.core.sidecar.SidecarHarness.to;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForkchoiceTest
{
    private static final EngineMethod FCU = EngineMethod.FORKCHOICE_UPDATED_V3;

    @Test
    void shouldSendFcuWithAttributesToBothAndAnswerWithL2ResultOnlyWhenBothReplied()
    {
        final SidecarHarness h = SidecarHarness.quietHarness();
        final long requestId = h.fcu(hash(1), true, false);

        final List<UpstreamCall> sent = calls(h.newCommands());
        assertEquals(2, sent.size());
        final UpstreamCall l2 = sent.get(0);
        final UpstreamCall builder = sent.get(1);
        assertEquals(Target.L2, l2.target());
        assertEquals(Target.BUILDER, builder.target());
        assertEquals(1, l2.callId());
        assertEquals(2, builder.callId());
        assertEquals(1000, l2.timeoutMs());
        assertFalse(l2.fireAndForget());
        assertFalse(builder.fireAndForget());
        assertEquals(requestId, l2.causeRequestId());
        assertEquals(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"engine_forkchoiceUpdatedV3\",\"params\":" +
            fcuParams(hash(1), true, false) + "}",
            l2.body());
        assertEquals(l2.body().replace("\"id\":1,", "\"id\":2,"), builder.body());

        final Reply l2Reply = Reply.fcuValid(0x0300000000000001L);
        h.reply(1, l2Reply);
        assertTrue(h.newCommands().isEmpty(), "waits for the builder too");

        h.reply(2, Reply.fcuValid(0x0400000000000001L));
        final List<RpcReply> answered = replies(h.newCommands());
        assertEquals(1, answered.size());
        assertEquals(requestId, answered.get(0).requestId());
        assertEquals(200, answered.get(0).httpStatus());
        assertEquals(
            "{\"jsonrpc\":\"2.0\",\"id\":" + requestId + ",\"result\":" + l2Reply.result + "}", answered.get(0).body());
        assertEquals(1, h.engine.payloadIdMapSize());
    }

    @Test
    void shouldWaitForTheBuilderOnlyUntilItsTimeout()
    {
        final SidecarHarness h = new SidecarHarness(SidecarHarness.quiet().builderTimeoutMs(300));
        final long requestId = h.fcu(hash(1), true, false);
        h.newCommands();
        h.reply(1, Reply.fcuValid(0x0300000000000001L));
        assertTrue(h.newCommands().isEmpty());
        assertEquals(SidecarHarness.T0_NS + 300_000_000L, h.engine.nextDeadlineNs());

        h.tickAfterMs(299);
        assertTrue(h.newCommands().isEmpty());
        h.tickAfterMs(1);
        final List<RpcReply> answered = replies(h.newCommands());
        assertEquals(1, answered.size());
        assertEquals(requestId, answered.get(0).requestId());
        assertEquals(200, h.engine.healthCode(), "a builder FCU failure is not a health event");

        h.reply(2, Reply.fcuValid(0x0400000000000001L));
        assertTrue(h.newCommands().isEmpty(), "the late builder reply is ignored");
    }

    @Test
    void shouldSendOnlyToL2WhenNoTxPool()
    {
        final SidecarHarness h = SidecarHarness.quietHarness();
        final long requestId = h.fcu(hash(1), true, true);
        final List<UpstreamCall> sent = calls(h.newCommands());
        assertEquals(1, sent.size());
        assertEquals(Target.L2, sent.get(0).target());

        h.reply(1, Reply.fcuValid(0x0300000000000001L));
        assertEquals(requestId, replies(h.newCommands()).get(0).requestId());
        assertEquals(0, h.builderEngineCallCount());
    }

    @Test
    void shouldSendFireAndForgetCopyToBuilderWithoutAttributes()
    {
        final SidecarHarness h = SidecarHarness.quietHarness();
        final long requestId = h.fcu(hash(1), false, false);
        final List<UpstreamCall> sent = calls(h.newCommands());
        assertEquals(2, sent.size());
        final UpstreamCall builder = single(sent, to(Target.BUILDER, FCU));
        assertTrue(builder.fireAndForget());
        assertEquals(1000, builder.timeoutMs());
        assertEquals(SidecarHarness.T0_NS + 1_000_000_000L, h.engine.nextDeadlineNs(), "only the L2 call has a timer");
        assertEquals(1, h.engine.pendingTimers());
        assertEquals(1, h.engine.pendingCalls());

        h.reply(1, Reply.fcuValidNoPayload());
        final List<Command> out = h.newCommands();
        assertEquals(requestId, replies(out).get(0).requestId());
        h.reply(builder.callId(), Reply.fcuValidNoPayload());
        assertTrue(h.newCommands().isEmpty(), "a fire-and-forget reply is ignored");
    }

    @Test
    void shouldSendOnlyToL2WhenDisabled()
    {
        final SidecarHarness h = new SidecarHarness(SidecarHarness.quiet().executionMode(ExecutionModeCode.DISABLED));
        h.fcu(hash(1), true, false);
        h.fcu(hash(1), false, false);
        final List<UpstreamCall> sent = calls(h.newCommands());
        assertEquals(2, sent.size());
        assertTrue(sent.stream().allMatch(c -> c.target() == Target.L2));
    }

    @Test
    void shouldPassL2RpcErrorThroughAndMarkServiceUnavailable()
    {
        for (final boolean attributes : new boolean[]{ true, false })
        {
            for (final boolean noTxPool : new boolean[]{ true, false })
            {
                final SidecarHarness h = SidecarHarness.quietHarness();
                final long requestId = h.fcu(hash(1), attributes, noTxPool);
                final List<UpstreamCall> sent = calls(h.newCommands());
                h.reply(1, Reply.rpcError(-38002, "Invalid forkchoice state"));
                if (attributes && !noTxPool)
                {
                    h.reply(2, Reply.fcuValid(0x0400000000000001L));
                }

                final List<Command> out = h.newCommands();
                assertEquals(List.of(new HealthUpdate(HealthCode.SERVICE_UNAVAILABLE, HealthCause.REQUEST_PATH)),
                    healthUpdates(out));
                final JsonNode body = json(replies(out).get(0).body());
                assertEquals(requestId, body.get("id").asLong());
                assertEquals(-38002, body.get("error").get("code").asInt());
                assertEquals("Invalid forkchoice state", body.get("error").get("message").asText());
                assertEquals(503, h.engine.healthCode());
                assertEquals(0, h.engine.payloadIdMapSize(), sent.toString());
            }
        }
    }

    @Test
    void shouldAnswerCode13OnL2TransportFailureAndTimeout()
    {
        final SidecarHarness h = SidecarHarness.quietHarness();
        h.fcu(hash(1), false, false);
        h.newCommands();
        h.reply(1, Reply.transportError("connection refused"));
        JsonNode error = json(replies(h.newCommands()).get(0).body()).get("error");
        assertEquals(13, error.get("code").asInt());
        assertEquals("connection refused", error.get("message").asText());

        h.fcu(hash(1), false, false);
        h.newCommands();
        h.tickAfterMs(1000);
        error = json(replies(h.newCommands()).get(0).body()).get("error");
        assertEquals(13, error.get("code").asInt());
        assertEquals("Request timeout", error.get("message").asText());
        assertEquals(503, h.engine.healthCode());
        assertEquals(0, h.engine.pendingCalls());
    }

    @Test
    void shouldTurnInvalidL2StatusIntoError()
    {
        final SidecarHarness h = SidecarHarness.quietHarness();
        h.fcu(hash(1), true, false);
        h.newCommands();
        h.reply(1, Reply.fcuInvalid());
        h.reply(2, Reply.fcuValid(0x0400000000000001L));
        final List<Command> out = h.newCommands();
        final JsonNode error = json(replies(out).get(0).body()).get("error");
        assertEquals(13, error.get("code").asInt());
        assertEquals("Invalid payload: INVALID: parent unknown", error.get("message").asText());
        assertEquals(503, h.engine.healthCode());
        assertEquals(0, h.engine.payloadIdMapSize());
    }

    @Test
    void shouldSkipUnhealthyBuilderWhenIgnoringUnhealthyBuilders()
    {
        final SidecarHarness h = new SidecarHarness(SidecarHarness.quiet().ignoreUnhealthyBuilders(true));
        h.getPayload(EngineMethod.GET_PAYLOAD_V3, 0x0300000000000009L);
        h.reply(1, Reply.payload(1, 1000, false));
        assertEquals(206, h.engine.healthCode(), "getPayload without FCU: builder_api_failed");
        h.newCommands();

        h.fcu(hash(1), true, false);
        h.fcu(hash(1), false, false);
        final List<UpstreamCall> sent = calls(h.newCommands());
        assertEquals(2, sent.size());
        assertTrue(sent.stream().allMatch(c -> c.target() == Target.L2));
        assertEquals(0, h.builderEngineCallCount());
    }

    @Test
    void shouldRecoverFromServiceUnavailableWhenL2Answers()
    {
        final SidecarHarness h = SidecarHarness.quietHarness();
        h.fcu(hash(1), true, false);
        h.reply(1, Reply.transportError("connection refused"));
        h.reply(2, Reply.fcuValid(0x0400000000000001L));
        assertEquals(503, h.engine.healthCode());
        h.newCommands();

        h.fcu(hash(1), true, false);
        h.reply(3, Reply.fcuValid(0x0300000000000001L));
        h.reply(4, Reply.fcuValid(0x0400000000000001L));
        assertTrue(replies(h.newCommands()).get(0).body().contains("\"result\""));
        h.getPayload(EngineMethod.GET_PAYLOAD_V3, 0x0300000000000001L);
        h.reply(5, Reply.payload(1, 1000, false));
        h.reply(6, Reply.payload(2, 1000, false));
        h.reply(7, Reply.status(io.boostj.sbe.PayloadStatus.VALID));
        final List<Command> out = h.newCommands();
        assertEquals(List.of(new HealthUpdate(HealthCode.HEALTHY, HealthCause.REQUEST_PATH)), healthUpdates(out));
        assertEquals(200, h.engine.healthCode());
    }

    @Test
    void shouldPassUpstreamErrorObjectThroughUnchangedIncludingData()
    {
        final SidecarHarness h = SidecarHarness.quietHarness();
        final long requestId = h.fcu(hash(1), false, false);
        final Reply error = Reply.rpcError(-32000, "x \\\"y\\\"");
        error.result = "{\"code\":-32000,\"message\":\"x \\\"y\\\"\",\"data\":{\"k\":1}}";
        h.reply(1, error);
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":" + requestId + ",\"error\":" + error.result + "}",
            replies(h.newCommands()).get(0).body());

        h.fcu(hash(1), false, false);
        h.newCommands();
        error.result = "";
        h.reply(3, error);
        final JsonNode body = json(replies(h.newCommands()).get(0).body()).get("error");
        assertEquals(-32000, body.get("code").asInt());
        assertEquals("x \"y\"", body.get("message").asText());
    }
}
