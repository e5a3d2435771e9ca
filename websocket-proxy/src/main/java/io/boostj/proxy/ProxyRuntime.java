package io.boostj.proxy;

import io.aeron.Subscription;
import io.boostj.io.flashblocks.FlashblocksInboundClient;
import io.boostj.io.flashblocks.aeron.AeronConnection;
import io.boostj.io.http.NettyTransport;
import io.boostj.proxy.fanout.FanoutHub;
import io.boostj.proxy.limits.ApiKeys;
import io.boostj.proxy.limits.ConnectionLimiter;
import io.boostj.proxy.limits.LocalConnectionLimiter;
import io.boostj.proxy.limits.RedisConnectionLimiter;
import io.boostj.proxy.server.ProxyServer;
import io.boostj.proxy.upstream.AeronUpstream;
import io.boostj.proxy.upstream.UpstreamFeed;
import io.netty.channel.EventLoopGroup;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A running proxy: event loops, limiter, fan-out hub, listener, upstream clients (WebSocket and Aeron) and the
 * metrics endpoint, built from {@link ProxyArgs} and closed in reverse order.
 */
public final class ProxyRuntime implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ProxyRuntime.class);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<FlashblocksInboundClient> upstreams = new ArrayList<>();
    private FanoutHub hub;
    private ProxyServer server;
    private ConnectionLimiter limiter;
    private HTTPServer metricsServer;

    private ProxyRuntime()
    {
    }

    /**
     * @param a        parsed flags.
     * @param registry where metrics go.
     * @return the running proxy.
     * @throws IllegalArgumentException for flags that make no sense.
     * @throws Exception                when a socket cannot be bound or Aeron cannot start.
     */
    public static ProxyRuntime start(final ProxyArgs a, final PrometheusRegistry registry) throws Exception
    {
        validate(a);
        final ApiKeys keys = ApiKeys.parse(a.apiKeys);
        final ProxyRuntime runtime = new ProxyRuntime();
        try
        {
            runtime.startAll(a, keys, registry);
            return runtime;
        }
        catch (final Exception | Error ex)
        {
            runtime.close();
            throw ex;
        }
    }

    static void validate(final ProxyArgs a)
    {
        if ((null == a.upstreamWs || a.upstreamWs.isEmpty()) && null == a.upstreamAeron)
        {
            throw new IllegalArgumentException("no upstream: give --upstream-ws URL[,URL…] or --upstream-aeron CHANNEL");
        }
        require(a.messageBufferSize > 0, "--message-buffer-size must be > 0");
        require(a.instanceConnectionLimit > 0, "--instance-connection-limit must be > 0");
        require(a.perIpConnectionLimit >= 0, "--per-ip-connection-limit must be >= 0");
        require(a.clientSendTimeoutMs > 0, "--client-send-timeout-ms must be > 0");
        require(!a.clientPingEnabled || a.clientPingIntervalMs > 0 && a.clientPongTimeoutMs > 0,
            "--client-ping-interval-ms and --client-pong-timeout-ms must be > 0");
        require(a.maxClientFrameBytes > 0, "--max-client-frame-bytes must be > 0");
        require(a.ioThreads >= 0, "--io-threads must be >= 0");
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * @param hostPort {@code host:port}, IPv6 hosts in brackets.
     * @param flag     the flag, for the error.
     * @return the address.
     */
    static InetSocketAddress parseAddress(final String hostPort, final String flag)
    {
        final int colon = hostPort.lastIndexOf(':');
        if (colon <= 0)
        {
            throw new IllegalArgumentException(flag + " must be host:port, got '" + hostPort + "'");
        }
        final String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        try
        {
            return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(flag + " must be host:port, got '" + hostPort + "'", ex);
        }
    }

    private void startAll(final ProxyArgs a, final ApiKeys keys, final PrometheusRegistry registry) throws Exception
    {
        final NettyTransport transport = NettyTransport.choose(true);
        final int ioThreads = 0 == a.ioThreads ? Runtime.getRuntime().availableProcessors() : a.ioThreads;
        final EventLoopGroup boss = group(transport, 1, "proxy-accept");
        final EventLoopGroup workers = group(transport, ioThreads, "proxy-io");

        final ProxyMetrics metrics = new ProxyMetrics(registry, a.metricsGlobalLabels, a.metricsHostLabel);
        if (a.metrics)
        {
            final InetSocketAddress addr = parseAddress(a.metricsAddr, "--metrics-addr");
            metricsServer = HTTPServer.builder().hostname(addr.getHostString()).port(addr.getPort()).registry(registry)
                .buildAndStart();
        }
        limiter = newLimiter(a);
        closeables.add(limiter);

        hub = new FanoutHub(new FanoutHub.Context()
            .group(workers)
            .bufferSize(a.messageBufferSize)
            .sendTimeoutMs(a.clientSendTimeoutMs)
            .ping(a.clientPingEnabled, a.clientPingIntervalMs, a.clientPongTimeoutMs)
            .compression(a.enableCompression), metrics);
        hub.start();
        closeables.add(hub);

        server = ProxyServer.start(new ProxyServer.Context()
            .listenAddress(parseAddress(a.listenAddr, "--listen-addr"))
            .loops(transport, boss, workers)
            .hub(hub)
            .metrics(metrics)
            .limiter(limiter)
            .apiKeys(keys, a.publicAccessEnabled)
            .ipHeader(a.ipAddrHttpHeader)
            .maxClientFrameBytes(a.maxClientFrameBytes));
        closeables.add(server);

        if (null != a.upstreamWs)
        {
            for (final String url : a.upstreamWs)
            {
                final FlashblocksInboundClient client = newUpstreamClient(new FlashblocksInboundClient.Context()
                    .url(url.trim())
                    .eventLoopGroup(workers)
                    .transport(transport)
                    .listener(new UpstreamFeed(url.trim(), hub, metrics))
                    .initialReconnectMs(Math.min(a.subscriberInitialIntervalMs, a.subscriberMaxIntervalMs))
                    .maxReconnectMs(a.subscriberMaxIntervalMs)
                    .pingIntervalMs(a.subscriberPingIntervalMs)
                    .pongTimeoutMs(a.subscriberPongTimeoutMs)
                    .maxFrameBytes(a.maxUpstreamMessageBytes));
                upstreams.add(client);
                closeables.add(client);
                client.start();
            }
        }
        if (null != a.upstreamAeron)
        {
            startAeron(a, metrics);
        }
        LOG.info("websocket-proxy: listening on {} ({}, {} io threads), limits {}, compression {}, upstreams {}{}",
            server.localAddress(), transport.name(), ioThreads, limiter.mode(), a.enableCompression,
            null == a.upstreamWs ? List.of() : a.upstreamWs, null == a.upstreamAeron ? "" : " + aeron " + a.upstreamAeron);
    }

    private static FlashblocksInboundClient newUpstreamClient(final FlashblocksInboundClient.Context ctx)
    {
        try
        {
            return new FlashblocksInboundClient(ctx);
        }
        catch (final IllegalStateException ex)
        {
            throw new IllegalArgumentException("--upstream-ws " + ctx.url() + ": " + ex.getMessage(), ex);
        }
    }

    private EventLoopGroup group(final NettyTransport transport, final int threads, final String name)
    {
        final EventLoopGroup group = transport.newGroup(threads, name);
        closeables.add(() -> group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly());
        return group;
    }

    private void startAeron(final ProxyArgs a, final ProxyMetrics metrics)
    {
        final AeronConnection aeron = AeronConnection.connect(a.upstreamAeronDir, a.upstreamAeronEmbeddedDriver);
        closeables.add(aeron);
        final Subscription subscription = aeron.aeron().addSubscription(a.upstreamAeron, a.upstreamAeronStreamId);
        closeables.add(subscription);
        final AgentRunner runner = new AgentRunner(new BackoffIdleStrategy(10, 20, 1_000, 100_000),
            ex -> LOG.error("upstream: aeron receiver failed", ex), null, new AeronUpstream(subscription, hub, metrics));
        AgentRunner.startOnThread(runner);
        closeables.add(runner);
    }

    private static ConnectionLimiter newLimiter(final ProxyArgs a)
    {
        if (null == a.redisUrl || a.redisUrl.isBlank())
        {
            return new LocalConnectionLimiter(a.instanceConnectionLimit, a.perIpConnectionLimit);
        }
        try
        {
            return RedisConnectionLimiter.connect(new RedisConnectionLimiter.Context()
                .url(a.redisUrl)
                .keyPrefix(a.redisKeyPrefix)
                .instanceLimit(a.instanceConnectionLimit)
                .perIpLimit(a.perIpConnectionLimit));
        }
        catch (final IllegalStateException ex)
        {
            LOG.warn("limits: {}; falling back to in-memory limits of this instance alone (not shared)", ex.getMessage());
            return new LocalConnectionLimiter(a.instanceConnectionLimit, a.perIpConnectionLimit);
        }
    }

    /** @return the listener's bound address. */
    public InetSocketAddress localAddress()
    {
        return server.localAddress();
    }

    /** @return the fan-out. */
    public FanoutHub hub()
    {
        return hub;
    }

    /** @return the limiter in use. */
    public ConnectionLimiter limiter()
    {
        return limiter;
    }

    /** @return the WebSocket upstream clients. */
    public List<FlashblocksInboundClient> upstreams()
    {
        return upstreams;
    }

    /** @return the metrics port, or -1 without metrics. */
    public int metricsPort()
    {
        return null == metricsServer ? -1 : metricsServer.getPort();
    }

    @Override
    public void close()
    {
        if (null != metricsServer)
        {
            metricsServer.close();
        }
        for (int i = closeables.size() - 1; i >= 0; i--)
        {
            CloseHelper.quietClose(closeables.get(i));
        }
        closeables.clear();
    }
}
