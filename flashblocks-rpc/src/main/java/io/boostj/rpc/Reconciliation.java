package io.boostj.rpc;

import java.util.List;

/**
 * What a new canonical block does to pending state (node-reth's reconciliation, reference §5.1, in priority order).
 */
public enum Reconciliation
{
    /** Nothing pending. */
    SKIP,
    /** The canonical chain reached the latest pending block: pending state is cleared. */
    CATCH_UP,
    /** The canonical block has other transactions than the pending block of that number: cleared. */
    REORG,
    /** The canonical chain is more than the allowed depth past the earliest pending block: cleared. */
    DEPTH_LIMIT_EXCEEDED,
    /** Pending state stays. */
    CONTINUE;

    /**
     * @param earliestPending     number of the earliest pending block, -1 when nothing is pending.
     * @param latestPending       number of the latest pending block.
     * @param canonicalNumber     the new canonical block's number.
     * @param pendingTxHashes     transaction hashes of the pending block with that number, null if there is none.
     * @param canonicalTxHashes   the canonical block's transaction hashes.
     * @param maxPendingDepth     {@code --max-pending-blocks-depth}.
     * @return the decision.
     */
    public static Reconciliation classify(
        final long earliestPending,
        final long latestPending,
        final long canonicalNumber,
        final List<String> pendingTxHashes,
        final List<String> canonicalTxHashes,
        final int maxPendingDepth)
    {
        if (earliestPending < 0)
        {
            return SKIP;
        }
        if (latestPending <= canonicalNumber)
        {
            return CATCH_UP;
        }
        if (null != pendingTxHashes && !pendingTxHashes.equals(canonicalTxHashes))
        {
            return REORG;
        }
        if (canonicalNumber - earliestPending > maxPendingDepth)
        {
            return DEPTH_LIMIT_EXCEEDED;
        }
        return CONTINUE;
    }
}
