package io.boostj.buildernode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.boostj.core.builder.BuilderNode;
import io.boostj.core.builder.ExecutionPayloadFields;
import io.boostj.io.http.NettyTransport;
import io.netty.bootstrap.Bootstrap;
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
import io.netty.handler.timeout.ReadTimeoutHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Catches a restarted node up from a peer's JSON-RPC: from its head + 1 onwards it fetches each block's RLP
 * ({@code debug_getRawBlock}), re-executes it through {@link BuilderNode#newPayload} and makes it the head, until the
 * peer has no next block. Meanwhile the Engine API answers SYNCING for what it does not know. One request at a time
 * over one keep-alive connection, on the node's event loop (so it touches the node without locks and never blocks).
 * A peer that fails, times out or serves a block that does not re-execute stops the run, logged; the next unknown
 * head or parent starts another.
 */
final class ChainSync
{
    private static final Logger LOG = LoggerFactory.getLogger(ChainSync.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
    private static final int READ_TIMEOUT_S = 10;

    private final EventLoop loop;
    private final NettyTransport transport;
    private final URI peer;
    private final BuilderNode node;
    private final RawBlockDecoder decoder = new RawBlockDecoder();
    private Channel channel;
    private boolean running;
    private long requested;
    private long imported;

    ChainSync(final EventLoop loop, final NettyTransport transport, final String peerUrl, final BuilderNode node)
    {
        this.loop = loop;
        this.transport = transport;
        this.peer = URI.create(peerUrl);
        this.node = node;
    }

    /** Starts a catch-up run unless one is under way. */
    void requestCatchUp()
    {
        if (running)
        {
            return;
        }
        running = true;
        LOG.info("sync: catching up from {} after block {}", peer, node.head().number());
        fetch(node.head().number() + 1);
    }

    /** @return whether a run is under way. */
    boolean isRunning()
    {
        return running;
    }

    /** @return blocks imported since start. */
    long imported()
    {
        return imported;
    }

    void close()
    {
        running = false;
        if (null != channel)
        {
            channel.close();
        }
    }

    private void fetch(final long number)
    {
        requested = number;
        final byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":" + number + ",\"method\":\"debug_getRawBlock\",\"params\":[\"" +
            Params.quantity(number) + "\"]}").getBytes(StandardCharsets.US_ASCII);
        if (null != channel && channel.isActive())
        {
            send(channel, body);
            return;
        }
        final ChannelFuture connect = new Bootstrap().group(loop).channel(transport.clientChannel())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
            .handler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline().addLast(new ReadTimeoutHandler(READ_TIMEOUT_S))
                        .addLast(new HttpClientCodec())
                        .addLast(new HttpObjectAggregator(MAX_RESPONSE_BYTES))
                        .addLast(new ReplyHandler());
                }
            })
            .connect(peer.getHost(), peer.getPort());
        connect.addListener(f ->
        {
            if (!f.isSuccess())
            {
                stop("cannot connect to " + peer + ": " + f.cause());
                return;
            }
            channel = connect.channel();
            send(channel, body);
        });
    }

    private void send(final Channel ch, final byte[] body)
    {
        final FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
            null == peer.getRawPath() || peer.getRawPath().isEmpty() ? "/" : peer.getRawPath(),
            Unpooled.wrappedBuffer(body));
        request.headers().set(HttpHeaderNames.HOST, peer.getHost() + ":" + peer.getPort())
            .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
            .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        ch.writeAndFlush(request).addListener(f ->
        {
            if (!f.isSuccess())
            {
                stop("cannot send to " + peer + ": " + f.cause());
            }
        });
    }

    private void onReply(final String body)
    {
        if (!running)
        {
            return;
        }
        final JsonNode reply;
        try
        {
            reply = MAPPER.readTree(body);
        }
        catch (final java.io.IOException ex)
        {
            stop("peer answered block " + requested + " with malformed JSON");
            return;
        }
        if (reply.hasNonNull("error") || !reply.path("result").isTextual())
        {
            running = false;
            LOG.info("sync: caught up at block {} ({} imported; the peer has no block {}: {})", node.head().number(),
                imported, requested, reply.path("error").path("message").asText("no result"));
            return;
        }
        final ExecutionPayloadFields fields;
        try
        {
            fields = decoder.decode(Params.data(reply.get("result"), "block", -1));
        }
        catch (final RpcException ex)
        {
            stop("peer's block " + requested + " is not hex: " + ex.getMessage());
            return;
        }
        if (null == fields)
        {
            stop("peer's block " + requested + " does not decode: " + decoder.error());
            return;
        }
        final BuilderNode.PayloadStatus status = node.newPayload(fields);
        if (!BuilderNode.VALID.equals(status.status))
        {
            stop("peer's block " + requested + " is " + status.status + ": " + status.validationError);
            return;
        }
        node.forkchoiceUpdated(status.latestValidHash, null);
        imported++;
        fetch(requested + 1);
    }

    private void stop(final String why)
    {
        if (running)
        {
            running = false;
            LOG.warn("sync: stopped at block {}: {}", node.head().number(), why);
        }
        if (null != channel)
        {
            channel.close();
            channel = null;
        }
    }

    private final class ReplyHandler extends SimpleChannelInboundHandler<FullHttpResponse>
    {
        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpResponse response)
        {
            onReply(response.content().toString(StandardCharsets.UTF_8));
        }

        public void channelInactive(final ChannelHandlerContext ctx)
        {
            if (ctx.channel() == channel)
            {
                channel = null;
                if (running)
                {
                    stop("peer closed the connection");
                }
            }
        }

        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            stop("peer connection failed: " + cause);
        }
    }
}
