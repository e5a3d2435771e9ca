package io.boostj.rpc;

/**
 * Where an arriving flashblock sits relative to the latest one applied (node-reth's sequence rules, reference §5.1).
 */
public enum SequenceRule
{
    /** Nothing pending yet and this is an index 0: start a pending block. */
    FIRST,
    /** Same block, index + 1: extend the latest pending block. */
    NEXT_IN_SEQUENCE,
    /** Block + 1, index 0: a new pending block on top of the latest one. */
    FIRST_OF_NEXT_BLOCK,
    /** Same block and index as the latest: ignored. */
    DUPLICATE,
    /** Same block, an index that is not the next one: flashblocks were missed, pending state is cleared. */
    NON_SEQUENTIAL_GAP,
    /** Another block number than the latest or the next (or a non-zero index for the next): cleared. */
    INVALID_NEW_BLOCK,
    /** Nothing pending and index is not 0: wait for the next index 0. */
    AWAITING_INDEX_ZERO;

    /**
     * @param hasLatest   true when a flashblock is pending.
     * @param latestBlock block number of the latest applied flashblock.
     * @param latestIndex its index.
     * @param block       block number of the arriving flashblock.
     * @param index       its index.
     * @return the rule that applies.
     */
    public static SequenceRule classify(
        final boolean hasLatest, final long latestBlock, final long latestIndex, final long block, final long index)
    {
        if (!hasLatest)
        {
            return 0 == index ? FIRST : AWAITING_INDEX_ZERO;
        }
        if (block == latestBlock)
        {
            if (index == latestIndex)
            {
                return DUPLICATE;
            }
            return index == latestIndex + 1 ? NEXT_IN_SEQUENCE : NON_SEQUENTIAL_GAP;
        }
        if (block == latestBlock + 1 && 0 == index)
        {
            return FIRST_OF_NEXT_BLOCK;
        }
        return INVALID_NEW_BLOCK;
    }

    /** @return true when the flashblock is applied. */
    public boolean applies()
    {
        return FIRST == this || NEXT_IN_SEQUENCE == this || FIRST_OF_NEXT_BLOCK == this;
    }

    /** @return true when pending state is dropped until the next index 0. */
    public boolean clears()
    {
        return NON_SEQUENTIAL_GAP == this || INVALID_NEW_BLOCK == this;
    }
}
