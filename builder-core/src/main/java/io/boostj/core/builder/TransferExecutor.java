package io.boostj.core.builder;

import io.boostj.codecs.eth.SenderRecovery;
import io.boostj.codecs.eth.TransactionDecoder;
import io.boostj.codecs.rlp.RlpReader;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.math.BigInteger;

/**
 * Executes value transfers against a {@link WorldState}: signed legacy (EIP-155 or not), EIP-2930 and EIP-1559
 * transactions and OP deposits. It checks what a client checks before including a transaction (chain id, signature
 * and sender, nonce, fee caps against the base fee, intrinsic gas with EIP-7623's floor, funds for the whole gas limit
 * at the fee cap plus the value, the block's remaining gas) and then moves the value and the fees. The executor runs
 * no EVM code: a transaction that creates a contract or calls an account with code is refused with a clear error, as
 * are blob (0x03) and set-code (0x04) transactions; a full EVM can replace this class behind the same calls.
 * <p>
 * A transfer to an account without code uses exactly its intrinsic gas (or the calldata floor): the call itself runs
 * nothing. A deposit mints first, then transfers; if the value exceeds the balance the deposit is still included,
 * failed, its mint and nonce kept (OP deposit semantics). Deposits pay no fees.
 * <p>
 * Deterministic and single-threaded (reuses its decoder and result).
 */
public final class TransferExecutor implements TransactionExecutor
{
    private static final long TX_GAS = 21_000;
    private static final long ZERO_BYTE_GAS = 4;
    private static final long NONZERO_BYTE_GAS = 16;
    private static final long ACCESS_LIST_ADDRESS_GAS = 2_400;
    private static final long ACCESS_LIST_KEY_GAS = 1_900;
    private static final long FLOOR_GAS_PER_TOKEN = 10;

    private final ChainRules rules;
    private final TransactionDecoder tx = new TransactionDecoder();
    private final SenderCache senders;
    private final RlpReader rlp = new RlpReader();
    private final UnsafeBuffer sender = new UnsafeBuffer(new byte[Address.LENGTH]);
    private final ExecutionResult result = new ExecutionResult();

    /**
     * @param rules the chain's rules.
     */
    public TransferExecutor(final ChainRules rules)
    {
        this(rules, new SenderCache(0));
    }

    /**
     * @param rules   the chain's rules.
     * @param senders where recovered senders are remembered (shared with the pool).
     */
    public TransferExecutor(final ChainRules rules, final SenderCache senders)
    {
        this.rules = rules;
        this.senders = senders;
    }

    /**
     * @return the result of the last {@link #tryExecute} call.
     */
    @Override
    public ExecutionResult result()
    {
        return result;
    }

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
    @Override
    public int tryExecute(
        final DirectBuffer raw, final int offset, final int length, final BigInteger baseFee, final Address feeRecipient,
        final long gasRemaining, final WorldState state)
    {
        result.reset();
        if (TransactionDecoder.OK != tx.tryWrap(raw, offset, length))
        {
            return fail(MALFORMED, "malformed transaction: " + tx.errorReason());
        }
        result.type = tx.type();
        if (tx.isDeposit())
        {
            return rules.isOpStack() ? deposit(gasRemaining, state) :
                fail(UNSUPPORTED, "deposit transactions exist only on OP Stack chains");
        }
        if (TransactionDecoder.TYPE_BLOB == tx.type() || TransactionDecoder.TYPE_SET_CODE == tx.type())
        {
            return fail(UNSUPPORTED, (TransactionDecoder.TYPE_BLOB == tx.type() ? "blob" : "set-code (EIP-7702)") +
                " transactions are not supported by this executor");
        }
        if (tx.hasChainId() ? tx.chainId() != rules.chainId() : false)
        {
            return fail(INVALID, "chain id " + tx.chainId() + " is not this chain's " + rules.chainId());
        }
        if (!tx.hasTo())
        {
            return fail(UNSUPPORTED, "contract creation is not supported: this executor runs no EVM code");
        }
        final Address to = Address.of(bytes(tx.toOffset(), Address.LENGTH));
        if (state.account(to).hasCode())
        {
            return fail(UNSUPPORTED, "calls to contract " + to + " are not supported: this executor runs no EVM code");
        }
        final int recovered = senders.tryRecoverSender(tx, sender, 0);
        if (SenderRecovery.ADDRESS_LENGTH != recovered)
        {
            return fail(INVALID, "invalid signature: " + SenderRecovery.describe(recovered));
        }
        final Address from = Address.of(sender.byteArray());
        result.sender = from;
        final long intrinsic = intrinsicGas();
        if (intrinsic < 0)
        {
            return fail(MALFORMED, "malformed access list");
        }
        final long gasUsed = rules.calldataFloor() ? Math.max(intrinsic, floorGas()) : intrinsic;
        if (tx.gasLimit() < gasUsed)
        {
            return fail(INVALID, "gas limit " + tx.gasLimit() + " below the intrinsic gas " + gasUsed);
        }
        if (tx.gasLimit() > gasRemaining)
        {
            return fail(BLOCK_FULL, "gas limit " + tx.gasLimit() + " exceeds the block's remaining " + gasRemaining);
        }

        final BigInteger feeCap;
        final BigInteger tipCap;
        if (TransactionDecoder.TYPE_DYNAMIC_FEE == tx.type())
        {
            feeCap = unsigned(tx.maxFeePerGasOffset(), tx.maxFeePerGasLength());
            tipCap = unsigned(tx.maxPriorityFeePerGasOffset(), tx.maxPriorityFeePerGasLength());
            if (tipCap.compareTo(feeCap) > 0)
            {
                return fail(INVALID, "max priority fee " + tipCap + " above max fee " + feeCap);
            }
        }
        else
        {
            feeCap = unsigned(tx.gasPriceOffset(), tx.gasPriceLength());
            tipCap = feeCap;
        }
        if (feeCap.compareTo(baseFee) < 0)
        {
            return fail(FEE_TOO_LOW, "fee cap " + feeCap + " below the base fee " + baseFee);
        }

        final Account sent = state.account(from);
        if (sent.hasCode())
        {
            return fail(INVALID, "sender " + from + " has code (EIP-3607)");
        }
        final int nonceOrder = Long.compareUnsigned(tx.nonce(), sent.nonce());
        if (nonceOrder < 0)
        {
            return fail(NONCE_USED, "nonce " + Long.toUnsignedString(tx.nonce()) + " already used (account at " +
                Long.toUnsignedString(sent.nonce()) + ")");
        }
        if (nonceOrder > 0)
        {
            return fail(NONCE_GAP, "nonce " + Long.toUnsignedString(tx.nonce()) + " ahead of the account's " +
                Long.toUnsignedString(sent.nonce()));
        }
        final BigInteger value = unsigned(tx.valueOffset(), tx.valueLength());
        final BigInteger upfront = feeCap.multiply(BigInteger.valueOf(tx.gasLimit())).add(value);
        if (sent.balance().compareTo(upfront) < 0)
        {
            return fail(INSUFFICIENT_FUNDS, "balance " + sent.balance() + " below gas limit × fee cap + value " +
                upfront);
        }

        final BigInteger tip = tipCap.min(feeCap.subtract(baseFee));
        final BigInteger price = baseFee.add(tip);
        final BigInteger gas = BigInteger.valueOf(gasUsed);
        state.put(from, sent.balance(sent.balance().subtract(price.multiply(gas)).subtract(value)).incrementNonce());
        credit(state, to, value);
        credit(state, feeRecipient, tip.multiply(gas));
        if (rules.isOpStack())
        {
            credit(state, ChainRules.OP_BASE_FEE_VAULT, baseFee.multiply(gas));
        }
        result.success = true;
        result.gasUsed = gasUsed;
        result.effectiveGasPrice = price;
        return INCLUDED;
    }

    private int deposit(final long gasRemaining, final WorldState state)
    {
        final Address from = Address.of(bytes(tx.fromOffset(), Address.LENGTH));
        result.sender = from;
        if (tx.isSystemTx())
        {
            return fail(INVALID, "system deposits were removed by Regolith");
        }
        if (!tx.hasTo())
        {
            return fail(UNSUPPORTED, "contract-creating deposits are not supported: this executor runs no EVM code");
        }
        final Address to = Address.of(bytes(tx.toOffset(), Address.LENGTH));
        if (tx.gasLimit() > gasRemaining)
        {
            return fail(BLOCK_FULL, "deposit gas " + tx.gasLimit() + " exceeds the block's remaining " + gasRemaining);
        }
        final long intrinsic = intrinsicGas();
        final Account before = state.account(from);
        result.depositNonce = before.nonce();
        final BigInteger minted = before.balance().add(unsigned(tx.mintOffset(), tx.mintLength()));
        final BigInteger value = unsigned(tx.valueOffset(), tx.valueLength());
        // A deposit is always included; one that cannot run (too little gas, too little balance, a contract target)
        // keeps its mint and nonce and fails, using its whole gas limit.
        String failure = null;
        if (intrinsic < 0 || tx.gasLimit() < intrinsic)
        {
            failure = "deposit gas limit below its intrinsic gas";
        }
        else if (state.account(to).hasCode())
        {
            failure = "deposit to contract " + to + ": this executor runs no EVM code";
        }
        else if (minted.compareTo(value) < 0)
        {
            failure = "deposit value " + value + " exceeds the balance " + minted;
        }
        if (null != failure)
        {
            state.put(from, before.balance(minted).incrementNonce());
            result.success = false;
            result.gasUsed = tx.gasLimit();
            result.error = failure;
            return INCLUDED;
        }
        state.put(from, before.balance(minted.subtract(value)).incrementNonce());
        credit(state, to, value);
        result.success = true;
        result.gasUsed = intrinsic;
        return INCLUDED;
    }

    private static void credit(final WorldState state, final Address to, final BigInteger amount)
    {
        final Account account = state.account(to);
        if (amount.signum() > 0 || !account.isEmpty())
        {
            state.put(to, account.balance(account.balance().add(amount)));
        }
    }

    /**
     * 21,000 + 4 per zero and 16 per non-zero data byte + 2,400 per access list address + 1,900 per storage key.
     *
     * @return the gas, or -1 if the access list is malformed.
     */
    private long intrinsicGas()
    {
        long gas = TX_GAS;
        final DirectBuffer buffer = tx.buffer();
        final int dataStart = tx.dataOffset();
        final int dataEnd = dataStart + tx.dataLength();
        for (int i = dataStart; i < dataEnd; i++)
        {
            gas += 0 == buffer.getByte(i) ? ZERO_BYTE_GAS : NONZERO_BYTE_GAS;
        }
        if (tx.accessListOffset() >= 0)
        {
            rlp.wrap(buffer);
            final int end = tx.accessListOffset() + tx.accessListLength();
            int p = tx.accessListOffset();
            while (p < end)
            {
                final int next = rlp.tryReadList(p, end);
                if (next < 0)
                {
                    return -1;
                }
                final int entryEnd = rlp.payloadOffset() + rlp.payloadLength();
                final int keys = rlp.tryReadString(rlp.payloadOffset(), entryEnd);
                if (keys < 0 || rlp.tryReadList(keys, entryEnd) != entryEnd || rlp.payloadLength() % 33 != 0)
                {
                    return -1;
                }
                gas += ACCESS_LIST_ADDRESS_GAS + ACCESS_LIST_KEY_GAS * (rlp.payloadLength() / 33);
                p = next;
            }
        }
        return gas;
    }

    /** EIP-7623: 21,000 + 10 per token, a token being a zero byte or a quarter of a non-zero one. */
    /**
     * The gas a transfer without an access list uses: its intrinsic gas, or EIP-7623's calldata floor when that is
     * higher and applies.
     *
     * @param data          the call data.
     * @param calldataFloor whether EIP-7623 applies.
     * @return gas.
     */
    public static long transferGas(final byte[] data, final boolean calldataFloor)
    {
        long gas = TX_GAS;
        long tokens = 0;
        for (final byte b : data)
        {
            gas += 0 == b ? ZERO_BYTE_GAS : NONZERO_BYTE_GAS;
            tokens += 0 == b ? 1 : 4;
        }
        return calldataFloor ? Math.max(gas, TX_GAS + FLOOR_GAS_PER_TOKEN * tokens) : gas;
    }

    private long floorGas()
    {
        long tokens = 0;
        final DirectBuffer buffer = tx.buffer();
        final int dataStart = tx.dataOffset();
        final int dataEnd = dataStart + tx.dataLength();
        for (int i = dataStart; i < dataEnd; i++)
        {
            tokens += 0 == buffer.getByte(i) ? 1 : 4;
        }
        return TX_GAS + FLOOR_GAS_PER_TOKEN * tokens;
    }

    private byte[] bytes(final int offset, final int length)
    {
        final byte[] out = new byte[length];
        tx.buffer().getBytes(offset, out);
        return out;
    }

    private BigInteger unsigned(final int offset, final int length)
    {
        return length <= 0 || offset < 0 ? BigInteger.ZERO : new BigInteger(1, bytes(offset, length));
    }

    private int fail(final int code, final String why)
    {
        result.error = why;
        return code;
    }
}
