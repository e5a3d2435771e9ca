package io.boostj.core.sidecar;

import org.agrona.DirectBuffer;

/**
 * What every op-node request waiting for upstream replies keeps: its id for the {@code RpcReply}, its raw JSON-RPC
 * id to echo, and when it arrived. Subclasses are pooled per handler.
 */
class PendingRequest
{
    long requestId;
    long recvTimeNs;
    final ByteSlot rpcId = new ByteSlot(64);

    final void start(
        final long requestId,
        final long recvTimeNs,
        final DirectBuffer buffer,
        final int rpcIdOffset,
        final int rpcIdLength)
    {
        this.requestId = requestId;
        this.recvTimeNs = recvTimeNs;
        rpcId.copy(buffer, rpcIdOffset, rpcIdLength);
    }
}
