package io.boostj.core.builder;

import java.math.BigInteger;

/**
 * A signed transaction waiting in the {@link TransactionPool}: its bytes and what ordering needs (sender, nonce, fee
 * caps, gas), decoded once at admission. Immutable.
 */
public final class PooledTransaction
{
    final byte[] raw;
    final byte[] hash;
    final Address sender;
    final long nonce;
    final BigInteger feeCap;
    final BigInteger tipCap;
    final long gasLimit;
    final long arrival;

    PooledTransaction(final byte[] raw, final byte[] hash, final Address sender, final long nonce,
        final BigInteger feeCap, final BigInteger tipCap, final long gasLimit, final long arrival)
    {
        this.raw = raw;
        this.hash = hash;
        this.sender = sender;
        this.nonce = nonce;
        this.feeCap = feeCap;
        this.tipCap = tipCap;
        this.gasLimit = gasLimit;
        this.arrival = arrival;
    }

    /**
     * @param baseFee the block's base fee.
     * @return what the fee recipient earns per gas: min(tip cap, fee cap − base fee), negative when the fee cap is
     * below the base fee.
     */
    public BigInteger effectiveTip(final BigInteger baseFee)
    {
        return tipCap.min(feeCap.subtract(baseFee));
    }

    /** @return the raw bytes (not a copy: do not change). */
    public byte[] raw()
    {
        return raw;
    }

    /** @return the 32-byte transaction hash (not a copy). */
    public byte[] hash()
    {
        return hash;
    }

    /** @return the recovered sender. */
    public Address sender()
    {
        return sender;
    }

    /** @return the nonce. */
    public long nonce()
    {
        return nonce;
    }
}
