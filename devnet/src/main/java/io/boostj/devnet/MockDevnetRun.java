package io.boostj.devnet;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * {@code bin/devnet --mock-els}: produces blocks through a {@link Devnet} of mock execution clients with faults on a
 * schedule, printing a line per block and a summary.
 */
final class MockDevnetRun
{
    private final PrintStream out;
    private final int blocks;
    private final long blockTimeMs;
    private final Path journalDir;
    private final Path logFile;
    private final boolean verbose;

    MockDevnetRun(
        final PrintStream out, final int blocks, final long blockTimeMs, final Path journalDir, final Path logFile,
        final boolean verbose)
    {
        this.out = out;
        this.blocks = blocks;
        this.blockTimeMs = blockTimeMs;
        this.journalDir = journalDir;
        this.logFile = logFile;
        this.verbose = verbose;
    }

    int produce(final Devnet devnet, final List<FaultSpec> schedule) throws IOException, InterruptedException
    {
        final LatencyStats latencies = new LatencyStats();
        final Map<String, Integer> bySource = new TreeMap<>();
        final List<Integer> fallbacks = new ArrayList<>();
        final List<Integer> failed = new ArrayList<>();
        final long t0 = System.nanoTime();
        for (int i = 1; i <= blocks; i++)
        {
            ProgressFormat.sleepUntil(t0 + (i - 1) * blockTimeMs * 1_000_000L);
            final StringJoiner active = new StringJoiner(",");
            for (final FaultSpec f : schedule)
            {
                if (i == f.at())
                {
                    f.apply(devnet.builder(), true);
                }
                if (i == f.at() + f.length())
                {
                    f.apply(devnet.builder(), false);
                }
                if (f.activeAt(i))
                {
                    active.add(f.kind().label());
                }
            }
            final BlockResult r = devnet.driver().produceBlock();
            latencies.record(r);
            int health;
            try
            {
                health = devnet.healthz();
            }
            catch (final IOException ex)
            {
                health = -1;
            }
            if (r.ok())
            {
                bySource.merge(r.source(), 1, Integer::sum);
                if (!"builder".equals(r.source()))
                {
                    fallbacks.add(i);
                }
            }
            else
            {
                failed.add(i);
            }
            out.println(progressLine(i, r, health, active.toString()));
        }
        for (final FaultSpec f : schedule)
        {
            if (f.activeAt(blocks))
            {
                f.apply(devnet.builder(), false);
            }
        }
        printSummary(devnet, latencies, bySource, fallbacks, failed);
        return failed.isEmpty() ? 0 : 1;
    }

    private String progressLine(final int i, final BlockResult r, final int health, final String faultsActive)
    {
        final StringBuilder b = new StringBuilder(160);
        ProgressFormat.appendCounter(b, i, blocks);
        if (r.ok())
        {
            b.append(String.format(Locale.ROOT, "#%-5d %-8s %s  ", r.number(), r.source(),
                r.blockHash().substring(0, 12) + "…"));
        }
        else
        {
            b.append(String.format(Locale.ROOT, "%-6s %-8s %-13s  ", "-", "FAILED", ""));
        }
        ProgressFormat.appendLatency(b, "fcu", r.latencyNs(BlockResult.FCU));
        ProgressFormat.appendLatency(b, "get", r.latencyNs(BlockResult.GET_PAYLOAD));
        ProgressFormat.appendLatency(b, "new", r.latencyNs(BlockResult.NEW_PAYLOAD));
        ProgressFormat.appendLatency(b, "head", r.latencyNs(BlockResult.FCU_HEAD));
        b.append(" health ").append(health < 0 ? "?" : String.valueOf(health));
        if (!faultsActive.isEmpty())
        {
            b.append("  fault: ").append(faultsActive);
        }
        if (!r.ok())
        {
            b.append("  ").append(r.failedStep()).append(": ").append(r.error());
        }
        return b.toString();
    }

    private void printSummary(
        final Devnet devnet,
        final LatencyStats latencies,
        final Map<String, Integer> bySource,
        final List<Integer> fallbacks,
        final List<Integer> failed)
    {
        final int produced = bySource.values().stream().mapToInt(Integer::intValue).sum();
        out.println();
        out.println("summary");
        out.printf("  blocks produced   %d of %d%s%n", produced, blocks, failed.isEmpty() ? "" : "  FAILED: " + failed);
        out.printf("  by source         %s%n", bySource.isEmpty() ? "-" : bySource.toString());
        out.printf("  fallbacks to l2   %d%s%n", fallbacks.size(), fallbacks.isEmpty() ? "" : "  (blocks " + fallbacks +
            ")");
        out.printf("  sidecar counter   rollup_boost_rpc_blocks_created_total %s%n",
            SidecarCounters.blocksCreated(devnet.sidecar().metrics().registry()));
        out.printf("  builder refused   %d requests for their JWT, l2 refused %d%n", devnet.builder().refusedCount(),
            devnet.l2().refusedCount());
        out.println("  latency seen by op-node (through the sidecar):");
        out.print(latencies.table());
        final Path journal = journalDir.toAbsolutePath().normalize();
        out.printf("  journal           %s%n", journal);
        out.printf("  look inside       bin/replay-tool describe --journal-dir %s%n", journal);
        if (!verbose)
        {
            out.printf("  decisions         grep 'returning block' %s%n", logFile.toAbsolutePath().normalize());
        }
        out.println(failed.isEmpty() ? "OK: every block was produced" : "NOT OK: " + failed.size() +
            " block(s) were not produced");
    }

}
