package io.boostj.devnet;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the sidecar's Prometheus counters in process.
 */
public final class SidecarCounters
{
    /** The counter upstream rollup-boost increments per getPayload answer, by source. */
    public static final String BLOCKS_CREATED = "rollup_boost_rpc_blocks_created";

    private SidecarCounters()
    {
    }

    /**
     * @param registry the sidecar's registry.
     * @param name     a counter's name (without {@code _total}).
     * @param label    the label to key by.
     * @return the counter's value per label value (empty if absent).
     */
    public static Map<String, Long> byLabel(final PrometheusRegistry registry, final String name, final String label)
    {
        final Map<String, Long> values = new TreeMap<>();
        for (final MetricSnapshot snapshot : registry.scrape())
        {
            if (snapshot instanceof CounterSnapshot && name.equals(snapshot.getMetadata().getName()))
            {
                for (final CounterSnapshot.CounterDataPointSnapshot dp : ((CounterSnapshot)snapshot).getDataPoints())
                {
                    final String v = dp.getLabels().get(label);
                    values.merge(null == v ? "" : v, (long)dp.getValue(), Long::sum);
                }
            }
        }
        return values;
    }

    /**
     * @param registry the sidecar's registry.
     * @return {@code rollup_boost_rpc_blocks_created_total} by source.
     */
    public static Map<String, Long> blocksCreated(final PrometheusRegistry registry)
    {
        return byLabel(registry, BLOCKS_CREATED, "source");
    }
}
