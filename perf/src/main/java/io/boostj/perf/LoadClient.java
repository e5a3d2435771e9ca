package io.boostj.perf;

import io.boostj.io.http.NettyTransport;
import io.boostj.io.jwt.JwtSigner;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The harness's HTTP client for one target (the sidecar, or the L2 stub directly): keep-alive connections, one
 * request in flight per connection, a new connection whenever none is idle, so a slow response never delays the next
 * send. Everything runs on one event loop; {@link #send} may be called from any thread.
 */
final class LoadClient
{
    /**
     * Called on the client's event loop when a call ends.
     */
    interface Callback
    {
        void onDone(Call call);
    }

    /**
     * One request: what to send, when it was meant to be sent, and what came back.
     */
    static final class Call
    {
        final int kind;
        final int path;
        final long intendedNs;
        final byte[] body;
        final boolean record;
        final Callback callback;
        final Object context;
        long sentNs;
        long doneNs;
        int httpStatus;
        boolean ok;
        long payloadId = -1;
        String failure;

        Call(
            final int kind, final int path, final long intendedNs, final byte[] body, final boolean record,
            final Callback callback, final Object context)
        {
            this.kind = kind;
            this.path = path;
            this.intendedNs = intendedNs;
            this.body = body;
            this.record = record;
            this.callback = callback;
            this.context = context;
        }
    }

    private static final AttributeKey<Call> IN_FLIGHT = AttributeKey.valueOf("harnessCall");
    private static final byte[] ERROR_KEY = "\"error\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAYLOAD_ID_KEY = "\"payloadId\":\"0x".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXECUTION_PAYLOAD_KEY = "\"executionPayload\"".getBytes(StandardCharsets.US_ASCII);
    private static final int ERROR_SCAN_BYTES = 128;

    private final String label;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final String host;
    private final int port;
    private final String hostHeader;
    private final JwtSigner signer;
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private final ArrayDeque<Call> waiting = new ArrayDeque<>();
    private final int maxConnections;
    private int connectionsOpened;
    private int connectionsOpen;
    private int maxWaiting;
    private int inFlight;

    LoadClient(
        final String label, final EventLoop loop, final NettyTransport transport, final String host, final int port,
        final JwtSigner signer, final int maxConnections)
    {
        this.label = label;
        this.maxConnections = maxConnections;
        this.loop = loop;
        this.host = host;
        this.port = port;
        this.hostHeader = host + ":" + port;
        this.signer = signer;
        bootstrap = new Bootstrap()
            .group(loop)
            .channel(transport.clientChannel())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true)
            .handler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline()
                        .addLast(new HttpClientCodec())
                        .addLast(new HttpObjectAggregator(64 * 1024 * 1024))
                        .addLast(new ResponseHandler());
                }
            });
    }

    /**
     * Opens connections ahead of the run so that the first calls do not pay for the TCP handshake.
     *
     * @param count connections to open.
     * @throws InterruptedException if interrupted while connecting.
     */
    void preconnect(final int count) throws InterruptedException
    {
        for (int i = 0; i < count; i++)
        {
            final Channel ch = bootstrap.connect(host, port).sync().channel();
            loop.submit(() ->
            {
                connectionsOpened++;
                connectionsOpen++;
                idle.addLast(ch);
            }).sync();
        }
    }

    /**
     * Sends a call now (from any thread).
     *
     * @param call the call.
     */
    void send(final Call call)
    {
        if (loop.inEventLoop())
        {
            doSend(call);
        }
        else
        {
            loop.execute(() -> doSend(call));
        }
    }

    /**
     * @return connections opened so far (call on the loop or after the run).
     */
    int connectionsOpened()
    {
        return connectionsOpened;
    }

    /**
     * @return the most calls that ever waited for a connection (all {@code maxConnections} busy).
     */
    int maxWaiting()
    {
        return maxWaiting;
    }

    /**
     * @return calls sent and not yet answered (read from the loop or after the run).
     */
    int inFlight()
    {
        return inFlight;
    }

    /**
     * @return the label.
     */
    String label()
    {
        return label;
    }

    /**
     * Closes the idle connections.
     */
    void close()
    {
        loop.submit(() ->
        {
            Channel ch;
            while (null != (ch = idle.pollFirst()))
            {
                ch.close();
            }
        }).syncUninterruptibly();
    }

    private void doSend(final Call call)
    {
        inFlight++;
        Channel ch;
        while (null != (ch = idle.pollFirst()))
        {
            if (ch.isActive())
            {
                write(ch, call);
                return;
            }
        }
        if (connectionsOpen >= maxConnections)
        {
            waiting.addLast(call);
            maxWaiting = Math.max(maxWaiting, waiting.size());
            return;
        }
        connectionsOpened++;
        connectionsOpen++;
        final ChannelFuture connect = bootstrap.connect(host, port);
        connect.addListener(f ->
        {
            if (f.isSuccess())
            {
                write(connect.channel(), call);
            }
            else
            {
                connectionsOpen--;
                fail(call, "connect failed: " + f.cause());
            }
        });
    }

    private void write(final Channel ch, final Call call)
    {
        final ByteBuf content = Unpooled.wrappedBuffer(call.body);
        final FullHttpRequest request =
            new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/", content);
        request.headers()
            .set(HttpHeaderNames.HOST, hostHeader)
            .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes())
            .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE)
            .set(HttpHeaderNames.AUTHORIZATION, signer.bearer(System.currentTimeMillis() / 1000));
        ch.attr(IN_FLIGHT).set(call);
        call.sentNs = System.nanoTime();
        ch.writeAndFlush(request).addListener(f ->
        {
            if (!f.isSuccess())
            {
                final Call c = ch.attr(IN_FLIGHT).getAndSet(null);
                if (null != c)
                {
                    fail(c, "write failed: " + f.cause());
                }
                ch.close();
            }
        });
    }

    private void fail(final Call call, final String reason)
    {
        inFlight--;
        call.doneNs = System.nanoTime();
        call.ok = false;
        call.failure = label + ": " + reason;
        call.callback.onDone(call);
    }

    private void complete(final Channel ch, final Call call, final FullHttpResponse response)
    {
        call.doneNs = System.nanoTime();
        inFlight--;
        call.httpStatus = response.status().code();
        final ByteBuf body = response.content();
        final int start = body.readerIndex();
        final int errorScanEnd = Math.min(body.writerIndex(), start + ERROR_SCAN_BYTES);
        boolean ok = 200 == call.httpStatus && indexOf(body, ERROR_KEY, start, errorScanEnd) < 0;
        if (ok && OpenLoopHarness.GET_PAYLOAD == call.kind)
        {
            ok = indexOf(body, EXECUTION_PAYLOAD_KEY, start, Math.min(body.writerIndex(), start + 256)) >= 0;
        }
        if (ok && OpenLoopHarness.FCU_ATTRIBUTES == call.kind)
        {
            final int at = indexOf(body, PAYLOAD_ID_KEY, start, body.writerIndex());
            if (at < 0 || at + PAYLOAD_ID_KEY.length + 16 > body.writerIndex())
            {
                ok = false;
            }
            else
            {
                call.payloadId = Long.parseUnsignedLong(
                    body.toString(at + PAYLOAD_ID_KEY.length, 16, StandardCharsets.US_ASCII), 16);
            }
        }
        call.ok = ok;
        if (!ok)
        {
            final int n = Math.min(body.readableBytes(), 200);
            call.failure = label + ": HTTP " + call.httpStatus + " " + body.toString(start, n, StandardCharsets.UTF_8);
        }
        final Call next = waiting.pollFirst();
        if (null != next)
        {
            write(ch, next);
        }
        else
        {
            idle.addFirst(ch);
        }
        call.callback.onDone(call);
    }

    private static int indexOf(final ByteBuf buf, final byte[] needle, final int from, final int to)
    {
        final int last = to - needle.length;
        outer:
        for (int i = from; i <= last; i++)
        {
            for (int j = 0; j < needle.length; j++)
            {
                if (buf.getByte(i + j) != needle[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse>
    {
        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpResponse response)
        {
            final Call call = ctx.channel().attr(IN_FLIGHT).getAndSet(null);
            if (null == call)
            {
                ctx.close();
                return;
            }
            complete(ctx.channel(), call, response);
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx)
        {
            connectionsOpen--;
            idle.remove(ctx.channel());
            final Call call = ctx.channel().attr(IN_FLIGHT).getAndSet(null);
            if (null != call)
            {
                fail(call, "connection closed before the response");
            }
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            final Call call = ctx.channel().attr(IN_FLIGHT).getAndSet(null);
            if (null != call)
            {
                fail(call, cause.toString());
            }
            ctx.close();
        }
    }
}
