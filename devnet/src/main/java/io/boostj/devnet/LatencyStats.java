package io.boostj.devnet;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Per-step latency histograms (HdrHistogram, microseconds, 3 significant digits) of the blocks a driver produced.
 */
public final class LatencyStats
{
    private static final long MAX_US = 60_000_000L;
    private final Map<String, Histogram> byStep = new LinkedHashMap<>();

    /**
     * @param result a block's result; every step it made is recorded.
     */
    public void record(final BlockResult result)
    {
        result.latenciesNs().forEach((step, ns) -> byStep
            .computeIfAbsent(step, k -> new Histogram(MAX_US, 3))
            .recordValue(Math.max(0, Math.min(MAX_US, ns / 1000))));
    }

    /**
     * @param step a step name.
     * @return its histogram, or null if never recorded.
     */
    public Histogram histogram(final String step)
    {
        return byStep.get(step);
    }

    /**
     * @return one line per step: count, p50, p99, max in ms.
     */
    public String table()
    {
        final StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "  %-12s %6s %10s %10s %10s%n", "call", "count", "p50 ms", "p99 ms", "max ms"));
        byStep.forEach((step, h) -> b.append(String.format(Locale.ROOT, "  %-12s %6d %10.3f %10.3f %10.3f%n",
            label(step), h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
            h.getMaxValue() / 1000.0)));
        return b.toString();
    }

    private static String label(final String step)
    {
        switch (step)
        {
            case BlockResult.FCU:
                return "fcu+attrs";
            case BlockResult.GET_PAYLOAD:
                return "getPayload";
            case BlockResult.NEW_PAYLOAD:
                return "newPayload";
            case BlockResult.FCU_HEAD:
                return "fcu(head)";
            default:
                return step;
        }
    }
}
