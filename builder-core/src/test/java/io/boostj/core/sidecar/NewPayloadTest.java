package io.boostj.core.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import io.boostj.core.sidecar.RecordingSink.Command;
import io.boostj.core.sidecar.RecordingSink.HealthUpdate;
import io.boostj.core.sidecar.RecordingSink.UpstreamCall;
import io.boostj.core.sidecar.SidecarHarness.Reply;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.ExecutionModeCode;
import io.boostj.sbe.HealthCause;
import io.boostj.sbe.HealthCode;
import io.boostj.sbe.PayloadStatus;
import io.boostj.sbe.Target;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.boostj.core.sidecar.SidecarHarness.calls;
import static io.boostj.core.sidecar.SidecarHarness.hash;
import static io.boostj.core.sidecar.SidecarHarness.healthUpdates;
import static io.boostj.core.sidecar.SidecarHarness.json;
import static io.boostj.core.sidecar.SidecarHarness.replies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NewPayloadTest
{
    @Test
    void shouldAnswerWithL2StatusAndSendFireAndForgetCopyToBuilder()
    {
        for (final EngineMethod method : new EngineMethod[]{ EngineMethod.NEW_PAYLOAD_V3, EngineMethod.NEW_PAYLOAD_V4 })
        {
            final SidecarHarness h = SidecarHarness.quietHarness();
            final long requestId = h.newPayload(method, hash(2), hash(1));
            final List<UpstreamCall> sent = calls(h.newCommands());
            assertEquals(2, sent.size());
            final UpstreamCall l2 = sent.get(0);
            final UpstreamCall builder = sent.get(1);
            assertEquals(Target.L2, l2.target());
            assertEquals(method, l2.method());
            assertFalse(l2.fireAndForget());
            assertEquals(Target.BUILDER, builder.target());
            assertTrue(builder.fireAndForget());
            assertEquals(l2.body().replace("\"id\":1,", "\"id\":2,"), builder.body());
            assertTrue(l2.body().startsWith("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"engine_newPayloadV" +
                (method == EngineMethod.NEW_PAYLOAD_V3 ? "3" : "4") + "\",\"params\":[{\"parentHash\""));

            for (final PayloadStatus status : new PayloadStatus[]{ PayloadStatus.VALID })
            {
                final Reply reply = Reply.status(status);
                h.reply(1, reply);
                final List<Command> out = h.newCommands();
                assertEquals("{\"jsonrpc\":\"2.0\",\"id\":\"np-" + requestId + "\",\"result\":" + reply.result + "}",
                    replies(out).get(0).body());
                assertTrue(healthUpdates(out).isEmpty());
            }
        }
    }

    @Test
    void shouldPassSyncingAndAcceptedThrough()
    {
        for (final PayloadStatus status : new PayloadStatus[]{ PayloadStatus.SYNCING, PayloadStatus.ACCEPTED })
        {
            final SidecarHarness h = SidecarHarness.quietHarness();
            h.newPayload(EngineMethod.NEW_PAYLOAD_V3, hash(2), hash(1));
            h.newCommands();
            h.reply(1, Reply.status(status));
            final JsonNode body = json(replies(h.newCommands()).get(0).body());
            assertEquals(status.name(), body.get("result").get("status").asText());
            assertEquals(200, h.engine.healthCode());
        }
    }

    @Test
    void shouldTurnInvalidIntoErrorAndMarkServiceUnavailable()
    {
        final SidecarHarness h = SidecarHarness.quietHarness();
        h.newPayload(EngineMethod.NEW_PAYLOAD_V3, hash(2), hash(1));
        h.newCommands();
        h.reply(1, Reply.status(PayloadStatus.INVALID));
        final List<Command> out = h.newCommands();
        assertEquals(List.of(new HealthUpdate(HealthCode.SERVICE_UNAVAILABLE, HealthCause.REQUEST_PATH)),
            healthUpdates(out));
        final String body = replies(out).get(0).body();
        final JsonNode error = json(body).get("error");
        assertEquals(13, error.get("code").asInt());
        assertEquals("Invalid payload: INVALID: bad \"state\" root", error.get("message").asText());
    }

    @Test
    void shouldMarkServiceUnavailableWhenL2FailsThenRecover()
    {
        final SidecarHarness h = SidecarHarness.quietHarness();
        h.newPayload(EngineMethod.NEW_PAYLOAD_V3, hash(2), hash(1));
        h.reply(1, Reply.transportError("connection refused"));
        assertEquals(503, h.engine.healthCode());
        h.newCommands();

        h.getPayload(EngineMethod.GET_PAYLOAD_V3, 7);
        h.reply(3, Reply.payload(1, 10, false));
        assertEquals(206, h.engine.healthCode(), "L2 answers again: 503 is lifted (206: no builder payload)");
    }

    @Test
    void shouldNotSendToBuilderWhenDisabledOrSkippingUnhealthy()
    {
        final SidecarHarness disabled =
            new SidecarHarness(SidecarHarness.quiet().executionMode(ExecutionModeCode.DISABLED));
        disabled.newPayload(EngineMethod.NEW_PAYLOAD_V3, hash(2), hash(1));
        assertEquals(1, calls(disabled.newCommands()).size());

        final SidecarHarness unhealthy = new SidecarHarness(SidecarHarness.quiet().ignoreUnhealthyBuilders(true));
        unhealthy.newPayload(EngineMethod.NEW_PAYLOAD_V3, hash(2), hash(1));
        unhealthy.reply(1, Reply.status(PayloadStatus.INVALID));
        unhealthy.newCommands();
        unhealthy.newPayload(EngineMethod.NEW_PAYLOAD_V3, hash(2), hash(1));
        final List<UpstreamCall> sent = calls(unhealthy.newCommands());
        assertEquals(1, sent.size());
        assertEquals(Target.L2, sent.get(0).target());
    }

    @Test
    void shouldForgetPayloadIdsBuiltOnTheParent()
    {
        final SidecarHarness h = SidecarHarness.quietHarness();
        h.fcu(hash(1), true, false);
        h.reply(1, Reply.fcuValid(11));
        h.reply(2, Reply.fcuValid(12));
        h.fcu(hash(5), true, false);
        h.reply(3, Reply.fcuValid(21));
        h.reply(4, Reply.fcuValid(22));
        assertEquals(2, h.engine.payloadIdMapSize());

        h.newPayload(EngineMethod.NEW_PAYLOAD_V3, hash(2), hash(1));
        assertEquals(1, h.engine.payloadIdMapSize());
        h.newCommands();
        h.getPayload(EngineMethod.GET_PAYLOAD_V3, 11);
        assertEquals(1, calls(h.newCommands()).size(), "payload id 11 is forgotten: no builder call");
        h.getPayload(EngineMethod.GET_PAYLOAD_V3, 21);
        assertEquals(2, calls(h.newCommands()).size());
    }
}
