package io.boostj.replay;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tools on a journal recorded from a real devnet run ({@code journals/devnet-builder-down}, see its README): 20
 * blocks, flashblocks, the builder killed before block 8 so blocks 8-13 fall back to L2, health 200 -> 206 -> 200.
 * Each subcommand's output is checked for what the run did, in text and JSON.
 */
class RecordedJournalTest
{
    private static final String BLOCK_3_HASH = "0x04f64008c1fe5a1748fb9c57ba3cac0dbcf6d35e80c280f059e0005e317c61f8";
    private static final String BLOCK_8_HASH = "0x1c29095f123bab2fec900df32e43557bb1ab948ceaa2da01b7730f775db02cdf";
    private static final String BLOCK_8_PAYLOAD_ID = "0x04acfd8cce2b4f88";

    @TempDir
    Path tmp;

    private final ToolRun tool = new ToolRun();
    private String dir;

    @BeforeEach
    void copyJournal() throws IOException, URISyntaxException
    {
        final Path source = Path.of(RecordedJournalTest.class.getResource("/journals/devnet-builder-down").toURI());
        final Path target = tmp.resolve("journal");
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source))
        {
            for (final Path f : (Iterable<Path>)files.filter(p -> p.toString().endsWith(".cq4") ||
                p.toString().endsWith(".cq4t"))::iterator)
            {
                Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        dir = target.toString();
    }

    private String run(final String... args)
    {
        final String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--journal-dir";
        full[args.length + 1] = dir;
        final int exit = tool.run(full);
        assertEquals(0, exit, () -> String.join(" ", args) + ": " + tool.out() + tool.err());
        return tool.out();
    }

    @Test
    void shouldDescribeTheRecordedRun()
    {
        final String text = run("describe");
        assertTrue(text.contains("records        794"), text);
        assertTrue(text.contains("engine starts  1"), text);
        assertTrue(text.contains("directions     in 381, out 413"), text);
        assertTrue(Pattern.compile("BlockDecision +20\\n").matcher(text).find(), text);
        assertTrue(Pattern.compile("FlashblockReceived +71\\n").matcher(text).find(), text);
        assertTrue(Pattern.compile("HealthUpdate +6\\n").matcher(text).find(), text);
        assertTrue(text.contains("status         OK"), text);

        final String json = run("describe", "--format", "json");
        assertTrue(json.contains("\"records\":794"), json);
        assertTrue(json.contains("\"engineStarts\":1"), json);
        assertTrue(json.contains("\"directions\":{\"in\":381,\"out\":413}"), json);
    }

    @Test
    void shouldDumpWithFilters()
    {
        final String decisions = run("dump", "--method", "BlockDecision");
        assertEquals(20, decisions.lines().count(), decisions);
        assertEquals(14, count(decisions, "source=BUILDER\\|reason=BUILDER_VALID"), decisions);
        assertEquals(6, count(decisions, "source=L2\\|reason=NO_BUILDER_PAYLOAD_ID"), decisions);

        final String health = run("dump", "--direction", "out", "--method", "HealthUpdate", "--format", "json");
        assertEquals(6, health.lines().count(), health);
        assertTrue(health.lines().allMatch(l -> l.contains("\"direction\":\"out\"") && l.contains(
            "\"type\":\"HealthUpdate\"")), health);
        assertTrue(health.contains("\"health\":\"PARTIAL_CONTENT\""), health);

        final String block8 = run("dump", "--block", "8", "--method", "BlockDecision", "--format", "json");
        assertEquals(1, block8.lines().count(), block8);
        assertTrue(block8.contains("\"blockHash\":\"" + BLOCK_8_HASH + "\"") &&
            block8.contains("\"source\":\"L2\""), block8);

        final String byPayload = run("dump", "--payload-id", BLOCK_8_PAYLOAD_ID, "--method", "GetPayloadRequest");
        assertEquals(1, byPayload.lines().count(), byPayload);
        assertTrue(byPayload.contains(BLOCK_8_PAYLOAD_ID), byPayload);

        final String limited = run("dump", "--direction", "in", "--limit", "3");
        assertEquals(3, limited.lines().count(), limited);
        assertTrue(limited.lines().findFirst().orElseThrow().contains("EngineConfig"), limited);
    }

    @Test
    void shouldTellABuilderBlockAndAFallbackBlock()
    {
        final String builderBlock = run("timeline", "--block", "3");
        assertTrue(builderBlock.startsWith("block 3 " + BLOCK_3_HASH), builderBlock);
        assertTrue(builderBlock.contains("decision   BUILDER (BUILDER_VALID)"), builderBlock);
        assertEquals(5, count(builderBlock, "sidecar  flashblock #\\d PUBLISHED"), builderBlock);
        assertTrue(builderBlock.contains("assembly from flashblocks: ASSEMBLED, 5 flashblocks"), builderBlock);
        assertTrue(builderBlock.contains("block hash check MATCH"), builderBlock);

        final String fallback = run("timeline", "--block", "8");
        assertTrue(fallback.contains("decision   L2 (NO_BUILDER_PAYLOAD_ID)"), fallback);
        assertTrue(fallback.contains("builder  <- TRANSPORT_ERROR"), fallback);
        assertTrue(fallback.contains("health -> PARTIAL_CONTENT"), fallback);

        final String json = run("timeline", "--block", "8", "--format", "json");
        assertTrue(json.startsWith("{\"blockNumber\":8,\"blockHash\":\"" + BLOCK_8_HASH + "\",\"payloadId\":\"" +
            BLOCK_8_PAYLOAD_ID + "\""), json);
        assertTrue(json.contains("\"source\":\"L2\",\"reason\":\"NO_BUILDER_PAYLOAD_ID\""), json);
        assertTrue(json.contains("\"lane\":\"op-node\""), json);
    }

    @Test
    void shouldCountTheRunInStat()
    {
        final String text = run("stat");
        assertTrue(Pattern.compile("BUILDER BUILDER_VALID +14\\n").matcher(text).find(), text);
        assertTrue(Pattern.compile("L2 NO_BUILDER_PAYLOAD_ID +6\\n").matcher(text).find(), text);
        assertTrue(Pattern.compile("PARTIAL_CONTENT +2\\n").matcher(text).find(), text);
        assertTrue(Pattern.compile("BUILDER FORKCHOICE_UPDATED_V3 TRANSPORT_ERROR +9\\n").matcher(text).find(), text);
        assertTrue(Pattern.compile("PUBLISHED +69\\n").matcher(text).find(), text);

        final String json = run("stat", "--format", "json");
        assertTrue(json.contains("\"starts\":1"), json);
        assertTrue(json.contains("\"decisions\":{\"BUILDER BUILDER_VALID\":14,\"L2 NO_BUILDER_PAYLOAD_ID\":6}"), json);
    }

    @Test
    void shouldReportEveryBlockInHtml() throws IOException
    {
        final File html = tmp.resolve("report.html").toFile();
        final String out = run("report", "--html", html.getPath());
        assertTrue(out.startsWith("wrote " + html + ": 20 blocks, "), out);
        final String page = Files.readString(html.toPath());
        assertTrue(page.contains("<tr><td class=\"n\">8</td><td class=\"L2\">L2</td><td>NO_BUILDER_PAYLOAD_ID</td>"),
            "block 8 fell back to L2");
        assertTrue(page.contains("<tr><td class=\"n\">3</td><td class=\"BUILDER\">BUILDER</td><td>BUILDER_VALID</td>"),
            "block 3 came from the builder");
        assertEquals(6, count(page, "<td>NO_BUILDER_PAYLOAD_ID</td>"), "six fallbacks");
        assertEquals(1 + 20, count(page, "<tr"), "a header row and a row per block");
        assertFalse(page.contains("<script"), "no script");
    }

    @Test
    void shouldReplayToTheJournaledCommands()
    {
        final String text = run("verify");
        assertTrue(text.startsWith("OK 380 events, 413 commands"), text);

        final String json = run("verify", "--format", "json");
        assertTrue(json.contains("\"status\":\"OK\""), json);
        assertTrue(json.contains("\"events\":380"), json);
        assertTrue(json.contains("\"matchedCommands\":413"), json);
        assertTrue(json.contains("\"unjournaledCommands\":0"), json);
        assertTrue(json.contains("\"engineStarts\":1"), json);

        final ReplayResult result = new JournalReplayer().replay(new File(dir));
        assertTrue(result.isOk(), () -> "diverged: " + result.divergence());
        assertEquals(413, result.matchedCommands());
    }

    private static int count(final String text, final String regex)
    {
        final Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find())
        {
            n++;
        }
        return n;
    }
}
