package io.boostj.core.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import io.boostj.core.sidecar.RecordingSink.Command;
import io.boostj.core.sidecar.RecordingSink.UpstreamCall;
import io.boostj.core.sidecar.SidecarHarness.Reply;
import io.boostj.sbe.DecisionReason;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.PayloadSource;
import io.boostj.sbe.Target;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.boostj.core.sidecar.SidecarHarness.calls;
import static io.boostj.core.sidecar.SidecarHarness.decisions;
import static io.boostj.core.sidecar.SidecarHarness.fcuParams;
import static io.boostj.core.sidecar.SidecarHarness.hash;
import static io.boostj.core.sidecar.SidecarHarness.json;
import static io.boostj.core.sidecar.SidecarHarness.quotedId;
import static io.boostj.core.sidecar.SidecarHarness.replies;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExternalStateRootTest
{
    private static final long L2_ID = 0x0300000000000001L;
    private static final long BUILDER_ID = 0x0400000000000001L;
    private static final long REBUILT_ID = 0x0300000000000002L;

    private static SidecarHarness started(final String params)
    {
        final SidecarHarness h = new SidecarHarness(SidecarHarness.quiet().externalStateRoot(true));
        h.fcu(hash(1), true, false, params);
        h.reply(1, Reply.fcuValid(L2_ID));
        h.reply(2, Reply.fcuValid(BUILDER_ID));
        h.newCommands();
        return h;
    }

    /**
     * getPayload (calls 3 L2, 4 builder) answered by both; returns the L2 FCU with the builder's transactions.
     */
    private static UpstreamCall builderPayloadArrives(final SidecarHarness h, final Reply builder)
    {
        h.getPayload(EngineMethod.GET_PAYLOAD_V3, L2_ID);
        h.newCommands();
        h.reply(3, Reply.payload(1, 1000, false));
        h.reply(4, builder);
        final List<UpstreamCall> sent = calls(h.newCommands());
        assertEquals(1, sent.size());
        return sent.get(0);
    }

    @Test
    void shouldRebuildBuilderBlockOnL2AndReturnItAsBuilderPayload()
    {
        final SidecarHarness h = started(fcuParams(hash(1), true, false));
        final Reply builder = Reply.payload(2, 1000, false);
        final UpstreamCall fcu = builderPayloadArrives(h, builder);
        assertEquals(Target.L2, fcu.target());
        assertEquals(EngineMethod.FORKCHOICE_UPDATED_V3, fcu.method());

        final String expectedParams = fcuParams(hash(1), true, false)
            .replace("\"transactions\":[\"0x7e01\"]", "\"transactions\":[\"0x7e01\",\"0x02f82\"]")
            .replace("\"noTxPool\":false", "\"noTxPool\":true");
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"engine_forkchoiceUpdatedV3\",\"params\":" +
            expectedParams + "}", fcu.body());

        h.reply(5, Reply.fcuValid(REBUILT_ID));
        final List<UpstreamCall> sent = calls(h.newCommands());
        assertEquals(1, sent.size());
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"engine_getPayloadV3\",\"params\":[" +
            quotedId(REBUILT_ID) + "]}", sent.get(0).body());

        final Reply rebuilt = Reply.payload(3, 1000, false);
        h.reply(6, rebuilt);
        final List<Command> out = h.newCommands();
        assertEquals(PayloadSource.BUILDER, decisions(out).get(0).source());
        assertTrue(replies(out).get(0).body().contains(rebuilt.result));
        assertEquals(200, h.engine.healthCode());
        assertEquals(0, h.engine.fcuParamsCacheSize());
    }

    @Test
    void shouldAppendTransactionsAndNoTxPoolWhenAttributesLackThem()
    {
        final String head = SidecarHarness.hex(hash(1));
        final String params = "[{\"headBlockHash\":\"" + head + "\"} , {\"timestamp\":\"0x1\" } ]";
        final SidecarHarness h = started(params);
        final UpstreamCall fcu = builderPayloadArrives(h, Reply.payload(2, 1000, false));
        final JsonNode sentParams = json(fcu.body()).get("params");
        assertEquals(head, sentParams.get(0).get("headBlockHash").asText());
        final JsonNode attrs = sentParams.get(1);
        assertEquals("0x1", attrs.get("timestamp").asText());
        assertEquals(2, attrs.get("transactions").size());
        assertTrue(attrs.get("noTxPool").asBoolean());
    }

    @Test
    void shouldReturnL2PayloadWithHealthyWhenRetriedGetPayloadFindsNoCachedFcu()
    {
        final SidecarHarness h = started(fcuParams(hash(1), true, false));
        builderPayloadArrives(h, Reply.payload(2, 1000, false));
        h.reply(5, Reply.fcuValid(REBUILT_ID));
        h.reply(6, Reply.payload(3, 1000, false));
        h.newCommands();

        h.getPayload(EngineMethod.GET_PAYLOAD_V3, L2_ID);
        assertEquals(2, calls(h.newCommands()).size(), "the builder is asked again: the id map still has the entry");
        h.reply(7, Reply.payload(1, 1000, false));
        h.reply(8, Reply.payload(2, 1000, false));
        final List<Command> out = h.newCommands();
        assertTrue(calls(out).isEmpty());
        assertEquals(PayloadSource.L2, decisions(out).get(0).source());
        assertEquals(DecisionReason.VALIDATION_FAILED, decisions(out).get(0).reason());
        assertEquals(200, h.engine.healthCode());
    }

    @Test
    void shouldFallBackWithPartialContentWhenL2RebuildFcuFails()
    {
        final SidecarHarness h = started(fcuParams(hash(1), true, false));
        builderPayloadArrives(h, Reply.payload(2, 1000, false));
        h.reply(5, Reply.rpcError(-38003, "Invalid payload attributes"));
        final List<Command> out = h.newCommands();
        assertEquals(PayloadSource.L2, decisions(out).get(0).source());
        assertEquals(206, h.engine.healthCode());
    }

    @Test
    void shouldFallBackWithHealthyWhenL2RebuildGetPayloadFails()
    {
        final SidecarHarness h = started(fcuParams(hash(1), true, false));
        builderPayloadArrives(h, Reply.payload(2, 1000, false));
        h.reply(5, Reply.fcuValid(REBUILT_ID));
        h.reply(6, Reply.rpcError(-38001, "Unknown payload"));
        final List<Command> out = h.newCommands();
        assertEquals(PayloadSource.L2, decisions(out).get(0).source());
        assertEquals(200, h.engine.healthCode());
    }

    @Test
    void shouldFallBackWithPartialContentWhenBuilderPayloadCannotBeSpliced()
    {
        final SidecarHarness h = started(fcuParams(hash(1), true, false));
        final Reply builder = Reply.payload(2, 1000, false);
        builder.executionPayload = "{\"blockHash\":\"0x01\",\"transactions\":{}}";
        h.getPayload(EngineMethod.GET_PAYLOAD_V3, L2_ID);
        h.newCommands();
        h.reply(3, Reply.payload(1, 1000, false));
        h.reply(4, builder);
        final List<Command> out = h.newCommands();
        assertTrue(calls(out).isEmpty(), "nothing is sent to L2");
        assertEquals(DecisionReason.VALIDATION_FAILED, decisions(out).get(0).reason());
        assertEquals(206, h.engine.healthCode());
        assertEquals(0, h.engine.fcuParamsCacheSize());
    }
}
