package io.boostj.replay;

import io.boostj.journal.Journal;
import io.boostj.journal.JournalCorruptException;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code stat}: the counters and error log of a running or stopped sidecar, from its journal.
 */
@Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    description = {
        "Counters of a running or stopped sidecar, from its journal: process starts, getPayload decisions by source " +
        "and reason, upstream calls by target, method and outcome with latency p50/p99/max, flashblocks by verdict, " +
        "health changes; then the error log (failed or refused upstream calls, error replies to op-node, builder " +
        "hash mismatches, refused flashblocks), the last --errors lines.",
        "Exits 1 if the journal is missing or damaged (after what was readable), 2 on bad usage." })
public final class StatCommand implements Callable<Integer>
{
    @Mixin
    JournalOptions journalOptions;

    @Option(names = "--errors", paramLabel = "N", defaultValue = "50",
        description = "Print the last N error lines (default: ${DEFAULT-VALUE}; 0: none).")
    int errors;

    private final PrintStream out;
    private final PrintStream err;

    StatCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        if (errors < 0)
        {
            err.println("error: --errors must be >= 0, got " + errors);
            return 2;
        }
        return stat(out, err, journalOptions.journalDir, journalOptions.format, errors);
    }

    /**
     * @param out        where the counters go.
     * @param err        where errors go.
     * @param journalDir the journal.
     * @param format     text or JSON.
     * @param errorLines how many error lines at most (the last ones).
     * @return 0, or 1 for a missing or damaged journal.
     */
    public static int stat(final PrintStream out, final PrintStream err, final File journalDir,
        final OutputFormat format, final int errorLines)
    {
        final JournalStats stats = new JournalStats();
        int exit = 0;
        try (Journal journal = ReplayTool.openReadOnly(err, journalDir))
        {
            if (null == journal)
            {
                return 1;
            }
            try
            {
                BlockTimeline.scan(journal, stats);
            }
            catch (final JournalCorruptException ex)
            {
                err.println("error: " + ex.getMessage() + " (counters below cover the readable part)");
                exit = 1;
            }
        }
        final List<JournalStats.Problem> problems = stats.problems();
        final List<JournalStats.Problem> last = problems.subList(Math.max(0, problems.size() - errorLines),
            problems.size());
        if (OutputFormat.JSON == format)
        {
            printJson(out, stats, last);
        }
        else
        {
            printText(out, stats, last);
        }
        out.flush();
        return exit;
    }

    private static void printText(final PrintStream out, final JournalStats s, final List<JournalStats.Problem> last)
    {
        long total = 0;
        for (final long n : s.records().values())
        {
            total += n;
        }
        out.println("records    " + total + (0 == total ? "" : " from " + Times.iso(s.firstNs()) + " to " +
            Times.iso(s.lastNs())));
        out.println("starts     " + s.engineStarts());
        section(out, "decisions", s.decisions());
        out.println("upstream calls (latency p50 / p99 / max):");
        for (final Map.Entry<String, Histogram> e : s.callLatencies().entrySet())
        {
            final Histogram h = e.getValue();
            out.println(String.format(Locale.ROOT, "  %-48s %8d  %9.3f / %9.3f / %9.3f ms", e.getKey(),
                h.getTotalCount(), h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getMaxValue() / 1e6));
        }
        section(out, "upstream outcomes", s.callOutcomes());
        section(out, "flashblocks", s.flashblockVerdicts());
        section(out, "health changes", s.health());
        out.println("errors     " + s.problemCount() + (last.isEmpty() ? "" : " (last " + last.size() + "):"));
        for (final JournalStats.Problem p : last)
        {
            out.println("  " + p.index() + " " + Times.iso(p.timeNs()) + " " + p.what());
        }
    }

    private static void section(final PrintStream out, final String title, final Map<String, Long> counts)
    {
        out.println(title + ":" + (counts.isEmpty() ? " none" : ""));
        for (final Map.Entry<String, Long> e : counts.entrySet())
        {
            out.println(String.format(Locale.ROOT, "  %-48s %8d", e.getKey(), e.getValue()));
        }
    }

    private static void printJson(final PrintStream out, final JournalStats s, final List<JournalStats.Problem> last)
    {
        final StringBuilder latencies = new StringBuilder("{");
        for (final Map.Entry<String, Histogram> e : s.callLatencies().entrySet())
        {
            final Histogram h = e.getValue();
            latencies.append(latencies.length() > 1 ? "," : "").append(Json.quote(e.getKey())).append(':')
                .append(new Json().field("count", h.getTotalCount()).field("p50Ns", h.getValueAtPercentile(50))
                .field("p99Ns", h.getValueAtPercentile(99)).field("maxNs", h.getMaxValue()).end());
        }
        final StringBuilder errors = new StringBuilder("[");
        for (final JournalStats.Problem p : last)
        {
            errors.append(errors.length() > 1 ? "," : "").append(new Json().field("index", p.index())
                .field("time", Times.iso(p.timeNs())).field("what", p.what()).end());
        }
        out.println(new Json()
            .field("starts", s.engineStarts())
            .raw("records", counts(s.records()))
            .raw("decisions", counts(s.decisions()))
            .raw("upstreamLatency", latencies.append('}').toString())
            .raw("upstreamOutcomes", counts(s.callOutcomes()))
            .raw("flashblocks", counts(s.flashblockVerdicts()))
            .raw("healthChanges", counts(s.health()))
            .field("errorCount", s.problemCount())
            .raw("errors", errors.append(']').toString())
            .end());
    }

    private static String counts(final Map<String, Long> counts)
    {
        final Json json = new Json();
        counts.forEach(json::field);
        return json.end();
    }
}
