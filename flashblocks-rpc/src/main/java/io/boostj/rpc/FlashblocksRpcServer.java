package io.boostj.rpc;

import io.boostj.io.flashblocks.FlashblocksInboundClient;
import io.boostj.io.http.HttpServer;
import io.boostj.io.http.NettyTransport;
import io.boostj.io.upstream.UpstreamClient;
import io.boostj.io.upstream.UpstreamEndpoint;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;

/**
 * A running flashblocks-rpc: HTTP and WebSocket ports, the feed client, the canonical poller and the pending state.
 * Threads: one event loop owns the feed and pending state (the processor's single writer), one the node client, two
 * serve clients.
 */
public final class FlashblocksRpcServer implements AutoCloseable
{
    private final EventLoopGroup serverGroup;
    private final EventLoopGroup stateGroup;
    private final EventLoopGroup upstreamGroup;
    private final UpstreamClient upstreamClient;
    private final PendingStateProcessor processor;
    private final FeedListener feed;
    private final FlashblocksInboundClient feedClient;
    private final CanonicalPoller poller;
    private final HttpServer http;
    private final SubscriptionServer ws;

    private FlashblocksRpcServer(final FlashblocksRpcArgs args) throws InterruptedException
    {
        final UpstreamEndpoint endpoint = UpstreamEndpoint.parse(args.upstreamUrl);
        final NettyTransport transport = NettyTransport.choose(true);
        serverGroup = transport.newGroup(2, "rpc-server");
        stateGroup = transport.newGroup(1, "rpc-state");
        upstreamGroup = transport.newGroup(1, "rpc-upstream");
        final EventLoop stateLoop = stateGroup.next();
        processor = new PendingStateProcessor(args.maxPendingBlocksDepth);
        feed = new FeedListener(processor);
        UpstreamClient client = null;
        HttpServer httpServer = null;
        try
        {
            feedClient = new FlashblocksInboundClient(new FlashblocksInboundClient.Context()
                .url(args.flashblocksUrl)
                .eventLoopGroup(stateGroup)
                .transport(transport)
                .listener(feed)
                .initialReconnectMs(1_000)
                .maxReconnectMs(10_000));
            client = new UpstreamClient("upstream", endpoint, null, upstreamGroup, transport, 64 * 1024 * 1024,
                "boostj-flashblocks-rpc/" + FlashblocksRpcArgs.VERSION);
            final UpstreamRpc upstream = new UpstreamRpc(client, args.upstreamTimeoutMs);
            final SyncSender syncSender = new SyncSender(stateLoop, processor);
            syncSender.upstream(upstream);
            processor.addListener(syncSender);
            final JsonRpcBatch batch = new JsonRpcBatch(new PendingRpc(processor, upstream, syncSender), upstream);
            httpServer = HttpServer.bind(serverGroup, transport, args.httpAddr, args.httpPort, args.maxRequestBytes,
                new RpcHttpHandler(batch, upstream));
            if (args.wsPort >= 0)
            {
                ws = new SubscriptionServer(serverGroup, transport, args.httpAddr, args.wsPort, batch,
                    args.nodeWebSocket());
                processor.addListener(ws);
            }
            else
            {
                ws = null;
            }
            upstreamClient = client;
            http = httpServer;
            poller = new CanonicalPoller(upstream, processor, stateLoop, args.canonicalPollMs);
        }
        catch (final RuntimeException | InterruptedException ex)
        {
            if (null != httpServer)
            {
                httpServer.close();
            }
            if (null != client)
            {
                client.close();
            }
            shutdown();
            throw ex;
        }
    }

    /**
     * @param args the parsed command line.
     * @return the started server.
     * @throws InterruptedException if interrupted while binding.
     */
    public static FlashblocksRpcServer launch(final FlashblocksRpcArgs args) throws InterruptedException
    {
        final FlashblocksRpcServer server = new FlashblocksRpcServer(args);
        server.poller.start();
        server.feedClient.start();
        return server;
    }

    /** @return the HTTP port. */
    public int httpPort()
    {
        return http.port();
    }

    /** @return the WebSocket port, -1 when off. */
    public int wsPort()
    {
        return null == ws ? -1 : ws.port();
    }

    /** @return the pending state. */
    public PendingStateProcessor processor()
    {
        return processor;
    }

    /** @return the feed's listener (counters). */
    public FeedListener feed()
    {
        return feed;
    }

    @Override
    public void close()
    {
        poller.close();
        feedClient.close();
        if (null != ws)
        {
            ws.close();
        }
        http.close();
        upstreamClient.close();
        shutdown();
    }

    private void shutdown()
    {
        serverGroup.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        stateGroup.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        upstreamGroup.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
