package io.boostj.system;

import io.boostj.devnet.BlockResult;
import io.boostj.replay.ReplayTool;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void shouldKeepEachProcessStartApartAlthoughItsRequestIdsAndBlockNumbersRepeat() throws Exception
    {
        start();
        produceFrom(2, "builder");
        devnet.close();
        devnet = null;
        start();
        final BlockResult again = produceFrom(2, "builder").get(1);
        final Path journal = tempDir.resolve("journal");
        devnet.close();
        devnet = null;
        final String starts = tool(journal, "dump", "--method", "EngineConfig");
        final long secondStart = Long.parseLong(starts.lines().skip(1).findFirst().orElseThrow().split(" ")[0]);

        final String records = tool(journal, "dump", "--block", Long.toString(again.number()));

        assertTrue(records.lines().count() > 10, records);
        assertTrue(records.lines().allMatch(l -> Long.parseLong(l.split(" ")[0]) > secondStart),
            "only the second start's records, though both numbered their requests from 1:\n" + records);
    }

    @Test
    void shouldDrawTheRunAsAPageThatABrowserRenders() throws Exception
    {
        start();
        produceFrom(2, "builder");
        builder().faults().zeroStateRoot(true);
        produceFrom(2, "l2");
        builder().faults().zeroStateRoot(false);
        produceFrom(2, "builder");
        final Path journal = tempDir.resolve("journal");
        devnet.close();
        devnet = null;
        final Path html = tempDir.resolve("report.html");

        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, ReplayTool.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, "report",
            "--journal-dir", journal.toString(), "--html", html.toString()));
        final String page = Files.readString(html);
        assertTrue(page.contains("BUILDER_HASH_MISMATCH"), "the refused blocks' reason is on the page");

        final String chromium = Browser.find();
        if (null == chromium)
        {
            assertFalse(Browser.required(), "CI must have chromium (.ci/run installs it) to check the report renders");
            return;
        }
        final Path png = tempDir.resolve("report.png");
        final Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
            "--hide-scrollbars", "--window-size=1300,700", "--screenshot=" + png, html.toUri().toString())
            .redirectErrorStream(true).redirectOutput(tempDir.resolve("chromium.log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        assertEquals(0, p.exitValue(), () -> read(tempDir.resolve("chromium.log")));
        final BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1300, image.getWidth());
        final Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3)
        {
            for (int x = 0; x < image.getWidth(); x += 3)
            {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.contains(0xFF6A1B9A) || colours.contains(0xFF00796B) || colours.size() > 50,
            "the page drew its lanes and decisions: " + colours.size() + " colours");
    }

    private static String read(final Path p)
    {
        try
        {
            return Files.readString(p);
        }
        catch (final java.io.IOException ex)
        {
            return ex.toString();
        }
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
        final String[] full = new String[args.length + 1];
        full[0] = "timeline";
        System.arraycopy(args, 0, full, 1, args.length);
        return tool(journal, full);
    }

    private static String tool(final java.nio.file.Path journal, final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final String[] full = new String[args.length + 1];
        full[0] = args[0];
        full[1] = "--journal-dir=" + journal;
        System.arraycopy(args, 1, full, 2, args.length - 1);
        final int exit = ReplayTool.run(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), full);
        assertEquals(0, exit, () -> err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
