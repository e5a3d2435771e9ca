package io.boostj.io.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpVersion;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A Netty HTTP/1.1 server for JSON-RPC: keep-alive, bodies aggregated up to a limit, and a body over the limit
 * answered with HTTP 413 and a JSON-RPC error (-38004 "Too large request", the Engine API's code) before any of it
 * is buffered further.
 */
public final class HttpServer implements AutoCloseable
{
    /** Engine API error code for a request over the size limit. */
    public static final int TOO_LARGE_REQUEST = -38004;

    private final Channel channel;

    private HttpServer(final Channel channel)
    {
        this.channel = channel;
    }

    /**
     * @param group           event loops.
     * @param transport       channel classes.
     * @param host            listen address.
     * @param port            listen port, 0 for any.
     * @param maxRequestBytes largest body accepted.
     * @param handler         the (sharable) request handler.
     * @return the bound server.
     * @throws InterruptedException if interrupted while binding.
     */
    public static HttpServer bind(
        final EventLoopGroup group,
        final NettyTransport transport,
        final String host,
        final int port,
        final int maxRequestBytes,
        final ChannelHandler handler) throws InterruptedException
    {
        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(group)
            .channel(transport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpServerKeepAliveHandler())
                        .addLast(new JsonRpcAggregator(maxRequestBytes))
                        .addLast(handler);
                }
            });
        return new HttpServer(bootstrap.bind(host, port).sync().channel());
    }

    /**
     * @return the bound port.
     */
    public int port()
    {
        return ((InetSocketAddress)channel.localAddress()).getPort();
    }

    @Override
    public void close()
    {
        channel.close().syncUninterruptibly();
    }

    private static final class JsonRpcAggregator extends HttpObjectAggregator
    {
        private final int maxRequestBytes;

        JsonRpcAggregator(final int maxRequestBytes)
        {
            super(maxRequestBytes);
            this.maxRequestBytes = maxRequestBytes;
        }

        @Override
        protected void handleOversizedMessage(final ChannelHandlerContext ctx, final HttpMessage oversized)
        {
            final String json = HttpResponses.rpcError("null", TOO_LARGE_REQUEST,
                "Too large request: body exceeds --max-request-bytes " + maxRequestBytes);
            final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
            response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            // No "Connection: close": the keep-alive handler would close at once, resetting a client still sending the
            // body before it reads the 413. The aggregator discards the rest of the body and the connection goes on.
            ctx.writeAndFlush(response, ctx.voidPromise());
        }
    }
}
