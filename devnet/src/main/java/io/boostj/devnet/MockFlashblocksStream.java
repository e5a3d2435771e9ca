package io.boostj.devnet;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
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
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mock builder's flashblocks WebSocket (op-rbuilder's {@code --flashblocks.port}): a real Netty WebSocket server
 * that sends whatever a test or the devnet gives it, as Text frames (upstream's form) or Binary frames (JSON or brotli,
 * beyond upstream), to every connected consumer, in order. Pings are answered by Netty.
 */
public final class MockFlashblocksStream implements AutoCloseable
{
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
        new DefaultThreadFactory("mock-flashblocks", true), NioIoHandler.newFactory());
    private final ChannelGroup consumers = new DefaultChannelGroup("mock-flashblocks", GlobalEventExecutor.INSTANCE);
    private final AtomicInteger handshakes = new AtomicInteger();
    private final Channel serverChannel;

    private MockFlashblocksStream(final String host, final int port)
    {
        final WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
            .websocketPath("/")
            .checkStartsWith(true)
            .maxFramePayloadLength(64 * 1024)
            .build();
        final Handler handler = new Handler();
        serverChannel = new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(64 * 1024))
                        .addLast(new WebSocketServerProtocolHandler(config))
                        .addLast(handler);
                }
            })
            .bind(host, port).syncUninterruptibly().channel();
    }

    /**
     * @param host address to listen on.
     * @param port port, 0 for any.
     * @return the listening stream.
     */
    public static MockFlashblocksStream start(final String host, final int port)
    {
        return new MockFlashblocksStream(host, port);
    }

    /** @return the bound port. */
    public int port()
    {
        return ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /** @return {@code ws://host:port/ws}, what {@code --flashblocks-builder-url} takes. */
    public String url()
    {
        final InetSocketAddress address = (InetSocketAddress)serverChannel.localAddress();
        return "ws://" + address.getHostString() + ":" + address.getPort() + "/ws";
    }

    /** @return consumers connected now. */
    public int consumers()
    {
        return consumers.size();
    }

    /** @return handshakes completed since start. */
    public int handshakes()
    {
        return handshakes.get();
    }

    /**
     * Sends one message as a Text frame to every consumer and waits until it is written.
     *
     * @param json the flashblock JSON.
     */
    public void sendText(final String json)
    {
        send(new TextWebSocketFrame(Unpooled.copiedBuffer(json, StandardCharsets.UTF_8)));
    }

    /**
     * Sends one message as a Binary frame (JSON or brotli bytes) to every consumer and waits until it is written.
     *
     * @param bytes the frame payload.
     */
    public void sendBinary(final byte[] bytes)
    {
        send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
    }

    private void send(final WebSocketFrame frame)
    {
        try
        {
            consumers.writeAndFlush(frame.retainedDuplicate()).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
        finally
        {
            frame.release();
        }
    }

    /** Drops every consumer (a builder restart as its consumers see it). */
    public void dropConsumers()
    {
        consumers.close().awaitUninterruptibly();
    }

    @Override
    public void close()
    {
        serverChannel.close().awaitUninterruptibly();
        dropConsumers();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @ChannelHandler.Sharable
    private final class Handler extends ChannelInboundHandlerAdapter
    {
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
        {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete)
            {
                consumers.add(ctx.channel());
                handshakes.incrementAndGet();
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
