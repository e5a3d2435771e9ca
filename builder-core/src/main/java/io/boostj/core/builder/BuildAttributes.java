package io.boostj.core.builder;

import java.util.List;

/**
 * op-node's payload attributes as the builder uses them: time, randao, fee recipient, gas limit, the Holocene
 * EIP-1559 parameters, the parent beacon block root, the forced transactions (deposits first) and noTxPool.
 */
public final class BuildAttributes
{
    final long timestamp;
    final byte[] prevRandao;
    final Address feeRecipient;
    final long gasLimit;
    final long denominator;
    final long elasticity;
    final byte[] parentBeaconBlockRoot;
    final List<byte[]> transactions;
    final boolean noTxPool;

    /**
     * @param timestamp             seconds.
     * @param prevRandao            32 bytes.
     * @param feeRecipient          where tips go.
     * @param gasLimit              the block's gas limit.
     * @param denominator           EIP-1559 denominator (Holocene eip1559Params, first 4 bytes).
     * @param elasticity            EIP-1559 elasticity (last 4 bytes).
     * @param parentBeaconBlockRoot 32 bytes.
     * @param transactions          raw forced transactions, in order.
     * @param noTxPool              true: only the forced transactions.
     */
    public BuildAttributes(final long timestamp, final byte[] prevRandao, final Address feeRecipient,
        final long gasLimit, final long denominator, final long elasticity, final byte[] parentBeaconBlockRoot,
        final List<byte[]> transactions, final boolean noTxPool)
    {
        if (32 != prevRandao.length || 32 != parentBeaconBlockRoot.length)
        {
            throw new IllegalArgumentException("prevRandao and parentBeaconBlockRoot are 32 bytes");
        }
        if (denominator <= 0 || elasticity <= 0 || denominator > 0xFFFF_FFFFL || elasticity > 0xFFFF_FFFFL)
        {
            throw new IllegalArgumentException("EIP-1559 parameters must be positive 32-bit values, got " +
                denominator + "/" + elasticity);
        }
        this.timestamp = timestamp;
        this.prevRandao = prevRandao.clone();
        this.feeRecipient = feeRecipient;
        this.gasLimit = gasLimit;
        this.denominator = denominator;
        this.elasticity = elasticity;
        this.parentBeaconBlockRoot = parentBeaconBlockRoot.clone();
        this.transactions = List.copyOf(transactions);
        this.noTxPool = noTxPool;
    }

    /** @return whether only the forced transactions may go in. */
    public boolean noTxPool()
    {
        return noTxPool;
    }
}
