package io.boostj.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * {@code bin/devnet} on real execution clients: produces {@code blocks} blocks through a {@link LocalChainDevnet} at
 * one per slot while a {@link TransactionGenerator} sends at {@code tps}, applies {@code builder-down} faults (kill -9
 * of the builder process at AT, relaunch FOR blocks later), and prints per block its number, source, flashblocks
 * received by a subscriber of the sidecar, transactions (the generator's among them), tx/s and inclusion latency
 * percentiles; then a summary. Exit status 0 only when every block was produced.
 */
final class LocalChainRun
{
    private final PrintStream out;
    private final int blocks;
    private final double tps;
    private final List<FaultSpec> faults;

    LocalChainRun(final PrintStream out, final int blocks, final double tps, final List<FaultSpec> faults)
    {
        for (final FaultSpec f : faults)
        {
            if (FaultSpec.Kind.BUILDER_DOWN != f.kind())
            {
                throw new IllegalArgumentException("--fault " + f + ": only builder-down works on real builders " +
                    "(builder-slow and builder-invalid need --mock-els)");
            }
        }
        this.out = out;
        this.blocks = blocks;
        this.tps = tps;
        this.faults = faults;
    }

    int run(final LocalChainDevnet devnet) throws IOException, InterruptedException
    {
        final long blockTimeMs = devnet.context().blockTimeMs();
        final LatencyStats latencies = new LatencyStats();
        final Map<String, Integer> bySource = new TreeMap<>();
        final List<Integer> failed = new ArrayList<>();
        final Histogram flashblocksPerBuilderBlock = new Histogram(3);
        final List<CompletableFuture<Void>> restarts = new ArrayList<>();
        final TransactionGenerator generator = tps > 0 ?
            devnet.transactionGenerator(tps, (blocks + 1) * blockTimeMs).start() : null;
        long previousSeenNs = System.nanoTime();
        final long t0 = previousSeenNs;
        try
        {
            for (int i = 1; i <= blocks; i++)
            {
                ProgressFormat.sleepUntil(t0 + (i - 1) * blockTimeMs * 1_000_000L);
                final String active = applyFaults(devnet, i, restarts);
                final BlockResult r = devnet.driver().produceBlock();
                final long seenNs = System.nanoTime();
                latencies.record(r);
                final BlockLine line = new BlockLine(i, r);
                if (r.ok())
                {
                    bySource.merge(r.source(), 1, Integer::sum);
                    line.flashblocks = devnet.flashblocks().countForBlock(r.number());
                    if (LocalChainDevnet.SOURCE_BUILDER.equals(r.source()))
                    {
                        flashblocksPerBuilderBlock.recordValue(line.flashblocks);
                    }
                    final List<String> txs = transactions(r.envelope().path("executionPayload"));
                    line.txs = txs.size();
                    line.ours = null == generator ? 0 : generator.onBlock(txs, seenNs);
                    line.txPerSecond = line.ours * 1e9 / Math.max(1, seenNs - previousSeenNs);
                }
                else
                {
                    failed.add(i);
                }
                previousSeenNs = seenNs;
                line.health = health(devnet);
                line.faults = active;
                line.inclusionUs = null == generator ? null : generator.stats().inclusionLatencyUs();
                out.println(line.format(blocks));
            }
        }
        finally
        {
            if (null != generator)
            {
                generator.close();
            }
        }
        final List<String> restartFailures = awaitRestarts(restarts);
        printSummary(devnet, latencies, bySource, failed, flashblocksPerBuilderBlock, generator, restartFailures);
        return failed.isEmpty() && restartFailures.isEmpty() ? 0 : 1;
    }

    private String applyFaults(final LocalChainDevnet devnet, final int block, final List<CompletableFuture<Void>> restarts)
        throws InterruptedException
    {
        final StringJoiner active = new StringJoiner(",");
        for (final FaultSpec f : faults)
        {
            if (block == f.at())
            {
                devnet.killBuilder();
                out.printf("  -- kill -9 builder (pid %d) before block %d%n", devnet.builder().pid(), block);
            }
            if (block == f.at() + f.length())
            {
                out.printf("  -- relaunching builder before block %d (it catches up from l2)%n", block);
                restarts.add(devnet.restartBuilderAsync());
            }
            if (f.activeAt(block))
            {
                active.add(f.kind().label());
            }
        }
        return active.toString();
    }

    private static List<String> awaitRestarts(final List<CompletableFuture<Void>> restarts)
    {
        final List<String> failures = new ArrayList<>();
        for (final CompletableFuture<Void> restart : restarts)
        {
            try
            {
                restart.join();
            }
            catch (final RuntimeException ex)
            {
                failures.add(String.valueOf(null == ex.getCause() ? ex : ex.getCause().getMessage()));
            }
        }
        return failures;
    }

    private static int health(final LocalChainDevnet devnet)
    {
        try
        {
            return devnet.healthz();
        }
        catch (final IOException ex)
        {
            return -1;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static List<String> transactions(final JsonNode executionPayload)
    {
        final List<String> txs = new ArrayList<>();
        executionPayload.path("transactions").forEach(t -> txs.add(t.asText()));
        return txs;
    }

    private void printSummary(
        final LocalChainDevnet devnet,
        final LatencyStats latencies,
        final Map<String, Integer> bySource,
        final List<Integer> failed,
        final Histogram flashblocksPerBuilderBlock,
        final TransactionGenerator generator,
        final List<String> restartFailures)
    {
        final int produced = bySource.values().stream().mapToInt(Integer::intValue).sum();
        out.println();
        out.println("summary");
        out.printf("  blocks produced   %d of %d%s%n", produced, blocks, failed.isEmpty() ? "" : "  FAILED: " + failed);
        out.printf("  by source         %s (a builder block carries the builder key's transaction)%n",
            bySource.isEmpty() ? "-" : bySource.toString());
        out.printf("  sidecar counter   rollup_boost_rpc_blocks_created_total %s%n", devnet.blocksCreatedBySource());
        if (flashblocksPerBuilderBlock.getTotalCount() > 0)
        {
            out.printf(Locale.ROOT, "  flashblocks       per builder block min %d max %d mean %.1f (every %d ms)%n",
                flashblocksPerBuilderBlock.getMinValue(), flashblocksPerBuilderBlock.getMaxValue(),
                flashblocksPerBuilderBlock.getMean(), devnet.context().flashblockTimeMs());
        }
        if (null != generator)
        {
            out.printf("  transactions      %s%n", generator.stats().summaryLine());
            generator.stats().refusalsByReason().forEach((reason, n) -> out.printf("    refused %5d  %s%n", n, reason));
            generator.stats().notSentByReason().forEach((reason, n) -> out.printf("    not sent %4d  %s%n", n, reason));
        }
        restartFailures.forEach(f -> out.printf("  builder restart   FAILED: %s%n", f));
        out.println("  latency seen by op-node (through the sidecar):");
        out.print(latencies.table());
        final Path journal = devnet.context().journalDir().toAbsolutePath().normalize();
        out.printf("  journal           %s%n", journal);
        out.printf("  replay it         bin/replay-tool verify --journal-dir %s%n", journal);
        out.printf("  builder logs      %s, %s%n", devnet.l2().logFile(), devnet.builder().logFile());
        final boolean ok = failed.isEmpty() && restartFailures.isEmpty();
        out.println(ok ? "OK: every block was produced" : "NOT OK: " + failed.size() + " block(s) were not produced" +
            (restartFailures.isEmpty() ? "" : ", the builder did not come back"));
    }

    /** One progress line. */
    private static final class BlockLine
    {
        final int index;
        final BlockResult result;
        int flashblocks;
        int txs;
        int ours;
        double txPerSecond;
        int health;
        String faults;
        Histogram inclusionUs;

        BlockLine(final int index, final BlockResult result)
        {
            this.index = index;
            this.result = result;
        }

        String format(final int of)
        {
            final StringBuilder b = new StringBuilder(200);
            ProgressFormat.appendCounter(b, index, of);
            if (result.ok())
            {
                b.append(String.format(Locale.ROOT, "#%-5d %-8s %s  fb %2d  txs %3d (gen %3d)  %5.1f tx/s  ",
                    result.number(), result.source(), result.blockHash().substring(0, 12) + "…", flashblocks, txs, ours,
                    txPerSecond));
                if (null != inclusionUs && inclusionUs.getTotalCount() > 0)
                {
                    b.append(String.format(Locale.ROOT, "incl p50 %4.0fms p99 %4.0fms  ",
                        inclusionUs.getValueAtPercentile(50) / 1000.0, inclusionUs.getValueAtPercentile(99) / 1000.0));
                }
            }
            else
            {
                b.append(String.format(Locale.ROOT, "%-6s %-8s %-13s  ", "-", "FAILED", ""));
            }
            ProgressFormat.appendLatency(b, "get", result.latencyNs(BlockResult.GET_PAYLOAD));
            b.append(" health ").append(health < 0 ? "?" : String.valueOf(health));
            if (!faults.isEmpty())
            {
                b.append("  fault: ").append(faults);
            }
            if (!result.ok())
            {
                b.append("  ").append(result.failedStep()).append(": ").append(result.error());
            }
            return b.toString();
        }
    }
}
