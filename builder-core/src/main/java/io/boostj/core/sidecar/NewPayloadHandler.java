package io.boostj.core.sidecar;

import io.boostj.core.json.JsonRpcBodyWriter;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.HealthCause;
import io.boostj.sbe.HealthCode;
import io.boostj.sbe.NewPayloadRequestDecoder;
import io.boostj.sbe.Target;
import org.agrona.DirectBuffer;

/**
 * {@code engine_newPayloadV3/V4} (reference §1.5): forgets the payload ids built on this block's parent, sends the
 * block to the builder fire-and-forget (boost sync, unless disabled or skipping an unhealthy builder) and answers
 * with L2's status. INVALID and every L2 failure become an error and health 503; VALID, SYNCING and ACCEPTED pass
 * through as they are.
 */
final class NewPayloadHandler implements CallOwner
{
    private final EngineContext ctx;
    private final ObjectPool<PendingRequest> pool = new ObjectPool<>(PendingRequest::new, 4);

    NewPayloadHandler(final EngineContext ctx)
    {
        this.ctx = ctx;
    }

    void onRequest(final NewPayloadRequestDecoder decoder)
    {
        final DirectBuffer buffer = decoder.buffer();
        final long requestId = decoder.requestId();
        final EngineMethod method = EngineMethod.NEW_PAYLOAD_V4 == decoder.method() ?
            EngineMethod.NEW_PAYLOAD_V4 : EngineMethod.NEW_PAYLOAD_V3;
        final int parentHashOffset = decoder.offset() + NewPayloadRequestDecoder.parentHashEncodingOffset();
        final int rpcIdOffset = decoder.limit() + NewPayloadRequestDecoder.rpcIdHeaderLength();
        final int rpcIdLength = decoder.skipRpcId();
        final int paramsOffset = decoder.limit() + NewPayloadRequestDecoder.rawParamsHeaderLength();
        final int paramsLength = decoder.skipRawParams();

        ctx.payloadIds.removeByParentHash(buffer, parentHashOffset);

        final PendingRequest request = pool.acquire();
        request.start(requestId, decoder.recvTimeNs(), buffer, rpcIdOffset, rpcIdLength);

        final JsonRpcBodyWriter l2Call = ctx.calls.begin(Target.L2, method, ctx.config.l2TimeoutMs(), false, requestId);
        ForkchoiceHandler.writeParams(l2Call, buffer, paramsOffset, paramsLength);
        ctx.calls.commit(this, request, 0);

        if (ctx.builderSyncEnabled())
        {
            final JsonRpcBodyWriter builderCall = ctx.calls.begin(
                Target.BUILDER, method, ctx.config.builderTimeoutMs(), true, requestId);
            ForkchoiceHandler.writeParams(builderCall, buffer, paramsOffset, paramsLength);
            ctx.calls.commitFireAndForget();
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onCallComplete(final Object context, final int leg, final long callId, final UpstreamReplyView reply)
    {
        final PendingRequest request = (PendingRequest)context;
        if (reply.isOk())
        {
            ctx.replies.result(request, reply.buffer(), reply.resultOffset(), reply.resultLength());
        }
        else
        {
            ctx.health.set(HealthCode.SERVICE_UNAVAILABLE, HealthCause.REQUEST_PATH);
            ctx.replies.upstreamError(request, reply);
        }
        pool.release(request);
    }

    int inFlight()
    {
        return pool.inUse();
    }
}
