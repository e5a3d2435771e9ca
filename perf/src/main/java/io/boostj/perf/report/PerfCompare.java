package io.boostj.perf.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;

/**
 * {@code perf/compare OLD NEW}: puts the medians of two {@code perf/run-all} runs side by side, metric by metric, with
 * the change and whether it is worse (lower is better for latencies and sizes, higher for rates, neither for sample
 * counts). With
 * {@code --threshold PCT} (default 10) a change worse than PCT percent is flagged REGRESSION; with {@code --fail} the
 * exit status is 1 when anything regressed. OLD and NEW are run-all directories or their {@code metrics.csv} files.
 */
public final class PerfCompare
{
    private PerfCompare()
    {
    }

    /**
     * @param args {@code [--threshold PCT] [--fail] OLD NEW}.
     * @throws IOException if a metrics file cannot be read.
     */
    public static void main(final String[] args) throws IOException
    {
        double threshold = 10;
        boolean fail = false;
        Path oldRun = null;
        Path newRun = null;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--threshold" -> threshold = Double.parseDouble(args[++i]);
                case "--fail" -> fail = true;
                case "-h", "--help" ->
                {
                    System.out.println("usage: perf/compare [--threshold PCT] [--fail] OLD NEW   (run-all directories " +
                        "or metrics.csv files)");
                    return;
                }
                default ->
                {
                    if (null == oldRun)
                    {
                        oldRun = Paths.get(args[i]);
                    }
                    else if (null == newRun)
                    {
                        newRun = Paths.get(args[i]);
                    }
                    else
                    {
                        System.err.println("perf/compare: unexpected argument " + args[i]);
                        System.exit(2);
                    }
                }
            }
        }
        if (null == newRun)
        {
            System.err.println("usage: perf/compare [--threshold PCT] [--fail] OLD NEW");
            System.exit(2);
        }
        final int regressions = compare(metricsFile(oldRun), metricsFile(newRun), threshold, System.out);
        System.exit(fail && regressions > 0 ? 1 : 0);
    }

    static Path metricsFile(final Path run) throws IOException
    {
        final Path file = Files.isDirectory(run) ? run.resolve("metrics.csv") : run;
        if (!Files.exists(file))
        {
            throw new IOException(file + " does not exist: run perf/run-all first (it writes metrics.csv)");
        }
        return file;
    }

    /**
     * Prints the comparison.
     *
     * @return how many metrics got worse by more than {@code thresholdPct}.
     */
    static int compare(final Path oldFile, final Path newFile, final double thresholdPct, final PrintStream out)
        throws IOException
    {
        final Map<String, MetricSet.Row> before = MetricSet.read(oldFile);
        final Map<String, MetricSet.Row> after = MetricSet.read(newFile);
        int regressions = 0;
        int compared = 0;
        out.printf(Locale.ROOT, "%-14s %-64s %-7s %12s %12s %9s%n", "section", "metric", "unit", "old", "new", "change");
        for (final MetricSet.Row now : after.values())
        {
            final MetricSet.Row was = before.get(now.key());
            if (null == was)
            {
                out.printf(Locale.ROOT, "%-14s %-64s %-7s %12s %12s %9s%n", now.section(), now.metric(), now.unit(),
                    "-", MetricSet.num(now.median()), "new");
                continue;
            }
            compared++;
            final double old = was.median();
            final double changePct = old == 0 ? (now.median() == 0 ? 0 : 100) :
                100 * (now.median() - old) / Math.abs(old);
            final double worsePct = "none".equals(now.better()) ? 0 :
                "lower".equals(now.better()) ? changePct : -changePct;
            final boolean regressed = worsePct > thresholdPct;
            if (regressed)
            {
                regressions++;
            }
            out.printf(Locale.ROOT, "%-14s %-64s %-7s %12s %12s %+8.1f%%%s%n", now.section(), now.metric(), now.unit(),
                MetricSet.num(old), MetricSet.num(now.median()), changePct, regressed ? "  REGRESSION" :
                worsePct < -thresholdPct ? "  better" : "");
        }
        for (final MetricSet.Row was : before.values())
        {
            if (!after.containsKey(was.key()))
            {
                out.printf(Locale.ROOT, "%-14s %-64s %-7s %12s %12s %9s%n", was.section(), was.metric(), was.unit(),
                    MetricSet.num(was.median()), "-", "gone");
            }
        }
        out.printf(Locale.ROOT, "%d metrics compared, %d worse by more than %.0f%%%n", compared, regressions,
            thresholdPct);
        return regressions;
    }
}
