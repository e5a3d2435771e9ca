package io.boostj.io.upstream;

import io.boostj.io.http.HttpResponses;
import io.boostj.io.metrics.SidecarMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that is not an Engine API call: passed to the local execution client byte for byte and its HTTP answer
 * (status, content type, body) returned as is; the methods upstream mirrors (eth_sendRawTransaction,
 * miner_set*) are also sent to the builder without waiting. No engine decision depends on these calls, so they
 * bypass the rings (and the journal) for latency: see docs/ARCHITECTURE.md.
 */
public final class Forwarder
{
    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);
    /** JSON-RPC code for an L2 that cannot be reached: outside -32700..-32600 so clients treat it as retriable. */
    public static final int UPSTREAM_UNAVAILABLE = -32000;

    private final UpstreamClient l2;
    private final UpstreamClient builder;
    private final long l2TimeoutMs;
    private final long builderTimeoutMs;
    private final SidecarMetrics metrics;
    private final UpstreamListener mirrorListener;

    /**
     * @param l2               the local execution client.
     * @param builder          the builder.
     * @param l2TimeoutMs      timeout of forwarded calls.
     * @param builderTimeoutMs timeout of mirrored calls.
     * @param metrics          where failures are counted.
     */
    public Forwarder(
        final UpstreamClient l2,
        final UpstreamClient builder,
        final long l2TimeoutMs,
        final long builderTimeoutMs,
        final SidecarMetrics metrics)
    {
        this.l2 = l2;
        this.builder = builder;
        this.l2TimeoutMs = l2TimeoutMs;
        this.builderTimeoutMs = builderTimeoutMs;
        this.metrics = metrics;
        mirrorListener = new UpstreamListener()
        {
            public void onResponse(final long attachment, final FullHttpResponse response, final long latencyNs)
            {
                metrics.upstreamCall("builder", "mirror", latencyNs);
            }

            public void onFailure(final long attachment, final String reason, final long latencyNs)
            {
                metrics.upstreamFailure("builder");
                LOG.debug("mirrored call to builder failed: {}", reason);
            }
        };
    }

    /**
     * Passes a request to L2 and its answer back.
     *
     * @param ctx       the op-node (or other client) connection.
     * @param keepAlive keep-alive of the request.
     * @param body      the request body, ownership passes here.
     * @param rawId     the request's raw JSON-RPC id, for the error answer when L2 cannot be reached.
     */
    public void forwardToL2(final ChannelHandlerContext ctx, final boolean keepAlive, final ByteBuf body, final String rawId)
    {
        l2.send(body, l2TimeoutMs, new UpstreamListener()
        {
            public void onResponse(final long attachment, final FullHttpResponse response, final long latencyNs)
            {
                metrics.upstreamCall("l2", "passthrough", latencyNs);
                final CharSequence contentType = response.headers().contains(HttpHeaderNames.CONTENT_TYPE) ?
                    response.headers().get(HttpHeaderNames.CONTENT_TYPE) : HttpHeaderValues.APPLICATION_JSON;
                HttpResponses.write(ctx, response.status().code(), contentType, response.content().retain(), keepAlive);
            }

            public void onFailure(final long attachment, final String reason, final long latencyNs)
            {
                metrics.upstreamFailure("l2");
                LOG.warn("forwarding to l2 failed: {}", reason);
                HttpResponses.json(ctx, 200, HttpResponses.rpcError(rawId, UPSTREAM_UNAVAILABLE,
                    "l2 unavailable: " + reason), keepAlive);
            }
        }, 0);
    }

    /**
     * Sends a copy of a request to the builder and forgets it.
     *
     * @param body the request body, ownership passes here.
     */
    public void mirrorToBuilder(final ByteBuf body)
    {
        builder.send(body, builderTimeoutMs, mirrorListener, 0);
    }
}
