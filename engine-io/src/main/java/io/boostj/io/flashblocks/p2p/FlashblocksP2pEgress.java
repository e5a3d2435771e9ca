package io.boostj.io.flashblocks.p2p;

import io.boostj.codecs.json.JsonException;
import io.boostj.io.http.ByteBufViews;
import io.boostj.sbe.ExecutionModeCode;
import io.netty.buffer.ByteBuf;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The egress side of {@code --flashblocks-p2p} (reference §3.6): the egress hands it every awaited
 * {@code engine_forkchoiceUpdatedV3} it is about to send to the builder (the engine awaits exactly the FCUs with
 * attributes; those without go fire-and-forget and stay plain), and it returns the body to send:
 * <ul>
 *   <li>while the execution mode is {@code enabled}: the {@code flashblocks_forkchoiceUpdatedV3} request with an
 *   authorization ({@link AuthorizedForkchoiceRewriter});</li>
 *   <li>in {@code dry-run} (and {@code disabled}, where the engine sends the builder nothing anyway), or when the FCU
 *   has no attributes: the plain FCU, unchanged;</li>
 *   <li>when the request cannot be read: the plain FCU, an error logged and counted; a call is never dropped.</li>
 * </ul>
 * The mode follows the engine's {@code ExecutionModeUpdate} commands, which reach the egress in order with the calls.
 * The journal keeps the engine's plain command: the authorization exists only on the wire.
 * <p>
 * Metric {@code boostj_flashblocks_p2p_forkchoice_updates{outcome}}: {@code authorized}, {@code plain_mode},
 * {@code plain_no_attributes}, {@code rewrite_failed}. Runs on the egress thread only.
 */
public final class FlashblocksP2pEgress
{
    private static final Logger LOG = LoggerFactory.getLogger(FlashblocksP2pEgress.class);

    private final AuthorizedForkchoiceRewriter rewriter;
    private final ByteBufViews views = new ByteBufViews();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(16 * 1024);
    private final CounterDataPoint authorized;
    private final CounterDataPoint plainMode;
    private final CounterDataPoint plainNoAttributes;
    private final CounterDataPoint rewriteFailed;
    private ExecutionModeCode mode;

    /**
     * @param authorizer  the keys.
     * @param initialMode the engine's configured execution mode.
     * @param registry    where the counter is registered.
     */
    public FlashblocksP2pEgress(
        final FlashblocksAuthorizer authorizer, final ExecutionModeCode initialMode, final PrometheusRegistry registry)
    {
        this.rewriter = new AuthorizedForkchoiceRewriter(authorizer);
        this.mode = initialMode;
        final Counter counter = Counter.builder().name("boostj_flashblocks_p2p_forkchoice_updates")
            .help("FCUs with attributes sent to the builder in P2P mode, by outcome (authorized, plain_mode, " +
                "plain_no_attributes, rewrite_failed)")
            .labelNames("outcome").register(registry);
        authorized = counter.labelValues("authorized");
        plainMode = counter.labelValues("plain_mode");
        plainNoAttributes = counter.labelValues("plain_no_attributes");
        rewriteFailed = counter.labelValues("rewrite_failed");
        LOG.info("flashblocks p2p: FCUs with attributes go to the builder as {} while the mode is enabled " +
            "(authorizer_vk=0x{}, builder_vk=0x{})", AuthorizedForkchoiceRewriter.METHOD,
            hex(authorizer.authorizerVk()), hex(authorizer.builderVk()));
    }

    /**
     * @param v the execution mode the engine just switched to.
     */
    public void executionMode(final ExecutionModeCode v)
    {
        mode = v;
    }

    /**
     * @return the execution mode it currently follows.
     */
    public ExecutionModeCode executionMode()
    {
        return mode;
    }

    /**
     * @param body the engine's FCU request body for the builder (readable bytes); released when replaced.
     * @return the body to send: {@code body} itself, or a new buffer holding the authorized request.
     */
    public ByteBuf onBuilderForkchoice(final ByteBuf body)
    {
        if (ExecutionModeCode.ENABLED != mode)
        {
            plainMode.inc();
            return body;
        }
        final int length;
        try
        {
            final DirectBuffer view = views.wrap(body);
            length = rewriter.rewrite(view, 0, body.readableBytes(), scratch, 0);
        }
        catch (final JsonException | IndexOutOfBoundsException ex)
        {
            rewriteFailed.inc();
            LOG.error("flashblocks p2p: cannot authorize the FCU for the builder ({} at {}); sending it plain",
                ex.getMessage(), ex instanceof JsonException ? ((JsonException)ex).position() : -1);
            return body;
        }
        if (AuthorizedForkchoiceRewriter.NO_ATTRIBUTES == length)
        {
            plainNoAttributes.inc();
            return body;
        }
        final ByteBuf authorizedBody = body.alloc().directBuffer(length);
        authorizedBody.writeBytes(scratch.byteArray(), 0, length);
        body.release();
        authorized.inc();
        if (LOG.isDebugEnabled())
        {
            LOG.debug("flashblocks p2p: authorized payload_id=0x{} timestamp={}",
                Long.toHexString(rewriter.lastPayloadId()), rewriter.lastTimestamp());
        }
        return authorizedBody;
    }

    private static String hex(final byte[] bytes)
    {
        final StringBuilder b = new StringBuilder(bytes.length * 2);
        for (final byte x : bytes)
        {
            b.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return b.toString();
    }
}
