package io.boostj.rpc;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal WebSocket flashblocks feed (the role a builder, rollup-boost or a websocket-proxy plays): whatever is
 * handed to {@link #sendText} or {@link #sendBinary} goes to every connected subscriber. For tests, the perf harness
 * and replaying recorded flashblocks into an overlay; not a production proxy (no auth, no rate limits).
 */
public final class FlashblocksFeedServer implements AutoCloseable
{
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Set<Channel> subscribers = ConcurrentHashMap.newKeySet();
    private final Channel server;

    /**
     * Binds 127.0.0.1 on any free port, path {@code /ws}.
     *
     * @throws InterruptedException if interrupted while binding.
     */
    public FlashblocksFeedServer() throws InterruptedException
    {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 16),
                        new WebSocketServerProtocolHandler("/ws"), new ChannelInboundHandlerAdapter()
                        {
                            @Override
                            public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
                            {
                                if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete)
                                {
                                    subscribers.add(ctx.channel());
                                }
                                ctx.fireUserEventTriggered(evt);
                            }
                        });
                    ch.closeFuture().addListener(f -> subscribers.remove(ch));
                }
            }).bind("127.0.0.1", 0).sync().channel();
    }

    /** @return the ws:// URL subscribers connect to. */
    public String url()
    {
        return "ws://127.0.0.1:" + ((InetSocketAddress)server.localAddress()).getPort() + "/ws";
    }

    /** @return connected subscribers. */
    public int subscriberCount()
    {
        return subscribers.size();
    }

    /** @param message sent as one Text message to every subscriber. */
    public void sendText(final String message)
    {
        for (final Channel ch : subscribers)
        {
            ch.writeAndFlush(new TextWebSocketFrame(message)).syncUninterruptibly();
        }
    }

    /** @param message sent as one Binary message to every subscriber. */
    public void sendBinary(final byte[] message)
    {
        for (final Channel ch : subscribers)
        {
            ch.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(message))).syncUninterruptibly();
        }
    }

    /** Closes every subscriber's connection (they may reconnect). */
    public void disconnectAll()
    {
        for (final Channel ch : subscribers)
        {
            ch.close().syncUninterruptibly();
        }
    }

    @Override
    public void close()
    {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
