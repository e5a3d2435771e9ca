package io.boostj.perf;

import io.boostj.io.http.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * N WebSocket subscribers in one process (Netty, epoll), spread over source addresses 127.0.0.1..127.0.0.{@code ips}
 * so no source address runs out of ephemeral ports. Each message's delivery latency (receive nanoTime minus its
 * intended send nanoTime, which a {@link FanoutTiming} tells: carried in the message, or by arrival order) goes to one
 * multi-writer HdrHistogram {@link Recorder}; the timing counts messages it finds missing as lost.
 */
final class FanoutSubscribers implements AutoCloseable
{
    private static final int CONNECTS_IN_FLIGHT = 256;

    private final Recorder recorder = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
    private final LongAdder delivered = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final List<Channel> channels = new ArrayList<>();
    private final FanoutTiming timing;

    /** Subscribers of a {@link FanoutSource}: messages carry their intended send time ({@link PrefixTiming}). */
    FanoutSubscribers()
    {
        this(PrefixTiming.INSTANCE);
    }

    FanoutSubscribers(final FanoutTiming timing)
    {
        this.timing = timing;
    }

    /**
     * Connects {@code count} subscribers and waits until all completed the handshake (or the timeout passed).
     *
     * @return how many are connected.
     */
    int connect(final NettyTransport transport, final EventLoopGroup group, final URI uri, final int count,
        final int ips, final long timeoutMs) throws InterruptedException
    {
        final Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
        final WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri).version(WebSocketVersion.V13).maxFramePayloadLength(16 << 20)
            .handshakeTimeoutMillis(30_000).generateOriginHeader(false).withUTF8Validator(false).build();
        final Bootstrap bootstrap = new Bootstrap().group(group).channel(transport.clientChannel())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
            .handler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                        new WebSocketClientProtocolHandler(config), new Timing(inFlight));
                }
            });
        final long deadline = System.currentTimeMillis() + timeoutMs;
        for (int i = 0; i < count && System.currentTimeMillis() < deadline; i++)
        {
            if (!inFlight.tryAcquire(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS))
            {
                break;
            }
            final InetSocketAddress local = new InetSocketAddress("127.0.0." + (1 + i % ips), 0);
            final Channel ch = bootstrap.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), local)
                .addListener(f ->
                {
                    if (!f.isSuccess())
                    {
                        inFlight.release();
                    }
                }).channel();
            channels.add(ch);
        }
        while (connected.get() < count && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(20);
        }
        return connected.get();
    }

    /** Starts a new interval: what was recorded so far is dropped. */
    void reset()
    {
        recorder.getIntervalHistogram();
        delivered.reset();
        lost.reset();
    }

    /** @return the latencies (ns) since the last {@link #reset()} or {@link #take()}. */
    Histogram take()
    {
        return recorder.getIntervalHistogram();
    }

    long delivered()
    {
        return delivered.sum();
    }

    long lost()
    {
        return lost.sum();
    }

    int connected()
    {
        return connected.get() - closed.get();
    }

    @Override
    public void close()
    {
        for (final Channel ch : channels)
        {
            ch.close();
        }
        for (final Channel ch : channels)
        {
            ch.closeFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private final class Timing extends SimpleChannelInboundHandler<WebSocketFrame>
    {
        private final Semaphore inFlight;
        private final FanoutTiming.Clock clock = timing.newConnection();
        private boolean counted;

        Timing(final Semaphore inFlight)
        {
            this.inFlight = inFlight;
        }

        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
        {
            if (WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE == evt)
            {
                counted = true;
                connected.incrementAndGet();
                inFlight.release();
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
        {
            if (!(frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame))
            {
                return;
            }
            final long nowNs = System.nanoTime();
            final long sentNs = clock.intendedNs(frame.content(), lost);
            if (sentNs < 0)
            {
                return;
            }
            recorder.recordValue(Math.max(0, Math.min(nowNs - sentNs, TimeUnit.SECONDS.toNanos(60))));
            delivered.increment();
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx)
        {
            if (counted)
            {
                closed.incrementAndGet();
            }
            else
            {
                inFlight.release();
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            ctx.close();
        }
    }
}
