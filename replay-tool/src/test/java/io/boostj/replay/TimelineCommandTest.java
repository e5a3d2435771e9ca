package io.boostj.replay;

import io.boostj.journal.Journal;
import io.boostj.journal.JournalContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code timeline} on a journal of a live engine driven by random events, and its usage errors. The life of a block
 * in a real sidecar's journal is told in the system tests ({@code TimelineSystemTest}).
 */
class TimelineCommandTest
{
    private static final Pattern DECIDED_BLOCK = Pattern.compile("BlockDecision +\\d+ .*\\|blockNumber=(\\d+)\\|");

    @TempDir
    File tmp;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @Test
    void shouldTellTheLifeOfADecidedBlockAndFindItByItsPayloadIdToo()
    {
        final File dir = record();
        assertEquals(0, ReplayTool.run(out, err, "dump", "--journal-dir", dir.getPath(), "--method", "BlockDecision"));
        final Matcher decided = DECIDED_BLOCK.matcher(out());
        assertTrue(decided.find(), out());
        final String block = decided.group(1);
        reset();

        assertEquals(0, ReplayTool.run(out, err, "timeline", "--journal-dir", dir.getPath(), "--block", block),
            this::err);
        final String text = out();
        assertTrue(text.startsWith("block " + block + " 0x"), text);
        assertTrue(text.contains("sidecar  DECISION "), text);
        assertTrue(text.contains("op-node  -> engine_getPayloadV"), text);
        final Matcher id = Pattern.compile("payload id (0x[0-9a-f]{16})").matcher(text);
        assertTrue(id.find(), text);
        reset();

        assertEquals(0, ReplayTool.run(out, err, "timeline", "--journal-dir", dir.getPath(), "--payload-id",
            id.group(1), "--format", "json"), this::err);
        assertTrue(out().contains("\"payloadId\":\"" + id.group(1) + "\""), out());
        assertTrue(out().contains("\"lane\":\"sidecar\",\"type\":\"BlockDecision\""), out());
    }

    @Test
    void shouldDumpOnlyTheRecordsOfOneBlock()
    {
        final File dir = record();
        assertEquals(0, ReplayTool.run(out, err, "dump", "--journal-dir", dir.getPath(), "--method", "BlockDecision"));
        final Matcher decided = DECIDED_BLOCK.matcher(out());
        assertTrue(decided.find(), out());
        final String block = decided.group(1);
        reset();
        assertEquals(0, ReplayTool.run(out, err, "timeline", "--journal-dir", dir.getPath(), "--block", block));
        final long events = out().lines().filter(l -> l.matches("^ +[+-]\\d.*")).count();
        reset();

        assertEquals(0, ReplayTool.run(out, err, "dump", "--journal-dir", dir.getPath(), "--block", block), this::err);

        assertEquals(events, out().lines().count(), out());
        assertTrue(out().contains("BlockDecision"), out());
        reset();
        assertEquals(1, ReplayTool.run(out, err, "dump", "--journal-dir", dir.getPath(), "--block", "999999"));
        assertTrue(err().contains("error: no block 999999"), err());
        assertEquals(2, ReplayTool.run(out, err, "dump", "--journal-dir", dir.getPath(), "--block", block,
            "--payload-id", "0x0123456789abcdef"));
        assertEquals(2, ReplayTool.run(out, err, "dump", "--journal-dir", dir.getPath(), "--block", block,
            "--follow"));
        assertEquals(2, ReplayTool.run(out, err, "dump", "--journal-dir", dir.getPath(), "--payload-id", "12"));
    }

    @Test
    void shouldFailWithExit1WhenTheJournalHoldsNoSuchBlock()
    {
        final File dir = record();

        assertEquals(1, ReplayTool.run(out, err, "timeline", "--journal-dir", dir.getPath(), "--block", "999999"));
        assertTrue(err().contains("error: no block 999999 in "), err());
        reset();
        assertEquals(1, ReplayTool.run(out, err, "timeline", "--journal-dir", dir.getPath(), "--payload-id",
            "0x0123456789abcdef"));
        assertTrue(err().contains("error: no payload id 0x0123456789abcdef"), err());
    }

    @Test
    void shouldFailWithExit1OnAMissingJournal()
    {
        assertEquals(1, ReplayTool.run(out, err, "timeline", "--journal-dir", new File(tmp, "none").getPath(),
            "--block", "1"));
        assertTrue(err().contains("journal directory does not exist"), err());
    }

    @Test
    void shouldRefuseBadUsageWithExit2()
    {
        final String dir = tmp.getPath();
        assertEquals(2, ReplayTool.run(out, err, "timeline", "--journal-dir", dir));
        assertEquals(2, ReplayTool.run(out, err, "timeline", "--journal-dir", dir, "--block", "1", "--payload-id",
            "0x0123456789abcdef"));
        assertEquals(2, ReplayTool.run(out, err, "timeline", "--journal-dir", dir, "--payload-id", "0x12"));
        assertTrue(err().contains("--payload-id must be 0x and 16 hex digits"), err());
        assertEquals(2, ReplayTool.run(out, err, "timeline", "--journal-dir", dir, "--block", "-3"));
        assertEquals(2, ReplayTool.run(out, err, "timeline", "--journal-dir", dir, "--block", "x"));
    }

    private File record()
    {
        final File dir = new File(tmp, "journal");
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            final SidecarScenario scenario = new SidecarScenario(journal, 11);
            scenario.start(SidecarScenario.config());
            scenario.run(400);
            scenario.finish();
        }
        return dir;
    }

    private String out()
    {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err()
    {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private void reset()
    {
        outBytes.reset();
        errBytes.reset();
    }
}
