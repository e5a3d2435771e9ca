package io.boostj.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** A flashblocks source for tests: a WebSocket server on a fixed port that sends what the test gives it to every peer. */
final class TestUpstream implements AutoCloseable
{
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ChannelGroup peers = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private Channel server;
    private int port;

    TestUpstream start(final int wantedPort) throws InterruptedException
    {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                        new WebSocketServerProtocolHandler("/", null, false, 64 << 20),
                        new ChannelInboundHandlerAdapter()
                        {
                            public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
                            {
                                if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete)
                                {
                                    peers.add(ctx.channel());
                                }
                                ctx.fireUserEventTriggered(evt);
                            }
                        });
                }
            }).bind("127.0.0.1", wantedPort).sync().channel();
        port = ((java.net.InetSocketAddress)server.localAddress()).getPort();
        return this;
    }

    String url()
    {
        return "ws://127.0.0.1:" + port + "/";
    }

    int port()
    {
        return port;
    }

    boolean awaitPeers(final int count, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (peers.size() < count)
        {
            if (System.currentTimeMillis() > deadline)
            {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    void sendText(final String text)
    {
        peers.writeAndFlush(new TextWebSocketFrame(text)).syncUninterruptibly();
    }

    void sendBinary(final byte[] bytes)
    {
        peers.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes))).syncUninterruptibly();
    }

    byte[] textBytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Closes the listener and every peer, keeping the loop for a restart on the same port. */
    void stop()
    {
        peers.close().syncUninterruptibly();
        server.close().syncUninterruptibly();
    }

    @Override
    public void close()
    {
        stop();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
