package io.boostj.proxy.upstream;

import io.boostj.io.flashblocks.FlashblocksInboundListener;
import io.boostj.proxy.ProxyMetrics;
import io.boostj.proxy.fanout.FanoutHub;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one upstream WebSocket delivers: every Text or Binary message goes to the hub as it is (so a proxy can feed
 * another), and connection changes go to the metrics. Runs on the upstream client's event loop.
 */
public final class UpstreamFeed implements FlashblocksInboundListener
{
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamFeed.class);

    private final String name;
    private final FanoutHub hub;
    private final ProxyMetrics metrics;
    private boolean connected;

    /**
     * @param name    the upstream's URL, for the {@code upstream} label and logs.
     * @param hub     where messages go.
     * @param metrics the metrics.
     */
    public UpstreamFeed(final String name, final FanoutHub hub, final ProxyMetrics metrics)
    {
        this.name = name;
        this.hub = hub;
        this.metrics = metrics;
    }

    @Override
    public void onMessage(final ByteBuf content, final boolean binary, final long recvTimeNs)
    {
        metrics.onUpstreamMessage(name);
        hub.publish(content);
    }

    @Override
    public void onConnected()
    {
        connected = true;
        metrics.onUpstreamAttempt();
        metrics.onUpstreamConnected();
        LOG.info("upstream: connected to {}", name);
    }

    @Override
    public void onDisconnected(final String cause, final long reconnectDelayMs)
    {
        if (!connected)
        {
            metrics.onUpstreamAttempt();
        }
        metrics.onUpstreamDisconnected(connected);
        LOG.warn("upstream: {} ({}); retrying in {} ms", name, cause, reconnectDelayMs);
        connected = false;
    }
}
