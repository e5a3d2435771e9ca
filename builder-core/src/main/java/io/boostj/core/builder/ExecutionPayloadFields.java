package io.boostj.core.builder;

import java.math.BigInteger;
import java.util.List;

/**
 * The fields of an {@code engine_newPayload} payload the node re-executes and compares, already parsed from JSON by
 * the I/O layer.
 */
public final class ExecutionPayloadFields
{
    final byte[] parentHash;
    final Address feeRecipient;
    final byte[] stateRoot;
    final byte[] receiptsRoot;
    final byte[] prevRandao;
    final long number;
    final long gasLimit;
    final long gasUsed;
    final long timestamp;
    final byte[] extraData;
    final BigInteger baseFee;
    final byte[] blockHash;
    final List<byte[]> transactions;
    final byte[] parentBeaconBlockRoot;

    /**
     * @param parentHash            32 bytes.
     * @param feeRecipient          the fee recipient.
     * @param stateRoot             32 bytes.
     * @param receiptsRoot          32 bytes.
     * @param prevRandao            32 bytes.
     * @param number                block number.
     * @param gasLimit              gas limit.
     * @param gasUsed               gas used.
     * @param timestamp             seconds.
     * @param extraData             extra data bytes.
     * @param baseFee               base fee per gas.
     * @param blockHash             32 bytes, as claimed.
     * @param transactions          raw transactions in order.
     * @param parentBeaconBlockRoot 32 bytes (newPayload's third param).
     */
    public ExecutionPayloadFields(final byte[] parentHash, final Address feeRecipient, final byte[] stateRoot,
        final byte[] receiptsRoot, final byte[] prevRandao, final long number, final long gasLimit, final long gasUsed,
        final long timestamp, final byte[] extraData, final BigInteger baseFee, final byte[] blockHash,
        final List<byte[]> transactions, final byte[] parentBeaconBlockRoot)
    {
        this.parentHash = parentHash;
        this.feeRecipient = feeRecipient;
        this.stateRoot = stateRoot;
        this.receiptsRoot = receiptsRoot;
        this.prevRandao = prevRandao;
        this.number = number;
        this.gasLimit = gasLimit;
        this.gasUsed = gasUsed;
        this.timestamp = timestamp;
        this.extraData = extraData;
        this.baseFee = baseFee;
        this.blockHash = blockHash;
        this.transactions = List.copyOf(transactions);
        this.parentBeaconBlockRoot = parentBeaconBlockRoot;
    }
}
