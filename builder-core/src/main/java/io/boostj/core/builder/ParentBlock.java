package io.boostj.core.builder;

import java.math.BigInteger;

/**
 * What a new block needs from its parent's header: hash, number, time, gas, base fee, and the EIP-1559 parameters its
 * extra data carried (Holocene: the next block's base fee uses the parent's parameters).
 */
public final class ParentBlock
{
    final byte[] hash;
    final long number;
    final long timestamp;
    final long gasLimit;
    final long gasUsed;
    final BigInteger baseFee;
    final long denominator;
    final long elasticity;

    /**
     * @param hash        32-byte block hash.
     * @param number      block number.
     * @param timestamp   seconds.
     * @param gasLimit    gas limit.
     * @param gasUsed     gas used.
     * @param baseFee     base fee per gas, wei.
     * @param denominator EIP-1559 base fee change denominator in force for its child.
     * @param elasticity  EIP-1559 elasticity multiplier in force for its child.
     */
    public ParentBlock(final byte[] hash, final long number, final long timestamp, final long gasLimit,
        final long gasUsed, final BigInteger baseFee, final long denominator, final long elasticity)
    {
        if (32 != hash.length || denominator <= 0 || elasticity <= 0)
        {
            throw new IllegalArgumentException("parent needs a 32-byte hash and positive EIP-1559 parameters");
        }
        this.hash = hash.clone();
        this.number = number;
        this.timestamp = timestamp;
        this.gasLimit = gasLimit;
        this.gasUsed = gasUsed;
        this.baseFee = baseFee;
        this.denominator = denominator;
        this.elasticity = elasticity;
    }

    /** @return gas used over gas limit (eth_feeHistory's gasUsedRatio). */
    public double gasUsedRatio()
    {
        return 0 == gasLimit ? 0 : (double)gasUsed / gasLimit;
    }

    /**
     * EIP-1559: the child's base fee from this block's gas use against its target (gas limit / elasticity), moving by
     * at most 1/denominator, at least 1 wei up when above target.
     *
     * @return the next block's base fee per gas.
     */
    public BigInteger nextBaseFee()
    {
        final long target = gasLimit / elasticity;
        if (0 == target || gasUsed == target)
        {
            return baseFee;
        }
        final BigInteger denominatorTimesTarget = BigInteger.valueOf(target).multiply(BigInteger.valueOf(denominator));
        if (gasUsed > target)
        {
            final BigInteger delta = baseFee.multiply(BigInteger.valueOf(gasUsed - target))
                .divide(denominatorTimesTarget);
            return baseFee.add(delta.max(BigInteger.ONE));
        }
        final BigInteger delta = baseFee.multiply(BigInteger.valueOf(target - gasUsed)).divide(denominatorTimesTarget);
        return baseFee.subtract(delta).max(BigInteger.ZERO);
    }
}
