package io.boostj.codecs.flashblocks;

import io.boostj.codecs.eth.PayloadBlockHasher;
import io.boostj.codecs.json.JsonException;
import io.boostj.codecs.json.JsonScanner;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Checks an assembled envelope by recomputing its block hash with {@link PayloadBlockHasher} (header by the fork the
 * payload's shape implies, transaction and withdrawal roots, the envelope's parent beacon block root and execution
 * requests). Reuses its hasher and scanner: not thread safe.
 */
public final class BlockHashPayloadCheck implements AssembledPayloadCheck
{
    private final PayloadBlockHasher hasher = new PayloadBlockHasher();
    private final JsonScanner scanner = new JsonScanner();
    private String lastReason;

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return "block hash recomputed from the payload";
    }

    /**
     * {@inheritDoc}
     */
    public int check(
        final DirectBuffer buffer,
        final int envelopeOffset,
        final int envelopeLength,
        final int executionPayloadOffset,
        final int executionPayloadLength,
        final MutableDirectBuffer computedBlockHash)
    {
        final int result;
        try
        {
            scanner.wrap(buffer, envelopeOffset, envelopeLength);
            final int requestsPos = scanner.member(envelopeOffset, "executionRequests");
            result = hasher.verify(scanner, executionPayloadOffset,
                scanner.member(envelopeOffset, "parentBeaconBlockRoot"), requestsPos);
        }
        catch (final JsonException ex)
        {
            lastReason = ex.reason();
            return ERROR;
        }
        lastReason = hasher.reason();
        if (!PayloadBlockHasher.isJudged(result))
        {
            return ERROR;
        }
        computedBlockHash.putBytes(0, hasher.computedHash(), 0, 32);
        return PayloadBlockHasher.MATCH == result ? MATCH : MISMATCH;
    }

    /**
     * @return why the last check could not judge, or null.
     */
    public String lastReason()
    {
        return lastReason;
    }
}
