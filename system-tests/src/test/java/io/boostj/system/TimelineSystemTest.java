package io.boostj.system;

import io.boostj.devnet.BlockResult;
import io.boostj.replay.ReplayTool;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code replay-tool timeline} on the journal of the real sidecar: the life of a builder block, of a block the builder
 * got wrong (refused by the hash check, L2's block served) and of one the builder missed (its FCU failed), each told
 * from op-node's call to the head update, with the decision and its reason.
 */
class TimelineSystemTest extends SystemTestBase
{
    @Test
    void shouldTellTheLifeOfEachBlockWithItsDecisionAndReason() throws Exception
    {
        start();
        final BlockResult good = produceFrom(1, "builder").get(0);
        builder().faults().zeroStateRoot(true);
        final BlockResult refused = produceFrom(1, "l2").get(0);
        builder().faults().zeroStateRoot(false);
        builder().faults().error("engine_forkchoiceUpdatedV3", -38002, "mock error");
        final BlockResult missed = produceFrom(1, "l2").get(0);
        final java.nio.file.Path journal = tempDir.resolve("journal");
        devnet.close();
        devnet = null;

        final String builderBlock = timeline(journal, "--block", Long.toString(good.number()));
        assertTrue(builderBlock.contains("decision   BUILDER (BUILDER_VALID)"), builderBlock);
        assertLifeOfABlock(builderBlock);
        assertTrue(builderBlock.contains("block hash check MATCH"), builderBlock);
        assertTrue(builderBlock.contains("builder  -> engine_getPayloadV3"), builderBlock);

        final String refusedBlock = timeline(journal, "--payload-id", refused.payloadId());
        assertTrue(refusedBlock.contains("decision   L2 (BUILDER_HASH_MISMATCH)"), refusedBlock);
        assertTrue(refusedBlock.contains("block hash check MISMATCH"), refusedBlock);
        assertLifeOfABlock(refusedBlock);

        final String missedBlock = timeline(journal, "--block", Long.toString(missed.number()));
        assertTrue(missedBlock.contains("decision   L2 (NO_BUILDER_PAYLOAD_ID)"), missedBlock);
        assertTrue(missedBlock.contains("builder  <- RPC_ERROR error -38002 \"mock error\""), missedBlock);
        assertLifeOfABlock(missedBlock);

        final String json = timeline(journal, "--block", Long.toString(good.number()), "--format", "json");
        assertTrue(json.startsWith("{\"blockNumber\":" + good.number() + ",\"blockHash\":\"" + good.blockHash() +
            "\",\"payloadId\":\"" + good.payloadId() + "\""), json);
        assertTrue(json.contains("\"source\":\"BUILDER\",\"reason\":\"BUILDER_VALID\",\"events\":[{\"index\":"), json);
    }

    private static void assertLifeOfABlock(final String text)
    {
        final List<String> order = List.of(
            "op-node  -> engine_forkchoiceUpdatedV3 with attributes",
            "l2       -> engine_forkchoiceUpdatedV3",
            "op-node  -> engine_getPayloadV3",
            "sidecar  DECISION",
            "op-node  <- HTTP 200 the payload envelope",
            "op-node  -> engine_newPayloadV3",
            "op-node  -> engine_forkchoiceUpdatedV3 without attributes");
        int at = 0;
        for (final String step : order)
        {
            final int found = text.indexOf(step, at);
            assertTrue(found >= 0, () -> "missing or out of order: " + step + "\n" + text);
            at = found;
        }
    }

    private static String timeline(final java.nio.file.Path journal, final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final String[] full = new String[args.length + 3];
        full[0] = "timeline";
        full[1] = "--journal-dir";
        full[2] = journal.toString();
        System.arraycopy(args, 0, full, 3, args.length);
        final int exit = ReplayTool.run(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), full);
        assertEquals(0, exit, () -> err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
