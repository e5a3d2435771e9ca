package io.boostj.perf.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MetricSetTest
{
    @TempDir
    Path dir;

    @Test
    void shouldTakeTheMedianMinAndMaxOfTheRepeats()
    {
        final MetricSet set = new MetricSet();
        set.add("engine", "fcu p99", "us", 30);
        set.add("engine", "fcu p99", "us", 10);
        set.add("engine", "fcu p99", "us", 20);
        set.add("engine", "even", "us", 1);
        set.add("engine", "even", "us", 4);
        final MetricSet.Metric fcu = set.get("engine", "fcu p99");
        assertEquals(20, fcu.median());
        assertEquals(10, fcu.min());
        assertEquals(30, fcu.max());
        assertEquals("20 (10–30)", fcu.cell());
        assertEquals(2.5, set.get("engine", "even").median());
    }

    @Test
    void shouldWriteMetricsThatReadBackWithWhichDirectionIsBetter() throws Exception
    {
        final MetricSet set = new MetricSet();
        set.add("journal", "replay", "events/s", 57_000);
        set.add("journal", "append p99", "us", 2.59);
        final Path file = dir.resolve("metrics.csv");
        set.write(file);
        final Map<String, MetricSet.Row> read = MetricSet.read(file);
        assertArrayEquals(new double[] {57_000, 57_000, 57_000}, spread(read.get("journal|replay|events/s|higher")));
        assertArrayEquals(new double[] {2.59, 2.59, 2.59}, spread(read.get("journal|append p99|us|lower")));
    }

    static double[] spread(final MetricSet.Row row)
    {
        return new double[] {row.median(), row.min(), row.max()};
    }
}
