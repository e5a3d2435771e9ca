package io.boostj.io.flashblocks;

import io.boostj.io.http.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
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
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;

/**
 * The sidecar's WebSocket client to the builder's flashblocks stream ({@code --flashblocks-builder-url}), transport
 * only: it delivers every Text and Binary message to a {@link FlashblocksInboundListener} and never parses them.
 * <p>
 * Behaviour follows upstream rollup-boost's {@code flashblocks/inbound.rs}:
 * <ul>
 *   <li>One budget of {@code connectTimeoutMs} covers TCP connect and the WebSocket handshake, so a server that
 *       accepts TCP and never answers the upgrade is abandoned and retried.</li>
 *   <li>Once connected, a Ping every {@code pingIntervalMs} (the first at once) carrying a 16-byte id: 8 bytes
 *       naming this client instance, then an 8-byte counter that never restarts, so ids are unique across
 *       reconnects. The last {@value #OUTSTANDING_PINGS} ids sent on the current connection are "known"; a Pong
 *       carrying a known id pushes the pong deadline to now + {@code pongTimeoutMs}, any other Pong is counted and
 *       logged. A passed deadline closes the connection.</li>
 *   <li>Close frames, end of stream, errors, timeouts and messages over {@code maxFrameBytes} (after joining
 *       continuation frames) all close the connection and reconnect after an exponential backoff
 *       ({@link ReconnectBackoff}), forever.</li>
 *   <li>Unlike upstream, Binary messages are delivered too, flagged as such.</li>
 * </ul>
 * <p>
 * <b>Threading</b>: everything runs on one event loop taken from the group at construction; the listener is called
 * there. {@link #start()} and {@link #close()} may be called from any thread. Counters are written only by that loop
 * and may be read from any thread.
 * <p>
 * <b>Clocks</b>: deadlines (pong timeout, how long a connection lived) use {@link Context#nanoClock()}; receive times
 * handed to the listener use {@link Context#epochClock()}. Timers are Netty's, so an injected clock changes what a
 * deadline check sees, not when it runs.
 */
public final class FlashblocksInboundClient implements AutoCloseable
{
    /** How many of the most recent ping ids a Pong may echo. */
    public static final int OUTSTANDING_PINGS = 60;

    /** Length of a ping id. */
    public static final int PING_ID_LENGTH = 16;

    private static final Logger LOG = LoggerFactory.getLogger(FlashblocksInboundClient.class);
    private static final AtomicLong INSTANCE_IDS = new AtomicLong();
    private static final int HANDSHAKE_RESPONSE_MAX_BYTES = 16 * 1024;
    private static final long MIN_RECHECK_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private enum State
    {
        IDLE, CONNECTING, CONNECTED, BACKOFF, CLOSED
    }

    private final URI uri;
    private final String host;
    private final int port;
    private final FlashblocksInboundListener listener;
    private final NanoClock nanoClock;
    private final EpochNanoClock epochClock;
    private final long connectTimeoutMs;
    private final long pingIntervalMs;
    private final long pongTimeoutMs;
    private final long pongTimeoutNs;
    private final int maxFrameBytes;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final ReconnectBackoff backoff;
    private final long pingSalt = INSTANCE_IDS.incrementAndGet();
    private final AtomicBoolean started = new AtomicBoolean();
    private final Runnable connectTask = this::connect;
    private final Runnable pingTask = this::sendPing;
    private final Runnable pongCheckTask = this::checkPongDeadline;
    private final Runnable connectTimeoutTask = this::onConnectTimeout;
    private final Runnable closeTask = this::doClose;
    private final ChannelFutureListener connectListener = this::onConnectComplete;

    private State state = State.IDLE;
    private Channel channel;
    private String closeCause;
    private long connectedAtNs;
    private long pongDeadlineNs;
    private long lastPingId;
    private long firstPingIdOfConnection;
    private ScheduledFuture<?> connectTimeout;
    private ScheduledFuture<?> pingTimer;
    private ScheduledFuture<?> pongCheck;
    private ScheduledFuture<?> reconnectTimer;

    private volatile boolean connected;
    private volatile long messagesReceived;
    private volatile long reconnectAttempts;
    private volatile long connectTimeouts;
    private volatile long pongTimeouts;
    private volatile long unknownPongs;
    private volatile long oversizedMessages;
    private volatile long listenerErrors;

    /**
     * @param ctx the configuration; concluded here if it was not already.
     */
    public FlashblocksInboundClient(final Context ctx)
    {
        if (!ctx.isConcluded())
        {
            ctx.conclude();
        }
        uri = ctx.uri();
        host = uri.getHost();
        port = ctx.port();
        listener = ctx.listener();
        nanoClock = ctx.nanoClock();
        epochClock = ctx.epochClock();
        connectTimeoutMs = ctx.connectTimeoutMs();
        pingIntervalMs = ctx.pingIntervalMs();
        pongTimeoutMs = ctx.pongTimeoutMs();
        pongTimeoutNs = TimeUnit.MILLISECONDS.toNanos(pongTimeoutMs);
        maxFrameBytes = ctx.maxFrameBytes();
        backoff = new ReconnectBackoff(ctx.initialReconnectMs(), ctx.maxReconnectMs());
        loop = ctx.eventLoopGroup().next();

        final SslContext sslContext = !ctx.isSecure() ? null :
            (null != ctx.sslContext() ? ctx.sslContext() : newClientSslContext());
        final WebSocketClientProtocolConfig wsConfig = WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri)
            .version(WebSocketVersion.V13)
            .allowExtensions(false)
            .maxFramePayloadLength(maxFrameBytes)
            .handleCloseFrames(false)
            .sendCloseFrame(null)
            .dropPongFrames(false)
            .handshakeTimeoutMillis(connectTimeoutMs)
            .generateOriginHeader(false)
            .withUTF8Validator(false)
            .build();
        bootstrap = new Bootstrap()
            .group(loop)
            .channel(ctx.transport().clientChannel())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true)
            .handler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    if (null != sslContext)
                    {
                        ch.pipeline().addLast(sslContext.newHandler(ch.alloc(), host, port));
                    }
                    ch.pipeline()
                        .addLast(new HttpClientCodec())
                        .addLast(new HttpObjectAggregator(HANDSHAKE_RESPONSE_MAX_BYTES))
                        .addLast(new WebSocketClientProtocolHandler(wsConfig))
                        .addLast(new WebSocketFrameAggregator(maxFrameBytes))
                        .addLast(new ConnectionHandler());
                }
            });
    }

    /**
     * Starts connecting; the first attempt is immediate. Calls after the first do nothing.
     */
    public void start()
    {
        if (started.compareAndSet(false, true))
        {
            loop.execute(connectTask);
        }
    }

    /**
     * Stops reconnecting and closes the current connection, waiting for the event loop to do it unless called on
     * that loop. The listener's {@code onDisconnected} is not called.
     */
    @Override
    public void close()
    {
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

    /** @return the builder URL this client connects to. */
    public URI uri()
    {
        return uri;
    }

    /** @return true between a completed handshake and the loss of that connection. */
    public boolean isConnected()
    {
        return connected;
    }

    /** @return Text and Binary messages delivered to the listener. */
    public long messagesReceived()
    {
        return messagesReceived;
    }

    /** @return failed attempts plus lost connections, each followed by a backoff and a new attempt. */
    public long reconnectAttempts()
    {
        return reconnectAttempts;
    }

    /** @return attempts abandoned because TCP connect plus handshake took longer than the connect timeout. */
    public long connectTimeouts()
    {
        return connectTimeouts;
    }

    /** @return connections closed because no known Pong arrived within the pong timeout. */
    public long pongTimeouts()
    {
        return pongTimeouts;
    }

    /** @return Pongs whose payload was not one of the outstanding ping ids. */
    public long unknownPongs()
    {
        return unknownPongs;
    }

    /** @return connections closed because a message (or one frame) exceeded {@code maxFrameBytes}. */
    public long oversizedMessages()
    {
        return oversizedMessages;
    }

    /** @return exceptions thrown by the listener (logged; the connection is kept). */
    public long listenerErrors()
    {
        return listenerErrors;
    }

    private void connect()
    {
        if (State.IDLE != state && State.BACKOFF != state)
        {
            return;
        }
        state = State.CONNECTING;
        reconnectTimer = null;
        closeCause = null;
        final ChannelFuture future = bootstrap.connect(host, port);
        channel = future.channel();
        connectTimeout = loop.schedule(connectTimeoutTask, connectTimeoutMs, TimeUnit.MILLISECONDS);
        future.addListener(connectListener);
    }

    private void onConnectComplete(final ChannelFuture future)
    {
        if (!future.isSuccess())
        {
            onChannelClosed(future.channel(), "connect to " + uri + " failed: " + describe(future.cause()));
        }
    }

    private void onConnectTimeout()
    {
        if (State.CONNECTING == state && null != channel)
        {
            connectTimeouts++;
            closeCurrent(channel, "connect to " + uri + " timed out after " + connectTimeoutMs +
                "ms (TCP connect + WebSocket handshake)");
        }
    }

    private void onHandshakeComplete(final Channel ch)
    {
        if (ch != channel || State.CONNECTING != state)
        {
            return;
        }
        cancel(connectTimeout);
        connectTimeout = null;
        final long nowNs = nanoClock.nanoTime();
        state = State.CONNECTED;
        connected = true;
        connectedAtNs = nowNs;
        pongDeadlineNs = nowNs + pongTimeoutNs;
        firstPingIdOfConnection = lastPingId + 1;
        LOG.info("flashblocks: connected to builder {}", uri);
        sendPing();
        pingTimer = loop.scheduleAtFixedRate(pingTask, pingIntervalMs, pingIntervalMs, TimeUnit.MILLISECONDS);
        pongCheck = loop.schedule(pongCheckTask, pongTimeoutNs, TimeUnit.NANOSECONDS);
        try
        {
            listener.onConnected();
        }
        catch (final RuntimeException ex)
        {
            onListenerError(ex);
        }
    }

    private void sendPing()
    {
        if (State.CONNECTED != state)
        {
            return;
        }
        final long id = ++lastPingId;
        final ByteBuf payload = channel.alloc().buffer(PING_ID_LENGTH).writeLong(pingSalt).writeLong(id);
        channel.writeAndFlush(new PingWebSocketFrame(payload), channel.voidPromise());
    }

    private void onPong(final ByteBuf content)
    {
        if (State.CONNECTED != state)
        {
            return;
        }
        if (PING_ID_LENGTH == content.readableBytes())
        {
            final int index = content.readerIndex();
            final long id = content.getLong(index + 8);
            if (pingSalt == content.getLong(index) &&
                id <= lastPingId && id > lastPingId - OUTSTANDING_PINGS && id >= firstPingIdOfConnection)
            {
                pongDeadlineNs = nanoClock.nanoTime() + pongTimeoutNs;
                return;
            }
        }
        unknownPongs++;
        LOG.warn("flashblocks: pong with an unknown payload ({} bytes) from {}", content.readableBytes(), uri);
    }

    private void checkPongDeadline()
    {
        if (State.CONNECTED != state)
        {
            return;
        }
        final long remainingNs = pongDeadlineNs - nanoClock.nanoTime();
        if (remainingNs > 0)
        {
            pongCheck = loop.schedule(pongCheckTask, Math.max(remainingNs, MIN_RECHECK_NS), TimeUnit.NANOSECONDS);
            return;
        }
        pongTimeouts++;
        closeCurrent(channel, "no pong from " + uri + " within " + pongTimeoutMs + "ms");
    }

    private void onMessage(final ByteBuf content, final boolean binary)
    {
        if (State.CONNECTED != state)
        {
            return;
        }
        messagesReceived++;
        try
        {
            listener.onMessage(content, binary, epochClock.nanoTime());
        }
        catch (final RuntimeException ex)
        {
            onListenerError(ex);
        }
    }

    private void onListenerError(final RuntimeException ex)
    {
        listenerErrors++;
        LOG.error("flashblocks: inbound listener failed", ex);
    }

    private void closeCurrent(final Channel ch, final String cause)
    {
        if (ch == channel && null == closeCause)
        {
            closeCause = cause;
        }
        ch.close();
    }

    private void onChannelClosed(final Channel ch, final String fallbackCause)
    {
        if (ch != channel || State.CLOSED == state)
        {
            return;
        }
        final String cause = null != closeCause ? closeCause : fallbackCause;
        final long livedNs = State.CONNECTED == state ?
            nanoClock.nanoTime() - connectedAtNs : ReconnectBackoff.NEVER_CONNECTED;
        cancelConnectionTimers();
        channel = null;
        closeCause = null;
        connected = false;
        state = State.BACKOFF;
        final long delayMs = backoff.onDisconnect(livedNs);
        reconnectAttempts++;
        LOG.warn("flashblocks: {}; reconnecting in {}ms", cause, delayMs);
        reconnectTimer = loop.schedule(connectTask, delayMs, TimeUnit.MILLISECONDS);
        try
        {
            listener.onDisconnected(cause, delayMs);
        }
        catch (final RuntimeException ex)
        {
            onListenerError(ex);
        }
    }

    private void doClose()
    {
        if (State.CLOSED == state)
        {
            return;
        }
        state = State.CLOSED;
        cancelConnectionTimers();
        cancel(reconnectTimer);
        reconnectTimer = null;
        connected = false;
        final Channel ch = channel;
        channel = null;
        if (null != ch)
        {
            ch.close();
        }
    }

    private void cancelConnectionTimers()
    {
        cancel(connectTimeout);
        cancel(pingTimer);
        cancel(pongCheck);
        connectTimeout = null;
        pingTimer = null;
        pongCheck = null;
    }

    private static void cancel(final ScheduledFuture<?> timer)
    {
        if (null != timer)
        {
            timer.cancel(false);
        }
    }

    private static boolean isOversized(final Throwable cause)
    {
        return cause instanceof TooLongFrameException ||
            (cause instanceof CorruptedWebSocketFrameException &&
            WebSocketCloseStatus.MESSAGE_TOO_BIG.equals(((CorruptedWebSocketFrameException)cause).closeStatus()));
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

    private static SslContext newClientSslContext()
    {
        try
        {
            return SslContextBuilder.forClient().build();
        }
        catch (final SSLException ex)
        {
            throw new IllegalStateException("cannot build the TLS context for wss://", ex);
        }
    }

    private final class ConnectionHandler extends ChannelInboundHandlerAdapter
    {
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
        {
            if (WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE == evt)
            {
                onHandshakeComplete(ctx.channel());
            }
            ctx.fireUserEventTriggered(evt);
        }

        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            try
            {
                if (msg instanceof TextWebSocketFrame)
                {
                    onMessage(((TextWebSocketFrame)msg).content(), false);
                }
                else if (msg instanceof BinaryWebSocketFrame)
                {
                    onMessage(((BinaryWebSocketFrame)msg).content(), true);
                }
                else if (msg instanceof PongWebSocketFrame)
                {
                    onPong(((PongWebSocketFrame)msg).content());
                }
                else if (msg instanceof CloseWebSocketFrame)
                {
                    final CloseWebSocketFrame close = (CloseWebSocketFrame)msg;
                    closeCurrent(ctx.channel(), "builder " + uri + " sent Close " + close.statusCode() + " " +
                        close.reasonText());
                }
            }
            finally
            {
                ReferenceCountUtil.release(msg);
            }
        }

        public void channelInactive(final ChannelHandlerContext ctx)
        {
            onChannelClosed(ctx.channel(), "connection to " + uri + " closed by the peer (end of stream)");
        }

        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            if (isOversized(cause))
            {
                if (ctx.channel() == channel)
                {
                    oversizedMessages++;
                }
                final String reason = "message from " + uri + " exceeds maxFrameBytes=" + maxFrameBytes + " (" +
                    describe(cause) + ")";
                LOG.error("flashblocks: {}; closing the connection", reason);
                closeCurrent(ctx.channel(), reason);
            }
            else
            {
                closeCurrent(ctx.channel(), "connection to " + uri + " failed: " + describe(cause));
            }
        }
    }

    /**
     * Configuration of a {@link FlashblocksInboundClient}: fluent setters, checked once by {@link #conclude()}.
     * Defaults are upstream's flag defaults.
     */
    public static final class Context
    {
        /** Default of {@code --flashblocks-builder-url}. */
        public static final String URL_DEFAULT = "ws://127.0.0.1:1111";
        /** Default of {@code --flashblock-builder-ws-connect-timeout-ms}. */
        public static final long CONNECT_TIMEOUT_MS_DEFAULT = 5_000;
        /** Default of {@code --flashblock-builder-ws-ping-interval-ms}. */
        public static final long PING_INTERVAL_MS_DEFAULT = 500;
        /** Default of {@code --flashblock-builder-ws-pong-timeout-ms}. */
        public static final long PONG_TIMEOUT_MS_DEFAULT = 1_500;
        /** Default of {@code --flashblock-builder-ws-initial-reconnect-ms}. */
        public static final long INITIAL_RECONNECT_MS_DEFAULT = 10;
        /** Default of {@code --flashblock-builder-ws-max-reconnect-ms}. */
        public static final long MAX_RECONNECT_MS_DEFAULT = 5_000;
        /** Default cap on one message (all its frames joined). */
        public static final int MAX_FRAME_BYTES_DEFAULT = 16 * 1024 * 1024;

        private String url = URL_DEFAULT;
        private EventLoopGroup eventLoopGroup;
        private NettyTransport transport;
        private FlashblocksInboundListener listener;
        private long connectTimeoutMs = CONNECT_TIMEOUT_MS_DEFAULT;
        private long pingIntervalMs = PING_INTERVAL_MS_DEFAULT;
        private long pongTimeoutMs = PONG_TIMEOUT_MS_DEFAULT;
        private long initialReconnectMs = INITIAL_RECONNECT_MS_DEFAULT;
        private long maxReconnectMs = MAX_RECONNECT_MS_DEFAULT;
        private int maxFrameBytes = MAX_FRAME_BYTES_DEFAULT;
        private NanoClock nanoClock = SystemNanoClock.INSTANCE;
        private EpochNanoClock epochClock = SystemEpochNanoClock.INSTANCE;
        private SslContext sslContext;
        private URI uri;
        private int port;
        private boolean secure;
        private boolean concluded;

        /**
         * Checks the values once and parses the URL.
         *
         * @return this.
         * @throws IllegalStateException if called twice or a value is missing or invalid.
         */
        public Context conclude()
        {
            if (concluded)
            {
                throw new IllegalStateException("FlashblocksInboundClient.Context already concluded");
            }
            concluded = true;
            require(null != eventLoopGroup, "eventLoopGroup");
            require(null != transport, "transport");
            require(null != listener, "listener");
            require(null != nanoClock && null != epochClock, "clocks");
            require(connectTimeoutMs > 0, "connectTimeoutMs > 0, got " + connectTimeoutMs);
            require(pingIntervalMs > 0, "pingIntervalMs > 0, got " + pingIntervalMs);
            require(pongTimeoutMs > 0, "pongTimeoutMs > 0, got " + pongTimeoutMs);
            require(initialReconnectMs > 0, "initialReconnectMs > 0, got " + initialReconnectMs);
            require(maxReconnectMs >= initialReconnectMs,
                "maxReconnectMs >= initialReconnectMs, got " + maxReconnectMs + " < " + initialReconnectMs);
            require(maxFrameBytes > 0, "maxFrameBytes > 0, got " + maxFrameBytes);
            require(null != url, "url");
            try
            {
                uri = new URI(url);
            }
            catch (final URISyntaxException ex)
            {
                throw new IllegalStateException("invalid flashblocks builder URL: " + url, ex);
            }
            final String scheme = null == uri.getScheme() ? "" : uri.getScheme().toLowerCase();
            require("ws".equals(scheme) || "wss".equals(scheme), "flashblocks builder URL scheme ws or wss: " + url);
            require(null != uri.getHost(), "flashblocks builder URL host: " + url);
            secure = "wss".equals(scheme);
            port = -1 != uri.getPort() ? uri.getPort() : (secure ? 443 : 80);
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

        /** @return the builder URL, {@code ws://} or {@code wss://}. */
        public String url()
        {
            return url;
        }

        /** @param url the builder URL, {@code ws://} or {@code wss://}. @return this. */
        public Context url(final String url)
        {
            this.url = url;
            return this;
        }

        /** @return the parsed URL, after {@link #conclude()}. */
        public URI uri()
        {
            return uri;
        }

        /** @return the port, explicit or the scheme's default, after {@link #conclude()}. */
        public int port()
        {
            return port;
        }

        /** @return true for {@code wss://}, after {@link #conclude()}. */
        public boolean isSecure()
        {
            return secure;
        }

        /** @return TLS context for {@code wss://}, or null for the JDK default trust store. */
        public SslContext sslContext()
        {
            return sslContext;
        }

        /**
         * @param sslContext client TLS context for {@code wss://} (e.g. a private CA); null for the JDK default.
         * @return this.
         */
        public Context sslContext(final SslContext sslContext)
        {
            this.sslContext = sslContext;
            return this;
        }

        /** @return event loops; one is chosen for the client. */
        public EventLoopGroup eventLoopGroup()
        {
            return eventLoopGroup;
        }

        /** @param eventLoopGroup event loops; one is chosen for the client. @return this. */
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

        /** @return gets messages and connection status. */
        public FlashblocksInboundListener listener()
        {
            return listener;
        }

        /** @param listener gets messages and connection status, on the event loop. @return this. */
        public Context listener(final FlashblocksInboundListener listener)
        {
            this.listener = listener;
            return this;
        }

        /** @return budget for TCP connect plus WebSocket handshake. */
        public long connectTimeoutMs()
        {
            return connectTimeoutMs;
        }

        /** @param connectTimeoutMs budget for TCP connect plus WebSocket handshake. @return this. */
        public Context connectTimeoutMs(final long connectTimeoutMs)
        {
            this.connectTimeoutMs = connectTimeoutMs;
            return this;
        }

        /** @return period of the keep-alive pings. */
        public long pingIntervalMs()
        {
            return pingIntervalMs;
        }

        /** @param pingIntervalMs period of the keep-alive pings. @return this. */
        public Context pingIntervalMs(final long pingIntervalMs)
        {
            this.pingIntervalMs = pingIntervalMs;
            return this;
        }

        /** @return how long without a matching pong before the connection is dropped. */
        public long pongTimeoutMs()
        {
            return pongTimeoutMs;
        }

        /** @param pongTimeoutMs how long without a matching pong before the connection is dropped. @return this. */
        public Context pongTimeoutMs(final long pongTimeoutMs)
        {
            this.pongTimeoutMs = pongTimeoutMs;
            return this;
        }

        /** @return first reconnect delay. */
        public long initialReconnectMs()
        {
            return initialReconnectMs;
        }

        /** @param initialReconnectMs first reconnect delay. @return this. */
        public Context initialReconnectMs(final long initialReconnectMs)
        {
            this.initialReconnectMs = initialReconnectMs;
            return this;
        }

        /** @return reconnect delay cap, and the lifetime after which the backoff restarts. */
        public long maxReconnectMs()
        {
            return maxReconnectMs;
        }

        /** @param maxReconnectMs reconnect delay cap and backoff-reset lifetime. @return this. */
        public Context maxReconnectMs(final long maxReconnectMs)
        {
            this.maxReconnectMs = maxReconnectMs;
            return this;
        }

        /** @return largest message accepted, continuation frames joined. */
        public int maxFrameBytes()
        {
            return maxFrameBytes;
        }

        /** @param maxFrameBytes largest message accepted, continuation frames joined. @return this. */
        public Context maxFrameBytes(final int maxFrameBytes)
        {
            this.maxFrameBytes = maxFrameBytes;
            return this;
        }

        /** @return monotonic clock for deadlines. */
        public NanoClock nanoClock()
        {
            return nanoClock;
        }

        /** @param nanoClock monotonic clock for deadlines. @return this. */
        public Context nanoClock(final NanoClock nanoClock)
        {
            this.nanoClock = nanoClock;
            return this;
        }

        /** @return clock for the receive times given to the listener. */
        public EpochNanoClock epochClock()
        {
            return epochClock;
        }

        /** @param epochClock clock for the receive times given to the listener. @return this. */
        public Context epochClock(final EpochNanoClock epochClock)
        {
            this.epochClock = epochClock;
            return this;
        }
    }
}
