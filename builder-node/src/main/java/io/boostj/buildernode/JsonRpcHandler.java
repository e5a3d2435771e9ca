package io.boostj.buildernode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boostj.io.http.HttpResponses;
import io.boostj.io.jwt.JwtVerifier;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * JSON-RPC 2.0 over HTTP POST for one port: checks the JWT first when the port has one (HTTP 401 and a JSON-RPC
 * error otherwise), then parses the body (-32700 for malformed JSON), checks each request's shape (-32600), and
 * answers single requests and batches through the port's {@link RpcMethods}. Runs on the node's event loop, which
 * owns the builder, so the methods need no locks.
 */
@ChannelHandler.Sharable
final class JsonRpcHandler extends SimpleChannelInboundHandler<FullHttpRequest>
{
    private static final Logger LOG = LoggerFactory.getLogger(JsonRpcHandler.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String portName;
    private final JwtVerifier verifier;
    private final RpcMethods methods;

    /**
     * @param portName "auth" or "http", for logs.
     * @param verifier the JWT check, or null for an open port.
     * @param methods  what the port serves.
     */
    JsonRpcHandler(final String portName, final JwtVerifier verifier, final RpcMethods methods)
    {
        this.portName = portName;
        this.verifier = verifier;
        this.methods = methods;
    }

    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (null != verifier)
        {
            final String refusal = verifier.check(request.headers().get(HttpHeaderNames.AUTHORIZATION),
                System.currentTimeMillis() / 1000);
            if (null != refusal)
            {
                LOG.warn("{}: refused a request from {}: {}", portName, ctx.channel().remoteAddress(), refusal);
                write(ctx, 401, error(NODES.nullNode(), RpcException.SERVER_ERROR, "Unauthorized: " + refusal),
                    keepAlive);
                return;
            }
        }
        if (!HttpMethod.POST.equals(request.method()))
        {
            write(ctx, 405, error(NODES.nullNode(), RpcException.INVALID_REQUEST, "JSON-RPC needs POST"), keepAlive);
            return;
        }
        final JsonNode body;
        try
        {
            body = MAPPER.readTree(request.content().toString(StandardCharsets.UTF_8));
        }
        catch (final JsonProcessingException ex)
        {
            write(ctx, 200, error(NODES.nullNode(), RpcException.PARSE_ERROR, "Parse error: " +
                ex.getOriginalMessage()), keepAlive);
            return;
        }
        if (null == body || body.isMissingNode())
        {
            write(ctx, 200, error(NODES.nullNode(), RpcException.PARSE_ERROR, "Parse error: empty body"), keepAlive);
            return;
        }
        if (body.isArray())
        {
            if (0 == body.size())
            {
                write(ctx, 200, error(NODES.nullNode(), RpcException.INVALID_REQUEST, "empty batch"), keepAlive);
                return;
            }
            final ArrayNode replies = NODES.arrayNode(body.size());
            body.forEach(r -> replies.add(answer(r)));
            write(ctx, 200, replies, keepAlive);
            return;
        }
        write(ctx, 200, answer(body), keepAlive);
    }

    private JsonNode answer(final JsonNode request)
    {
        final JsonNode id = request.isObject() && request.has("id") ? request.get("id") : NODES.nullNode();
        if (!request.isObject() || !"2.0".equals(request.path("jsonrpc").asText(null)) ||
            !request.path("method").isTextual() || !(id.isNull() || id.isNumber() || id.isTextual()))
        {
            return error(id, RpcException.INVALID_REQUEST, "Invalid request: needs jsonrpc \"2.0\", a method " +
                "string and a number, string or null id");
        }
        final JsonNode params = request.path("params");
        if (!params.isMissingNode() && !params.isNull() && !params.isArray())
        {
            return error(id, RpcException.INVALID_PARAMS, "params must be an array");
        }
        final String method = request.get("method").asText();
        try
        {
            final JsonNode result = methods.call(method, params.isArray() ? params : NODES.arrayNode());
            final ObjectNode reply = NODES.objectNode().put("jsonrpc", "2.0");
            reply.set("id", id);
            reply.set("result", null == result ? NODES.nullNode() : result);
            return reply;
        }
        catch (final RpcException ex)
        {
            if (RpcException.METHOD_NOT_FOUND != ex.code())
            {
                LOG.debug("{}: {} refused: {} {}", portName, method, ex.code(), ex.getMessage());
            }
            return error(id, ex.code(), ex.getMessage());
        }
        catch (final RuntimeException ex)
        {
            LOG.error("{}: {} failed", portName, method, ex);
            return error(id, -32603, "Internal error: " + ex);
        }
    }

    private static ObjectNode error(final JsonNode id, final int code, final String message)
    {
        final ObjectNode reply = NODES.objectNode().put("jsonrpc", "2.0");
        reply.set("id", id);
        reply.putObject("error").put("code", code).put("message", message);
        return reply;
    }

    private static void write(final ChannelHandlerContext ctx, final int status, final JsonNode body,
        final boolean keepAlive)
    {
        final byte[] bytes;
        try
        {
            bytes = MAPPER.writeValueAsBytes(body);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot serialise a reply", ex);
        }
        HttpResponses.write(ctx, status, HttpHeaderValues.APPLICATION_JSON, Unpooled.wrappedBuffer(bytes), keepAlive);
    }

    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        LOG.debug("{}: connection {} failed: {}", portName, ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
