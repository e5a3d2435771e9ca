package io.boostj.io.upstream;

import io.boostj.io.jwt.JwtSigner;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import io.boostj.io.http.NettyTransport;

/**
 * A keep-alive HTTP/1.1 JSON-RPC client for one upstream (the local execution client or the builder), with a pool of
 * connections, a fresh HS256 JWT on every request and a per-request timeout.
 * <p>
 * Every connection of one client lives on one event loop, so the pool needs no locks: {@link #send} from another
 * thread hops onto that loop.
 */
public final class UpstreamClient implements AutoCloseable
{
    private final String name;
    private final UpstreamEndpoint endpoint;
    private final JwtSigner signer;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private final String userAgent;
    private volatile boolean closed;

    /**
     * @param name            label for logs and errors ("l2", "builder").
     * @param endpoint        where to connect.
     * @param signer          signs the JWT of each request; null for an upstream without JWT (a public node).
     * @param group           event loops; one is chosen for all of this client's connections.
     * @param transport       channel classes matching the group.
     * @param maxResponseBytes largest response accepted.
     * @param userAgent       User-Agent header value.
     */
    public UpstreamClient(
        final String name,
        final UpstreamEndpoint endpoint,
        final JwtSigner signer,
        final EventLoopGroup group,
        final NettyTransport transport,
        final int maxResponseBytes,
        final String userAgent)
    {
        this.name = name;
        this.endpoint = endpoint;
        this.signer = signer;
        this.userAgent = userAgent;
        this.loop = group.next();
        bootstrap = new Bootstrap()
            .group(loop)
            .channel(transport.clientChannel())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
            .handler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline()
                        .addLast(new HttpClientCodec())
                        .addLast(new HttpContentDecompressor(0))
                        .addLast(new HttpObjectAggregator(maxResponseBytes))
                        .addLast(new ResponseHandler());
                }
            });
    }

    /**
     * @return the label given at construction.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return where this client connects.
     */
    public UpstreamEndpoint endpoint()
    {
        return endpoint;
    }

    /**
     * Sends one JSON-RPC request body (single or batch). The listener is called exactly once, on the client's loop.
     *
     * @param body       the request body; ownership passes to the client.
     * @param timeoutMs  after this the call fails with a timeout and its connection is closed.
     * @param listener   gets the response or the failure.
     * @param attachment passed back to the listener.
     */
    public void send(final ByteBuf body, final long timeoutMs, final UpstreamListener listener, final long attachment)
    {
        final long startNs = System.nanoTime();
        if (loop.inEventLoop())
        {
            doSend(body, timeoutMs, listener, attachment, startNs);
        }
        else
        {
            loop.execute(() -> doSend(body, timeoutMs, listener, attachment, startNs));
        }
    }

    private void doSend(
        final ByteBuf body, final long timeoutMs, final UpstreamListener listener, final long attachment,
        final long startNs)
    {
        if (closed)
        {
            body.release();
            listener.onFailure(attachment, name + " client closed", System.nanoTime() - startNs);
            return;
        }
        final InFlight call = new InFlight(body, listener, attachment, startNs, timeoutMs);
        Channel ch;
        while (null != (ch = idle.pollFirst()))
        {
            if (ch.isActive())
            {
                write(ch, call);
                return;
            }
        }
        final ChannelFuture connect = bootstrap.connect(endpoint.host(), endpoint.port());
        call.armTimeout(connect.channel());
        connect.addListener(f ->
        {
            if (f.isSuccess())
            {
                write(connect.channel(), call);
            }
            else
            {
                call.fail(name + " " + endpoint + " connect failed: " + describe(f.cause()));
            }
        });
    }

    private void write(final Channel ch, final InFlight call)
    {
        if (call.done)
        {
            ch.close();
            return;
        }
        final FullHttpRequest request =
            new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, endpoint.path(), call.body);
        request.headers()
            .set(HttpHeaderNames.HOST, endpoint.host() + ":" + endpoint.port())
            .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, call.body.readableBytes())
            .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE)
            .set(HttpHeaderNames.USER_AGENT, userAgent);
        if (null != signer)
        {
            request.headers().set(HttpHeaderNames.AUTHORIZATION, signer.bearer(System.currentTimeMillis() / 1000));
        }
        call.bodyOwnedByRequest = true;
        ch.attr(ResponseHandler.IN_FLIGHT).set(call);
        call.armTimeout(ch);
        ch.writeAndFlush(request).addListener(f ->
        {
            if (!f.isSuccess())
            {
                call.fail(name + " " + endpoint + " write failed: " + describe(f.cause()));
                ch.close();
            }
        });
    }

    private void release(final Channel ch, final boolean keepAlive)
    {
        if (keepAlive && !closed && ch.isActive())
        {
            idle.addFirst(ch);
        }
        else
        {
            ch.close();
        }
    }

    @Override
    public void close()
    {
        closed = true;
        loop.execute(() ->
        {
            Channel ch;
            while (null != (ch = idle.pollFirst()))
            {
                ch.close();
            }
        });
    }

    private static String describe(final Throwable t)
    {
        return null == t ? "unknown" : (null == t.getMessage() ? t.getClass().getSimpleName() : t.getMessage());
    }

    private final class InFlight
    {
        final ByteBuf body;
        final UpstreamListener listener;
        final long attachment;
        final long startNs;
        final long timeoutMs;
        boolean done;
        boolean bodyOwnedByRequest;
        ScheduledFuture<?> timeout;

        InFlight(
            final ByteBuf body, final UpstreamListener listener, final long attachment, final long startNs,
            final long timeoutMs)
        {
            this.body = body;
            this.listener = listener;
            this.attachment = attachment;
            this.startNs = startNs;
            this.timeoutMs = timeoutMs;
        }

        void armTimeout(final Channel ch)
        {
            if (null != timeout)
            {
                return;
            }
            final long remainingNs = TimeUnit.MILLISECONDS.toNanos(timeoutMs) - (System.nanoTime() - startNs);
            timeout = loop.schedule(() ->
            {
                if (!done)
                {
                    fail(name + " " + endpoint + " timed out after " + timeoutMs + "ms");
                    ch.close();
                }
            }, Math.max(0, remainingNs), TimeUnit.NANOSECONDS);
        }

        void complete(final FullHttpResponse response)
        {
            if (done)
            {
                return;
            }
            done = true;
            cancelTimeout();
            listener.onResponse(attachment, response, System.nanoTime() - startNs);
        }

        void fail(final String reason)
        {
            if (done)
            {
                return;
            }
            done = true;
            cancelTimeout();
            if (!bodyOwnedByRequest && body.refCnt() > 0)
            {
                body.release();
            }
            listener.onFailure(attachment, reason, System.nanoTime() - startNs);
        }

        private void cancelTimeout()
        {
            if (null != timeout)
            {
                timeout.cancel(false);
            }
        }
    }

    private final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse>
    {
        static final io.netty.util.AttributeKey<InFlight> IN_FLIGHT = io.netty.util.AttributeKey.valueOf("inFlight");

        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpResponse response)
        {
            final InFlight call = ctx.channel().attr(IN_FLIGHT).getAndSet(null);
            if (null == call)
            {
                ctx.close();
                return;
            }
            final boolean keepAlive = HttpUtil.isKeepAlive(response) && !call.done;
            try
            {
                call.complete(response);
            }
            finally
            {
                release(ctx.channel(), keepAlive);
            }
        }

        public void channelInactive(final ChannelHandlerContext ctx)
        {
            final InFlight call = ctx.channel().attr(IN_FLIGHT).getAndSet(null);
            if (null != call)
            {
                call.fail(name + " " + endpoint + " closed the connection before responding");
            }
            idle.remove(ctx.channel());
        }

        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            final InFlight call = ctx.channel().attr(IN_FLIGHT).getAndSet(null);
            if (null != call)
            {
                call.fail(name + " " + endpoint + " " + describe(cause));
            }
            ctx.close();
        }
    }
}
