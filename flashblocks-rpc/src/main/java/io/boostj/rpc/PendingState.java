package io.boostj.rpc;

import java.util.List;

/**
 * Everything pending at one moment: the pending blocks ahead of (or not yet pruned behind) the canonical chain,
 * oldest first. Immutable; the processor publishes a new one per change.
 *
 * @param blocks      pending blocks, consecutive numbers, oldest first; empty when nothing is pending.
 * @param sequence    increases with every published state (0 for the initial empty state).
 */
public record PendingState(List<PendingBlock> blocks, long sequence)
{
    /** Nothing pending. */
    public static final PendingState EMPTY = new PendingState(List.of(), 0);

    /** A transaction found in pending state. */
    public record Located(PendingBlock block, int index)
    {
        /** @return the transaction. */
        public PendingTransaction transaction()
        {
            return block.transactions().get(index);
        }
    }

    /** @return true when nothing is pending. */
    public boolean isEmpty()
    {
        return blocks.isEmpty();
    }

    /** @return the newest pending block, or null. */
    public PendingBlock latest()
    {
        return blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
    }

    /** @return number of the oldest pending block, -1 when none. */
    public long earliestNumber()
    {
        return blocks.isEmpty() ? -1 : blocks.get(0).number();
    }

    /** @return number of the newest pending block, -1 when none. */
    public long latestNumber()
    {
        return blocks.isEmpty() ? -1 : latest().number();
    }

    /**
     * @param number a block number.
     * @return the pending block with that number, or null.
     */
    public PendingBlock block(final long number)
    {
        if (blocks.isEmpty() || number < earliestNumber() || number > latestNumber())
        {
            return null;
        }
        return blocks.get((int)(number - earliestNumber()));
    }

    /**
     * @param hash a lower-case transaction hash.
     * @return where it is pending, newest block first, or null.
     */
    public Located find(final String hash)
    {
        for (int b = blocks.size() - 1; b >= 0; b--)
        {
            final Integer i = blocks.get(b).indexByHash().get(hash);
            if (null != i)
            {
                return new Located(blocks.get(b), i);
            }
        }
        return null;
    }

    /**
     * @param address a lower-case address.
     * @return its balance after the newest pending flashblock that reported it, or null if none did.
     */
    public String balance(final String address)
    {
        for (int b = blocks.size() - 1; b >= 0; b--)
        {
            final String v = blocks.get(b).balances().get(address);
            if (null != v)
            {
                return v;
            }
        }
        return null;
    }

    /** @return false when some pending flashblock carried no balances (degraded feed). */
    public boolean balancesComplete()
    {
        for (final PendingBlock b : blocks)
        {
            if (!b.balancesComplete())
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @param address a lower-case address.
     * @return true if a pending transaction is from or to it.
     */
    public boolean touches(final String address)
    {
        for (final PendingBlock b : blocks)
        {
            for (final PendingTransaction tx : b.transactions())
            {
                if (address.equals(tx.from()) || address.equals(tx.to()))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @param sender a lower-case address.
     * @return pending transactions sent by it (deposits included: they advance the nonce too).
     */
    public int countFrom(final String sender)
    {
        int n = 0;
        for (final PendingBlock b : blocks)
        {
            for (final PendingTransaction tx : b.transactions())
            {
                if (sender.equals(tx.from()))
                {
                    n++;
                }
            }
        }
        return n;
    }
}
