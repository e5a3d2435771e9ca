package io.boostj.io.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;

/**
 * Writes HTTP responses, honouring keep-alive: the connection is closed after the response when the request asked
 * for it.
 */
public final class HttpResponses
{
    private HttpResponses()
    {
    }

    /**
     * @param ctx         the connection.
     * @param status      HTTP status code.
     * @param contentType Content-Type value.
     * @param body        the body (ownership passes to Netty).
     * @param keepAlive   keep the connection open afterwards.
     */
    public static void write(
        final ChannelHandlerContext ctx,
        final int status,
        final CharSequence contentType,
        final ByteBuf body,
        final boolean keepAlive)
    {
        final FullHttpResponse response =
            new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), body);
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, contentType)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        if (keepAlive)
        {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response, ctx.voidPromise());
        }
        else
        {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * Writes a JSON body.
     *
     * @param ctx       the connection.
     * @param status    HTTP status code.
     * @param json      the JSON text.
     * @param keepAlive keep the connection open afterwards.
     */
    public static void json(final ChannelHandlerContext ctx, final int status, final String json, final boolean keepAlive)
    {
        write(ctx, status, HttpHeaderValues.APPLICATION_JSON, Unpooled.copiedBuffer(json, StandardCharsets.UTF_8),
            keepAlive);
    }

    /**
     * Writes a plain-text body.
     *
     * @param ctx       the connection.
     * @param status    HTTP status code.
     * @param text      the text.
     * @param keepAlive keep the connection open afterwards.
     */
    public static void text(final ChannelHandlerContext ctx, final int status, final String text, final boolean keepAlive)
    {
        write(ctx, status, HttpHeaderValues.TEXT_PLAIN, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8), keepAlive);
    }

    /**
     * @param id      the raw JSON id ("null" when unknown).
     * @param code    JSON-RPC error code.
     * @param message the message (escaped here).
     * @return a JSON-RPC error response.
     */
    public static String rpcError(final String id, final int code, final String message)
    {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":" + code + ",\"message\":\"" +
            escape(message) + "\"}}";
    }

    /**
     * @param s text.
     * @return s escaped for a JSON string.
     */
    public static String escape(final String s)
    {
        final StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            if (c == '"' || c == '\\')
            {
                b.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                b.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                b.append(c);
            }
        }
        return b.toString();
    }
}
