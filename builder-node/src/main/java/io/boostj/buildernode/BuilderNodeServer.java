package io.boostj.buildernode;

import com.fasterxml.jackson.databind.JsonNode;
import io.aeron.CncFileDescriptor;
import io.aeron.CommonContext;
import io.aeron.Publication;
import io.boostj.core.builder.BuilderNode;
import io.boostj.core.builder.ChainRules;
import io.boostj.core.builder.DevAccounts;
import io.boostj.core.builder.StoredBlock;
import io.boostj.io.flashblocks.FlashblocksPublisher;
import io.boostj.io.flashblocks.aeron.AeronConnection;
import io.boostj.io.flashblocks.aeron.FlashblocksAeronSender;
import io.boostj.io.http.NettyTransport;
import io.boostj.io.jwt.JwtVerifier;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import org.agrona.CloseHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A running builder node: the Engine API on the auth port (JWT on every request), the Ethereum JSON-RPC on the http
 * port (and the auth port), the flashblocks WebSocket and optional Aeron publication, optional peer sync and
 * Prometheus metrics, over one {@link BuilderNode} started from a dev genesis.
 * <p>
 * <b>Threading</b>: one Netty event-loop thread owns the {@link BuilderNode}. Both HTTP servers' handlers, the
 * flashblock timer, the WebSocket publisher and the sync client run on that loop, so every call into the node is
 * made by the same thread in the order the loop runs them: the node needs no locks, and its state (chain, pool,
 * round) is never seen half-changed. The price is that a slow call (a large block's re-execution) delays the others,
 * which for a dev and test builder is the right trade.
 */
public final class BuilderNodeServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(BuilderNodeServer.class);
    private static final BigInteger GENESIS_BASE_FEE_WEI = BigInteger.valueOf(1_000_000_000L);
    private static final int MAX_REQUEST_BYTES = 32 * 1024 * 1024;

    private final BuilderNodeContext ctx;
    private final EventLoopGroup group;
    private final String genesisHash;
    private Channel authChannel;
    private Channel httpChannel;
    private FlashblocksPublisher publisher;
    private AeronConnection aeron;
    private Publication publication;
    private BuilderMetrics metrics;
    private FlashblockLoop flashblockLoop;
    private ChainSync sync;
    private int metricsPort = -1;

    private BuilderNodeServer(final BuilderNodeContext ctx, final EventLoopGroup group, final String genesisHash)
    {
        this.ctx = ctx;
        this.group = group;
        this.genesisHash = genesisHash;
    }

    /**
     * Starts the node: genesis from {@link DevAccounts#alloc(int)}, then every server bound.
     *
     * @param ctx the configuration (concluded here if it was not).
     * @return the node, listening.
     * @throws Exception if a port cannot be bound or Aeron cannot start; what was started is closed again.
     */
    public static BuilderNodeServer launch(final BuilderNodeContext ctx) throws Exception
    {
        if (!ctx.isConcluded())
        {
            ctx.conclude();
        }
        final ChainRules rules = ChainRules.opStack(DevAccounts.CHAIN_ID);
        final StoredBlock genesis = BuilderNode.genesis(rules, DevAccounts.alloc(ctx.devAccounts()),
            ctx.genesisTimestamp(), ctx.genesisGasLimit(), GENESIS_BASE_FEE_WEI);
        final BuilderNode node = new BuilderNode(rules, genesis, ctx.maxPoolTransactions(), ctx.maxPerSender())
            .builderSecretKey(ctx.builderSecretKey());
        final NettyTransport transport = NettyTransport.choose(true);
        final BuilderNodeServer server = new BuilderNodeServer(ctx, transport.newGroup(1, "builder-" + ctx.name()),
            genesis.hashHex());
        try
        {
            server.start(node, transport);
        }
        catch (final Exception | Error ex)
        {
            server.close();
            throw ex;
        }
        return server;
    }

    private void start(final BuilderNode node, final NettyTransport transport) throws Exception
    {
        final EventLoop loop = group.next();
        metrics = new BuilderMetrics();
        if (ctx.metricsPort() >= 0)
        {
            metricsPort = metrics.start(ctx.metricsHost(), ctx.metricsPort());
        }
        if (ctx.flashblocksEnabled())
        {
            publisher = FlashblocksPublisher.bind(new FlashblocksPublisher.Context().host(ctx.flashblocksHost())
                .port(ctx.flashblocksPort()).eventLoopGroup(group).transport(transport));
            FlashblocksAeronSender aeronSender = null;
            if (null != ctx.aeronChannel())
            {
                aeron = AeronConnection.connect(ctx.aeronDir(), !driverRunning(ctx.aeronDir()));
                publication = aeron.aeron().addPublication(ctx.aeronChannel(), ctx.aeronStreamId());
                aeronSender = new FlashblocksAeronSender(publication);
                LOG.info("{}: flashblocks also on {} stream {}", ctx.name(), ctx.aeronChannel(), ctx.aeronStreamId());
            }
            flashblockLoop = new FlashblockLoop(loop, node, ctx.flashblockTimeMs(),
                new FlashblockOutlets(publisher, aeronSender, metrics), metrics);
        }
        if (null != ctx.syncPeerUrl())
        {
            sync = new ChainSync(loop, transport, ctx.syncPeerUrl(), node);
        }
        final EthApi eth = new EthApi(node);
        final EngineApi engine = new EngineApi(node, flashblockLoop, sync, metrics);
        final RpcMethods authMethods = (method, params) -> method.startsWith("engine_") ?
            engine.call(method, params) : eth.call(method, params);
        authChannel = bind(loop, transport, ctx.authHost(), ctx.authPort(),
            new JsonRpcHandler("auth", new JwtVerifier(ctx.jwtSecret()), authMethods));
        if (ctx.httpPort() >= 0)
        {
            httpChannel = bind(loop, transport, ctx.httpHost(), ctx.httpPort(), new JsonRpcHandler("http", null,
                (method, params) -> publicCall(eth, method, params)));
        }
        LOG.info("{}: genesis {}, engine API {}, JSON-RPC {}, flashblocks {}", ctx.name(), genesisHash, authUrl(),
            httpUrl(), flashblocksUrl());
    }

    private static JsonNode publicCall(final EthApi eth, final String method, final JsonNode params)
    {
        if (method.startsWith("engine_"))
        {
            throw new RpcException(RpcException.METHOD_NOT_FOUND, "the method " + method + " is served on the " +
                "authenticated Engine API port only");
        }
        return eth.call(method, params);
    }

    private static boolean driverRunning(final String aeronDir)
    {
        final String dir = null == aeronDir ? CommonContext.getAeronDirectoryName() : aeronDir;
        return new File(dir, CncFileDescriptor.CNC_FILE).exists();
    }

    private static Channel bind(final EventLoop loop, final NettyTransport transport, final String host, final int port,
        final JsonRpcHandler handler) throws InterruptedException
    {
        return new ServerBootstrap()
            .group(loop, loop)
            .channel(transport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 256)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline().addLast(new HttpServerCodec()).addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                        .addLast(handler);
                }
            })
            .bind(host, port).sync().channel();
    }

    /** @return the Engine API URL, {@code http://HOST:PORT}. */
    public String authUrl()
    {
        return url("http", authChannel);
    }

    /** @return the public JSON-RPC URL, or null when it is off. */
    public String httpUrl()
    {
        return null == httpChannel ? null : url("http", httpChannel);
    }

    /** @return the flashblocks WebSocket URL, {@code ws://HOST:PORT}, or null when flashblocks are off. */
    public String flashblocksUrl()
    {
        return null == publisher ? null : "ws://" + ctx.flashblocksHost() + ":" + publisher.port();
    }

    /** @return the Prometheus port, or -1 when metrics are off. */
    public int metricsPort()
    {
        return metricsPort;
    }

    /** @return the genesis block hash, 0x hex. */
    public String genesisHash()
    {
        return genesisHash;
    }

    private static String url(final String scheme, final Channel channel)
    {
        final InetSocketAddress a = (InetSocketAddress)channel.localAddress();
        return scheme + "://" + a.getHostString() + ":" + a.getPort();
    }

    /** Stops every server and the loop, waiting for them. */
    @Override
    public void close()
    {
        if (!group.isShuttingDown())
        {
            group.submit(() ->
            {
                if (null != flashblockLoop)
                {
                    flashblockLoop.stop();
                }
                if (null != sync)
                {
                    sync.close();
                }
            }).awaitUninterruptibly();
        }
        closeChannel(authChannel);
        closeChannel(httpChannel);
        CloseHelper.quietCloseAll(publisher, publication, aeron, metrics);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static void closeChannel(final Channel channel)
    {
        if (null != channel)
        {
            channel.close().syncUninterruptibly();
        }
    }
}
