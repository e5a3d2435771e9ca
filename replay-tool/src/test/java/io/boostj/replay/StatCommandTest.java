package io.boostj.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code stat} on a journal of a live engine driven by random events (with failed upstream calls): its counters agree
 * with {@code dump}, failures are in the error log, and its usage errors.
 */
class StatCommandTest
{
    @TempDir
    File tmp;

    private final ToolRun tool = new ToolRun();

    @Test
    void shouldCountWhatDumpShowsAndLogTheFailures()
    {
        final File dir = ToolRun.recordScenario(new File(tmp, "journal"), 3, 600);
        final long decisions = count(dir, "BlockDecision");
        final long transportErrors = dumpLines(dir, "UpstreamReply").split("outcome=TRANSPORT_ERROR", -1).length - 1;
        assertTrue(transportErrors > 0, "the scenario failed some calls");

        assertEquals(0, tool.run("stat", "--journal-dir", dir.getPath(), "--errors", "1000"));

        final String text = tool.out();
        assertTrue(text.startsWith("records    "), text);
        assertTrue(text.contains("\nstarts     1\n"), text);
        long decided = 0;
        final Matcher m = Pattern.compile("\n  (?:BUILDER|L2) [A-Z0-9_]+ +(\\d+)").matcher(text.substring(0,
            text.indexOf("upstream calls")));
        while (m.find())
        {
            decided += Long.parseLong(m.group(1));
        }
        assertEquals(decisions, decided, text);
        assertEquals(transportErrors, text.split(" TRANSPORT_ERROR: connection reset", -1).length - 1, text);

        assertEquals(0, tool.run("stat", "--journal-dir", dir.getPath(), "--format", "json", "--errors", "2"));
        assertTrue(tool.out().startsWith("{\"starts\":1,\"records\":{"), tool.out());
        assertTrue(tool.out().contains("\"errors\":[{\"index\":"), tool.out());
    }

    @Test
    void shouldFailOnAMissingJournalAndRefuseBadUsage()
    {
        assertEquals(1, tool.run("stat", "--journal-dir", new File(tmp, "none").getPath()));
        assertTrue(tool.err().contains("journal directory does not exist"), tool.err());
        assertEquals(2, tool.run("stat", "--journal-dir", tmp.getPath(), "--errors", "-1"));
    }

    private long count(final File dir, final String type)
    {
        return dumpLines(dir, type).lines().count();
    }

    private String dumpLines(final File dir, final String type)
    {
        assertEquals(0, tool.run("dump", "--journal-dir", dir.getPath(), "--method", type));
        return tool.out();
    }
}
