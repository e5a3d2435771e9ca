package io.boostj.core.sidecar;

import io.boostj.sbe.UpstreamReplyDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The facts about a getPayload envelope that the decision needs, copied out of its {@code UpstreamReply}: hashes,
 * number, gas used, transaction count, and whether it is V4-shaped (has {@code executionRequests}).
 */
final class PayloadSummary
{
    private static final int HASH_LENGTH = 32;
    private static final int BLOCK_HASH_OFFSET = 0;
    private static final int STATE_ROOT_OFFSET = 32;

    final UnsafeBuffer hashes = new UnsafeBuffer(new byte[2 * HASH_LENGTH]);
    long blockNumber;
    long gasUsed;
    long txCount;
    boolean hasExecutionRequests;

    void capture(final UpstreamReplyView reply)
    {
        final DirectBuffer buffer = reply.buffer();
        final UpstreamReplyDecoder decoder = reply.decoder();
        hashes.putBytes(
            BLOCK_HASH_OFFSET, buffer, reply.fieldOffset(UpstreamReplyDecoder.blockHashEncodingOffset()), HASH_LENGTH);
        hashes.putBytes(
            STATE_ROOT_OFFSET, buffer, reply.fieldOffset(UpstreamReplyDecoder.stateRootEncodingOffset()), HASH_LENGTH);
        blockNumber = decoder.blockNumber();
        gasUsed = decoder.gasUsed();
        txCount = decoder.txCount();
        hasExecutionRequests = reply.hasExecutionRequests();
    }

    void capture(
        final DirectBuffer hashBuffer,
        final int blockHashOffset,
        final int stateRootOffset,
        final long blockNumber,
        final long gasUsed,
        final long txCount,
        final boolean hasExecutionRequests)
    {
        hashes.putBytes(BLOCK_HASH_OFFSET, hashBuffer, blockHashOffset, HASH_LENGTH);
        hashes.putBytes(STATE_ROOT_OFFSET, hashBuffer, stateRootOffset, HASH_LENGTH);
        this.blockNumber = blockNumber;
        this.gasUsed = gasUsed;
        this.txCount = txCount;
        this.hasExecutionRequests = hasExecutionRequests;
    }

    void clear()
    {
        hashes.setMemory(0, 2 * HASH_LENGTH, (byte)0);
        blockNumber = 0;
        gasUsed = 0;
        txCount = 0;
        hasExecutionRequests = false;
    }

    static int blockHashOffset()
    {
        return BLOCK_HASH_OFFSET;
    }

    static int stateRootOffset()
    {
        return STATE_ROOT_OFFSET;
    }
}
