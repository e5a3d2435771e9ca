package io.boostj.replay;

import io.boostj.journal.Journal;
import io.boostj.journal.JournalCorruptException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.Callable;

/**
 * {@code report --html FILE}: the journal drawn as one self-contained HTML page, one row per block.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
        "Writes a self-contained HTML page (inline SVG, no script, no network): blocks by source and reason, the " +
        "health over the run, and one row per block with its decision, latencies, flashblock count and swimlanes " +
        "for op-node, the sidecar, L2 and the builder (calls as spans, flashblock arrivals as ticks; hover for " +
        "details).",
        "Exits 1 if the journal is missing or damaged or the file cannot be written, 2 on bad usage." })
public final class ReportCommand implements Callable<Integer>
{
    @Mixin
    JournalOptions journalOptions;

    @Option(names = "--html", paramLabel = "FILE", required = true, description = "Where to write the page.")
    File html;

    @Option(names = "--max-blocks", paramLabel = "N", defaultValue = "2000",
        description = "Draw at most the last N blocks (default: ${DEFAULT-VALUE}).")
    int maxBlocks;

    private final PrintStream out;
    private final PrintStream err;

    ReportCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        if (maxBlocks <= 0)
        {
            err.println("error: --max-blocks must be > 0, got " + maxBlocks);
            return 2;
        }
        return report(out, err, journalOptions.journalDir, html, maxBlocks);
    }

    /**
     * @param out        where the one-line result goes.
     * @param err        where errors go.
     * @param journalDir the journal.
     * @param html       the page to write.
     * @param maxBlocks  rows at most.
     * @return 0 written, 1 failed.
     */
    public static int report(final PrintStream out, final PrintStream err, final File journalDir, final File html,
        final int maxBlocks)
    {
        final JournalReport report;
        try (Journal journal = ReplayTool.openReadOnly(err, journalDir))
        {
            if (null == journal)
            {
                return 1;
            }
            report = JournalReport.of(journal);
        }
        catch (final JournalCorruptException ex)
        {
            err.println("error: " + ex.getMessage());
            return 1;
        }
        try
        {
            Files.writeString(html.toPath(), HtmlReport.render(report, journalDir.getPath(), maxBlocks),
                StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            err.println("error: cannot write " + html + ": " + ex.getMessage());
            return 1;
        }
        out.println("wrote " + html + ": " + report.blocks().size() + " blocks, " + report.records() + " records");
        return 0;
    }
}
