package io.boostj.perf;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.boostj.io.http.NettyTransport;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The flashblocks stream the fan-out target subscribes to: a WebSocket server whose one peer (the target) gets Text
 * messages of a fixed size, open loop at a fixed rate. Each message starts with {@code {"t":INTENDED_NANOTIME,"s":SEQ,}
 * so subscribers in the same process time it from its intended send time (coordinated omission excluded).
 */
final class FanoutSource implements FanoutFeed
{
    private final Channel server;
    private final int messageBytes;
    private final AtomicLong sent = new AtomicLong();
    private volatile Channel peer;
    private volatile boolean running;
    private Thread sender;

    FanoutSource(final NettyTransport transport, final EventLoopGroup group, final int messageBytes)
        throws InterruptedException
    {
        this.messageBytes = messageBytes;
        server = new ServerBootstrap().group(group).channel(transport.serverChannel())
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                        new WebSocketServerProtocolHandler("/", null, false, 1 << 20),
                        new ChannelInboundHandlerAdapter()
                        {
                            public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
                            {
                                if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete)
                                {
                                    peer = ctx.channel();
                                }
                                ctx.fireUserEventTriggered(evt);
                            }

                            public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
                            {
                                ctx.close();
                            }
                        });
                }
            }).bind("127.0.0.1", 0).sync().channel();
    }

    @Override
    public String upstreamUrl()
    {
        return "ws://127.0.0.1:" + ((InetSocketAddress)server.localAddress()).getPort() + "/";
    }

    @Override
    public boolean awaitPeer(final long timeoutMs) throws InterruptedException
    {
        return FanoutFeed.await(() -> null != peer && peer.isActive(), timeoutMs);
    }

    @Override
    public void startSending(final double rateHz)
    {
        stopSending();
        running = true;
        final long periodNs = (long)(1e9 / rateHz);
        sender = new Thread(() ->
        {
            final long startNs = System.nanoTime();
            long seq = 0;
            while (running)
            {
                final long intendedNs = startNs + seq * periodNs;
                long waitNs;
                while (running && (waitNs = intendedNs - System.nanoTime()) > 0)
                {
                    LockSupport.parkNanos(Math.min(waitNs, 1_000_000));
                }
                final Channel ch = peer;
                if (!running || null == ch)
                {
                    break;
                }
                ch.writeAndFlush(new TextWebSocketFrame(message(ch, intendedNs, seq)), ch.voidPromise());
                sent.incrementAndGet();
                seq++;
            }
        }, "fanout-source");
        sender.setDaemon(true);
        sender.start();
    }

    private ByteBuf message(final Channel ch, final long intendedNs, final long seq)
    {
        final byte[] head = ("{\"t\":" + intendedNs + ",\"s\":" + seq + ",\"p\":\"").getBytes(StandardCharsets.US_ASCII);
        final ByteBuf buf = ch.alloc().buffer(Math.max(messageBytes, head.length + 2));
        buf.writeBytes(head);
        for (int i = head.length; i < messageBytes - 2; i++)
        {
            buf.writeByte('a' + (i % 26));
        }
        buf.writeByte('"').writeByte('}');
        return buf;
    }

    @Override
    public void stopSending()
    {
        running = false;
        FanoutFeed.join(sender, TimeUnit.SECONDS.toMillis(2));
        sender = null;
    }

    @Override
    public long sent()
    {
        return sent.get();
    }

    @Override
    public FanoutTiming timing()
    {
        return PrefixTiming.INSTANCE;
    }

    @Override
    public String describe()
    {
        return "source: this process's WebSocket server sends " + messageBytes + "-byte Text messages " +
            "{\"t\":INTENDED_NANOTIME,\"s\":SEQ,...} straight to the target";
    }

    @Override
    public void close()
    {
        stopSending();
        server.close().syncUninterruptibly();
        if (null != peer)
        {
            peer.close().syncUninterruptibly();
        }
    }
}
