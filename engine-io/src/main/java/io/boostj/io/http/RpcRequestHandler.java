package io.boostj.io.http;

import io.boostj.codecs.engine.JsonRpcRequestView;
import io.boostj.codecs.engine.MethodRouting;
import io.boostj.codecs.json.JsonScanner;
import io.boostj.io.jwt.JwtVerifier;
import io.boostj.io.metrics.SidecarMetrics;
import io.boostj.io.runtime.HealthState;
import io.boostj.io.runtime.InboundPublisher;
import io.boostj.io.runtime.PendingRequests;
import io.boostj.io.upstream.Forwarder;
import io.boostj.ring.MessageRing;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * The sidecar's RPC port: health probes, inbound JWT, JSON validation, then routing (reference §1.2): Engine API calls
 * become SBE events on the inbound ring; everything else is forwarded to L2 (and mirrored to the builder for
 * eth_sendRawTransaction and the miner_* calls). Shared by all connections; per-thread state only.
 */
@ChannelHandler.Sharable
public final class RpcRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest>
{
    private static final Logger LOG = LoggerFactory.getLogger(RpcRequestHandler.class);

    private final InboundPublisher inbound;
    private final PendingRequests pending;
    private final Forwarder forwarder;
    private final HealthState health;
    private final JwtVerifier verifier;
    private final SidecarMetrics metrics;
    private static final String[] LABELS = new String[MethodRouting.values().length];
    private final ThreadLocal<PerThread> perThread = ThreadLocal.withInitial(PerThread::new);

    static
    {
        for (final MethodRouting r : MethodRouting.values())
        {
            LABELS[r.ordinal()] = null == r.engineMethod() ? r.name().toLowerCase(java.util.Locale.ROOT) :
                r.engineMethod().name().toLowerCase(java.util.Locale.ROOT).replace("forkchoice", "fork_choice");
        }
    }

    /**
     * @param inbound   where engine calls go.
     * @param pending   where their connections wait.
     * @param forwarder where everything else goes.
     * @param health    what /healthz reports.
     * @param verifier  inbound JWT check, or null when off.
     * @param metrics   counters.
     */
    public RpcRequestHandler(
        final InboundPublisher inbound,
        final PendingRequests pending,
        final Forwarder forwarder,
        final HealthState health,
        final JwtVerifier verifier,
        final SidecarMetrics metrics)
    {
        this.inbound = inbound;
        this.pending = pending;
        this.forwarder = forwarder;
        this.health = health;
        this.verifier = verifier;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        final String path = HealthPaths.path(request.uri());
        switch (path)
        {
            case "/healthz":
            {
                final int status = health.httpStatus();
                HttpResponses.text(ctx, status, HealthPaths.healthBody(status), keepAlive);
                return;
            }
            case "/readyz":
            case "/livez":
                HttpResponses.text(ctx, 200, "OK", keepAlive);
                return;
            default:
                break;
        }
        if (null != verifier)
        {
            final String refusal = verifier.check(
                request.headers().get(HttpHeaderNames.AUTHORIZATION), System.currentTimeMillis() / 1000);
            if (null != refusal)
            {
                metrics.refused("jwt");
                LOG.warn("refused request from {}: {}", ctx.channel().remoteAddress(), refusal);
                HttpResponses.json(ctx, 401, HttpResponses.rpcError("null", -32000, "Unauthorized: " + refusal),
                    keepAlive);
                return;
            }
        }

        final PerThread t = perThread.get();
        final ByteBuf content = request.content();
        final DirectBuffer body = t.views.wrap(content);
        final int length = content.readableBytes();
        final JsonScanner scanner = t.scanner.wrap(body, 0, length);
        final int errorAt = scanner.validate();
        if (JsonScanner.VALID != errorAt)
        {
            metrics.refused("parse");
            HttpResponses.json(ctx, 200, HttpResponses.rpcError("null", -32700,
                "Parse error: " + scanner.errorReason() + " at byte " + errorAt), keepAlive);
            return;
        }
        final int root = scanner.valueStart(0);
        final byte kind = scanner.kind(root);
        if (JsonScanner.OBJECT == kind)
        {
            handleSingle(ctx, keepAlive, content, body, root, t);
        }
        else if (JsonScanner.ARRAY == kind)
        {
            handleBatch(ctx, keepAlive, content, body, root, t);
        }
        else
        {
            metrics.refused("invalid");
            HttpResponses.json(ctx, 200, HttpResponses.rpcError("null", -32600,
                "Invalid Request: expected a JSON-RPC object or batch array"), keepAlive);
        }
    }

    private void handleSingle(
        final ChannelHandlerContext ctx, final boolean keepAlive, final ByteBuf content, final DirectBuffer body,
        final int root, final PerThread t)
    {
        final JsonRpcRequestView view = t.view;
        if (JsonRpcRequestView.OK != view.wrap(t.scanner, root))
        {
            metrics.refused("invalid");
            HttpResponses.json(ctx, 200, HttpResponses.rpcError(rawId(view, body), -32600,
                "Invalid Request: " + view.errorMessage()), keepAlive);
            return;
        }
        final MethodRouting route = MethodRouting.classify(body, view.methodStart(), view.methodEnd());
        switch (route)
        {
            case PASSTHROUGH:
                metrics.request("passthrough");
                forwarder.forwardToL2(ctx, keepAlive, content.retainedDuplicate(), rawId(view, body));
                return;
            case MIRRORED:
                metrics.request("mirrored");
                forwarder.mirrorToBuilder(content.retainedDuplicate());
                forwarder.forwardToL2(ctx, keepAlive, content.retainedDuplicate(), rawId(view, body));
                return;
            default:
                submitToEngine(ctx, keepAlive, body, root, route, view);
        }
    }

    private void submitToEngine(
        final ChannelHandlerContext ctx, final boolean keepAlive, final DirectBuffer body, final int root,
        final MethodRouting route, final JsonRpcRequestView view)
    {
        metrics.request("engine");
        final long requestId = pending.nextId();
        pending.add(requestId, ctx, keepAlive, LABELS[route.ordinal()]);
        final JsonScanner scanner = t().scanner;
        final int result = inbound.publishEngineRequest(scanner, root, scanner.limit() - root, requestId);
        if (result > 0)
        {
            return;
        }
        pending.remove(requestId);
        if (MessageRing.INSUFFICIENT_CAPACITY == result)
        {
            metrics.refused("busy");
            HttpResponses.json(ctx, 503, HttpResponses.rpcError(rawId(view, body), -32000,
                "server busy: inbound ring full"), keepAlive);
            return;
        }
        metrics.refused("invalid");
        HttpResponses.json(ctx, 200, HttpResponses.rpcError(rawId(view, body), result,
            inbound.lastRequestError()), keepAlive);
    }

    private void handleBatch(
        final ChannelHandlerContext ctx, final boolean keepAlive, final ByteBuf content, final DirectBuffer body,
        final int root, final PerThread t)
    {
        final JsonScanner scanner = t.scanner;
        final int count = scanner.elementCount(root);
        if (0 == count)
        {
            metrics.refused("invalid");
            HttpResponses.json(ctx, 200, HttpResponses.rpcError("null", -32600, "Invalid Request: empty batch"),
                keepAlive);
            return;
        }
        boolean mirrored = false;
        for (int element = scanner.element(root, 0); element >= 0; element = scanner.nextElement(element))
        {
            if (JsonScanner.OBJECT != scanner.kind(element) || JsonRpcRequestView.OK != t.view.wrap(scanner, element))
            {
                continue;
            }
            final MethodRouting route = MethodRouting.classify(body, t.view.methodStart(), t.view.methodEnd());
            if (route.isEngine())
            {
                metrics.refused("invalid");
                HttpResponses.json(ctx, 200, HttpResponses.rpcError("null", -32600,
                    "Invalid Request: engine_* methods are not accepted in a batch"), keepAlive);
                return;
            }
            if (MethodRouting.MIRRORED == route)
            {
                final int end = scanner.valueEnd(element);
                forwarder.mirrorToBuilder(content.retainedSlice(content.readerIndex() + element, end - element));
                mirrored = true;
            }
        }
        metrics.request(mirrored ? "batch-mirrored" : "batch");
        forwarder.forwardToL2(ctx, keepAlive, content.retainedDuplicate(), "null");
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        LOG.warn("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private PerThread t()
    {
        return perThread.get();
    }

    private static String rawId(final JsonRpcRequestView view, final DirectBuffer body)
    {
        if (!view.hasId() || view.idStart() < 0)
        {
            return "null";
        }
        final int len = view.idEnd() - view.idStart();
        final byte[] bytes = new byte[len];
        body.getBytes(view.idStart(), bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static final class PerThread
    {
        final ByteBufViews views = new ByteBufViews();
        final JsonScanner scanner = new JsonScanner();
        final JsonRpcRequestView view = new JsonRpcRequestView();
    }
}
