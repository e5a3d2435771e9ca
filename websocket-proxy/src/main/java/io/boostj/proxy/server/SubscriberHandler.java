package io.boostj.proxy.server;

import io.boostj.proxy.ProxyMetrics;
import io.boostj.proxy.fanout.DownstreamClient;
import io.boostj.proxy.fanout.FanoutHub;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An upgraded subscriber's inbound side: Pongs feed the ping deadline, Pings are answered, Close is echoed and ends
 * the connection, data frames are ignored (as upstream). When the channel closes, the subscriber leaves the hub and
 * its limits ticket is released.
 */
final class SubscriberHandler extends SimpleChannelInboundHandler<WebSocketFrame>
{
    private static final Logger LOG = LoggerFactory.getLogger(SubscriberHandler.class);

    private final FanoutHub hub;
    private final ProxyMetrics metrics;
    private final DownstreamClient client;

    SubscriberHandler(final FanoutHub hub, final ProxyMetrics metrics, final DownstreamClient client)
    {
        this.hub = hub;
        this.metrics = metrics;
        this.client = client;
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
    {
        if (frame instanceof PongWebSocketFrame)
        {
            client.onPong(System.nanoTime());
        }
        else if (frame instanceof PingWebSocketFrame)
        {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()), ctx.voidPromise());
        }
        else if (frame instanceof CloseWebSocketFrame)
        {
            ctx.writeAndFlush(new CloseWebSocketFrame(((CloseWebSocketFrame)frame).statusCode(), ""))
                .addListener(f -> ctx.close());
        }
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        hub.unregister(client);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        if (cause instanceof CorruptedWebSocketFrameException)
        {
            LOG.debug("subscriber {} sent a bad frame: {}", ctx.channel().remoteAddress(), cause.getMessage());
            return;
        }
        else
        {
            metrics.onFailedMessage();
            LOG.debug("subscriber {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }
}
