package io.boostj.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;

/**
 * One transaction of a pending block, decoded and with its sender recovered once, when its flashblock was applied.
 *
 * @param hash         0x-prefixed transaction hash, lower case.
 * @param from         the recovered sender (the {@code from} field for deposits).
 * @param to           the recipient, null for a contract creation.
 * @param nonce        the sender nonce (0 for deposits: their nonce is in the receipt).
 * @param deposit      true for an OP deposit (type 0x7e).
 * @param gasPrice     legacy/EIP-2930 gas price, null for EIP-1559-style and deposits.
 * @param maxFeePerGas EIP-1559 fee cap, null otherwise.
 * @param maxPriorityFeePerGas EIP-1559 tip cap, null otherwise.
 * @param json         the transaction object without block fields (blockHash, blockNumber, transactionIndex):
 *                     shared, copy before adding to it.
 * @param raw          the EIP-2718 bytes (for the transactions root); do not modify.
 */
public record PendingTransaction(
    String hash,
    String from,
    String to,
    long nonce,
    boolean deposit,
    BigInteger gasPrice,
    BigInteger maxFeePerGas,
    BigInteger maxPriorityFeePerGas,
    ObjectNode json,
    byte[] raw)
{
    /**
     * @param baseFeePerGas the block's base fee.
     * @return the price per gas the sender paid.
     */
    public BigInteger effectiveGasPrice(final BigInteger baseFeePerGas)
    {
        if (null != gasPrice)
        {
            return gasPrice;
        }
        if (null != maxFeePerGas)
        {
            return maxFeePerGas.min(baseFeePerGas.add(maxPriorityFeePerGas));
        }
        return BigInteger.ZERO;
    }
}
