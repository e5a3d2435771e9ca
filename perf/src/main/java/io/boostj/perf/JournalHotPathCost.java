package io.boostj.perf;

import io.boostj.core.sidecar.SidecarConfig;
import io.boostj.io.runtime.EngineWarmup;
import io.boostj.journal.Direction;
import io.boostj.journal.Journal;
import io.boostj.journal.JournalContext;
import io.boostj.journal.JournalWriter;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What journaling adds to the engine thread per event, as the shared threading mode runs it: a real engine (flashblocks
 * on) driven by {@link EngineWarmup}'s rounds, each event appended IN before the engine sees it and each of its
 * commands appended OUT; the time spent in those appends is summed per event and recorded (HdrHistogram), after
 * {@code --warmup-blocks} unrecorded rounds. Everything else on the hot path (Netty, the rings, egress) is the same with
 * or without the journal, so this sum is the journal's share of it. Writes {@code journal-hot-path.csv} and
 * {@code journal-hot-path.hgrm} to {@code --results-dir}.
 * <pre>
 * JournalHotPathCost --results-dir DIR [--blocks 5000] [--warmup-blocks 2000] [--flashblocks 10]
 * </pre>
 */
public final class JournalHotPathCost
{
    private JournalHotPathCost()
    {
    }

    /**
     * @param args see the class comment.
     * @throws IOException if the results cannot be written.
     */
    public static void main(final String[] args) throws IOException
    {
        Path resultsDir = Path.of("perf", "results");
        int blocks = 5_000;
        int warmupBlocks = 2_000;
        int flashblocksPerBlock = 10;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--results-dir" -> resultsDir = Path.of(args[++i]);
                case "--blocks" -> blocks = Integer.parseInt(args[++i]);
                case "--warmup-blocks" -> warmupBlocks = Integer.parseInt(args[++i]);
                case "--flashblocks" -> flashblocksPerBlock = Integer.parseInt(args[++i]);
                default ->
                {
                    System.err.println("usage: JournalHotPathCost --results-dir DIR [--blocks N] [--warmup-blocks N] " +
                        "[--flashblocks N]");
                    System.exit(2);
                }
            }
        }
        Files.createDirectories(resultsDir);
        final Path dir = Files.createTempDirectory("boostj-journal-hot-path");
        final SidecarConfig config = new SidecarConfig().flashblocks(true).healthCheckIntervalMs(Long.MAX_VALUE / 4);
        final List<String> flashblocks = JournalDayBenchmark.flashblocks(flashblocksPerBlock);
        try (Journal journal = Journal.open(new JournalContext().directory(dir.toFile()));
            JournalWriter in = journal.newWriter();
            JournalWriter out = journal.newWriter())
        {
            final JournalingTap warm = new JournalingTap(in, out, new Histogram(10_000_000_000L, 3));
            new EngineWarmup().tap(warm).flashblocks(flashblocks).run(config, warmupBlocks);
            final JournalingTap measured = new JournalingTap(in, out, new Histogram(10_000_000_000L, 3));
            new EngineWarmup().tap(measured).flashblocks(flashblocks).run(config, blocks);
            measured.endOfEvent();
            final Histogram h = measured.perEventNs;
            System.out.printf(Locale.ROOT, "journal appends per event on the engine thread, %,d events (%,d records): " +
                "p50 %.2f us  p90 %.2f us  p99 %.2f us  p99.9 %.2f us  max %.2f us  mean %.2f us%n",
                h.getTotalCount(), measured.records, h.getValueAtPercentile(50) / 1e3,
                h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, h.getMean() / 1e3);
            Files.write(resultsDir.resolve("journal-hot-path.csv"), List.of(
                "blocks,flashblocks_per_block,events,records,p50_ns,p90_ns,p99_ns,p99_9_ns,max_ns,mean_ns",
                String.format(Locale.ROOT, "%d,%d,%d,%d,%d,%d,%d,%d,%d,%.1f", blocks, flashblocksPerBlock,
                    h.getTotalCount(), measured.records, h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                    h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(), h.getMean())));
            try (PrintStream hgrm = new PrintStream(resultsDir.resolve("journal-hot-path.hgrm").toFile(), "UTF-8"))
            {
                h.outputPercentileDistribution(hgrm, 1000.0);
            }
        }
        finally
        {
            JournalAppendLatency.delete(dir);
        }
    }

    /** Appends as the sidecar does and sums the time spent appending for each event and the commands it caused. */
    private static final class JournalingTap implements EngineWarmup.Tap
    {
        final Histogram perEventNs;
        private final JournalWriter in;
        private final JournalWriter out;
        private long eventNs = -1;
        private long lastRecvTimeNs;
        long records;

        JournalingTap(final JournalWriter in, final JournalWriter out, final Histogram perEventNs)
        {
            this.in = in;
            this.out = out;
            this.perEventNs = perEventNs;
        }

        @Override
        public void onEvent(final long recvTimeNs, final DirectBuffer buffer, final int offset, final int length)
        {
            endOfEvent();
            lastRecvTimeNs = recvTimeNs;
            final long t0 = System.nanoTime();
            in.append(recvTimeNs, Direction.IN, buffer, offset, length);
            eventNs = System.nanoTime() - t0;
            records++;
        }

        @Override
        public void onCommand(final DirectBuffer buffer, final int offset, final int length)
        {
            final long t0 = System.nanoTime();
            out.append(lastRecvTimeNs, Direction.OUT, buffer, offset, length);
            eventNs += System.nanoTime() - t0;
            records++;
        }

        void endOfEvent()
        {
            if (eventNs >= 0)
            {
                perEventNs.recordValue(eventNs);
                eventNs = -1;
            }
        }
    }
}
