package io.boostj.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code timeline} and {@code dump --block} on a journal of a live engine driven by random events, and their usage
 * errors. The life of a block in a real sidecar's journal is told in the system tests ({@code TimelineSystemTest}).
 */
class TimelineCommandTest
{
    private static final Pattern DECIDED_BLOCK = Pattern.compile("BlockDecision +\\d+ .*\\|blockNumber=(\\d+)\\|");

    @TempDir
    File tmp;

    private final ToolRun tool = new ToolRun();

    @Test
    void shouldTellTheLifeOfADecidedBlockAndFindItByItsPayloadIdToo()
    {
        final File dir = ToolRun.recordScenario(new File(tmp, "journal"), 11, 400);
        final String block = decidedBlock(dir);

        assertEquals(0, tool.run("timeline", "--journal-dir", dir.getPath(), "--block", block), tool::err);
        final String text = tool.out();
        assertTrue(text.startsWith("block " + block + " 0x"), text);
        assertTrue(text.contains("sidecar  DECISION "), text);
        assertTrue(text.contains("op-node  -> engine_getPayloadV"), text);
        final Matcher id = Pattern.compile("payload id (0x[0-9a-f]{16})").matcher(text);
        assertTrue(id.find(), text);

        assertEquals(0, tool.run("timeline", "--journal-dir", dir.getPath(), "--payload-id", id.group(1), "--format",
            "json"), tool::err);
        assertTrue(tool.out().contains("\"payloadId\":\"" + id.group(1) + "\""), tool.out());
        assertTrue(tool.out().contains("\"lane\":\"sidecar\",\"type\":\"BlockDecision\""), tool.out());
    }

    @Test
    void shouldDumpOnlyTheRecordsOfOneBlock()
    {
        final File dir = ToolRun.recordScenario(new File(tmp, "journal"), 11, 400);
        final String block = decidedBlock(dir);
        assertEquals(0, tool.run("timeline", "--journal-dir", dir.getPath(), "--block", block));
        final long events = tool.out().lines().filter(l -> l.matches("^ +[+-]\\d.*")).count();

        assertEquals(0, tool.run("dump", "--journal-dir", dir.getPath(), "--block", block), tool::err);

        assertEquals(events, tool.out().lines().count(), tool.out());
        assertTrue(tool.out().contains("BlockDecision"), tool.out());
        assertEquals(1, tool.run("dump", "--journal-dir", dir.getPath(), "--block", "999999"));
        assertTrue(tool.err().contains("error: no block 999999"), tool.err());
        assertEquals(2, tool.run("dump", "--journal-dir", dir.getPath(), "--block", block, "--payload-id",
            "0x0123456789abcdef"));
        assertEquals(2, tool.run("dump", "--journal-dir", dir.getPath(), "--block", block, "--follow"));
        assertEquals(2, tool.run("dump", "--journal-dir", dir.getPath(), "--payload-id", "12"));
    }

    @Test
    void shouldFailWithExit1WhenTheJournalHoldsNoSuchBlockOrIsMissing()
    {
        final File dir = ToolRun.recordScenario(new File(tmp, "journal"), 11, 400);

        assertEquals(1, tool.run("timeline", "--journal-dir", dir.getPath(), "--block", "999999"));
        assertTrue(tool.err().contains("error: no block 999999 in "), tool.err());
        assertEquals(1, tool.run("timeline", "--journal-dir", dir.getPath(), "--payload-id", "0x0123456789abcdef"));
        assertTrue(tool.err().contains("error: no payload id 0x0123456789abcdef"), tool.err());
        assertEquals(1, tool.run("timeline", "--journal-dir", new File(tmp, "none").getPath(), "--block", "1"));
        assertTrue(tool.err().contains("journal directory does not exist"), tool.err());
    }

    @Test
    void shouldRefuseBadUsageWithExit2()
    {
        final String dir = tmp.getPath();
        assertEquals(2, tool.run("timeline", "--journal-dir", dir));
        assertEquals(2, tool.run("timeline", "--journal-dir", dir, "--block", "1", "--payload-id",
            "0x0123456789abcdef"));
        assertEquals(2, tool.run("timeline", "--journal-dir", dir, "--payload-id", "0x12"));
        assertTrue(tool.err().contains("--payload-id must be 0x and 16 hex digits"), tool.err());
        assertEquals(2, tool.run("timeline", "--journal-dir", dir, "--block", "-3"));
        assertEquals(2, tool.run("timeline", "--journal-dir", dir, "--block", "x"));
    }

    private String decidedBlock(final File dir)
    {
        assertEquals(0, tool.run("dump", "--journal-dir", dir.getPath(), "--method", "BlockDecision"));
        final Matcher decided = DECIDED_BLOCK.matcher(tool.out());
        assertTrue(decided.find(), tool.out());
        return decided.group(1);
    }
}
