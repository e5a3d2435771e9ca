package io.boostj.io.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.util.function.DoubleSupplier;

/**
 * The sidecar's Prometheus metrics: upstream rollup-boost's names where it has them ({@code rollup_boost_*}:
 * blocks created by source, execution mode, per-method durations) and ours ({@code boostj_*}: ring depth and
 * rejections, journal lag and free disk, upstream call latency per target). Updated off the hot path (egress and
 * Netty threads), never by the engine.
 */
public final class SidecarMetrics implements AutoCloseable
{
    private static final double[] LATENCY_BUCKETS_S = {
        0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
        5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter blocksCreated;
    private final Gauge executionMode;
    private final Histogram methodDuration;
    private final Histogram upstreamCallDuration;
    private final Counter upstreamCallFailures;
    private final Counter inboundRejections;
    private final Counter requests;
    private final Counter refusedRequests;
    private final Gauge health;
    private final Counter getPayloadFailures;
    private final Counter journalSnapshots;
    private HTTPServer server;

    /**
     * Creates the metrics in a private registry.
     */
    public SidecarMetrics()
    {
        blocksCreated = Counter.builder().name("rollup_boost_rpc_blocks_created")
            .help("Blocks returned to op-node by getPayload, by source (l2 or builder)")
            .labelNames("source").register(registry);
        executionMode = Gauge.builder().name("rollup_boost_execution_mode")
            .help("Execution mode: 3 enabled, 2 dry_run, 1 disabled").register(registry);
        methodDuration = Histogram.builder().name("rollup_boost_method_duration_seconds")
            .help("Time from an op-node request to its answer, per Engine API method (upstream: <span>_duration)")
            .labelNames("method").classicUpperBounds(LATENCY_BUCKETS_S).register(registry);
        upstreamCallDuration = Histogram.builder().name("boostj_upstream_call_duration_seconds")
            .help("Upstream call latency, send to receive, per target and method")
            .labelNames("target", "method").classicUpperBounds(LATENCY_BUCKETS_S).register(registry);
        upstreamCallFailures = Counter.builder().name("boostj_upstream_call_failures")
            .help("Upstream calls that ended in a transport failure or timeout").labelNames("target")
            .register(registry);
        inboundRejections = Counter.builder().name("boostj_inbound_ring_rejections")
            .help("Requests refused because the inbound ring was full").register(registry);
        requests = Counter.builder().name("boostj_rpc_requests")
            .help("JSON-RPC requests received, by route (engine, passthrough, mirrored, batch)")
            .labelNames("route").register(registry);
        refusedRequests = Counter.builder().name("boostj_rpc_refused")
            .help("Requests refused before routing, by reason (jwt, parse, invalid, too_large)")
            .labelNames("reason").register(registry);
        health = Gauge.builder().name("boostj_health")
            .help("Health as served on /healthz: 200, 206 or 503").register(registry);
        health.set(200);
        getPayloadFailures = Counter.builder().name("boostj_get_payload_failures")
            .help("getPayload calls answered with an error because L2 could not provide a payload").register(registry);
        journalSnapshots = Counter.builder().name("boostj_journal_snapshots")
            .help("Engine snapshots journaled, by status (taken, busy: calls in flight, none written)")
            .labelNames("status").register(registry);
    }

    /**
     * Registers a gauge read at scrape time (ring depth, journal lag, free disk).
     *
     * @param name   metric name.
     * @param help   description.
     * @param source the value.
     */
    public void gauge(final String name, final String help, final DoubleSupplier source)
    {
        GaugeWithCallback.builder().name(name).help(help)
            .callback(cb -> cb.call(source.getAsDouble())).register(registry);
    }

    /**
     * Starts the {@code /metrics} HTTP server.
     *
     * @param host listen address.
     * @param port listen port (0 = any).
     * @return the bound port.
     * @throws IOException if it cannot bind.
     */
    public int serve(final String host, final int port) throws IOException
    {
        server = HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
        return server.getPort();
    }

    /**
     * @return the bound /metrics port, or -1 when not serving.
     */
    public int port()
    {
        return null == server ? -1 : server.getPort();
    }

    /**
     * @param source "l2" or "builder".
     */
    public void blockCreated(final String source)
    {
        blocksCreated.labelValues(source).inc();
    }

    /**
     * Counts a getPayload answered with an error.
     */
    public void getPayloadFailed()
    {
        getPayloadFailures.inc();
    }

    /**
     * @param mode 3, 2 or 1.
     */
    public void executionMode(final int mode)
    {
        executionMode.set(mode);
    }

    /**
     * @param method     the method label.
     * @param durationNs request to reply.
     */
    public void methodDuration(final String method, final long durationNs)
    {
        methodDuration.labelValues(method).observe(durationNs / 1e9);
    }

    /**
     * @param target    "l2" or "builder".
     * @param method    the method label.
     * @param latencyNs send to receive.
     */
    public void upstreamCall(final String target, final String method, final long latencyNs)
    {
        upstreamCallDuration.labelValues(target, method).observe(latencyNs / 1e9);
    }

    /**
     * @param target "l2" or "builder".
     */
    public void upstreamFailure(final String target)
    {
        upstreamCallFailures.labelValues(target).inc();
    }

    /**
     * @param status "taken" or "busy".
     */
    public void journalSnapshot(final String status)
    {
        journalSnapshots.labelValues(status).inc();
    }

    /**
     * Counts a request refused because the inbound ring was full.
     */
    public void inboundRejected()
    {
        inboundRejections.inc();
    }

    /**
     * @param route engine, passthrough, mirrored, batch, debug.
     */
    public void request(final String route)
    {
        requests.labelValues(route).inc();
    }

    /**
     * @param reason jwt, parse, invalid, too_large, busy.
     */
    public void refused(final String reason)
    {
        refusedRequests.labelValues(reason).inc();
    }

    /**
     * @param httpStatus 200, 206 or 503.
     */
    public void health(final int httpStatus)
    {
        health.set(httpStatus);
    }

    /**
     * @return the registry, for tests and extra collectors.
     */
    public PrometheusRegistry registry()
    {
        return registry;
    }

    @Override
    public void close()
    {
        if (null != server)
        {
            server.close();
        }
    }
}
