package io.boostj.core.builder;

import java.math.BigInteger;

/**
 * What executing one transaction did; reused by {@link TransferExecutor} for every transaction (copy what you keep).
 */
public final class ExecutionResult
{
    int type;
    Address sender;
    boolean success;
    long gasUsed;
    BigInteger effectiveGasPrice = BigInteger.ZERO;
    long depositNonce = -1;
    String error;

    void reset()
    {
        type = 0;
        sender = null;
        success = false;
        gasUsed = 0;
        effectiveGasPrice = BigInteger.ZERO;
        depositNonce = -1;
        error = null;
    }

    /** @return the transaction type (0, 1, 2 or 0x7E). */
    public int type()
    {
        return type;
    }

    /** @return the sender (recovered, or a deposit's {@code from}). */
    public Address sender()
    {
        return sender;
    }

    /** @return the receipt status: true unless an included transaction failed (a deposit whose value was short). */
    public boolean success()
    {
        return success;
    }

    /** @return gas the transaction used (what the block's gas and the receipt's cumulative gas count). */
    public long gasUsed()
    {
        return gasUsed;
    }

    /** @return wei per gas the sender paid (0 for deposits). */
    public BigInteger effectiveGasPrice()
    {
        return effectiveGasPrice;
    }

    /** @return a deposit's nonce (the sender's nonce before it), -1 for other transactions. */
    public long depositNonce()
    {
        return depositNonce;
    }

    /** @return why the transaction was not included, or why an included deposit failed; null otherwise. */
    public String error()
    {
        return error;
    }
}
