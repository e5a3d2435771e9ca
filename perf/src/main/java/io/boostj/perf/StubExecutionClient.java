package io.boostj.perf;

import io.boostj.io.http.NettyTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A stub execution client for the latency harness: an HTTP/1.1 keep-alive JSON-RPC server that answers the Engine API
 * at once with canned, valid answers built from real payloads. It checks nothing expensive: a {@code Bearer}
 * Authorization header must be present (401 otherwise; the token is not verified), the method is found by a byte scan
 * and the request id echoed.
 * <ul>
 *     <li>{@code engine_forkchoiceUpdatedV3}: VALID, with a fresh payload id when the request has attributes;</li>
 *     <li>{@code engine_getPayloadV3} / {@code V4} / {@code V5}: the real envelope of {@link Payloads};</li>
 *     <li>{@code engine_newPayloadV3} / {@code V4}: VALID;</li>
 *     <li>{@code eth_sendRawTransaction}: a transaction hash; {@code eth_getBlockByNumber}: a block stamped now (for
 *     the sidecar's health probe); {@code miner_*}: true; anything else: -32601.</li>
 * </ul>
 */
public final class StubExecutionClient implements AutoCloseable
{
    private static final byte[] HEAD = "{\"jsonrpc\":\"2.0\",\"id\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESULT = ",\"result\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = "}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_ID = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] METHOD_KEY = "\"method\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ID_KEY = "\"id\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIMESTAMP_KEY = "\"timestamp\"".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] FCU_NO_ID = ascii(StubResponses.forkchoiceResult(-1));
    private static final byte[] NEW_PAYLOAD = ascii(StubResponses.newPayloadResult());
    private static final byte[] TX_HASH = ascii("\"" + StubResponses.TX_HASH + "\"");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] CAPABILITIES = ascii("[\"engine_forkchoiceUpdatedV3\",\"engine_getPayloadV3\"," +
        "\"engine_getPayloadV4\",\"engine_newPayloadV3\",\"engine_newPayloadV4\"]");
    private static final byte[] METHOD_NOT_FOUND =
        ascii(",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}");
    private static final byte[] UNAUTHORIZED = ascii("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32000," +
        "\"message\":\"missing bearer token\"}}");

    private final String name;
    private final Channel serverChannel;
    private final long payloadIdPrefix;
    private final AtomicLong nextPayloadId = new AtomicLong();
    private final byte[] getPayloadV3 = Payloads.bytes(Payloads.GET_PAYLOAD_V3_RESULT);
    private final byte[] getPayloadV4 = Payloads.bytes(Payloads.GET_PAYLOAD_V4_RESULT);

    final LongAdder requests = new LongAdder();
    final LongAdder unauthorized = new LongAdder();
    final LongAdder forkchoiceUpdated = new LongAdder();
    final LongAdder getPayload = new LongAdder();
    final LongAdder newPayload = new LongAdder();
    final LongAdder sendRawTransaction = new LongAdder();
    final LongAdder other = new LongAdder();

    private StubExecutionClient(
        final String name, final EventLoopGroup group, final NettyTransport transport, final long payloadIdPrefix)
        throws InterruptedException
    {
        this.name = name;
        this.payloadIdPrefix = payloadIdPrefix;
        final Handler handler = new Handler();
        serverChannel = new ServerBootstrap()
            .group(group)
            .channel(transport.serverChannel())
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(64 * 1024 * 1024))
                        .addLast(handler);
                }
            })
            .bind("127.0.0.1", 0).sync().channel();
    }

    /**
     * Starts a stub on an ephemeral port of 127.0.0.1.
     *
     * @param name            label for the summary ("l2", "builder").
     * @param group           event loops to serve on.
     * @param transport       channel classes matching the group.
     * @param payloadIdPrefix high byte of the payload ids handed out (L2 and builder ids differ, as in production).
     * @return the running stub.
     * @throws InterruptedException if interrupted while binding.
     */
    public static StubExecutionClient start(
        final String name, final EventLoopGroup group, final NettyTransport transport, final long payloadIdPrefix)
        throws InterruptedException
    {
        return new StubExecutionClient(name, group, transport, payloadIdPrefix);
    }

    /**
     * @return the bound port.
     */
    public int port()
    {
        return ((java.net.InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /**
     * @return the label.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return one line of request counts.
     */
    public String summary()
    {
        return String.format("%-8s requests=%d fcu=%d getPayload=%d newPayload=%d sendRawTransaction=%d other=%d " +
            "unauthorized=%d", name, requests.sum(), forkchoiceUpdated.sum(), getPayload.sum(), newPayload.sum(),
            sendRawTransaction.sum(), other.sum(), unauthorized.sum());
    }

    @Override
    public void close()
    {
        serverChannel.close().syncUninterruptibly();
    }

    private static byte[] ascii(final String s)
    {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @ChannelHandler.Sharable
    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest>
    {
        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
        {
            requests.increment();
            final String auth = request.headers().get(HttpHeaderNames.AUTHORIZATION);
            if (null == auth || !auth.regionMatches(true, 0, "Bearer ", 0, 7))
            {
                unauthorized.increment();
                write(ctx, HttpResponseStatus.UNAUTHORIZED, Unpooled.wrappedBuffer(UNAUTHORIZED));
                return;
            }
            final ByteBuf body = request.content();
            final byte[] id = idOf(body);
            final String method = methodOf(body);
            final byte[] result;
            switch (method)
            {
                case "engine_forkchoiceUpdatedV3":
                    forkchoiceUpdated.increment();
                    result = indexOf(body, TIMESTAMP_KEY, body.readerIndex()) >= 0 ?
                        ascii(StubResponses.forkchoiceResult(payloadIdPrefix | nextPayloadId.incrementAndGet())) :
                        FCU_NO_ID;
                    break;
                case "engine_getPayloadV3":
                    getPayload.increment();
                    result = getPayloadV3;
                    break;
                case "engine_getPayloadV4":
                case "engine_getPayloadV5":
                    getPayload.increment();
                    result = getPayloadV4;
                    break;
                case "engine_newPayloadV3":
                case "engine_newPayloadV4":
                    newPayload.increment();
                    result = NEW_PAYLOAD;
                    break;
                case "eth_sendRawTransaction":
                case "eth_sendRawTransactionConditional":
                    sendRawTransaction.increment();
                    result = TX_HASH;
                    break;
                case "eth_getBlockByNumber":
                    other.increment();
                    result = ascii(StubResponses.blockResult(System.currentTimeMillis() / 1000));
                    break;
                case "engine_exchangeCapabilities":
                    other.increment();
                    result = CAPABILITIES;
                    break;
                default:
                    other.increment();
                    result = method.startsWith("miner_") ? TRUE : null;
                    break;
            }
            final ByteBuf out = null == result ?
                Unpooled.wrappedBuffer(HEAD, id, METHOD_NOT_FOUND) :
                Unpooled.wrappedBuffer(HEAD, id, RESULT, result, TAIL);
            write(ctx, HttpResponseStatus.OK, out);
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            ctx.close();
        }

        private void write(final ChannelHandlerContext ctx, final HttpResponseStatus status, final ByteBuf content)
        {
            final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
            response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        }
    }

    static int indexOf(final ByteBuf buf, final byte[] needle, final int from)
    {
        final int last = buf.writerIndex() - needle.length;
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

    private static int skipToValue(final ByteBuf buf, final int afterKey)
    {
        int i = afterKey;
        final int end = buf.writerIndex();
        while (i < end && (buf.getByte(i) == ':' || buf.getByte(i) == ' ' || buf.getByte(i) == '\t' ||
            buf.getByte(i) == '\n' || buf.getByte(i) == '\r'))
        {
            i++;
        }
        return i;
    }

    static String methodOf(final ByteBuf buf)
    {
        final int key = indexOf(buf, METHOD_KEY, buf.readerIndex());
        if (key < 0)
        {
            return "";
        }
        final int start = skipToValue(buf, key + METHOD_KEY.length) + 1;
        int end = start;
        while (end < buf.writerIndex() && buf.getByte(end) != '"')
        {
            end++;
        }
        return buf.toString(start, end - start, StandardCharsets.US_ASCII);
    }

    static byte[] idOf(final ByteBuf buf)
    {
        final int key = indexOf(buf, ID_KEY, buf.readerIndex());
        if (key < 0)
        {
            return NULL_ID;
        }
        final int start = skipToValue(buf, key + ID_KEY.length);
        int end = start;
        if (end < buf.writerIndex() && buf.getByte(end) == '"')
        {
            end++;
            while (end < buf.writerIndex() && buf.getByte(end) != '"')
            {
                end++;
            }
            end++;
        }
        else
        {
            while (end < buf.writerIndex() && buf.getByte(end) != ',' && buf.getByte(end) != '}')
            {
                end++;
            }
        }
        final byte[] id = new byte[end - start];
        buf.getBytes(start, id);
        return id;
    }
}
