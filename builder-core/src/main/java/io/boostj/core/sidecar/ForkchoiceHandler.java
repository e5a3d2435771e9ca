package io.boostj.core.sidecar;

import io.boostj.codecs.engine.PayloadIdCalculator;
import io.boostj.codecs.json.JsonException;
import io.boostj.codecs.json.JsonScanner;
import io.boostj.core.json.JsonRpcBodyWriter;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.ForkchoiceUpdatedRequestDecoder;
import io.boostj.sbe.HealthCause;
import io.boostj.sbe.HealthCode;
import io.boostj.sbe.Target;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * {@code engine_forkchoiceUpdatedV3} (reference §1.3). L2 always gets the FCU and its answer is what op-node gets.
 * The builder gets:
 * <ul>
 *   <li>nothing when the mode is disabled or the builder is skipped as unhealthy;</li>
 *   <li>nothing for attributes with noTxPool (the L2 id is recorded with no builder id);</li>
 *   <li>the same FCU, awaited, for attributes without noTxPool: L2 payload id to builder payload id is recorded;</li>
 *   <li>a fire-and-forget copy without attributes (boost sync).</li>
 * </ul>
 * An L2 failure (including an INVALID payload status) is answered with an error and sets health 503.
 * <p>
 * With flashblocks, an FCU with attributes sent to the builder starts a {@link FlashblockRound} expecting the payload
 * id the builder should assign (version 4, as upstream), and the builder's answer confirms or replaces it.
 */
final class ForkchoiceHandler implements CallOwner
{
    private static final int LEG_L2 = 0;
    private static final int LEG_BUILDER = 1;

    private static final int ROUTE_L2_ONLY = 0;
    private static final int ROUTE_NO_TX_POOL = 1;
    private static final int ROUTE_BOTH = 2;
    /** The payload version upstream stamps into the id it expects from the builder. */
    private static final int BUILDER_PAYLOAD_ID_VERSION = 4;

    /**
     * One FCU waiting for its upstream replies.
     */
    static final class FcuRequest extends PendingRequest
    {
        final UnsafeBuffer headBlockHash = new UnsafeBuffer(new byte[32]);
        final LegOutcome l2 = new LegOutcome(256);
        final ByteSlot params = new ByteSlot(1024);
        int route;
        int pendingCalls;
        boolean l2HasPayloadId;
        long l2PayloadId;
        boolean builderHasPayloadId;
        long builderPayloadId;
    }

    private final EngineContext ctx;
    private final ObjectPool<FcuRequest> pool = new ObjectPool<>(FcuRequest::new, 4);
    private final JsonScanner scanner = new JsonScanner();
    private final PayloadIdCalculator payloadIdCalculator = new PayloadIdCalculator();

    ForkchoiceHandler(final EngineContext ctx)
    {
        this.ctx = ctx;
    }

    void onRequest(final ForkchoiceUpdatedRequestDecoder decoder)
    {
        final DirectBuffer buffer = decoder.buffer();
        final long requestId = decoder.requestId();
        final boolean hasAttributes = 1 == decoder.hasAttributesRaw();
        final boolean noTxPool = 1 == decoder.noTxPoolRaw();
        final int headHashOffset = decoder.offset() + ForkchoiceUpdatedRequestDecoder.headBlockHashEncodingOffset();
        final int rpcIdOffset = decoder.limit() + ForkchoiceUpdatedRequestDecoder.rpcIdHeaderLength();
        final int rpcIdLength = decoder.skipRpcId();
        final int paramsOffset = decoder.limit() + ForkchoiceUpdatedRequestDecoder.rawParamsHeaderLength();
        final int paramsLength = decoder.skipRawParams();

        final FcuRequest request = pool.acquire();
        request.start(requestId, decoder.recvTimeNs(), buffer, rpcIdOffset, rpcIdLength);
        request.headBlockHash.putBytes(0, buffer, headHashOffset, 32);
        request.l2.clear();
        request.params.clear();
        request.l2HasPayloadId = false;
        request.builderHasPayloadId = false;

        final JsonRpcBodyWriter l2Call = ctx.calls.begin(
            Target.L2, EngineMethod.FORKCHOICE_UPDATED_V3, ctx.config.l2TimeoutMs(), false, requestId);
        writeParams(l2Call, buffer, paramsOffset, paramsLength);
        ctx.calls.commit(this, request, LEG_L2);
        request.pendingCalls = 1;
        request.route = ROUTE_L2_ONLY;

        if (!ctx.builderSyncEnabled())
        {
            return;
        }

        if (hasAttributes)
        {
            if (noTxPool)
            {
                request.route = ROUTE_NO_TX_POOL;
            }
            else
            {
                request.route = ROUTE_BOTH;
                final JsonRpcBodyWriter builderCall = ctx.calls.begin(
                    Target.BUILDER, EngineMethod.FORKCHOICE_UPDATED_V3, ctx.config.builderTimeoutMs(), false, requestId);
                writeParams(builderCall, buffer, paramsOffset, paramsLength);
                ctx.calls.commit(this, request, LEG_BUILDER);
                request.pendingCalls = 2;
                if (ctx.config.flashblocks())
                {
                    startFlashblockRound(buffer, headHashOffset, paramsOffset, paramsLength);
                }
                if (ctx.config.externalStateRoot())
                {
                    request.params.copy(buffer, paramsOffset, paramsLength);
                }
            }
        }
        else
        {
            final JsonRpcBodyWriter builderCall = ctx.calls.begin(
                Target.BUILDER, EngineMethod.FORKCHOICE_UPDATED_V3, ctx.config.builderTimeoutMs(), true, requestId);
            writeParams(builderCall, buffer, paramsOffset, paramsLength);
            ctx.calls.commitFireAndForget();
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onCallComplete(final Object context, final int leg, final long callId, final UpstreamReplyView reply)
    {
        final FcuRequest request = (FcuRequest)context;
        if (LEG_L2 == leg)
        {
            request.l2.capture(reply, ctx.scratchWriter);
            request.l2HasPayloadId = request.l2.ok && reply.hasPayloadId();
            request.l2PayloadId = request.l2HasPayloadId ? reply.payloadId() : 0;
        }
        else
        {
            request.builderHasPayloadId = reply.isOk() && reply.hasPayloadId();
            request.builderPayloadId = request.builderHasPayloadId ? reply.payloadId() : 0;
            if (ctx.config.flashblocks())
            {
                ctx.flashblocks.confirm(request.builderHasPayloadId, request.builderPayloadId);
            }
        }

        if (--request.pendingCalls == 0)
        {
            finish(request);
        }
    }

    private void finish(final FcuRequest request)
    {
        if (!request.l2.ok)
        {
            ctx.health.set(HealthCode.SERVICE_UNAVAILABLE, HealthCause.REQUEST_PATH);
        }
        else if (request.l2HasPayloadId)
        {
            if (ROUTE_NO_TX_POOL == request.route)
            {
                ctx.payloadIds.put(request.l2PayloadId, false, 0, request.headBlockHash, 0);
            }
            else if (ROUTE_BOTH == request.route)
            {
                ctx.payloadIds.put(
                    request.l2PayloadId,
                    request.builderHasPayloadId,
                    request.builderPayloadId,
                    request.headBlockHash,
                    0);
                if (ctx.config.externalStateRoot())
                {
                    ctx.fcuParams.put(request.l2PayloadId, request.params.buffer(), 0, request.params.length());
                }
            }
        }

        ctx.replies.outcome(request, request.l2);
        pool.release(request);
    }

    private void startFlashblockRound(
        final DirectBuffer buffer, final int headHashOffset, final int paramsOffset, final int paramsLength)
    {
        boolean hasExpectedId = false;
        long expectedId = 0;
        try
        {
            scanner.wrap(buffer, paramsOffset, paramsLength);
            final int attributesPos = scanner.element(paramsOffset, 1);
            if (attributesPos >= 0 && JsonScanner.OBJECT == scanner.kind(attributesPos))
            {
                expectedId = payloadIdCalculator.computeAsLong(
                    buffer, headHashOffset, scanner, attributesPos, BUILDER_PAYLOAD_ID_VERSION);
                hasExpectedId = true;
            }
        }
        catch (final JsonException ex)
        {
            // The attributes reached L2 unchanged and L2 judges them; the round just cannot expect an id.
            hasExpectedId = false;
        }
        ctx.flashblocks.start(hasExpectedId, expectedId);
    }

    /**
     * Splices the request's raw params, or {@code []} if there are none.
     */
    static void writeParams(final JsonRpcBodyWriter w, final DirectBuffer buffer, final int offset, final int length)
    {
        if (0 == length)
        {
            w.raw((byte)'[').raw((byte)']');
        }
        else
        {
            w.raw(buffer, offset, length);
        }
    }

    int inFlight()
    {
        return pool.inUse();
    }
}
