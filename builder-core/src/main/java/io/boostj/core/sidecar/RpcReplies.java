package io.boostj.core.sidecar;

import io.boostj.core.json.JsonRpcBodyWriter;
import org.agrona.DirectBuffer;

/**
 * Writes the {@code RpcReply} commands that answer op-node: a result spliced byte for byte, or an error object.
 */
final class RpcReplies
{
    private static final byte[] NULL = JsonRpcBodyWriter.ascii("null");

    private final CommandProxy commands;

    RpcReplies(final CommandProxy commands)
    {
        this.commands = commands;
    }

    void result(final PendingRequest request, final DirectBuffer result, final int offset, final int length)
    {
        result(request.requestId, request.rpcId.buffer(), 0, request.rpcId.length(), result, offset, length);
    }

    void result(
        final long requestId,
        final DirectBuffer id,
        final int idOffset,
        final int idLength,
        final DirectBuffer result,
        final int offset,
        final int length)
    {
        final JsonRpcBodyWriter w = commands.beginRpcReply(requestId).result(id, idOffset, idLength);
        if (0 == length)
        {
            w.raw(NULL);
        }
        else
        {
            w.raw(result, offset, length);
        }
        w.end();
        commands.commitRpcReply();
    }

    void result(
        final long requestId, final DirectBuffer id, final int idOffset, final int idLength, final byte[] result)
    {
        commands.beginRpcReply(requestId).result(id, idOffset, idLength).raw(result).end();
        commands.commitRpcReply();
    }

    void error(final PendingRequest request, final int code, final byte[] message)
    {
        error(request.requestId, request.rpcId.buffer(), 0, request.rpcId.length(), code, message);
    }

    void error(
        final long requestId,
        final DirectBuffer id,
        final int idOffset,
        final int idLength,
        final int code,
        final byte[] message)
    {
        commands.beginRpcReply(requestId).error(id, idOffset, idLength).errorObject(code, message).end();
        commands.commitRpcReply();
    }

    void upstreamError(final PendingRequest request, final UpstreamReplyView reply)
    {
        final JsonRpcBodyWriter w = commands.beginRpcReply(request.requestId)
            .error(request.rpcId.buffer(), 0, request.rpcId.length());
        ReplyErrors.writeUpstreamError(w, reply);
        w.end();
        commands.commitRpcReply();
    }

    /**
     * Answers with a kept outcome: its result, or its pre-rendered error object.
     */
    void outcome(final PendingRequest request, final LegOutcome outcome)
    {
        final DirectBuffer id = request.rpcId.buffer();
        final int idLength = request.rpcId.length();
        if (outcome.ok)
        {
            result(request.requestId, id, 0, idLength, outcome.body.buffer(), 0, outcome.body.length());
        }
        else
        {
            commands.beginRpcReply(request.requestId)
                .error(id, 0, idLength)
                .raw(outcome.body.buffer(), 0, outcome.body.length())
                .end();
            commands.commitRpcReply();
        }
    }
}
