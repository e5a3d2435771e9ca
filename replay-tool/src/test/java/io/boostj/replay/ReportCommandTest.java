package io.boostj.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.File;
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

    private final ToolRun tool = new ToolRun();

    @Test
    void shouldWriteAWellFormedSelfContainedPageWithOneRowPerDecidedBlock() throws Exception
    {
        final File dir = ToolRun.recordScenario(new File(tmp, "journal"), 5, 500);
        assertEquals(0, tool.run("dump", "--journal-dir", dir.getPath(), "--method", "BlockDecision"));
        final Set<String> blocks = new TreeSet<>();
        final Matcher m = DECIDED_BLOCK.matcher(tool.out());
        while (m.find())
        {
            blocks.add(m.group(1));
        }
        assertFalse(blocks.isEmpty(), tool.out());
        final File html = new File(tmp, "report.html");

        assertEquals(0, tool.run("report", "--journal-dir", dir.getPath(), "--html", html.getPath()), tool::err);

        assertTrue(tool.out().startsWith("wrote " + html + ": " + blocks.size() + " blocks, "), tool.out());
        final String page = Files.readString(html.toPath());
        assertFalse(page.replace("http://www.w3.org/2000/svg", "").contains("://"), "no network references");
        assertFalse(page.contains("<script"), "no script");
        final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        final Document doc = factory.newDocumentBuilder().parse(html);
        assertEquals(1 + blocks.size(), doc.getElementsByTagName("tr").getLength());
        assertEquals(1 + blocks.size(), doc.getElementsByTagName("svg").getLength(), "health strip + a row each");

        assertEquals(0, tool.run("report", "--journal-dir", dir.getPath(), "--html", html.getPath(), "--max-blocks",
            "1"));
        assertEquals(2, factory.newDocumentBuilder().parse(html).getElementsByTagName("tr").getLength());
    }

    @Test
    void shouldFailWithExit1OnAMissingJournalOrAnUnwritableFile()
    {
        assertEquals(1, tool.run("report", "--journal-dir", new File(tmp, "none").getPath(), "--html",
            new File(tmp, "r.html").getPath()));
        final File dir = ToolRun.recordScenario(new File(tmp, "journal"), 5, 500);
        assertEquals(1, tool.run("report", "--journal-dir", dir.getPath(), "--html",
            new File(tmp, "no/such/dir/r.html").getPath()));
        assertTrue(tool.err().contains("error: cannot write "), tool.err());
    }

    @Test
    void shouldRefuseBadUsageWithExit2()
    {
        assertEquals(2, tool.run("report", "--journal-dir", tmp.getPath()));
        assertEquals(2, tool.run("report", "--journal-dir", tmp.getPath(), "--html", "x.html", "--max-blocks", "0"));
    }
}
