package io.boostj.core.builder;

import org.agrona.DirectBuffer;

import java.math.BigInteger;

/**
 * What the block builder needs from an executor: check one transaction against a state and, if it can be included,
 * apply it and describe its receipt. {@link TransferExecutor} runs value transfers and OP deposits; an EVM can take its
 * place behind this interface ({@link PayloadBuilder#PayloadBuilder(TransactionExecutor)}). Implementations are
 * deterministic and single-threaded.
 */
public interface TransactionExecutor
{
    /** Included: the state was changed and {@link ExecutionResult} describes the receipt. */
    int INCLUDED = 0;
    /** Not includable: the raw bytes are not a well-formed transaction. */
    int MALFORMED = -1;
    /** Not includable now: the transaction type or its action is not supported by this executor. */
    int UNSUPPORTED = -2;
    /** Not includable: chain id, signature, fee caps or intrinsic gas are wrong. */
    int INVALID = -3;
    /** Not includable now: its nonce is above the sender's (it may become includable). */
    int NONCE_GAP = -4;
    /** Never includable: its nonce is below the sender's. */
    int NONCE_USED = -5;
    /** Not includable now: the sender cannot pay gas limit × fee cap + value. */
    int INSUFFICIENT_FUNDS = -6;
    /** Not includable in this block: its gas limit exceeds the block's remaining gas. */
    int BLOCK_FULL = -7;
    /** Not includable in this block: its fee cap is below the block's base fee. */
    int FEE_TOO_LOW = -8;

    /**
     * Checks one transaction and, if it can be included, applies it to {@code state}.
     *
     * @param raw          holding the raw transaction (typed envelope or legacy RLP).
     * @param offset       where it starts.
     * @param length       its length.
     * @param baseFee      the block's base fee per gas, wei.
     * @param feeRecipient the block's fee recipient (the tip goes there).
     * @param gasRemaining gas still available in the block.
     * @param state        the state to change (unchanged unless {@link #INCLUDED}).
     * @return {@link #INCLUDED} or a negative reason ({@link ExecutionResult#error()} says more).
     */
    int tryExecute(DirectBuffer raw, int offset, int length, BigInteger baseFee, Address feeRecipient,
        long gasRemaining, WorldState state);

    /**
     * @return the result of the last {@link #tryExecute} call (reused: copy what you keep).
     */
    ExecutionResult result();
}
