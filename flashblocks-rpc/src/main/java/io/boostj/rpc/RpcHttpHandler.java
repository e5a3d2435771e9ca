package io.boostj.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.boostj.io.http.HttpResponses;
import io.boostj.io.upstream.UpstreamListener;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;

import java.io.IOException;

/**
 * The HTTP JSON-RPC port: requests that do not touch pending state go to the node byte for byte (status and body
 * back as they are); the others are answered through {@link JsonRpcBatch}. GET /healthz answers 200.
 */
@ChannelHandler.Sharable
public final class RpcHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest>
{
    private final JsonRpcBatch batch;
    private final UpstreamRpc upstream;

    /**
     * @param batch    answers overlay requests.
     * @param upstream the node, for passthrough.
     */
    public RpcHttpHandler(final JsonRpcBatch batch, final UpstreamRpc upstream)
    {
        this.batch = batch;
        this.upstream = upstream;
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (HttpMethod.GET.equals(request.method()))
        {
            HttpResponses.text(ctx, request.uri().startsWith("/healthz") ? 200 : 405, "flashblocks-rpc\n", keepAlive);
            return;
        }
        final JsonNode body;
        try (ByteBufInputStream in = new ByteBufInputStream(request.content().duplicate()))
        {
            body = UpstreamRpc.MAPPER.readTree((java.io.InputStream)in);
        }
        catch (final IOException ex)
        {
            reply(ctx, JsonRpcBatch.error(NullNode.getInstance(),
                new RpcError(RpcError.PARSE_ERROR, "parse error: " + ex.getMessage())), keepAlive);
            return;
        }
        if (null == body)
        {
            reply(ctx, JsonRpcBatch.error(NullNode.getInstance(), new RpcError(RpcError.PARSE_ERROR,
                "parse error: empty body")), keepAlive);
            return;
        }
        if (batch.isPassthrough(body))
        {
            upstream.forward(request.content().retain(), new UpstreamListener()
            {
                public void onResponse(final long attachment, final FullHttpResponse response, final long latencyNs)
                {
                    final CharSequence type = response.headers().contains(HttpHeaderNames.CONTENT_TYPE) ?
                        response.headers().get(HttpHeaderNames.CONTENT_TYPE) : HttpHeaderValues.APPLICATION_JSON;
                    HttpResponses.write(ctx, response.status().code(), type, response.content().retain(), keepAlive);
                }

                public void onFailure(final long attachment, final String reason, final long latencyNs)
                {
                    reply(ctx, JsonRpcBatch.errorFor(body, new RpcError(RpcError.UPSTREAM_UNAVAILABLE,
                        "upstream unavailable: " + reason)), keepAlive);
                }
            });
            return;
        }
        batch.answer(body).whenComplete((response, ex) -> reply(ctx,
            null == ex ? response : JsonRpcBatch.error(NullNode.getInstance(), ex), keepAlive));
    }

    private static void reply(final ChannelHandlerContext ctx, final JsonNode response, final boolean keepAlive)
    {
        final byte[] bytes;
        try
        {
            bytes = UpstreamRpc.MAPPER.writeValueAsBytes(response);
        }
        catch (final IOException ex)
        {
            HttpResponses.json(ctx, 500, HttpResponses.rpcError("null", -32603, "cannot encode response"), keepAlive);
            return;
        }
        HttpResponses.write(ctx, 200, HttpHeaderValues.APPLICATION_JSON, Unpooled.wrappedBuffer(bytes), keepAlive);
    }
}
