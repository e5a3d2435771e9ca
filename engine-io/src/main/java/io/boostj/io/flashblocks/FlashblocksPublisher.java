package io.boostj.io.flashblocks;

import io.boostj.io.http.NettyTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sidecar's outbound flashblocks WebSocket server ({@code --flashblocks-host}/{@code --flashblocks-port}), as
 * upstream's {@code WebSocketPublisher}: WebSocket upgrades on any path, no authentication, every published message
 * sent as one Text frame to every subscriber. Frames from subscribers are ignored; Pings are answered and Close
 * frames echoed by Netty.
 * <p>
 * <b>Serialised once</b>: {@link #tryPublish(ByteBuf)} takes one buffer and every subscriber's frame is a
 * {@code retainedDuplicate()} of it, so all subscribers send the same memory.
 * <p>
 * <b>Slow subscribers</b>: each subscriber may have at most {@code maxPendingMessagesPerSubscriber} frames written but
 * not yet handed to its socket. While it is at that bound, new messages are <i>skipped for that subscriber only</i>
 * and counted in {@link #messagesDroppedForLag()}; the subscriber is kept and gets messages again once its backlog
 * drains. This is upstream's behaviour (a lagging broadcast receiver skips messages and continues) and keeps a
 * consumer that is briefly slow connected; it differs from upstream in dropping the newest rather than the oldest
 * messages, because frames already queued on a channel cannot be recalled. Memory stays bounded: at most
 * {@code maxPendingMessagesPerSubscriber} pending frames per subscriber, and since they are duplicates of shared
 * buffers, the distinct payload memory held is at most that many published messages, whatever the subscriber count.
 * A subscriber whose send fails is closed and removed.
 * <p>
 * <b>Threading</b>: the server channel and all subscriber channels live on one event loop taken from the group.
 * {@code tryPublish} may be called from any thread: it offers the buffer to a bounded lock-free many-to-one queue
 * and, when no drain is pending, schedules a single pre-allocated drain task on the loop. The caller never waits for
 * a subscriber. Counters are written on the loop (except {@link #publishRejected()}) and may be read from any thread.
 */
public final class FlashblocksPublisher implements AutoCloseable
{
    /** {@code tryPublish} result: handed to the event loop. */
    public static final int PUBLISHED = 1;
    /** {@code tryPublish} result: the hand-off queue is full; the message was released and counted. */
    public static final int QUEUE_FULL = -1;
    /** {@code tryPublish} result: the publisher is closed; the message was released. */
    public static final int CLOSED = -2;

    private static final Logger LOG = LoggerFactory.getLogger(FlashblocksPublisher.class);
    private static final Subscriber[] NO_SUBSCRIBERS = new Subscriber[0];
    private static final int HANDSHAKE_REQUEST_MAX_BYTES = 16 * 1024;
    private static final long HANDSHAKE_TIMEOUT_MS = 10_000;

    private final EventLoop loop;
    private final int maxPendingMessagesPerSubscriber;
    private final ManyToOneConcurrentArrayQueue<ByteBuf> queue;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicLong publishRejected = new AtomicLong();
    private final Runnable drainTask = this::drain;
    private final Runnable closeTask = this::doClose;
    private Channel serverChannel;
    private Subscriber[] subscribers = NO_SUBSCRIBERS;

    private volatile boolean closed;
    private volatile int subscriberCount;
    private volatile long subscribersAccepted;
    private volatile long subscribersDisconnected;
    private volatile long subscribersDropped;
    private volatile long messagesPublished;
    private volatile long messagesDroppedForLag;

    private FlashblocksPublisher(final Context ctx)
    {
        loop = ctx.eventLoopGroup().next();
        maxPendingMessagesPerSubscriber = ctx.maxPendingMessagesPerSubscriber();
        queue = new ManyToOneConcurrentArrayQueue<>(ctx.publishQueueCapacity());
    }

    /**
     * Binds the server.
     *
     * @param ctx the configuration; concluded here if it was not already.
     * @return the bound publisher.
     * @throws InterruptedException if interrupted while binding.
     */
    public static FlashblocksPublisher bind(final Context ctx) throws InterruptedException
    {
        if (!ctx.isConcluded())
        {
            ctx.conclude();
        }
        final FlashblocksPublisher publisher = new FlashblocksPublisher(ctx);
        final WebSocketServerProtocolConfig wsConfig = WebSocketServerProtocolConfig.newBuilder()
            .websocketPath("/")
            .checkStartsWith(true)
            .allowExtensions(false)
            .maxFramePayloadLength(ctx.maxInboundFrameBytes())
            .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MS)
            .sendCloseFrame(null)
            .withUTF8Validator(false)
            .build();
        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(publisher.loop, publisher.loop)
            .channel(ctx.transport().serverChannel())
            .option(ChannelOption.SO_BACKLOG, 128)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(HANDSHAKE_REQUEST_MAX_BYTES))
                        .addLast(new WebSocketServerProtocolHandler(wsConfig))
                        .addLast(publisher.new SubscriberHandler());
                }
            });
        publisher.serverChannel = bootstrap.bind(ctx.host(), ctx.port()).sync().channel();
        LOG.info("flashblocks: publishing on ws://{}:{}", ctx.host(), publisher.port());
        return publisher;
    }

    /**
     * @return the bound port.
     */
    public int port()
    {
        return ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /**
     * Hands one serialised flashblock to the event loop, which sends it as a Text frame to every subscriber that is
     * not lagging. Never blocks; callable from any thread.
     *
     * @param message the bytes, readerIndex to writerIndex. Ownership of one reference passes to the publisher in
     *                every case; do not modify it afterwards.
     * @return {@link #PUBLISHED}, {@link #QUEUE_FULL} or {@link #CLOSED}.
     */
    public int tryPublish(final ByteBuf message)
    {
        if (closed)
        {
            message.release();
            return CLOSED;
        }
        if (!queue.offer(message))
        {
            message.release();
            publishRejected.incrementAndGet();
            return QUEUE_FULL;
        }
        if (!drainScheduled.get() && drainScheduled.compareAndSet(false, true))
        {
            try
            {
                loop.execute(drainTask);
            }
            catch (final RejectedExecutionException ex)
            {
                return CLOSED;
            }
        }
        return PUBLISHED;
    }

    /**
     * Copies one serialised flashblock into a direct buffer from Netty's default allocator and publishes it as {@link #tryPublish(ByteBuf)}.
     *
     * @param buffer holding the bytes.
     * @param offset of the first byte.
     * @param length of the message.
     * @return {@link #PUBLISHED}, {@link #QUEUE_FULL} or {@link #CLOSED}.
     */
    public int tryPublish(final DirectBuffer buffer, final int offset, final int length)
    {
        if (closed)
        {
            return CLOSED;
        }
        final ByteBuf message = ByteBufAllocator.DEFAULT.directBuffer(length, length);
        buffer.getBytes(offset, message.nioBuffer(0, length), 0, length);
        message.writerIndex(length);
        return tryPublish(message);
    }

    /** @return subscribers currently connected (handshake completed). */
    public int subscribers()
    {
        return subscriberCount;
    }

    /** @return subscribers that completed the handshake since start. */
    public long subscribersAccepted()
    {
        return subscribersAccepted;
    }

    /** @return subscribers removed for any reason (their close, ours, errors). */
    public long subscribersDisconnected()
    {
        return subscribersDisconnected;
    }

    /** @return subscribers removed after a send error or a pipeline exception; a subset of the disconnected. */
    public long subscribersDropped()
    {
        return subscribersDropped;
    }

    /** @return messages taken from the queue and offered to every subscriber. */
    public long messagesPublished()
    {
        return messagesPublished;
    }

    /** @return per-subscriber sends skipped because that subscriber had too many pending messages. */
    public long messagesDroppedForLag()
    {
        return messagesDroppedForLag;
    }

    /** @return {@code tryPublish} calls refused because the hand-off queue was full. */
    public long publishRejected()
    {
        return publishRejected.get();
    }

    /**
     * Stops accepting, closes every subscriber and releases queued messages, waiting for the event loop unless called
     * on it.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (loop.inEventLoop())
        {
            doClose();
            return;
        }
        try
        {
            loop.submit(closeTask).awaitUninterruptibly();
        }
        catch (final RejectedExecutionException ignore)
        {
            // The event loop is already shut down, and its channels with it.
        }
    }

    private void doClose()
    {
        if (null != serverChannel)
        {
            serverChannel.close();
        }
        final Subscriber[] subs = subscribers;
        for (int i = 0; i < subs.length; i++)
        {
            subs[i].channel.close();
        }
        releaseQueued();
    }

    private void drain()
    {
        drainScheduled.set(false);
        if (closed)
        {
            releaseQueued();
            return;
        }
        ByteBuf message;
        while (null != (message = queue.poll()))
        {
            try
            {
                broadcast(message);
            }
            finally
            {
                message.release();
            }
        }
    }

    private void releaseQueued()
    {
        ByteBuf message;
        while (null != (message = queue.poll()))
        {
            message.release();
        }
    }

    private void broadcast(final ByteBuf message)
    {
        messagesPublished++;
        final Subscriber[] subs = subscribers;
        for (int i = 0; i < subs.length; i++)
        {
            final Subscriber subscriber = subs[i];
            if (subscriber.pendingMessages >= maxPendingMessagesPerSubscriber)
            {
                subscriber.onSkipped();
                messagesDroppedForLag++;
                continue;
            }
            subscriber.onSend();
            subscriber.channel.writeAndFlush(new TextWebSocketFrame(message.retainedDuplicate())).addListener(subscriber);
        }
    }

    private void addSubscriber(final Subscriber subscriber)
    {
        final Subscriber[] subs = Arrays.copyOf(subscribers, subscribers.length + 1);
        subs[subs.length - 1] = subscriber;
        subscribers = subs;
        subscriberCount = subs.length;
        subscribersAccepted++;
        LOG.info("flashblocks: subscriber {} connected ({} now)", subscriber.channel.remoteAddress(), subs.length);
    }

    private void removeSubscriber(final Subscriber subscriber)
    {
        final Subscriber[] subs = subscribers;
        for (int i = 0; i < subs.length; i++)
        {
            if (subs[i] == subscriber)
            {
                final Subscriber[] remaining = new Subscriber[subs.length - 1];
                System.arraycopy(subs, 0, remaining, 0, i);
                System.arraycopy(subs, i + 1, remaining, i, subs.length - i - 1);
                subscribers = remaining;
                subscriberCount = remaining.length;
                subscribersDisconnected++;
                if (null != subscriber.errorCause)
                {
                    subscribersDropped++;
                    LOG.warn("flashblocks: dropped subscriber {}: {}", subscriber.channel.remoteAddress(),
                        subscriber.errorCause);
                }
                else
                {
                    LOG.info("flashblocks: subscriber {} disconnected ({} now)", subscriber.channel.remoteAddress(),
                        remaining.length);
                }
                return;
            }
        }
    }

    private static String describe(final Throwable t)
    {
        if (null == t)
        {
            return "unknown";
        }
        return null == t.getMessage() ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " +
            t.getMessage();
    }

    private final class Subscriber implements ChannelFutureListener
    {
        final Channel channel;
        int pendingMessages;
        long skippedMessages;
        String errorCause;

        Subscriber(final Channel channel)
        {
            this.channel = channel;
        }

        void onSend()
        {
            if (0 != skippedMessages)
            {
                LOG.info("flashblocks: subscriber {} caught up after {} skipped messages", channel.remoteAddress(),
                    skippedMessages);
                skippedMessages = 0;
            }
            pendingMessages++;
        }

        void onSkipped()
        {
            if (0 == skippedMessages++)
            {
                LOG.warn("flashblocks: subscriber {} is lagging ({} messages pending); skipping messages for it",
                    channel.remoteAddress(), pendingMessages);
            }
        }

        void fail(final Throwable cause)
        {
            if (null == errorCause)
            {
                errorCause = describe(cause);
            }
            channel.close();
        }

        public void operationComplete(final ChannelFuture future)
        {
            pendingMessages--;
            if (!future.isSuccess() && !(future.cause() instanceof ClosedChannelException))
            {
                fail(future.cause());
            }
        }
    }

    private final class SubscriberHandler extends ChannelInboundHandlerAdapter
    {
        private Subscriber subscriber;

        public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
        {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete && null == subscriber)
            {
                if (closed)
                {
                    ctx.close();
                    return;
                }
                subscriber = new Subscriber(ctx.channel());
                addSubscriber(subscriber);
            }
            ctx.fireUserEventTriggered(evt);
        }

        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            ReferenceCountUtil.release(msg);
        }

        public void channelInactive(final ChannelHandlerContext ctx)
        {
            if (null != subscriber)
            {
                removeSubscriber(subscriber);
            }
            ctx.fireChannelInactive();
        }

        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            if (null != subscriber)
            {
                subscriber.fail(cause);
            }
            else
            {
                LOG.debug("flashblocks: connection {} failed before the handshake: {}", ctx.channel().remoteAddress(),
                    describe(cause));
                ctx.close();
            }
        }
    }

    /**
     * Configuration of a {@link FlashblocksPublisher}: fluent setters, checked once by {@link #conclude()}.
     */
    public static final class Context
    {
        /** Default of {@code --flashblocks-host}. */
        public static final String HOST_DEFAULT = "127.0.0.1";
        /** Default of {@code --flashblocks-port}. */
        public static final int PORT_DEFAULT = 1112;
        /** Upstream's broadcast channel capacity. */
        public static final int MAX_PENDING_MESSAGES_PER_SUBSCRIBER_DEFAULT = 100;
        /** Default capacity of the hand-off queue from publishing threads to the event loop. */
        public static final int PUBLISH_QUEUE_CAPACITY_DEFAULT = 1024;
        /** Default cap on a frame sent by a subscriber (they are ignored, so small). */
        public static final int MAX_INBOUND_FRAME_BYTES_DEFAULT = 64 * 1024;

        private String host = HOST_DEFAULT;
        private int port = PORT_DEFAULT;
        private EventLoopGroup eventLoopGroup;
        private NettyTransport transport;
        private int maxPendingMessagesPerSubscriber = MAX_PENDING_MESSAGES_PER_SUBSCRIBER_DEFAULT;
        private int publishQueueCapacity = PUBLISH_QUEUE_CAPACITY_DEFAULT;
        private int maxInboundFrameBytes = MAX_INBOUND_FRAME_BYTES_DEFAULT;
        private boolean concluded;

        /**
         * Checks the values once.
         *
         * @return this.
         * @throws IllegalStateException if called twice or a value is missing or invalid.
         */
        public Context conclude()
        {
            if (concluded)
            {
                throw new IllegalStateException("FlashblocksPublisher.Context already concluded");
            }
            concluded = true;
            require(null != host, "host");
            require(port >= 0 && port <= 65535, "port 0..65535, got " + port);
            require(null != eventLoopGroup, "eventLoopGroup");
            require(null != transport, "transport");
            require(maxPendingMessagesPerSubscriber > 0,
                "maxPendingMessagesPerSubscriber > 0, got " + maxPendingMessagesPerSubscriber);
            require(publishQueueCapacity >= 2, "publishQueueCapacity >= 2, got " + publishQueueCapacity);
            require(maxInboundFrameBytes > 0, "maxInboundFrameBytes > 0, got " + maxInboundFrameBytes);
            return this;
        }

        private static void require(final boolean condition, final String what)
        {
            if (!condition)
            {
                throw new IllegalStateException("missing or invalid: " + what);
            }
        }

        /** @return true once {@link #conclude()} ran. */
        public boolean isConcluded()
        {
            return concluded;
        }

        /** @return listen address. */
        public String host()
        {
            return host;
        }

        /** @param host listen address. @return this. */
        public Context host(final String host)
        {
            this.host = host;
            return this;
        }

        /** @return listen port, 0 for any. */
        public int port()
        {
            return port;
        }

        /** @param port listen port, 0 for any. @return this. */
        public Context port(final int port)
        {
            this.port = port;
            return this;
        }

        /** @return event loops; one is chosen for the server and all subscribers. */
        public EventLoopGroup eventLoopGroup()
        {
            return eventLoopGroup;
        }

        /** @param eventLoopGroup event loops; one is chosen for the server and all subscribers. @return this. */
        public Context eventLoopGroup(final EventLoopGroup eventLoopGroup)
        {
            this.eventLoopGroup = eventLoopGroup;
            return this;
        }

        /** @return channel classes matching the group. */
        public NettyTransport transport()
        {
            return transport;
        }

        /** @param transport channel classes matching the group. @return this. */
        public Context transport(final NettyTransport transport)
        {
            this.transport = transport;
            return this;
        }

        /** @return frames a subscriber may have pending before messages are skipped for it. */
        public int maxPendingMessagesPerSubscriber()
        {
            return maxPendingMessagesPerSubscriber;
        }

        /**
         * @param maxPendingMessagesPerSubscriber frames a subscriber may have pending before messages are skipped.
         * @return this.
         */
        public Context maxPendingMessagesPerSubscriber(final int maxPendingMessagesPerSubscriber)
        {
            this.maxPendingMessagesPerSubscriber = maxPendingMessagesPerSubscriber;
            return this;
        }

        /** @return capacity of the hand-off queue (rounded up to a power of two). */
        public int publishQueueCapacity()
        {
            return publishQueueCapacity;
        }

        /** @param publishQueueCapacity capacity of the hand-off queue (rounded up to a power of two). @return this. */
        public Context publishQueueCapacity(final int publishQueueCapacity)
        {
            this.publishQueueCapacity = publishQueueCapacity;
            return this;
        }

        /** @return largest frame accepted from a subscriber; larger ones close its connection. */
        public int maxInboundFrameBytes()
        {
            return maxInboundFrameBytes;
        }

        /** @param maxInboundFrameBytes largest frame accepted from a subscriber. @return this. */
        public Context maxInboundFrameBytes(final int maxInboundFrameBytes)
        {
            this.maxInboundFrameBytes = maxInboundFrameBytes;
            return this;
        }
    }
}
