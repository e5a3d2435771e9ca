package io.boostj.io.http;

import io.boostj.codecs.json.JsonScanner;
import io.boostj.io.runtime.InboundPublisher;
import io.boostj.io.runtime.PendingRequests;
import io.boostj.sbe.ExecutionModeCode;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Upstream's debug API (reference §1.11) on its own port: {@code debug_setExecutionMode} with
 * {@code [{"execution_mode":"dry_run"}]} or the older {@code ["dry_run"]}, and {@code debug_getExecutionMode}. The
 * mode lives in the engine, so both go through the inbound ring and are journaled.
 */
@ChannelHandler.Sharable
public final class DebugRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest>
{
    private final InboundPublisher inbound;
    private final PendingRequests pending;
    private final ThreadLocal<ByteBufViews> views = ThreadLocal.withInitial(ByteBufViews::new);
    private final ThreadLocal<JsonScanner> scanners = ThreadLocal.withInitial(JsonScanner::new);

    /**
     * @param inbound where mode requests go.
     * @param pending where their connections wait.
     */
    public DebugRequestHandler(final InboundPublisher inbound, final PendingRequests pending)
    {
        this.inbound = inbound;
        this.pending = pending;
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        final int length = request.content().readableBytes();
        final DirectBuffer body = views.get().wrap(request.content());
        final JsonScanner s = scanners.get().wrap(body, 0, length);
        if (JsonScanner.VALID != s.validate())
        {
            HttpResponses.json(ctx, 200, HttpResponses.rpcError("null", -32700, "Parse error: " + s.errorReason()),
                keepAlive);
            return;
        }
        final int root = s.valueStart(0);
        if (JsonScanner.OBJECT != s.kind(root))
        {
            HttpResponses.json(ctx, 200, HttpResponses.rpcError("null", -32600, "Invalid Request"), keepAlive);
            return;
        }
        final int idPos = s.member(root, "id");
        final byte[] rawId = idPos < 0 ? "null".getBytes(StandardCharsets.US_ASCII) : bytes(body, idPos, s.valueEnd(idPos));
        final String id = new String(rawId, StandardCharsets.UTF_8);
        final int methodPos = s.member(root, "method");
        if (methodPos < 0 || JsonScanner.STRING != s.kind(methodPos))
        {
            HttpResponses.json(ctx, 200, HttpResponses.rpcError(id, -32600, "Invalid Request: no method"), keepAlive);
            return;
        }
        final boolean set;
        ExecutionModeCode mode = ExecutionModeCode.ENABLED;
        if (s.stringEquals(methodPos, "debug_getExecutionMode"))
        {
            set = false;
        }
        else if (s.stringEquals(methodPos, "debug_setExecutionMode"))
        {
            set = true;
            mode = parseMode(s, root);
            if (null == mode)
            {
                HttpResponses.json(ctx, 200, HttpResponses.rpcError(id, -32602,
                    "Invalid params: expected [{\"execution_mode\":\"enabled|dry_run|disabled\"}] or [\"dry_run\"]"),
                    keepAlive);
                return;
            }
        }
        else
        {
            HttpResponses.json(ctx, 200, HttpResponses.rpcError(id, -32601, "Method not found"), keepAlive);
            return;
        }
        final long requestId = pending.nextId();
        pending.add(requestId, ctx, keepAlive, set ? "debug_set_execution_mode" : "debug_get_execution_mode");
        if (!inbound.publishModeRequest(requestId, set, mode, rawId))
        {
            pending.remove(requestId);
            HttpResponses.json(ctx, 503, HttpResponses.rpcError(id, -32000, "server busy: inbound ring full"),
                keepAlive);
        }
    }

    private static ExecutionModeCode parseMode(final JsonScanner s, final int root)
    {
        final int params = s.member(root, "params");
        if (params < 0 || JsonScanner.ARRAY != s.kind(params) || s.elementCount(params) != 1)
        {
            return null;
        }
        int value = s.element(params, 0);
        if (JsonScanner.OBJECT == s.kind(value))
        {
            value = s.member(value, "execution_mode");
            if (value < 0)
            {
                return null;
            }
        }
        if (JsonScanner.STRING != s.kind(value))
        {
            return null;
        }
        if (s.stringEquals(value, "enabled") || s.stringEquals(value, "Enabled"))
        {
            return ExecutionModeCode.ENABLED;
        }
        if (s.stringEquals(value, "dry_run") || s.stringEquals(value, "dry-run") || s.stringEquals(value, "DryRun"))
        {
            return ExecutionModeCode.DRY_RUN;
        }
        if (s.stringEquals(value, "disabled") || s.stringEquals(value, "Disabled"))
        {
            return ExecutionModeCode.DISABLED;
        }
        return null;
    }

    private static byte[] bytes(final DirectBuffer buffer, final int start, final int end)
    {
        final byte[] b = new byte[end - start];
        buffer.getBytes(start, b);
        return b;
    }
}
