package io.boostj.perf.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PerfCompareTest
{
    @TempDir
    Path dir;

    @Test
    void shouldFlagALatencyThatGrewAndARateThatFellButNotARateThatRose() throws Exception
    {
        final MetricSet old = new MetricSet();
        old.add("engine", "fcu added p99", "us", 100);
        old.add("journal", "replay", "events/s", 50_000);
        old.add("fanout", "ours delivered", "msgs/s", 1_000);
        old.add("jmh", "gone", "ns/op", 1);
        old.add("engine", "fcu samples", MetricSet.NEUTRAL_UNIT, 50);
        final MetricSet now = new MetricSet();
        now.add("engine", "fcu added p99", "us", 125);
        now.add("journal", "replay", "events/s", 40_000);
        now.add("fanout", "ours delivered", "msgs/s", 2_000);
        now.add("jmh", "new one", "ns/op", 1);
        now.add("engine", "fcu samples", MetricSet.NEUTRAL_UNIT, 150);
        old.write(dir.resolve("old.csv"));
        now.write(dir.resolve("new.csv"));
        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        final int regressions = PerfCompare.compare(dir.resolve("old.csv"), dir.resolve("new.csv"), 10,
            new PrintStream(text, true, StandardCharsets.UTF_8));
        final String out = text.toString(StandardCharsets.UTF_8);
        assertEquals(2, regressions, out);
        assertTrue(out.contains("+25.0%  REGRESSION"), out);
        assertTrue(out.contains("-20.0%  REGRESSION"), out);
        assertTrue(out.contains("+100.0%  better"), out);
        assertTrue(out.contains("+200.0%\n"), "a sample count is neither better nor worse: " + out);
        assertTrue(out.contains("gone") && out.contains("new"), out);
    }

    @Test
    void shouldSayWhatToRunWhenARunHasNoMetrics()
    {
        final IOException e = assertThrows(IOException.class, () -> PerfCompare.metricsFile(dir));
        assertTrue(e.getMessage().contains("run perf/run-all first"), e.getMessage());
    }
}
