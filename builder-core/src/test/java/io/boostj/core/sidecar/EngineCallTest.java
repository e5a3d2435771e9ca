package io.boostj.core.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import io.boostj.core.sidecar.RecordingSink.Command;
import io.boostj.core.sidecar.RecordingSink.ExecutionModeUpdate;
import io.boostj.core.sidecar.RecordingSink.RpcReply;
import io.boostj.core.sidecar.RecordingSink.UpstreamCall;
import io.boostj.core.sidecar.SidecarHarness.Reply;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.ExecutionModeCode;
import io.boostj.sbe.Target;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.boostj.core.sidecar.SidecarHarness.calls;
import static io.boostj.core.sidecar.SidecarHarness.json;
import static io.boostj.core.sidecar.SidecarHarness.ofType;
import static io.boostj.core.sidecar.SidecarHarness.replies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineCallTest
{
    @Test
    void shouldForwardExchangeCapabilitiesToL2Only()
    {
        final SidecarHarness h = SidecarHarness.quietHarness();
        final long requestId = h.engineCall(
            EngineMethod.EXCHANGE_CAPABILITIES, "engine_exchangeCapabilities", "[[\"engine_newPayloadV4\"]]");
        final List<UpstreamCall> sent = calls(h.newCommands());
        assertEquals(1, sent.size());
        assertEquals(Target.L2, sent.get(0).target());
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"engine_exchangeCapabilities\"," +
            "\"params\":[[\"engine_newPayloadV4\"]]}", sent.get(0).body());

        h.reply(1, Reply.result("[\"engine_newPayloadV4\",\"engine_getPayloadV4\"]"));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":" + requestId +
            ",\"result\":[\"engine_newPayloadV4\",\"engine_getPayloadV4\"]}", replies(h.newCommands()).get(0).body());
        assertEquals(0, h.builderEngineCallCount());
    }

    @Test
    void shouldAnswerMethodNotFoundForUnsupportedEngineMethodWithoutForwarding()
    {
        final SidecarHarness h = SidecarHarness.quietHarness();
        final long requestId = h.engineCall(EngineMethod.UNSUPPORTED_ENGINE, "engine_getClientVersionV1", "[]");
        final List<Command> out = h.newCommands();
        assertTrue(calls(out).isEmpty());
        final RpcReply reply = replies(out).get(0);
        assertEquals(requestId, reply.requestId());
        assertEquals(200, reply.httpStatus());
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":" + requestId +
            ",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}", reply.body());
        assertEquals(200, h.engine.healthCode());
    }

    @Test
    void shouldSetAndGetExecutionMode()
    {
        final SidecarHarness h = SidecarHarness.quietHarness();
        long requestId = h.executionMode(false, ExecutionModeCode.NULL_VAL);
        List<Command> out = h.newCommands();
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":" + requestId + ",\"result\":{\"execution_mode\":\"enabled\"}}",
            replies(out).get(0).body());
        assertTrue(ofType(out, ExecutionModeUpdate.class).isEmpty());

        requestId = h.executionMode(true, ExecutionModeCode.DRY_RUN);
        out = h.newCommands();
        assertEquals(List.of(new ExecutionModeUpdate(ExecutionModeCode.DRY_RUN)), ofType(out, ExecutionModeUpdate.class));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":" + requestId + ",\"result\":{\"execution_mode\":\"dry_run\"}}",
            replies(out).get(0).body());
        assertEquals(ExecutionModeCode.DRY_RUN, h.engine.executionMode());

        h.executionMode(true, ExecutionModeCode.DISABLED);
        h.executionMode(false, ExecutionModeCode.NULL_VAL);
        out = h.newCommands();
        assertTrue(replies(out).get(1).body().endsWith("{\"execution_mode\":\"disabled\"}}"));

        h.executionMode(true, ExecutionModeCode.NULL_VAL);
        final JsonNode error = json(replies(h.newCommands()).get(0).body()).get("error");
        assertEquals(-32602, error.get("code").asInt());
        assertEquals(ExecutionModeCode.DISABLED, h.engine.executionMode());
    }
}
