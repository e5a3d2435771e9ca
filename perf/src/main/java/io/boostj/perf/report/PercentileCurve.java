package io.boostj.perf.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A latency percentile curve read from HdrHistogram's percentile distribution output ({@code .hgrm}: rows of value,
 * percentile, total count, 1/(1-percentile)), values in the unit the file was written in (microseconds for every
 * perf harness).
 *
 * @param label    the legend entry.
 * @param fractions percentile as a fraction, ascending (0.5 for p50).
 * @param values   the value at each percentile.
 */
public record PercentileCurve(String label, double[] fractions, double[] values)
{
    /**
     * @throws IOException if the file cannot be read or holds no distribution row.
     */
    public static PercentileCurve read(final String label, final Path hgrm) throws IOException
    {
        final PercentileCurve curve = parse(label, hgrm);
        if (null == curve)
        {
            throw new IOException(hgrm + ": no percentile rows (an empty histogram?)");
        }
        return curve;
    }

    /**
     * @return the curve, or null when the file is missing or its histogram recorded nothing (a path a run did not
     * exercise, e.g. eth_sendRawTransaction at 0 tx/s).
     * @throws IOException if the file exists but cannot be read.
     */
    public static PercentileCurve readIfRecorded(final String label, final Path hgrm) throws IOException
    {
        return Files.exists(hgrm) ? parse(label, hgrm) : null;
    }

    private static PercentileCurve parse(final String label, final Path hgrm) throws IOException
    {
        final List<double[]> points = new ArrayList<>();
        for (final String line : Files.readAllLines(hgrm, StandardCharsets.UTF_8))
        {
            final String[] f = line.trim().split("\\s+");
            if (f.length < 3 || !Character.isDigit(f[0].charAt(0)) || !Character.isDigit(f[1].charAt(0)))
            {
                continue;
            }
            final double value = Double.parseDouble(f[0]);
            final double fraction = Double.parseDouble(f[1]);
            if (fraction < 1.0)
            {
                points.add(new double[] {fraction, value});
            }
        }
        if (points.isEmpty())
        {
            return null;
        }
        final double[] fractions = new double[points.size()];
        final double[] values = new double[points.size()];
        for (int i = 0; i < points.size(); i++)
        {
            fractions[i] = points.get(i)[0];
            values[i] = points.get(i)[1];
        }
        return new PercentileCurve(label, fractions, values);
    }

    /** @return the value at {@code fraction} (the first row at or above it), or the last value. */
    public double valueAt(final double fraction)
    {
        for (int i = 0; i < fractions.length; i++)
        {
            if (fractions[i] >= fraction)
            {
                return values[i];
            }
        }
        return values[values.length - 1];
    }
}
