package io.boostj.proxy.server;

import io.boostj.io.http.HttpResponses;
import io.boostj.proxy.ProxyMetrics;
import io.boostj.proxy.fanout.DownstreamClient;
import io.boostj.proxy.fanout.FanoutHub;
import io.boostj.proxy.filter.SubscriptionFilter;
import io.boostj.proxy.limits.Admission;
import io.boostj.proxy.limits.ApiKeys;
import io.boostj.proxy.limits.ClientAddress;
import io.boostj.proxy.limits.ConnectionLimiter;
import io.boostj.proxy.limits.Ticket;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection before its upgrade: answers {@code /healthz}, refuses unknown routes (404), unknown keys (401),
 * malformed upgrades (400, or 426 for an unsupported WebSocket version) and requests over a limit (429), all before
 * the upgrade, then upgrades and hands the channel to the {@link FanoutHub}. One request per connection: any answer
 * other than the upgrade closes it.
 */
final class UpgradeHandler extends SimpleChannelInboundHandler<FullHttpRequest>
{
    private static final Logger LOG = LoggerFactory.getLogger(UpgradeHandler.class);

    private final ProxyServer.Context ctx;
    private final FanoutHub hub;
    private final ProxyMetrics metrics;
    private final ConnectionLimiter limiter;
    private final WebSocketDecoderConfig decoderConfig;
    private boolean busy;

    UpgradeHandler(final ProxyServer.Context ctx, final WebSocketDecoderConfig decoderConfig)
    {
        this.ctx = ctx;
        this.hub = ctx.hub;
        this.metrics = ctx.metrics;
        this.limiter = ctx.limiter;
        this.decoderConfig = decoderConfig;
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext channelCtx, final FullHttpRequest request)
    {
        if (busy)
        {
            return;
        }
        if (request.decoderResult().isFailure())
        {
            refuseUpgrade(channelCtx, 400, "Malformed HTTP request");
            return;
        }
        final UpgradeRoute route = UpgradeRoute.resolve(request.uri(), ctx.apiKeys, ctx.publicAccess);
        switch (route.kind)
        {
            case HEALTH:
                HttpResponses.text(channelCtx, 200, "OK", false);
                return;
            case NOT_FOUND:
                HttpResponses.json(channelCtx, 404, "{\"message\":\"Not found\"}", false);
                return;
            case UNAUTHORIZED:
                metrics.onUnauthorized();
                HttpResponses.json(channelCtx, 401, "{\"message\":\"Invalid API key\"}", false);
                return;
            case BAD_REQUEST:
                refuseUpgrade(channelCtx, 400, route.error);
                return;
            default:
                break;
        }
        final String malformed = malformedUpgrade(request);
        if (null != malformed)
        {
            refuseUpgrade(channelCtx, 400, malformed);
            return;
        }
        final WebSocketServerHandshaker handshaker =
            new WebSocketServerHandshakerFactory(wsUrl(request), null, decoderConfig).newHandshaker(request);
        if (null == handshaker)
        {
            metrics.onRefusedUpgrade();
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channelCtx.channel())
                .addListener(f -> channelCtx.close());
            return;
        }
        final String ip = ClientAddress.resolve(request.headers().get(ctx.ipHeader), channelCtx.channel().remoteAddress());
        final int appLimit = null == route.app ? ApiKeys.UNLIMITED : ctx.apiKeys.appLimit(route.app);
        busy = true;
        request.retain();
        limiter.acquire(ip, route.app, appLimit).whenComplete((admission, error) ->
            channelCtx.executor().execute(() ->
            {
                try
                {
                    onAdmission(channelCtx, request, handshaker, route.filter,
                        null != error ? Admission.refused("Limiter failed: " + error) : admission);
                }
                finally
                {
                    request.release();
                }
            }));
    }

    private void onAdmission(final ChannelHandlerContext channelCtx, final FullHttpRequest request,
        final WebSocketServerHandshaker handshaker, final SubscriptionFilter filter, final Admission admission)
    {
        if (!admission.isAdmitted())
        {
            metrics.onRateLimited();
            HttpResponses.json(channelCtx, 429, "{\"message\":\"" + HttpResponses.escape(admission.refusal()) + "\"}",
                false);
            return;
        }
        final Ticket ticket = admission.ticket();
        if (!channelCtx.channel().isActive())
        {
            ticket.release();
            return;
        }
        handshaker.handshake(channelCtx.channel(), request).addListener(f ->
        {
            if (!f.isSuccess())
            {
                ticket.release();
                metrics.onRefusedUpgrade();
                LOG.debug("upgrade of {} failed: {}", channelCtx.channel().remoteAddress(), f.cause().toString());
                channelCtx.close();
                return;
            }
            final DownstreamClient client = hub.register(channelCtx.channel(), ticket, filter);
            channelCtx.pipeline().replace(this, "subscriber", new SubscriberHandler(hub, metrics, client));
            if (!channelCtx.channel().isActive())
            {
                hub.unregister(client);
            }
        });
    }

    private void refuseUpgrade(final ChannelHandlerContext channelCtx, final int status, final String why)
    {
        metrics.onRefusedUpgrade();
        HttpResponses.json(channelCtx, status, "{\"message\":\"" + HttpResponses.escape(why) + "\"}", false);
    }

    private static String malformedUpgrade(final FullHttpRequest request)
    {
        if (!HttpMethod.GET.equals(request.method()))
        {
            return "WebSocket upgrade must be a GET";
        }
        if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true))
        {
            return "Expected a WebSocket upgrade (Upgrade: websocket)";
        }
        if (!request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true))
        {
            return "Expected Connection: Upgrade";
        }
        final String key = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
        if (null == key || key.isBlank())
        {
            return "Missing Sec-WebSocket-Key";
        }
        return null;
    }

    private static String wsUrl(final FullHttpRequest request)
    {
        final String host = request.headers().get(HttpHeaderNames.HOST, "localhost");
        return "ws://" + host + request.uri();
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext channelCtx, final Throwable cause)
    {
        LOG.debug("request from {} failed: {}", channelCtx.channel().remoteAddress(), cause.toString());
        channelCtx.close();
    }
}
