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
 * {@code stat} on a journal of a live engine driven by random events (with failed upstream calls): its counters agree
 * with {@code dump}, failures are in the error log, and its usage errors.
 */
class StatCommandTest
{
    @TempDir
    File tmp;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @Test
    void shouldCountWhatDumpShowsAndLogTheFailures()
    {
        final File dir = record();
        final long decisions = count(dir, "BlockDecision");
        final long transportErrors = dumpLines(dir, "UpstreamReply").split("outcome=TRANSPORT_ERROR", -1).length - 1;
        assertTrue(transportErrors > 0, "the scenario failed some calls");

        assertEquals(0, ReplayTool.run(out, err, "stat", "--journal-dir", dir.getPath(), "--errors", "1000"));

        final String text = out();
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
        reset();

        assertEquals(0, ReplayTool.run(out, err, "stat", "--journal-dir", dir.getPath(), "--format", "json",
            "--errors", "2"));
        assertTrue(out().startsWith("{\"starts\":1,\"records\":{"), out());
        assertTrue(out().contains("\"errors\":[{\"index\":"), out());
    }

    @Test
    void shouldFailOnAMissingJournalAndRefuseBadUsage()
    {
        assertEquals(1, ReplayTool.run(out, err, "stat", "--journal-dir", new File(tmp, "none").getPath()));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("journal directory does not exist"));
        assertEquals(2, ReplayTool.run(out, err, "stat", "--journal-dir", tmp.getPath(), "--errors", "-1"));
    }

    private long count(final File dir, final String type)
    {
        return dumpLines(dir, type).lines().count();
    }

    private String dumpLines(final File dir, final String type)
    {
        reset();
        assertEquals(0, ReplayTool.run(out, err, "dump", "--journal-dir", dir.getPath(), "--method", type));
        final String lines = out();
        reset();
        return lines;
    }

    private File record()
    {
        final File dir = new File(tmp, "journal");
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            final SidecarScenario scenario = new SidecarScenario(journal, 3);
            scenario.start(SidecarScenario.config());
            scenario.run(600);
            scenario.finish();
        }
        return dir;
    }

    private String out()
    {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private void reset()
    {
        outBytes.reset();
        errBytes.reset();
    }
}
