package io.boostj.core.sidecar;

import io.boostj.core.json.JsonRpcBodyWriter;

/**
 * How an awaited upstream call ended, kept until the request can be answered: on success the raw result bytes, on
 * failure the error object op-node will receive, already rendered.
 */
final class LegOutcome
{
    boolean ok;
    final ByteSlot body;

    LegOutcome(final int initialCapacity)
    {
        body = new ByteSlot(initialCapacity);
    }

    void capture(final UpstreamReplyView reply, final JsonRpcBodyWriter scratch)
    {
        ok = reply.isOk();
        if (ok)
        {
            body.copy(reply.buffer(), reply.resultOffset(), reply.resultLength());
        }
        else
        {
            scratch.wrap(body.mutableBuffer(), 0);
            ReplyErrors.writeUpstreamError(scratch, reply);
            body.length(scratch.length());
        }
    }

    void clear()
    {
        ok = false;
        body.clear();
    }
}
