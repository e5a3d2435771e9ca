package io.boostj.core.sidecar;

import io.boostj.core.json.JsonRpcBodyWriter;
import io.boostj.sbe.EngineCallRequestDecoder;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.Target;
import org.agrona.DirectBuffer;

/**
 * The other {@code engine_*} methods: {@code engine_exchangeCapabilities} goes to L2 only and its answer (result or
 * error) passes through; anything else is answered {@code -32601 Method not found} and forwarded nowhere, as
 * upstream's jsonrpsee module does for unregistered engine methods.
 */
final class EngineCallHandler implements CallOwner
{
    private final EngineContext ctx;
    private final ObjectPool<PendingRequest> pool = new ObjectPool<>(PendingRequest::new, 2);

    EngineCallHandler(final EngineContext ctx)
    {
        this.ctx = ctx;
    }

    void onRequest(final EngineCallRequestDecoder decoder)
    {
        final DirectBuffer buffer = decoder.buffer();
        final long requestId = decoder.requestId();
        final short method = decoder.methodRaw();
        final int rpcIdOffset = decoder.limit() + EngineCallRequestDecoder.rpcIdHeaderLength();
        final int rpcIdLength = decoder.skipRpcId();
        decoder.skipMethodName();
        final int paramsOffset = decoder.limit() + EngineCallRequestDecoder.rawParamsHeaderLength();
        final int paramsLength = decoder.skipRawParams();

        if (EngineMethod.EXCHANGE_CAPABILITIES.value() != method)
        {
            ctx.replies.error(
                requestId, buffer, rpcIdOffset, rpcIdLength,
                ReplyErrors.METHOD_NOT_FOUND, ReplyErrors.METHOD_NOT_FOUND_MESSAGE);
            return;
        }

        final PendingRequest request = pool.acquire();
        request.start(requestId, decoder.recvTimeNs(), buffer, rpcIdOffset, rpcIdLength);
        final JsonRpcBodyWriter l2Call = ctx.calls.begin(
            Target.L2, EngineMethod.EXCHANGE_CAPABILITIES, ctx.config.l2TimeoutMs(), false, requestId);
        ForkchoiceHandler.writeParams(l2Call, buffer, paramsOffset, paramsLength);
        ctx.calls.commit(this, request, 0);
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
            ctx.replies.upstreamError(request, reply);
        }
        pool.release(request);
    }

    int inFlight()
    {
        return pool.inUse();
    }
}
