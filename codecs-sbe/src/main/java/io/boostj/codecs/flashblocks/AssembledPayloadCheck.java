package io.boostj.codecs.flashblocks;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A check of an envelope written by {@link FlashblockAssembler}, typically: recompute the block hash from the
 * execution payload (and the envelope's {@code parentBeaconBlockRoot}, and for V4/V5 the empty-requests hash) and
 * compare it with the payload's {@code blockHash}, which the assembler copied from the last flashblock's diff.
 * <p>
 * {@code replay-tool assemble} uses {@link BlockHashPayloadCheck}; {@link #NONE} reports {@link #NOT_CHECKED}.
 */
public interface AssembledPayloadCheck
{
    /**
     * Nothing was checked.
     */
    int NOT_CHECKED = 0;

    /**
     * The recomputed hash equals the payload's {@code blockHash}.
     */
    int MATCH = 1;

    /**
     * The recomputed hash differs from the payload's {@code blockHash}.
     */
    int MISMATCH = 2;

    /**
     * The payload could not be hashed (e.g. an unsupported fork).
     */
    int ERROR = 3;

    /**
     * The default: checks nothing.
     */
    AssembledPayloadCheck NONE = new AssembledPayloadCheck()
    {
        public String name()
        {
            return "none (block hash not checked)";
        }

        public int check(
            final DirectBuffer buffer,
            final int envelopeOffset,
            final int envelopeLength,
            final int executionPayloadOffset,
            final int executionPayloadLength,
            final MutableDirectBuffer computedBlockHash)
        {
            return NOT_CHECKED;
        }
    };

    /**
     * What this check is, for the report.
     *
     * @return a short description.
     */
    String name();

    /**
     * Checks one written envelope.
     *
     * @param buffer                 the buffer the envelope was written to.
     * @param envelopeOffset         {@link FlashblockAssembler#envelopeOffset()}.
     * @param envelopeLength         {@link FlashblockAssembler#envelopeLength()}.
     * @param executionPayloadOffset {@link FlashblockAssembler#executionPayloadOffset()}.
     * @param executionPayloadLength {@link FlashblockAssembler#executionPayloadLength()}.
     * @param computedBlockHash      receives the recomputed 32-byte hash at index 0 when one was computed.
     * @return {@link #NOT_CHECKED}, {@link #MATCH}, {@link #MISMATCH} or {@link #ERROR}.
     */
    int check(
        DirectBuffer buffer,
        int envelopeOffset,
        int envelopeLength,
        int executionPayloadOffset,
        int executionPayloadLength,
        MutableDirectBuffer computedBlockHash);
}
