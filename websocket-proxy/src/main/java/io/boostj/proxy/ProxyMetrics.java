package io.boostj.proxy;

import io.boostj.proxy.fanout.FanoutHub;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Upstream websocket-proxy's metrics (reference §4), scope {@code websocket_proxy}: counters render with the
 * Prometheus client's {@code _total} suffix. Hot-path counters are added in batches (one add per message per event
 * loop, not per client).
 */
public final class ProxyMetrics
{
    private static final String P = "websocket_proxy_";

    private final Counter sentMessages;
    private final Counter failedMessages;
    private final Counter newConnections;
    private final Counter closedConnections;
    private final Counter laggedConnections;
    private final Gauge activeConnections;
    private final Counter rateLimitedRequests;
    private final Counter unauthorizedRequests;
    private final Counter upstreamErrors;
    private final Gauge upstreamConnections;
    private final Counter upstreamConnectionAttempts;
    private final Counter upstreamConnectionSuccesses;
    private final Counter upstreamConnectionFailures;
    private final Counter bytesBroadcasted;
    private final Counter clientPongDisconnects;
    private final Counter sendTimeoutDisconnects;
    private final Gauge connectionsByApp;
    private final Counter upstreamMessages;
    private final Counter refusedUpgrades;

    /**
     * @param registry     where to register.
     * @param globalLabels {@code k=v,k2=v2} put on every metric (malformed entries skipped, as upstream).
     * @param hostLabel    add {@code hostname}.
     */
    public ProxyMetrics(final PrometheusRegistry registry, final String globalLabels, final boolean hostLabel)
    {
        final Labels labels = constLabels(globalLabels, hostLabel);
        sentMessages = counter(registry, labels, "sent_messages", "Messages written to clients");
        failedMessages = counter(registry, labels, "failed_messages", "Writes to clients that failed");
        newConnections = counter(registry, labels, "new_connections", "Client connections upgraded");
        closedConnections = counter(registry, labels, "closed_connections", "Client connections ended");
        laggedConnections = counter(registry, labels, "lagged_connections",
            "Clients dropped because their buffer was full");
        activeConnections = Gauge.builder().name(P + "active_connections").help("Open client connections")
            .constLabels(labels).register(registry);
        rateLimitedRequests = counter(registry, labels, "rate_limited_requests", "Requests refused with 429");
        unauthorizedRequests = counter(registry, labels, "unauthorized_requests", "Requests refused with 401");
        upstreamErrors = counter(registry, labels, "upstream_errors", "Upstream connections lost or failed");
        upstreamConnections = Gauge.builder().name(P + "upstream_connections").help("Connected upstreams")
            .constLabels(labels).register(registry);
        upstreamConnectionAttempts = counter(registry, labels, "upstream_connection_attempts", "Upstream attempts");
        upstreamConnectionSuccesses = counter(registry, labels, "upstream_connection_successes", "Upstream handshakes");
        upstreamConnectionFailures = counter(registry, labels, "upstream_connection_failures", "Upstream failures");
        bytesBroadcasted = counter(registry, labels, "bytes_broadcasted", "Payload bytes broadcast (once per message)");
        clientPongDisconnects = counter(registry, labels, "client_pong_disconnects",
            "Clients dropped for not answering pings");
        sendTimeoutDisconnects = counter(registry, labels, "send_timeout_disconnects",
            "Clients dropped because a queued message did not move within --client-send-timeout-ms");
        refusedUpgrades = counter(registry, labels, "refused_upgrades", "Malformed or unsupported upgrade requests");
        connectionsByApp = Gauge.builder().name(P + "connections_by_app").help("Open connections per app")
            .labelNames("app").constLabels(labels).register(registry);
        upstreamMessages = Counter.builder().name(P + "upstream_messages").help("Messages received per upstream")
            .labelNames("upstream").constLabels(labels).register(registry);
    }

    /** @param payloadBytes one message's size, counted once however many clients get it. */
    public void onBroadcast(final int payloadBytes)
    {
        bytesBroadcasted.inc(payloadBytes);
    }

    /** @param count messages one event loop wrote for one upstream message. */
    public void onSent(final long count)
    {
        sentMessages.inc(count);
    }

    /** @param app the client's app, or null. */
    public void onClientOpened(final String app)
    {
        newConnections.inc();
        activeConnections.inc();
        if (null != app)
        {
            connectionsByApp.labelValues(app).inc();
        }
    }

    /** @param app the client's app, or null. */
    public void onClientClosed(final String app)
    {
        closedConnections.inc();
        activeConnections.dec();
        if (null != app)
        {
            connectionsByApp.labelValues(app).dec();
        }
    }

    /** @param reason why the proxy dropped a client. */
    public void onClientDropped(final FanoutHub.DropReason reason)
    {
        switch (reason)
        {
            case LAGGED:
                laggedConnections.inc();
                break;
            case PONG_TIMEOUT:
                clientPongDisconnects.inc();
                break;
            default:
                sendTimeoutDisconnects.inc();
                break;
        }
    }

    /** A write to a client failed. */
    public void onFailedMessage()
    {
        failedMessages.inc();
    }

    /** A request got 429. */
    public void onRateLimited()
    {
        rateLimitedRequests.inc();
    }

    /** A request got 401. */
    public void onUnauthorized()
    {
        unauthorizedRequests.inc();
    }

    /** A malformed or unsupported upgrade request was refused. */
    public void onRefusedUpgrade()
    {
        refusedUpgrades.inc();
    }

    /** An upstream connection attempt started. */
    public void onUpstreamAttempt()
    {
        upstreamConnectionAttempts.inc();
    }

    /** An upstream handshake completed. */
    public void onUpstreamConnected()
    {
        upstreamConnectionSuccesses.inc();
        upstreamConnections.inc();
    }

    /** @param wasConnected whether an established connection was lost (else an attempt failed). */
    public void onUpstreamDisconnected(final boolean wasConnected)
    {
        upstreamErrors.inc();
        if (wasConnected)
        {
            upstreamConnections.dec();
        }
        else
        {
            upstreamConnectionFailures.inc();
        }
    }

    /** @param upstream the upstream's name. */
    public void onUpstreamMessage(final String upstream)
    {
        upstreamMessages.labelValues(upstream).inc();
    }

    private static Counter counter(final PrometheusRegistry registry, final Labels labels, final String name,
        final String help)
    {
        return Counter.builder().name(P + name).help(help).constLabels(labels).register(registry);
    }

    static Labels constLabels(final String globalLabels, final boolean hostLabel)
    {
        final List<String> names = new ArrayList<>();
        final List<String> values = new ArrayList<>();
        if (null != globalLabels)
        {
            for (final String entry : globalLabels.split(","))
            {
                final int eq = entry.indexOf('=');
                if (eq <= 0 || eq == entry.length() - 1)
                {
                    continue;
                }
                names.add(entry.substring(0, eq).trim());
                values.add(entry.substring(eq + 1).trim());
            }
        }
        if (hostLabel)
        {
            names.add("hostname");
            values.add(hostname());
        }
        return names.isEmpty() ? Labels.EMPTY :
            Labels.of(names.toArray(new String[0]), values.toArray(new String[0]));
    }

    private static String hostname()
    {
        try
        {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (final UnknownHostException ex)
        {
            return "unknown";
        }
    }
}
