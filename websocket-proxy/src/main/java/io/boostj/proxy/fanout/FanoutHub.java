package io.boostj.proxy.fanout;

import io.boostj.proxy.ProxyMetrics;
import io.boostj.proxy.filter.FlashblockFacts;
import io.boostj.proxy.filter.SubscriptionFilter;
import io.boostj.proxy.limits.Ticket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fans each upstream message out to every subscriber. A message becomes one frame buffer (compressed first when
 * asked), and each event loop writes duplicates of it to its own clients ({@link LoopClients}): no per-client copy,
 * no lock, no client waiting for another.
 * <p>
 * <b>Memory bound per client</b>: at most {@code bufferSize} queued entries in its Netty outbound buffer (each an
 * entry of about 100 bytes pointing at a shared frame), plus the kernel's socket send buffer. The frames themselves
 * are shared: all clients together hold at most {@code bufferSize} distinct messages beyond those being written.
 * <p>
 * <b>Who is dropped</b>: a client with {@code bufferSize} messages queued when the next arrives (lagged), a client whose
 * oldest queued message has not moved for {@code sendTimeoutMs}, and with pings on, a client silent for
 * {@code pongTimeoutMs}.
 * <p>
 * {@link #publish} may be called from any thread; messages from one thread reach every client in the order published.
 * Called on one of the hub's own loops (the WebSocket upstreams run there), it writes to that loop's clients inline
 * and hands the message to the other loops: one thread wake-up less per message.
 */
public final class FanoutHub implements AutoCloseable
{
    /** Why a client was dropped. */
    public enum DropReason
    {
        /** Its buffer was full. */
        LAGGED,
        /** Its oldest queued message did not move in time. */
        SEND_TIMEOUT,
        /** It stopped answering pings. */
        PONG_TIMEOUT
    }

    private static final Logger LOG = LoggerFactory.getLogger(FanoutHub.class);
    private static final long MIN_SWEEP_MS = 10;

    private final Map<EventExecutor, LoopClients> byLoop = new IdentityHashMap<>();
    private final List<EventLoop> loops = new ArrayList<>();
    private final Context ctx;
    private final ProxyMetrics metrics;
    private final BrotliCompressor compressor;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private final AtomicInteger filteringClients = new AtomicInteger();
    private final AtomicInteger activeClients = new AtomicInteger();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong lagged = new AtomicLong();
    private final AtomicLong sendTimeouts = new AtomicLong();
    private final AtomicLong pongTimeouts = new AtomicLong();

    /**
     * @param ctx     settings.
     * @param metrics where counts go.
     */
    public FanoutHub(final Context ctx, final ProxyMetrics metrics)
    {
        this.ctx = ctx;
        this.metrics = metrics;
        this.compressor = ctx.compression ? new BrotliCompressor() : null;
        for (final EventExecutor executor : ctx.group)
        {
            byLoop.put(executor, new LoopClients(this));
            loops.add((EventLoop)executor);
        }
    }

    /** Starts the ping and sweep timers on every loop. */
    public void start()
    {
        final long sendTimeoutNs = TimeUnit.MILLISECONDS.toNanos(ctx.sendTimeoutMs);
        final long pongTimeoutNs = ctx.pingEnabled ? TimeUnit.MILLISECONDS.toNanos(ctx.pongTimeoutMs) : 0;
        long sweepMs = ctx.sendTimeoutMs / 4;
        if (ctx.pingEnabled)
        {
            sweepMs = Math.min(sweepMs, ctx.pongTimeoutMs / 4);
        }
        sweepMs = Math.max(MIN_SWEEP_MS, sweepMs);
        for (final EventLoop loop : loops)
        {
            final LoopClients clients = byLoop.get(loop);
            timers.add(loop.scheduleAtFixedRate(() -> clients.sweep(System.nanoTime(), pongTimeoutNs, sendTimeoutNs),
                sweepMs, sweepMs, TimeUnit.MILLISECONDS));
            if (ctx.pingEnabled)
            {
                timers.add(loop.scheduleAtFixedRate(clients::ping, ctx.pingIntervalMs, ctx.pingIntervalMs,
                    TimeUnit.MILLISECONDS));
            }
        }
    }

    /**
     * Sends one upstream message to every subscriber.
     *
     * @param payload the message, readerIndex..writerIndex; not consumed or released.
     */
    public void publish(final ByteBuf payload)
    {
        final int length = payload.readableBytes();
        final boolean needFacts = filteringClients.get() > 0;
        final ByteBuf frame;
        FlashblockFacts facts = null;
        if (null != compressor || needFacts)
        {
            final byte[] raw = new byte[length];
            payload.getBytes(payload.readerIndex(), raw);
            if (needFacts)
            {
                facts = FlashblockFacts.extract(isJson(raw) ? raw : decompressedOrSelf(raw));
            }
            frame = FrameEncoding.binaryFrame(UnpooledByteBufAllocator.DEFAULT,
                null != compressor ? compressor.compress(raw) : raw);
        }
        else
        {
            frame = FrameEncoding.binaryFrame(UnpooledByteBufAllocator.DEFAULT, payload);
        }
        published.incrementAndGet();
        metrics.onBroadcast(length);
        final OutgoingMessage message = new OutgoingMessage(frame, facts);
        EventLoop own = null;
        for (final EventLoop loop : loops)
        {
            if (loop.inEventLoop())
            {
                own = loop;
                continue;
            }
            final LoopClients clients = byLoop.get(loop);
            frame.retain();
            loop.execute(() ->
            {
                try
                {
                    clients.broadcast(message, ctx.bufferSize);
                }
                finally
                {
                    frame.release();
                }
            });
        }
        if (null != own)
        {
            byLoop.get(own).broadcast(message, ctx.bufferSize);
        }
        frame.release();
    }

    private static boolean isJson(final byte[] raw)
    {
        return raw.length > 0 && '{' == raw[0];
    }

    private static byte[] decompressedOrSelf(final byte[] raw)
    {
        final byte[] json = BrotliCompressor.tryDecompress(raw);
        return null == json ? raw : json;
    }

    /**
     * Adds a subscriber; call on its channel's event loop after the upgrade.
     *
     * @param channel the upgraded channel.
     * @param ticket  its limits slot, released when it goes.
     * @param filter  its filter, or null for everything.
     * @return its state.
     */
    public DownstreamClient register(final Channel channel, final Ticket ticket, final SubscriptionFilter filter)
    {
        final DownstreamClient client = new DownstreamClient(channel, ticket, filter, System.nanoTime());
        byLoop.get(channel.eventLoop()).add(client);
        if (null != filter)
        {
            filteringClients.incrementAndGet();
        }
        activeClients.incrementAndGet();
        metrics.onClientOpened(ticket.app());
        return client;
    }

    /**
     * Removes a subscriber whose channel closed; call on its event loop. Releases its ticket.
     *
     * @param client the subscriber.
     */
    public void unregister(final DownstreamClient client)
    {
        if (client.index < 0)
        {
            return;
        }
        byLoop.get(client.channel.eventLoop()).remove(client);
        if (null != client.filter)
        {
            filteringClients.decrementAndGet();
        }
        activeClients.decrementAndGet();
        client.ticket.release();
        metrics.onClientClosed(client.ticket.app());
    }

    void drop(final DownstreamClient client, final DropReason reason)
    {
        client.dropped = true;
        switch (reason)
        {
            case LAGGED:
                lagged.incrementAndGet();
                break;
            case SEND_TIMEOUT:
                sendTimeouts.incrementAndGet();
                break;
            default:
                pongTimeouts.incrementAndGet();
                break;
        }
        metrics.onClientDropped(reason);
        LOG.debug("fanout: dropping {} ({})", client.channel.remoteAddress(), reason);
        client.channel.close();
    }

    void onSent(final long count)
    {
        if (count > 0)
        {
            metrics.onSent(count);
        }
    }

    /** @return subscribers now. */
    public int activeClients()
    {
        return activeClients.get();
    }

    /** @return messages published. */
    public long published()
    {
        return published.get();
    }

    /** @return clients dropped for a full buffer. */
    public long lagged()
    {
        return lagged.get();
    }

    /** @return clients dropped by the send timeout. */
    public long sendTimeouts()
    {
        return sendTimeouts.get();
    }

    /** @return clients dropped for not answering pings. */
    public long pongTimeouts()
    {
        return pongTimeouts.get();
    }

    @Override
    public void close()
    {
        for (final ScheduledFuture<?> timer : timers)
        {
            timer.cancel(false);
        }
    }

    /** Settings of a {@link FanoutHub}. */
    public static final class Context
    {
        EventLoopGroup group;
        int bufferSize = 20;
        long sendTimeoutMs = 1_000;
        boolean pingEnabled;
        long pingIntervalMs = 15_000;
        long pongTimeoutMs = 30_000;
        boolean compression;

        /** @param group the loops serving clients. @return this. */
        public Context group(final EventLoopGroup group)
        {
            this.group = group;
            return this;
        }

        /** @param bufferSize messages a client may have queued. @return this. */
        public Context bufferSize(final int bufferSize)
        {
            this.bufferSize = bufferSize;
            return this;
        }

        /** @param sendTimeoutMs how long the oldest queued message may stand still. @return this. */
        public Context sendTimeoutMs(final long sendTimeoutMs)
        {
            this.sendTimeoutMs = sendTimeoutMs;
            return this;
        }

        /**
         * @param enabled    ping clients.
         * @param intervalMs ping period.
         * @param timeoutMs  drop a client silent for this long.
         * @return this.
         */
        public Context ping(final boolean enabled, final long intervalMs, final long timeoutMs)
        {
            this.pingEnabled = enabled;
            this.pingIntervalMs = intervalMs;
            this.pongTimeoutMs = timeoutMs;
            return this;
        }

        /** @param compression brotli each message once. @return this. */
        public Context compression(final boolean compression)
        {
            this.compression = compression;
            return this;
        }
    }
}
