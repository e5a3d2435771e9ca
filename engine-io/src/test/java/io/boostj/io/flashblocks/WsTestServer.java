package io.boostj.io.flashblocks;

import io.boostj.io.http.NettyTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A builder stand-in: a plain Netty WebSocket server that records pings, can stop answering them, can close each
 * connection some time after its handshake, and sends whatever frames a test gives it.
 */
final class WsTestServer implements AutoCloseable
{
    final AtomicInteger handshakes = new AtomicInteger();
    final List<byte[]> pingPayloads = new CopyOnWriteArrayList<>();
    volatile boolean answerPings = true;
    volatile long closeAfterHandshakeMs = -1;

    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel serverChannel;

    WsTestServer(final EventLoopGroup group, final NettyTransport transport, final int port)
        throws InterruptedException
    {
        this(group, transport, port, null);
    }

    WsTestServer(final EventLoopGroup group, final NettyTransport transport, final int port, final SslContext ssl)
        throws InterruptedException
    {
        final WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
            .websocketPath("/")
            .checkStartsWith(true)
            .maxFramePayloadLength(64 * 1024 * 1024)
            .build();
        serverChannel = new ServerBootstrap()
            .group(group)
            .channel(transport.serverChannel())
            .option(ChannelOption.SO_REUSEADDR, true)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    if (null != ssl)
                    {
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                    }
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(64 * 1024))
                        .addLast(new PingTap())
                        .addLast(new WebSocketServerProtocolHandler(config))
                        .addLast(new Handler());
                }
            })
            .bind("127.0.0.1", port).sync().channel();
    }

    int port()
    {
        return ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    String url()
    {
        return "ws://127.0.0.1:" + port() + "/ws";
    }

    int connections()
    {
        return connections.size();
    }

    /**
     * Sends a copy of the frame to every connection and releases the original.
     */
    void send(final WebSocketFrame frame)
    {
        try
        {
            for (final Channel ch : connections)
            {
                ch.writeAndFlush(frame.retainedDuplicate());
            }
        }
        finally
        {
            frame.release();
        }
    }

    void closeConnections()
    {
        connections.close().awaitUninterruptibly();
    }

    @Override
    public void close()
    {
        serverChannel.close().awaitUninterruptibly();
        closeConnections();
    }

    private final class PingTap extends ChannelInboundHandlerAdapter
    {
        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            if (msg instanceof PingWebSocketFrame)
            {
                pingPayloads.add(ByteBufUtil.getBytes(((PingWebSocketFrame)msg).content()));
                if (!answerPings)
                {
                    ReferenceCountUtil.release(msg);
                    return;
                }
            }
            ctx.fireChannelRead(msg);
        }
    }

    private final class Handler extends ChannelInboundHandlerAdapter
    {
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
        {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete)
            {
                handshakes.incrementAndGet();
                connections.add(ctx.channel());
                final long closeAfterMs = closeAfterHandshakeMs;
                if (0 == closeAfterMs)
                {
                    ctx.close();
                }
                else if (closeAfterMs > 0)
                {
                    ctx.executor().schedule(() -> ctx.close(), closeAfterMs, TimeUnit.MILLISECONDS);
                }
            }
            ctx.fireUserEventTriggered(evt);
        }

        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            ReferenceCountUtil.release(msg);
        }

        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            ctx.close();
        }
    }
}
