package io.boostj.io.flashblocks;

import io.boostj.io.http.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.ReferenceCountUtil;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A flashblocks consumer stand-in: a plain Netty WebSocket client that queues the Text messages and Pongs it gets,
 * optionally stops reading right after its handshake.
 */
final class WsTestClient implements AutoCloseable
{
    final LinkedBlockingQueue<byte[]> texts = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<byte[]> pongs = new LinkedBlockingQueue<>();
    final Channel channel;

    private final CompletableFuture<Void> handshake = new CompletableFuture<>();

    WsTestClient(
        final EventLoopGroup group,
        final NettyTransport transport,
        final String url,
        final boolean stopReadingAfterHandshake,
        final int receiveBufferBytes) throws Exception
    {
        final URI uri = new URI(url);
        final WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri)
            .maxFramePayloadLength(64 * 1024 * 1024)
            .withUTF8Validator(false)
            .dropPongFrames(false)
            .build();
        final Bootstrap bootstrap = new Bootstrap()
            .group(group)
            .channel(transport.clientChannel())
            .handler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline()
                        .addLast(new HttpClientCodec())
                        .addLast(new HttpObjectAggregator(64 * 1024))
                        .addLast(new WebSocketClientProtocolHandler(config))
                        .addLast(new WebSocketFrameAggregator(64 * 1024 * 1024))
                        .addLast(new Handler(stopReadingAfterHandshake));
                }
            });
        if (receiveBufferBytes > 0)
        {
            bootstrap.option(ChannelOption.SO_RCVBUF, receiveBufferBytes);
        }
        channel = bootstrap.connect(uri.getHost(), uri.getPort()).sync().channel();
        handshake.get(5, TimeUnit.SECONDS);
    }

    void send(final WebSocketFrame frame)
    {
        channel.writeAndFlush(frame).syncUninterruptibly();
    }

    void resumeReading()
    {
        channel.config().setAutoRead(true);
    }

    @Override
    public void close()
    {
        channel.close().awaitUninterruptibly();
    }

    private final class Handler extends ChannelInboundHandlerAdapter
    {
        private final boolean stopReadingAfterHandshake;

        Handler(final boolean stopReadingAfterHandshake)
        {
            this.stopReadingAfterHandshake = stopReadingAfterHandshake;
        }

        public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
        {
            if (WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE == evt)
            {
                if (stopReadingAfterHandshake)
                {
                    ctx.channel().config().setAutoRead(false);
                }
                handshake.complete(null);
            }
            ctx.fireUserEventTriggered(evt);
        }

        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            try
            {
                if (msg instanceof TextWebSocketFrame)
                {
                    texts.add(ByteBufUtil.getBytes(((TextWebSocketFrame)msg).content()));
                }
                else if (msg instanceof PongWebSocketFrame)
                {
                    pongs.add(ByteBufUtil.getBytes(((PongWebSocketFrame)msg).content()));
                }
            }
            finally
            {
                ReferenceCountUtil.release(msg);
            }
        }

        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            handshake.completeExceptionally(cause);
            ctx.close();
        }
    }
}
