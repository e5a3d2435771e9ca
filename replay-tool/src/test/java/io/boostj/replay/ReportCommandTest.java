package io.boostj.replay;

import io.boostj.journal.Journal;
import io.boostj.journal.JournalContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code report --html}: a well-formed, self-contained page with one row per decided block, and its failures. That it
 * renders in a browser is checked by the system tests (headless Chromium).
 */
class ReportCommandTest
{
    private static final Pattern DECIDED_BLOCK = Pattern.compile("BlockDecision +\\d+ .*\\|blockNumber=(\\d+)\\|");

    @TempDir
    File tmp;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @Test
    void shouldWriteAWellFormedSelfContainedPageWithOneRowPerDecidedBlock() throws Exception
    {
        final File dir = record();
        assertEquals(0, ReplayTool.run(out, err, "dump", "--journal-dir", dir.getPath(), "--method", "BlockDecision"));
        final Set<String> blocks = new TreeSet<>();
        final Matcher m = DECIDED_BLOCK.matcher(out());
        while (m.find())
        {
            blocks.add(m.group(1));
        }
        assertFalse(blocks.isEmpty(), out());
        outBytes.reset();
        final File html = new File(tmp, "report.html");

        assertEquals(0, ReplayTool.run(out, err, "report", "--journal-dir", dir.getPath(), "--html", html.getPath()),
            () -> errBytes.toString(StandardCharsets.UTF_8));

        assertTrue(out().startsWith("wrote " + html + ": " + blocks.size() + " blocks, "), out());
        final String page = Files.readString(html.toPath());
        assertFalse(page.replace("http://www.w3.org/2000/svg", "").contains("://"), "no network references");
        assertFalse(page.contains("<script"), "no script");
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        final Document doc = factory.newDocumentBuilder().parse(html);
        assertEquals(1 + blocks.size(), doc.getElementsByTagName("tr").getLength());
        assertEquals(1 + blocks.size(), doc.getElementsByTagName("svg").getLength(), "health strip + a row each");

        assertEquals(0, ReplayTool.run(out, err, "report", "--journal-dir", dir.getPath(), "--html", html.getPath(),
            "--max-blocks", "1"));
        assertEquals(2, factory.newDocumentBuilder().parse(html).getElementsByTagName("tr").getLength());
    }

    @Test
    void shouldFailWithExit1OnAMissingJournalOrAnUnwritableFile()
    {
        assertEquals(1, ReplayTool.run(out, err, "report", "--journal-dir", new File(tmp, "none").getPath(),
            "--html", new File(tmp, "r.html").getPath()));
        final File dir = record();
        assertEquals(1, ReplayTool.run(out, err, "report", "--journal-dir", dir.getPath(),
            "--html", new File(tmp, "no/such/dir/r.html").getPath()));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("error: cannot write "),
            errBytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldRefuseBadUsageWithExit2()
    {
        assertEquals(2, ReplayTool.run(out, err, "report", "--journal-dir", tmp.getPath()));
        assertEquals(2, ReplayTool.run(out, err, "report", "--journal-dir", tmp.getPath(), "--html", "x.html",
            "--max-blocks", "0"));
    }

    private File record()
    {
        final File dir = new File(tmp, "journal");
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            final SidecarScenario scenario = new SidecarScenario(journal, 5);
            scenario.start(SidecarScenario.config());
            scenario.run(500);
            scenario.finish();
        }
        return dir;
    }

    private String out()
    {
        return outBytes.toString(StandardCharsets.UTF_8);
    }
}
