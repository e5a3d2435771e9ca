package io.boostj.perf.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one {@code perf/run-all} run: each metric (section, name, unit) with the value of every repeat, and
 * its median, min and max. Written as {@code metrics.csv} next to the report so {@code perf/compare OLD NEW} can put
 * two runs side by side.
 */
public final class MetricSet
{
    static final String HEADER = "section,metric,unit,better,median,min,max,runs";
    /** The unit of a sample count: no direction is better. */
    public static final String NEUTRAL_UNIT = "samples";

    private final Map<String, Metric> metrics = new LinkedHashMap<>();

    /**
     * Adds one repeat's value of a metric; lower is better unless the unit is a rate (ends in {@code /s}), and
     * neither for unit {@value #NEUTRAL_UNIT} (how many samples a figure rests on).
     */
    public void add(final String section, final String name, final String unit, final double value)
    {
        metrics.computeIfAbsent(section + "|" + name, k -> new Metric(section, name, unit,
            NEUTRAL_UNIT.equals(unit) ? "none" : unit.endsWith("/s") ? "higher" : "lower")).values.add(value);
    }

    public List<Metric> metrics()
    {
        return new ArrayList<>(metrics.values());
    }

    /** @return the metric, or null. */
    public Metric get(final String section, final String name)
    {
        return metrics.get(section + "|" + name);
    }

    /** Writes {@code metrics.csv}. */
    public void write(final Path file) throws IOException
    {
        final StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (final Metric m : metrics.values())
        {
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%s,%s,%d%n", m.section, m.name.replace(',', ';'),
                m.unit, m.better, num(m.median()), num(m.min()), num(m.max()),
                m.values.size()));
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    /**
     * One row of a {@code metrics.csv} as written: the figure's median, min and max over its repeats.
     *
     * @param section where it was measured.
     * @param metric  what.
     * @param unit    its unit.
     * @param better  "lower", "higher" or "none".
     * @param median  median of the repeats.
     * @param min     smallest repeat.
     * @param max     largest repeat.
     */
    public record Row(String section, String metric, String unit, String better, double median, double min,
        double max)
    {
        /** @return the identity of the figure across runs: section, metric, unit and direction. */
        public String key()
        {
            return section + "|" + metric + "|" + unit + "|" + better;
        }
    }

    /**
     * Reads a {@code metrics.csv}, keyed by {@link Row#key()}, in file order.
     */
    public static Map<String, Row> read(final Path file) throws IOException
    {
        final CsvTable t = CsvTable.read(file);
        final Map<String, Row> out = new LinkedHashMap<>();
        for (int r = 0; r < t.rowCount(); r++)
        {
            final Row row = new Row(t.text(r, "section"), t.text(r, "metric"), t.text(r, "unit"), t.text(r, "better"),
                t.number(r, "median"), t.number(r, "min"), t.number(r, "max"));
            out.put(row.key(), row);
        }
        return out;
    }

    static String num(final double v)
    {
        if (Math.abs(v) >= 100 || v == Math.rint(v))
        {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 1 ? "%.2f" : "%.3f", v);
    }

    /** One metric and its repeats. */
    public static final class Metric
    {
        final String section;
        final String name;
        final String unit;
        final String better;
        final List<Double> values = new ArrayList<>();

        Metric(final String section, final String name, final String unit, final String better)
        {
            this.section = section;
            this.name = name;
            this.unit = unit;
            this.better = better;
        }

        public double median()
        {
            final double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(v);
            return 0 == v.length % 2 ? (v[v.length / 2 - 1] + v[v.length / 2]) / 2 : v[v.length / 2];
        }

        public double min()
        {
            return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        public double max()
        {
            return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        public int runs()
        {
            return values.size();
        }

        public String name()
        {
            return name;
        }

        public String unit()
        {
            return unit;
        }

        /** @return "median (min–max)", or just the value for a single run or when every repeat gave the same. */
        public String cell()
        {
            return values.size() > 1 && min() != max() ? num(median()) + " (" + num(min()) + "–" + num(max()) + ")" :
                num(median());
        }
    }
}
