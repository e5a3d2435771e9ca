package io.boostj.buildernode;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.math.BigInteger;

/**
 * The builder's metrics of seed 004, in a private registry, served as Prometheus text on {@code /metrics} when a port
 * is configured: flashblock build time, transactions and count per block, and per sealed block its gas, transactions,
 * revenue and build time (FCU to seal).
 */
final class BuilderMetrics implements AutoCloseable
{
    private static final double[] TIME_BUCKETS_MS = {0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500};
    private static final double[] COUNT_BUCKETS = {0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Histogram flashblockBuildTimeMs = Histogram.builder().name("builder_flashblock_build_time_ms")
        .help("Time to fill and cut one flashblock, ms").classicUpperBounds(TIME_BUCKETS_MS).register(registry);
    private final Histogram flashblockTxCount = Histogram.builder().name("builder_flashblock_tx_count")
        .help("Transactions in one flashblock").classicUpperBounds(COUNT_BUCKETS).register(registry);
    private final Histogram flashblockCount = Histogram.builder().name("builder_flashblock_count")
        .help("Flashblocks per sealed block").classicUpperBounds(COUNT_BUCKETS).register(registry);
    private final Gauge blockTotalGas = Gauge.builder().name("builder_block_total_gas")
        .help("Gas used by the last sealed block").register(registry);
    private final Gauge blockTxCount = Gauge.builder().name("builder_block_tx_count")
        .help("Transactions in the last sealed block").register(registry);
    private final Gauge blockRevenueWei = Gauge.builder().name("builder_block_revenue_wei")
        .help("Tips the last sealed block pays its fee recipient, wei").register(registry);
    private final Histogram blockBuildTimeMs = Histogram.builder().name("builder_block_build_time_ms")
        .help("Time from the FCU that started a block to its seal, ms").classicUpperBounds(TIME_BUCKETS_MS)
        .register(registry);
    private final Counter flashblocksNotSent = Counter.builder().name("builder_flashblocks_not_sent")
        .help("Flashblocks a transport could not take (full queue, back pressure)").labelNames("transport")
        .register(registry);
    private HTTPServer server;

    /**
     * @param host listen address.
     * @param port listen port, 0 for any.
     * @return the bound port.
     * @throws IOException if it cannot bind.
     */
    int start(final String host, final int port) throws IOException
    {
        server = HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
        return server.getPort();
    }

    void onFlashblock(final long buildTimeNs, final int transactions)
    {
        flashblockBuildTimeMs.observe(buildTimeNs / 1e6);
        flashblockTxCount.observe(transactions);
    }

    void onSealed(final long buildTimeNs, final int flashblocks, final long gasUsed, final int transactions,
        final BigInteger revenueWei)
    {
        blockBuildTimeMs.observe(buildTimeNs / 1e6);
        flashblockCount.observe(flashblocks);
        blockTotalGas.set(gasUsed);
        blockTxCount.set(transactions);
        blockRevenueWei.set(revenueWei.doubleValue());
    }

    void onNotSent(final String transport)
    {
        flashblocksNotSent.labelValues(transport).inc();
    }

    @Override
    public void close()
    {
        if (null != server)
        {
            server.stop();
        }
    }
}
