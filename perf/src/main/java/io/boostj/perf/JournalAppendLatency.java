package io.boostj.perf;

import io.boostj.journal.Direction;
import io.boostj.journal.Journal;
import io.boostj.journal.JournalContext;
import io.boostj.journal.JournalSyncMode;
import io.boostj.journal.JournalWriter;
import org.HdrHistogram.Histogram;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Journal append latency, per append (System.nanoTime around {@link JournalWriter#append}), for records of the sizes
 * the sidecar writes ({@link JournalRecords}), into a fresh journal in a temp directory; then the cost of
 * {@link JournalWriter#sync()} at a batch end (every {@code --batch} FCU-sized appends) in each
 * {@link JournalSyncMode}. Warm-up appends are not recorded. Writes {@code journal-append.csv} and one {@code .hgrm}
 * per row to {@code --results-dir}.
 * <pre>
 * JournalAppendLatency --results-dir DIR [--appends N] [--batch N] [--journal-parent DIR]
 * </pre>
 * {@code --appends} is for the 1 KB records; the larger ones get proportionally fewer (at least 500), so each row
 * writes about the same number of bytes.
 */
public final class JournalAppendLatency
{
    private static final long HIGHEST_NS = 10_000_000_000L;

    private JournalAppendLatency()
    {
    }

    /**
     * @param args see the class comment.
     * @throws IOException if the results cannot be written.
     */
    public static void main(final String[] args) throws IOException
    {
        Path resultsDir = Path.of("perf", "results");
        int appends = 200_000;
        int batch = 4;
        Path journalParent = Path.of(System.getProperty("java.io.tmpdir"));
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--results-dir" -> resultsDir = Path.of(args[++i]);
                case "--appends" -> appends = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--journal-parent" -> journalParent = Path.of(args[++i]);
                default ->
                {
                    System.err.println("usage: JournalAppendLatency --results-dir DIR [--appends N] [--batch N] " +
                        "[--journal-parent DIR]");
                    System.exit(2);
                }
            }
        }
        Files.createDirectories(resultsDir);
        final List<String> rows = new ArrayList<>();
        rows.add("measure,record,record_bytes,sync_mode,count,p50_ns,p90_ns,p99_ns,p99_9_ns,max_ns,mean_ns");
        final List<JournalRecords.Sample> samples = JournalRecords.all();
        final int smallest = samples.get(0).length();
        for (final JournalRecords.Sample sample : samples)
        {
            final int count = Math.max(500, (int)((long)appends * smallest / sample.length()));
            final Histogram h = appendLatency(journalParent, sample, count);
            rows.add(row("append", sample.name(), sample.length(), "async", h));
            write(resultsDir.resolve("journal-append-" + sample.name() + ".hgrm"), h);
            System.out.printf(Locale.ROOT, "append %-18s %8d B x %7d: p50 %7.2f us  p99 %7.2f us  p99.9 %8.2f us  " +
                "max %9.2f us%n", sample.name(), sample.length(), count, h.getValueAtPercentile(50) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
        }
        for (final JournalSyncMode mode : JournalSyncMode.values())
        {
            final Histogram h = syncLatency(journalParent, samples.get(0), mode, batch, Math.max(2_000, appends / 50));
            final String name = mode.name().toLowerCase(Locale.ROOT);
            rows.add(row("sync_per_batch_of_" + batch, samples.get(0).name(), samples.get(0).length(), name, h));
            write(resultsDir.resolve("journal-sync-" + name + ".hgrm"), h);
            System.out.printf(Locale.ROOT, "sync  %-6s after %d x %s: p50 %9.2f us  p99 %9.2f us  max %10.2f us%n",
                name, batch, samples.get(0).name(), h.getValueAtPercentile(50) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3);
        }
        Files.write(resultsDir.resolve("journal-append.csv"), rows);
        System.out.println("results: " + resultsDir.resolve("journal-append.csv").toAbsolutePath());
    }

    private static Histogram appendLatency(final Path parent, final JournalRecords.Sample sample, final int count)
        throws IOException
    {
        final Path dir = Files.createTempDirectory(parent, "boostj-journal-append");
        try (Journal journal = Journal.open(new JournalContext().directory(dir.toFile()));
            JournalWriter writer = journal.newWriter())
        {
            final int warmup = Math.min(count, 20_000);
            for (int i = 0; i < warmup; i++)
            {
                writer.append(i, Direction.IN, sample.buffer(), 0, sample.length());
            }
            final Histogram h = new Histogram(HIGHEST_NS, 3);
            for (int i = 0; i < count; i++)
            {
                final long t0 = System.nanoTime();
                writer.append(t0, Direction.IN, sample.buffer(), 0, sample.length());
                h.recordValue(System.nanoTime() - t0);
            }
            return h;
        }
        finally
        {
            delete(dir);
        }
    }

    private static Histogram syncLatency(
        final Path parent, final JournalRecords.Sample sample, final JournalSyncMode mode, final int batch,
        final int batches) throws IOException
    {
        final Path dir = Files.createTempDirectory(parent, "boostj-journal-sync");
        try (Journal journal = Journal.open(new JournalContext().directory(dir.toFile()).syncMode(mode));
            JournalWriter writer = journal.newWriter())
        {
            final Histogram h = new Histogram(HIGHEST_NS, 3);
            for (int b = -100; b < batches; b++)
            {
                for (int i = 0; i < batch; i++)
                {
                    writer.append(System.nanoTime(), Direction.IN, sample.buffer(), 0, sample.length());
                }
                final long t0 = System.nanoTime();
                writer.sync();
                if (b >= 0)
                {
                    h.recordValue(System.nanoTime() - t0);
                }
            }
            return h;
        }
        finally
        {
            delete(dir);
        }
    }

    private static String row(
        final String measure, final String record, final int bytes, final String mode, final Histogram h)
    {
        return String.format(Locale.ROOT, "%s,%s,%d,%s,%d,%d,%d,%d,%d,%d,%.1f", measure, record, bytes, mode,
            h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
            h.getValueAtPercentile(99.9), h.getMaxValue(), h.getMean());
    }

    private static void write(final Path file, final Histogram h) throws IOException
    {
        try (PrintStream out = new PrintStream(file.toFile(), "UTF-8"))
        {
            h.outputPercentileDistribution(out, 1000.0);
        }
    }

    static void delete(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
