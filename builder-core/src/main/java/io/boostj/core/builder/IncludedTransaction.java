package io.boostj.core.builder;

import java.math.BigInteger;

/**
 * One transaction of a built or validated block: what its receipt and {@code eth_getTransactionReceipt} report.
 * Immutable.
 */
public final class IncludedTransaction
{
    private final byte[] hash;
    private final Address sender;
    private final int type;
    private final boolean success;
    private final long gasUsed;
    private final long cumulativeGasUsed;
    private final BigInteger effectiveGasPrice;
    private final long depositNonce;
    private final int index;

    IncludedTransaction(final byte[] hash, final Address sender, final int type, final boolean success,
        final long gasUsed, final long cumulativeGasUsed, final BigInteger effectiveGasPrice, final long depositNonce,
        final int index)
    {
        this.hash = hash;
        this.sender = sender;
        this.type = type;
        this.success = success;
        this.gasUsed = gasUsed;
        this.cumulativeGasUsed = cumulativeGasUsed;
        this.effectiveGasPrice = effectiveGasPrice;
        this.depositNonce = depositNonce;
        this.index = index;
    }

    /** @return the 32-byte transaction hash (a copy). */
    public byte[] hash()
    {
        return hash.clone();
    }

    /** @return the sender. */
    public Address sender()
    {
        return sender;
    }

    /** @return the transaction type. */
    public int type()
    {
        return type;
    }

    /** @return the receipt status. */
    public boolean success()
    {
        return success;
    }

    /** @return gas it used. */
    public long gasUsed()
    {
        return gasUsed;
    }

    /** @return the block's gas up to and including it. */
    public long cumulativeGasUsed()
    {
        return cumulativeGasUsed;
    }

    /** @return wei per gas paid (0 for deposits). */
    public BigInteger effectiveGasPrice()
    {
        return effectiveGasPrice;
    }

    /** @return a deposit's nonce, -1 otherwise. */
    public long depositNonce()
    {
        return depositNonce;
    }

    /** @return its position in the block. */
    public int index()
    {
        return index;
    }
}
