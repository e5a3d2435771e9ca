package io.boostj.perf.report;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunAllReportTest
{
    private static final String LATENCY_HEADER = "method,path,count,errors,p50_us,p90_us,p99_us,p999_us,max_us\n";

    @TempDir
    Path dir;

    @Test
    void shouldReportTheMedianOfTheRepeatsAndCheckTheNginxGoal() throws Exception
    {
        engineRun("run-1", 100, 150);
        engineRun("run-2", 300, 50);
        engineRun("run-3", 200, 100);
        histogram(dir.resolve("engine-opnode/run-1/engine_forkchoiceUpdatedV3_attrs.sidecar.latency.hgrm"));
        histogram(dir.resolve("engine-opnode/run-1/engine_forkchoiceUpdatedV3_attrs.direct.latency.hgrm"));
        Files.writeString(dir.resolve("status.txt"), "engine-opnode-1 0 25\n");

        new RunAllReport(dir).build();

        final Map<String, MetricSet.Row> m = MetricSet.read(dir.resolve("metrics.csv"));
        // p99: direct 1000 µs; sidecar 1100/1300/1200; nginx 1150/1050/1100 -> added medians 200 and 100
        assertArrayEquals(new double[] {200, 100, 300},
            MetricSetTest.spread(m.get("engine-opnode|engine_forkchoiceUpdatedV3 +attrs sidecar added p99|us|lower")));
        assertArrayEquals(new double[] {100, 50, 150},
            MetricSetTest.spread(m.get("engine-opnode|engine_forkchoiceUpdatedV3 +attrs nginx added p99|us|lower")));
        final String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("engine-opnode, engine_forkchoiceUpdatedV3 +attrs: sidecar added p99 200 µs vs " +
            "nginx 100 µs: **not met**"), report);
        assertTrue(report.contains("| engine_forkchoiceUpdatedV3 +attrs | sidecar | 1000 | 20 (10–30) | 200 (100–300)"), report);
        assertTrue(report.contains("| engine-opnode-1 | 0 | 25 |"), report);
        assertTrue(Files.exists(dir.resolve("plots/engine-opnode-engine_forkchoiceUpdatedV3_attrs.svg")));
        assertTrue(report.contains("## Journal\n\nNo data"), report);
    }

    @Test
    void shouldCheckFanoutAndJournalGoals() throws Exception
    {
        Files.createDirectories(dir.resolve("fanout"));
        Files.writeString(dir.resolve("fanout/summary.csv"),
            "target,subscribers,rate_hz,msgs_per_s,p50_us,p99_us,p999_us,max_us,cpu_pct,rss_mb\n" +
            "ours,10000,5.0,50000,2000,8000,9000,12000,80,500\n" +
            "ours,10000,max:40.0,400000,3000,60000,70000,90000,190,600\n" +
            "node,10000,max:20.0,200000,3000,60000,70000,90000,100,300\n");
        Files.createDirectories(dir.resolve("journal"));
        Files.writeString(dir.resolve("journal/journal-append.csv"),
            "measure,record,record_bytes,sync_mode,count,p50_ns,p90_ns,p99_ns,p99_9_ns,max_ns,mean_ns\n" +
            "append,fcu,600,async,1000,500,900,1500,3000,9000,600\n");
        Files.writeString(dir.resolve("journal/journal-day.csv"),
            "blocks,flashblocks_per_block,block_time_ms,events,commands,files,disk_bytes,apparent_bytes,generate_s," +
            "replay_s,replay_events_per_s,replay_ok,verify_s,verify_exit\n" +
            "10,10,2000,1000,900,1,1000000,2000000,1.0,0.1,50000,true,0.5,0\n");

        new RunAllReport(dir).build();

        final String report = Files.readString(dir.resolve("report.md"), StandardCharsets.UTF_8);
        assertTrue(report.contains("fan-out ours, 10000 subscribers at 5.0 Hz: p99 8.0 ms (goal < 10 ms): **met**"),
            report);
        assertTrue(report.contains("n=10000: ours 40 Hz vs node 20 Hz (goal ≥ 3×): **not met**"), report);
        assertTrue(report.contains("| ours | 10000 | 5.0 | 50000 | 2000 | 8000 |"), report);
        assertTrue(report.contains("journal append p99, fcu (600 B): 1.50 µs (goal ≤ 2 µs): **met**"), report);
        assertTrue(report.contains("journal replay: 50,000 events/s (goal ≥ 1,000,000): **not met**"), report);
        assertEquals(50000, MetricSet.read(dir.resolve("metrics.csv")).get("journal|replay|events/s|higher").median());
    }

    @Test
    void shouldTakeTheMedianOfRepeatedFanoutRuns() throws Exception
    {
        final String header = "target,subscribers,rate_hz,msgs_per_s,p50_us,p99_us,p999_us,max_us,cpu_pct,rss_mb\n";
        final int[] p99s = {30_000, 9_000, 12_000};
        for (int i = 0; i < p99s.length; i++)
        {
            final Path run = Files.createDirectories(dir.resolve("fanout/run-" + (i + 1)));
            Files.writeString(run.resolve("summary.csv"), header + "chain,10000,5.0,50000,2000," + p99s[i] +
                ",40000,50000,40,600\n");
        }

        new RunAllReport(dir).build();

        final String report = Files.readString(dir.resolve("report.md"), StandardCharsets.UTF_8);
        assertTrue(report.contains("fan-out chain, 10000 subscribers at 5.0 Hz: p99 12.0 ms (goal < 10 ms): **not met**"),
            report);
        assertTrue(report.contains("| chain | 10000 | 5.0 | 50000 | 2000 | 12000 (9000–30000) |"), report);
        assertTrue(report.contains("3 run(s)"), report);
    }

    private void engineRun(final String run, final int sidecarP99Added, final int nginxP99Added) throws Exception
    {
        final Path d = Files.createDirectories(dir.resolve("engine-opnode").resolve(run));
        final int added = sidecarP99Added / 10;
        Files.writeString(d.resolve("latency.csv"), LATENCY_HEADER +
            row("sidecar", 100 + added, 1000 + sidecarP99Added) +
            row("direct", 100, 1000) +
            row("nginx", 110, 1000 + nginxP99Added));
    }

    private static String row(final String path, final int p50, final int p99)
    {
        return "engine_forkchoiceUpdatedV3 +attrs," + path + ",1000,0," + p50 + "," + p50 + "," + p99 + "," + p99 +
            "," + p99 + "\n";
    }

    private static void histogram(final Path file) throws Exception
    {
        final Histogram h = new Histogram(3);
        for (int i = 1; i <= 1000; i++)
        {
            h.recordValue(i * 1000L);
        }
        try (PrintStream ps = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.US_ASCII))
        {
            h.outputPercentileDistribution(ps, 1000.0);
        }
    }
}
