package io.boostj.proxy.server;

import io.boostj.io.http.NettyTransport;
import io.boostj.proxy.ProxyMetrics;
import io.boostj.proxy.fanout.FanoutHub;
import io.boostj.proxy.limits.ApiKeys;
import io.boostj.proxy.limits.ConnectionLimiter;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;

import java.net.InetSocketAddress;

/**
 * The downstream HTTP/WebSocket listener: {@code /healthz}, {@code /ws}, {@code /ws/{key}},
 * {@code /ws/{key}/filter}. Requests are limited to {@value #MAX_REQUEST_BYTES} bytes of headers and no body; frames
 * from clients to {@code maxClientFrameBytes}.
 */
public final class ProxyServer implements AutoCloseable
{
    /** Largest upgrade request (line plus headers). */
    public static final int MAX_REQUEST_BYTES = 8192;

    private final Channel serverChannel;

    private ProxyServer(final Channel serverChannel)
    {
        this.serverChannel = serverChannel;
    }

    /**
     * @param ctx settings.
     * @return the bound server.
     * @throws InterruptedException while binding.
     */
    public static ProxyServer start(final Context ctx) throws InterruptedException
    {
        final WebSocketDecoderConfig decoderConfig = WebSocketDecoderConfig.newBuilder()
            .maxFramePayloadLength(ctx.maxClientFrameBytes)
            .allowExtensions(false)
            .expectMaskedFrames(true)
            .closeOnProtocolViolation(true)
            .withUTF8Validator(false)
            .build();
        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(ctx.bossGroup, ctx.workerGroup)
            .channel(ctx.transport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 4096)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 256 * 1024))
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline()
                        .addLast("http", new HttpServerCodec(4096, MAX_REQUEST_BYTES, MAX_REQUEST_BYTES))
                        .addLast("aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                        .addLast("upgrade", new UpgradeHandler(ctx, decoderConfig));
                }
            });
        return new ProxyServer(bootstrap.bind(ctx.listenAddress).sync().channel());
    }

    /** @return the bound address (the port when 0 was asked). */
    public InetSocketAddress localAddress()
    {
        return (InetSocketAddress)serverChannel.localAddress();
    }

    @Override
    public void close()
    {
        serverChannel.close().awaitUninterruptibly();
    }

    /** Settings of a {@link ProxyServer}. */
    public static final class Context
    {
        InetSocketAddress listenAddress;
        NettyTransport transport;
        EventLoopGroup bossGroup;
        EventLoopGroup workerGroup;
        FanoutHub hub;
        ProxyMetrics metrics;
        ConnectionLimiter limiter;
        ApiKeys apiKeys = ApiKeys.none();
        boolean publicAccess;
        String ipHeader = "X-Forwarded-For";
        int maxClientFrameBytes = 65536;

        /** @param address where to listen. @return this. */
        public Context listenAddress(final InetSocketAddress address)
        {
            this.listenAddress = address;
            return this;
        }

        /**
         * @param transport channel classes.
         * @param boss      accepting loop.
         * @param workers   loops serving clients (the hub's).
         * @return this.
         */
        public Context loops(final NettyTransport transport, final EventLoopGroup boss, final EventLoopGroup workers)
        {
            this.transport = transport;
            this.bossGroup = boss;
            this.workerGroup = workers;
            return this;
        }

        /** @param hub the fan-out. @return this. */
        public Context hub(final FanoutHub hub)
        {
            this.hub = hub;
            return this;
        }

        /** @param metrics the metrics. @return this. */
        public Context metrics(final ProxyMetrics metrics)
        {
            this.metrics = metrics;
            return this;
        }

        /** @param limiter the limits. @return this. */
        public Context limiter(final ConnectionLimiter limiter)
        {
            this.limiter = limiter;
            return this;
        }

        /**
         * @param keys         the API keys.
         * @param publicAccess keep {@code /ws} with keys.
         * @return this.
         */
        public Context apiKeys(final ApiKeys keys, final boolean publicAccess)
        {
            this.apiKeys = keys;
            this.publicAccess = publicAccess;
            return this;
        }

        /** @param header the header naming the client IP. @return this. */
        public Context ipHeader(final String header)
        {
            this.ipHeader = header;
            return this;
        }

        /** @param bytes largest frame a client may send. @return this. */
        public Context maxClientFrameBytes(final int bytes)
        {
            this.maxClientFrameBytes = bytes;
            return this;
        }
    }
}
