package io.boostj.core.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import io.boostj.core.sidecar.RecordingSink.BlockDecision;
import io.boostj.core.sidecar.RecordingSink.BlockHashCheck;
import io.boostj.core.sidecar.RecordingSink.Command;
import io.boostj.core.sidecar.RecordingSink.FlashblockAssembly;
import io.boostj.core.sidecar.RecordingSink.RpcReply;
import io.boostj.core.sidecar.RecordingSink.UpstreamCall;
import io.boostj.core.sidecar.SidecarHarness.Reply;
import io.boostj.sbe.AssemblyOutcome;
import io.boostj.sbe.DecisionReason;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.HashCheckOutcome;
import io.boostj.sbe.PayloadSource;
import io.boostj.sbe.PayloadStatus;
import io.boostj.sbe.Target;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.boostj.core.sidecar.SidecarHarness.calls;
import static io.boostj.core.sidecar.SidecarHarness.decisions;
import static io.boostj.core.sidecar.SidecarHarness.hash;
import static io.boostj.core.sidecar.SidecarHarness.hex;
import static io.boostj.core.sidecar.SidecarHarness.json;
import static io.boostj.core.sidecar.SidecarHarness.ofType;
import static io.boostj.core.sidecar.SidecarHarness.replies;
import static io.boostj.core.sidecar.SidecarHarness.single;
import static io.boostj.core.sidecar.SidecarHarness.to;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * getPayload from flashblocks (reference §3.2/§3.4) on the real Unichain Sepolia block 35535698, and the block hash
 * check in front of L2's newPayload.
 */
class FlashblocksGetPayloadTest
{
    private static final long L2_ID = 0x03d2dae446d2a86aL;
    private static final long BUILDER_ID = 0x03c446f063e3735aL;
    private static final String FINAL_HASH = "0xc463a3120c35268f610d969f5608b479332ef10953af77c7a6be806195831196";
    private static final List<String> UNICHAIN = load();

    private static List<String> load()
    {
        try (InputStream in = FlashblocksGetPayloadTest.class.getResourceAsStream(
            "/testdata/flashblocks/unichain_sepolia_35535698_with_metadata.ndjson"))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static SidecarHarness started()
    {
        final SidecarHarness h = new SidecarHarness(SidecarHarness.quiet().flashblocks(true));
        h.fcu(hash(1), true, false);
        final List<UpstreamCall> sent = calls(h.newCommands());
        h.reply(single(sent, to(Target.L2, EngineMethod.FORKCHOICE_UPDATED_V3)).callId(), Reply.fcuValid(L2_ID));
        h.reply(single(sent, to(Target.BUILDER, EngineMethod.FORKCHOICE_UPDATED_V3)).callId(),
            Reply.fcuValid(BUILDER_ID));
        h.newCommands();
        return h;
    }

    private static void stream(final SidecarHarness h, final String line)
    {
        final JsonNode fb = json(line);
        h.flashblock(Long.parseUnsignedLong(fb.get("payload_id").asText().substring(2), 16), fb.get("index").asLong(),
            fb.hasNonNull("base"), line);
    }

    private static String blockHashOf(final int index)
    {
        return json(UNICHAIN.get(index)).get("diff").get("block_hash").asText();
    }

    @Test
    void shouldAssembleTheBlockFromFlashblocksValidateItAndFinaliseWithTheBuilder()
    {
        final SidecarHarness h = started();
        UNICHAIN.forEach(line -> stream(h, line));
        h.newCommands();

        final long requestId = h.getPayload(EngineMethod.GET_PAYLOAD_V4, L2_ID);
        final List<Command> out = h.newCommands();
        final FlashblockAssembly assembly = ofType(out, FlashblockAssembly.class).get(0);
        assertEquals(AssemblyOutcome.ASSEMBLED, assembly.outcome());
        assertEquals(5, assembly.flashblockCount());
        assertEquals(BUILDER_ID, assembly.builderPayloadId());
        assertEquals(FINAL_HASH, hex(assembly.blockHash()));

        final UpstreamCall finalising = single(calls(out), to(Target.BUILDER, EngineMethod.GET_PAYLOAD_V4));
        assertTrue(finalising.fireAndForget(), "the finalising getPayload is not waited for");
        assertTrue(finalising.body().contains("\"0x03c446f063e3735a\""), finalising.body());

        final BlockHashCheck check = ofType(out, BlockHashCheck.class).get(0);
        assertEquals(HashCheckOutcome.MATCH, check.outcome());
        assertEquals(FINAL_HASH, hex(check.computedHash()));

        final UpstreamCall newPayload = single(calls(out), to(Target.L2, EngineMethod.NEW_PAYLOAD_V4));
        final JsonNode params = json(newPayload.body()).get("params");
        assertEquals(FINAL_HASH, params.get(0).get("blockHash").asText());
        assertEquals(0, params.get(1).size(), "no versioned hashes");
        assertEquals(json(UNICHAIN.get(0)).get("base").get("parent_beacon_block_root").asText(), params.get(2).asText());
        assertEquals("[]", params.get(3).toString(), "no execution requests");

        final UpstreamCall l2GetPayload = single(calls(out), to(Target.L2, EngineMethod.GET_PAYLOAD_V4));
        h.reply(l2GetPayload.callId(), Reply.payload(1, 1_000_000, true));
        h.reply(newPayload.callId(), Reply.status(PayloadStatus.VALID));
        final List<Command> done = h.newCommands();
        final BlockDecision decision = decisions(done).get(0);
        assertEquals(PayloadSource.BUILDER, decision.source());
        assertEquals(DecisionReason.BUILDER_VALID, decision.reason());
        assertEquals(FINAL_HASH, hex(decision.blockHash()));
        final RpcReply reply = replies(done).get(0);
        assertEquals(requestId, reply.requestId());
        final JsonNode envelope = json(reply.body()).get("result");
        assertEquals(FINAL_HASH, envelope.get("executionPayload").get("blockHash").asText());
        assertEquals("0x0", envelope.get("blockValue").asText());
        assertTrue(envelope.get("executionRequests").isArray());
    }

    @Test
    void shouldAskTheBuilderWhenIndexZeroIsMissing()
    {
        final SidecarHarness h = started();
        UNICHAIN.subList(1, 5).forEach(line -> stream(h, line));
        h.newCommands();

        h.getPayload(EngineMethod.GET_PAYLOAD_V4, L2_ID);
        final List<Command> out = h.newCommands();
        assertEquals(AssemblyOutcome.MISSING_BASE, ofType(out, FlashblockAssembly.class).get(0).outcome());
        final UpstreamCall builder = single(calls(out), to(Target.BUILDER, EngineMethod.GET_PAYLOAD_V4));
        assertFalse(builder.fireAndForget(), "the builder's own payload is awaited");
        assertTrue(calls(out).stream().noneMatch(c -> c.method() == EngineMethod.NEW_PAYLOAD_V4));
    }

    @Test
    void shouldReturnTheContiguousPrefixWhenAFlashblockIsMissingMidBlock()
    {
        final SidecarHarness h = started();
        stream(h, UNICHAIN.get(0));
        stream(h, UNICHAIN.get(1));
        stream(h, UNICHAIN.get(3));
        stream(h, UNICHAIN.get(4));
        h.newCommands();

        h.getPayload(EngineMethod.GET_PAYLOAD_V4, L2_ID);
        final List<Command> out = h.newCommands();
        final FlashblockAssembly assembly = ofType(out, FlashblockAssembly.class).get(0);
        assertEquals(2, assembly.flashblockCount());
        assertEquals(blockHashOf(1), hex(assembly.blockHash()), "the preconfirmed prefix 0..1");
        assertEquals(HashCheckOutcome.MATCH, ofType(out, BlockHashCheck.class).get(0).outcome());
    }

    @Test
    void shouldRefuseABuilderBlockWhoseHashIsProvablyWrongWithoutAskingL2()
    {
        final SidecarHarness h = started();
        for (int i = 0; i < 5; i++)
        {
            final String line = 4 == i ? UNICHAIN.get(i).replace(FINAL_HASH, hex(hash(99))) : UNICHAIN.get(i);
            stream(h, line);
        }
        h.newCommands();

        h.getPayload(EngineMethod.GET_PAYLOAD_V4, L2_ID);
        final List<Command> out = h.newCommands();
        final BlockHashCheck check = ofType(out, BlockHashCheck.class).get(0);
        assertEquals(HashCheckOutcome.MISMATCH, check.outcome());
        assertEquals(hex(hash(99)), hex(check.claimedHash()));
        assertEquals(FINAL_HASH, hex(check.computedHash()));
        assertTrue(calls(out).stream().noneMatch(c -> c.method() == EngineMethod.NEW_PAYLOAD_V4), "no L2 round trip");

        final UpstreamCall l2GetPayload = single(calls(out), to(Target.L2, EngineMethod.GET_PAYLOAD_V4));
        h.reply(l2GetPayload.callId(), Reply.payload(1, 1_000_000, true));
        final BlockDecision decision = decisions(h.newCommands()).get(0);
        assertEquals(PayloadSource.L2, decision.source());
        assertEquals(DecisionReason.BUILDER_HASH_MISMATCH, decision.reason());
    }

    @Test
    void shouldNotCheckTheHashWhenTheCheckIsOff()
    {
        final SidecarHarness h = new SidecarHarness(SidecarHarness.quiet().flashblocks(true).blockHashCheck(false));
        h.fcu(hash(1), true, false);
        final List<UpstreamCall> sent = calls(h.newCommands());
        h.reply(sent.get(0).callId(), Reply.fcuValid(L2_ID));
        h.reply(sent.get(1).callId(), Reply.fcuValid(BUILDER_ID));
        UNICHAIN.forEach(line -> stream(h, line.replace(FINAL_HASH, hex(hash(99)))));
        h.newCommands();
        h.getPayload(EngineMethod.GET_PAYLOAD_V4, L2_ID);
        final List<Command> out = h.newCommands();
        assertTrue(ofType(out, BlockHashCheck.class).isEmpty());
        single(calls(out), to(Target.L2, EngineMethod.NEW_PAYLOAD_V4));
    }

    @Test
    void shouldAssembleOnlyOncePerRound()
    {
        final SidecarHarness h = started();
        UNICHAIN.forEach(line -> stream(h, line));
        h.getPayload(EngineMethod.GET_PAYLOAD_V4, L2_ID);
        h.newCommands();

        h.getPayload(EngineMethod.GET_PAYLOAD_V4, L2_ID);
        final List<Command> again = h.newCommands();
        assertEquals(AssemblyOutcome.MISSING_PAYLOAD, ofType(again, FlashblockAssembly.class).get(0).outcome());
        assertFalse(single(calls(again), to(Target.BUILDER, EngineMethod.GET_PAYLOAD_V4)).fireAndForget());
    }

    @Test
    void shouldRefuseLateFlashblocksOnceTheBlockIsSealed()
    {
        final SidecarHarness h = started();
        UNICHAIN.subList(0, 3).forEach(line -> stream(h, line));
        h.getPayload(EngineMethod.GET_PAYLOAD_V4, L2_ID);
        h.newCommands();
        stream(h, UNICHAIN.get(3));
        final List<RecordingSink.FlashblockDecision> late =
            ofType(h.newCommands(), RecordingSink.FlashblockDecision.class);
        assertEquals(io.boostj.sbe.FlashblockVerdict.SEALED, late.get(0).verdict());
        assertEquals("", late.get(0).json(), "never published");
    }
}
