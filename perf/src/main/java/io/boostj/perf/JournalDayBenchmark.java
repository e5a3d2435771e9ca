package io.boostj.perf;

import io.boostj.core.sidecar.SidecarConfig;
import io.boostj.io.runtime.EngineWarmup;
import io.boostj.journal.Direction;
import io.boostj.journal.Journal;
import io.boostj.journal.JournalContext;
import io.boostj.journal.JournalWriter;
import io.boostj.replay.JournalReplayer;
import io.boostj.replay.ReplayResult;
import io.boostj.replay.ReplayTool;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A synthetic day in the journal, then the tools on it: a real {@link io.boostj.core.sidecar.SidecarEngine}, flashblocks
 * on, driven by {@link EngineWarmup}'s deterministic rounds (FCU with attributes, the round's flashblocks from the real
 * Unichain ones, getPayload, newPayload, FCU; every upstream answering at once) one block every {@code --block-time-ms}
 * of event time, each event journaled IN before the engine sees it and each command OUT as it is emitted, into a real
 * {@link Journal} whose clock is the event time (so it rolls hourly as a live one would). Then it times
 * {@link JournalReplayer} (events/s) and {@code replay-tool verify} (the CLI's code, in process) on it. Writes
 * {@code journal-day.csv} to {@code --results-dir}.
 * <pre>
 * JournalDayBenchmark --results-dir DIR [--blocks 43200] [--flashblocks 10] [--block-time-ms 2000]
 *                     [--journal-dir DIR (kept; default a temp dir, deleted)]
 * </pre>
 */
public final class JournalDayBenchmark
{
    private static final long DAY_START_NS = 1_796_342_400_000_000_000L;

    private JournalDayBenchmark()
    {
    }

    /**
     * @param args see the class comment.
     * @throws IOException if the journal or the results cannot be written.
     */
    public static void main(final String[] args) throws IOException
    {
        Path resultsDir = Path.of("perf", "results");
        int blocks = 43_200;
        int flashblocksPerBlock = 10;
        long blockTimeMs = 2_000;
        Path journalDir = null;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--results-dir" -> resultsDir = Path.of(args[++i]);
                case "--blocks" -> blocks = Integer.parseInt(args[++i]);
                case "--flashblocks" -> flashblocksPerBlock = Integer.parseInt(args[++i]);
                case "--block-time-ms" -> blockTimeMs = Long.parseLong(args[++i]);
                case "--journal-dir" -> journalDir = Path.of(args[++i]);
                default ->
                {
                    System.err.println("usage: JournalDayBenchmark --results-dir DIR [--blocks N] [--flashblocks N] " +
                        "[--block-time-ms MS] [--journal-dir DIR]");
                    System.exit(2);
                }
            }
        }
        Files.createDirectories(resultsDir);
        final boolean keep = null != journalDir;
        final Path dir = keep ? journalDir : Files.createTempDirectory("boostj-journal-day");
        if (keep && Files.exists(dir))
        {
            System.err.println("error: --journal-dir exists: " + dir);
            System.exit(2);
        }
        try
        {
            final long genStartNs = System.nanoTime();
            final long[] written = generate(dir, blocks, flashblocksPerBlock, blockTimeMs);
            final long genNs = System.nanoTime() - genStartNs;
            final long bytes = apparentBytes(dir);
            final long diskBytes = diskBytes(dir);
            System.out.printf(Locale.ROOT, "generated %,d blocks x %d flashblocks: %,d events, %,d commands, " +
                "%,d bytes on disk (%,d apparent, sparse) in %d files, in %.1f s%n", blocks, flashblocksPerBlock,
                written[0], written[1], diskBytes, bytes, fileCount(dir), genNs / 1e9);

            final long replayStartNs = System.nanoTime();
            final ReplayResult replay = new JournalReplayer().replay(dir.toFile());
            final long replayNs = System.nanoTime() - replayStartNs;
            final double eventsPerS = replay.events() * 1e9 / replayNs;
            System.out.printf(Locale.ROOT, "replay: %s in %.1f s: %,.0f events/s (%,.0f records/s)%n",
                replay.isOk() ? "OK" : "DIVERGED " + replay.divergence(), replayNs / 1e9, eventsPerS,
                (replay.events() + replay.matchedCommands()) * 1e9 / replayNs);

            final long verifyStartNs = System.nanoTime();
            final int verifyExit = ReplayTool.run(System.out, System.err, "verify", "--journal-dir", dir.toString());
            final long verifyNs = System.nanoTime() - verifyStartNs;
            System.out.printf(Locale.ROOT, "replay-tool verify: exit %d in %.1f s%n", verifyExit, verifyNs / 1e9);

            final List<String> rows = new ArrayList<>();
            rows.add("blocks,flashblocks_per_block,block_time_ms,events,commands,files,disk_bytes,apparent_bytes," +
                "generate_s,replay_s,replay_events_per_s,replay_ok,verify_s,verify_exit");
            rows.add(String.format(Locale.ROOT, "%d,%d,%d,%d,%d,%d,%d,%d,%.2f,%.2f,%.0f,%b,%.2f,%d", blocks,
                flashblocksPerBlock, blockTimeMs, written[0], written[1], fileCount(dir), diskBytes, bytes, genNs / 1e9,
                replayNs / 1e9, eventsPerS, replay.isOk(), verifyNs / 1e9, verifyExit));
            Files.write(resultsDir.resolve("journal-day.csv"), rows);
            System.out.println("results: " + resultsDir.resolve("journal-day.csv").toAbsolutePath());
            if (!replay.isOk() || 0 != verifyExit)
            {
                System.exit(1);
            }
        }
        finally
        {
            if (!keep)
            {
                JournalAppendLatency.delete(dir);
            }
        }
    }

    /**
     * @return events and commands written.
     */
    private static long[] generate(final Path dir, final int blocks, final int flashblocksPerBlock, final long blockTimeMs)
    {
        final AtomicLong eventTimeMs = new AtomicLong(DAY_START_NS / 1_000_000L);
        final long[] counts = new long[2];
        final SidecarConfig config = new SidecarConfig().flashblocks(true).healthCheckIntervalMs(Long.MAX_VALUE / 4);
        try (Journal journal = Journal.open(new JournalContext().directory(dir.toFile()).epochClock(eventTimeMs::get));
            JournalWriter in = journal.newWriter();
            JournalWriter out = journal.newWriter())
        {
            final ExpandableArrayBuffer configRecord = new ExpandableArrayBuffer(256);
            in.append(DAY_START_NS, Direction.IN, configRecord, 0, config.encode(configRecord, 0, DAY_START_NS));
            final long[] lastEventNs = {DAY_START_NS};
            final EngineWarmup.Tap tap = new EngineWarmup.Tap()
            {
                public void onEvent(
                    final long recvTimeNs, final DirectBuffer buffer, final int offset, final int length)
                {
                    lastEventNs[0] = recvTimeNs;
                    eventTimeMs.set(lastEventNs[0] / 1_000_000L);
                    in.append(lastEventNs[0], Direction.IN, buffer, offset, length);
                    counts[0]++;
                }

                public void onCommand(final DirectBuffer buffer, final int offset, final int length)
                {
                    out.append(lastEventNs[0], Direction.OUT, buffer, offset, length);
                    counts[1]++;
                }
            };
            new EngineWarmup().tap(tap).clock(DAY_START_NS, blockTimeMs * 1_000_000L)
                .flashblocks(flashblocks(flashblocksPerBlock)).run(config, blocks);
        }
        return counts;
    }

    static List<String> flashblocks(final int count)
    {
        final List<String> real = Payloads.text("unichain_sepolia_35535698_with_metadata", "ndjson").lines()
            .filter(l -> !l.isBlank()).toList();
        final List<String> flashblocks = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            flashblocks.add(real.get(0 == i ? 0 : 1 + (i - 1) % (real.size() - 1)));
        }
        return flashblocks;
    }

    private static long apparentBytes(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** Allocated bytes as {@code du} counts them (cycle files are sparse). */
    private static long diskBytes(final Path dir) throws IOException
    {
        final Process du = new ProcessBuilder("du", "-sk", dir.toString()).redirectErrorStream(true).start();
        final String out = new String(du.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try
        {
            if (0 != du.waitFor())
            {
                throw new IOException("du failed: " + out);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ex);
        }
        return Long.parseLong(out.trim().split("\\s+")[0]) * 1024;
    }

    private static long fileCount(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(p -> p.toString().endsWith(".cq4")).count();
        }
    }
}
