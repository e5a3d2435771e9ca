package io.boostj.core.builder;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The builder as an execution client, deterministic and single-threaded (the I/O layer calls it from one thread and
 * gives it time only through the attributes): a chain of known blocks from a genesis, a head, a transaction pool,
 * and at most one payload round in progress.
 * <ul>
 *     <li>{@link #forkchoiceUpdated}: moves the head to a known block (SYNCING for an unknown one) and prunes the
 *     pool; with attributes, starts a round on that head, forced transactions first, and returns its payload id. A
 *     round on another parent is discarded.</li>
 *     <li>{@link #tick}: the flashblock loop's step: fill the round from the pool by tip, cut the next
 *     flashblock.</li>
 *     <li>{@link #getPayload}: flushes what is not yet in a flashblock, seals, stores the block (not the head until an
 *     FCU says so).</li>
 *     <li>{@link #newPayload}: re-executes a block built elsewhere on its parent's state and answers VALID only if its
 *     base fee, gas used, state root, receipts root and block hash all match.</li>
 * </ul>
 */
public final class BuilderNode
{
    /** Engine API status strings. */
    public static final String VALID = "VALID";
    /** The block's parent (or the FCU's head) is not known. */
    public static final String SYNCING = "SYNCING";
    /** The block does not re-execute to what it claims. */
    public static final String INVALID = "INVALID";

    private static final long MIN_TRANSACTION_GAS = 21_000;
    private static final long PAYLOAD_ID_VERSION = 0x03L << 56;

    private final ChainRules rules;
    private final Map<String, StoredBlock> blocks = new HashMap<>();
    private final Map<Long, StoredBlock> canonical = new HashMap<>();
    private final Map<String, List<StoredBlock>> blocksByTransaction = new HashMap<>();
    private final TransactionPool pool;
    private final PayloadBuilder round;
    private final PayloadBuilder validator;
    private StoredBlock head;
    private long roundPayloadId;
    private boolean roundActive;
    private StoredBlock sealed;
    private long payloadIds;
    private BuilderTransaction builderTransaction;
    private String builderTransactionError;

    /**
     * @param rules           the chain's rules.
     * @param genesis         the genesis block (its state is the alloc).
     * @param maxTransactions pool capacity.
     * @param maxPerSender    pool capacity per sender.
     */
    public BuilderNode(final ChainRules rules, final StoredBlock genesis, final int maxTransactions,
        final int maxPerSender)
    {
        this.rules = rules;
        this.pool = new TransactionPool(rules, maxTransactions, maxPerSender);
        this.round = new PayloadBuilder(rules);
        this.validator = new PayloadBuilder(rules);
        blocks.put(genesis.hashHex(), genesis);
        head = genesis;
        canonical.put(0L, genesis);
    }

    /**
     * Builds block 0 from an alloc.
     *
     * @param rules     the chain's rules.
     * @param alloc     the accounts at genesis.
     * @param timestamp genesis time, seconds.
     * @param gasLimit  genesis gas limit.
     * @param baseFee   genesis base fee per gas.
     * @return the genesis block.
     */
    public static StoredBlock genesis(final ChainRules rules, final Map<Address, Account> alloc, final long timestamp,
        final long gasLimit, final BigInteger baseFee)
    {
        final WorldState state = new WorldState();
        alloc.forEach(state::put);
        final long elasticity = 6;
        final ParentBlock none = new ParentBlock(new byte[32], -1, timestamp, gasLimit, gasLimit / elasticity, baseFee,
            250, elasticity);
        final BuildAttributes attributes = new BuildAttributes(timestamp, new byte[32],
            Address.of(new byte[Address.LENGTH]), gasLimit, 250, elasticity, new byte[32], List.of(), true);
        final PayloadBuilder builder = new PayloadBuilder(rules);
        builder.start(none, attributes, state);
        return new StoredBlock(builder.blockHash(), new byte[32], 0, builder.asParent(), builder.state().copy(),
            builder.executionPayloadJson(), new byte[32], List.of(), List.of());
    }

    /**
     * The outcome of a forkchoice update: status, the head's hash, and the payload id when a round started.
     */
    public static final class ForkchoiceResult
    {
        /** VALID or SYNCING. */
        public final String status;
        /** The payload id, or -1. */
        public final long payloadId;
        /** Why a round did not start, or null. */
        public final String error;
        /** The head's hash when VALID, else null. */
        public final String latestValidHash;

        ForkchoiceResult(final String status, final long payloadId, final String error, final String latestValidHash)
        {
            this.status = status;
            this.payloadId = payloadId;
            this.error = error;
            this.latestValidHash = latestValidHash;
        }
    }

    /**
     * @param headHash   0x hex hash of the new head.
     * @param attributes payload attributes, or null.
     * @return the result.
     */
    public ForkchoiceResult forkchoiceUpdated(final String headHash, final BuildAttributes attributes)
    {
        final StoredBlock newHead = blocks.get(headHash.toLowerCase(java.util.Locale.ROOT));
        if (null == newHead)
        {
            return new ForkchoiceResult(SYNCING, -1, "unknown head " + headHash, null);
        }
        if (newHead != head)
        {
            head = newHead;
            for (StoredBlock b = newHead; null != b && canonical.get(b.number()) != b;
                b = blocks.get(b.parentHashHex()))
            {
                canonical.put(b.number(), b);
            }
            canonical.keySet().removeIf(n -> n > newHead.number());
            pool.prune(a -> newHead.state().account(a).nonce());
            if (roundActive && null == sealed && !round.parentHashHex().equals(newHead.hashHex()))
            {
                roundActive = false;
            }
        }
        final String headHex = head.hashHex();
        if (null == attributes)
        {
            return new ForkchoiceResult(VALID, -1, null, headHex);
        }
        roundActive = false;
        sealed = null;
        if (PayloadBuilder.STARTED != round.start(head.asParent(), attributes, head.state()))
        {
            return new ForkchoiceResult(VALID, -1, round.error(), headHex);
        }
        addBuilderTransaction();
        roundActive = true;
        roundPayloadId = PAYLOAD_ID_VERSION | (++payloadIds & 0x00FF_FFFF_FFFF_FFFFL);
        return new ForkchoiceResult(VALID, roundPayloadId, null, headHex);
    }

    private void addBuilderTransaction()
    {
        builderTransactionError = null;
        if (null == builderTransaction || round.noTxPool())
        {
            return;
        }
        final long nonce = round.state().account(builderTransaction.address()).nonce();
        final byte[] raw = builderTransaction.sign(round.blockNumber(), nonce, round.baseFee());
        if (TransferExecutor.INCLUDED != round.tryAdd(raw))
        {
            builderTransactionError = "builder transaction of " + builderTransaction.address() + " refused: " +
                round.error();
        }
    }

    /**
     * Sets op-rbuilder's builder transaction: every round started with the pool allowed gets one, right after the
     * forced transactions ({@link BuilderTransaction}).
     *
     * @param secretKey the builder account's 32-byte key, or null for none.
     * @return this.
     */
    public BuilderNode builderSecretKey(final byte[] secretKey)
    {
        builderTransaction = null == secretKey ? null : new BuilderTransaction(secretKey, rules);
        return this;
    }

    /** @return why the last round has no builder transaction although one is configured, or null. */
    public String builderTransactionError()
    {
        return builderTransactionError;
    }

    /**
     * One step of the flashblock loop.
     *
     * @return the next flashblock's JSON, or null when no round is in progress or it is sealed.
     */
    public byte[] tick()
    {
        if (!roundActive || null != sealed)
        {
            return null;
        }
        fill();
        return round.nextFlashblock(roundPayloadId);
    }

    private void fill()
    {
        if (round.noTxPool())
        {
            return;
        }
        for (final PooledTransaction t : pool.orderFor(round.baseFee(), a -> round.state().account(a).nonce()))
        {
            if (round.gasRemaining() < MIN_TRANSACTION_GAS)
            {
                break;
            }
            round.tryAdd(t.raw());
        }
    }

    /**
     * What getPayload returns: the sealed block, the flashblock cut to flush it (or null), and the fee recipient's
     * revenue.
     */
    public static final class SealedPayload
    {
        /** The sealed block (stored, not yet the head). */
        public final StoredBlock block;
        /** A last flashblock with transactions not yet flushed, or null. */
        public final byte[] finalFlashblock;
        /** Tips the block pays its fee recipient, wei. */
        public final BigInteger revenueWei;

        SealedPayload(final StoredBlock block, final byte[] finalFlashblock, final BigInteger revenueWei)
        {
            this.block = block;
            this.finalFlashblock = finalFlashblock;
            this.revenueWei = revenueWei;
        }
    }

    /**
     * @param payloadId the id from {@link #forkchoiceUpdated}.
     * @return the sealed payload, or null for an unknown id.
     */
    public SealedPayload getPayload(final long payloadId)
    {
        if (!roundActive || payloadId != roundPayloadId)
        {
            return null;
        }
        byte[] last = null;
        if (null == sealed)
        {
            fill();
            if (round.hasUnflushed())
            {
                last = round.nextFlashblock(roundPayloadId);
            }
            sealed = store(round, round.executionPayloadJson());
        }
        BigInteger revenue = BigInteger.ZERO;
        for (final IncludedTransaction t : sealed.transactions())
        {
            revenue = revenue.add(t.effectiveGasPrice().subtract(round.baseFee()).max(BigInteger.ZERO)
                .multiply(BigInteger.valueOf(t.gasUsed())));
        }
        return new SealedPayload(sealed, last, revenue);
    }

    private StoredBlock store(final PayloadBuilder b, final String payloadJson)
    {
        final ParentBlock asParent = b.asParent();
        final StoredBlock block = new StoredBlock(asParent.hash, b.parentHash(), b.blockNumber(), asParent,
            b.state().copy(), payloadJson, b.parentBeaconBlockRoot(), new ArrayList<>(b.included()),
            new ArrayList<>(b.transactions()));
        blocks.put(block.hashHex(), block);
        for (final IncludedTransaction t : block.transactions())
        {
            blocksByTransaction.computeIfAbsent(PayloadBuilder.hex(t.hash()), h -> new ArrayList<>(1)).add(block);
        }
        return block;
    }

    /**
     * The outcome of a newPayload: status, latest valid hash, and why it is invalid.
     */
    public static final class PayloadStatus
    {
        /** VALID, INVALID or SYNCING. */
        public final String status;
        /** The block's hash when VALID, its parent's when INVALID, null when SYNCING. */
        public final String latestValidHash;
        /** What did not match, or null. */
        public final String validationError;

        PayloadStatus(final String status, final String latestValidHash, final String validationError)
        {
            this.status = status;
            this.latestValidHash = latestValidHash;
            this.validationError = validationError;
        }
    }

    /**
     * @param payload the payload's fields.
     * @return VALID (and the block stored), INVALID with the first mismatch, or SYNCING for an unknown parent.
     */
    public PayloadStatus newPayload(final ExecutionPayloadFields payload)
    {
        final String claimed = PayloadBuilder.hex(payload.blockHash);
        if (blocks.containsKey(claimed))
        {
            return new PayloadStatus(VALID, claimed, null);
        }
        final StoredBlock parent = blocks.get(PayloadBuilder.hex(payload.parentHash));
        if (null == parent)
        {
            return new PayloadStatus(SYNCING, null, null);
        }
        final String parentHex = parent.hashHex();
        if (9 != payload.extraData.length || 0 != payload.extraData[0])
        {
            return new PayloadStatus(INVALID, parentHex, "extraData is not Holocene's version 0 EIP-1559 parameters");
        }
        final long denominator = uint32(payload.extraData, 1);
        final long elasticity = uint32(payload.extraData, 5);
        final BuildAttributes attributes;
        try
        {
            attributes = new BuildAttributes(payload.timestamp, payload.prevRandao, payload.feeRecipient,
                payload.gasLimit, denominator, elasticity, payload.parentBeaconBlockRoot, payload.transactions, true);
        }
        catch (final IllegalArgumentException ex)
        {
            return new PayloadStatus(INVALID, parentHex, ex.getMessage());
        }
        if (payload.number != parent.number() + 1)
        {
            return new PayloadStatus(INVALID, parentHex, "block number " + payload.number + " does not follow " +
                parent.number());
        }
        if (PayloadBuilder.STARTED != validator.start(parent.asParent(), attributes, parent.state()))
        {
            return new PayloadStatus(INVALID, parentHex, validator.error());
        }
        final String mismatch = firstMismatch(payload);
        if (null != mismatch)
        {
            return new PayloadStatus(INVALID, parentHex, mismatch);
        }
        store(validator, validator.executionPayloadJson());
        return new PayloadStatus(VALID, claimed, null);
    }

    private String firstMismatch(final ExecutionPayloadFields payload)
    {
        if (!validator.baseFee().equals(payload.baseFee))
        {
            return "base fee " + payload.baseFee + ", expected " + validator.baseFee();
        }
        if (validator.gasUsed() != payload.gasUsed)
        {
            return "gas used " + payload.gasUsed + ", re-execution used " + validator.gasUsed();
        }
        if (!Arrays.equals(validator.state().stateRoot(), payload.stateRoot))
        {
            return "state root " + PayloadBuilder.hex(payload.stateRoot) + ", re-execution gives " +
                PayloadBuilder.hex(validator.state().stateRoot());
        }
        if (!Arrays.equals(validator.receiptsRoot(), payload.receiptsRoot))
        {
            return "receipts root " + PayloadBuilder.hex(payload.receiptsRoot) + ", re-execution gives " +
                PayloadBuilder.hex(validator.receiptsRoot());
        }
        final byte[] hash = validator.blockHash();
        if (!Arrays.equals(hash, payload.blockHash))
        {
            return "invalid block hash " + PayloadBuilder.hex(payload.blockHash) + ", computed " +
                PayloadBuilder.hex(hash);
        }
        return null;
    }

    private static long uint32(final byte[] b, final int at)
    {
        return (b[at] & 0xFFL) << 24 | (b[at + 1] & 0xFFL) << 16 | (b[at + 2] & 0xFFL) << 8 | (b[at + 3] & 0xFFL);
    }

    /** @return the head block. */
    public StoredBlock head()
    {
        return head;
    }

    /**
     * @param hashHex 0x hex block hash.
     * @return the block, or null.
     */
    public StoredBlock block(final String hashHex)
    {
        return blocks.get(hashHex.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * @param number a block number.
     * @return the canonical block at that height, or null.
     */
    public StoredBlock canonical(final long number)
    {
        return canonical.get(number);
    }

    /**
     * @param txHashHex 0x hex transaction hash.
     * @return the canonical block that holds it, or null.
     */
    public StoredBlock canonicalBlockOf(final String txHashHex)
    {
        final List<StoredBlock> holders = blocksByTransaction.get(txHashHex.toLowerCase(java.util.Locale.ROOT));
        if (null != holders)
        {
            for (int i = 0, n = holders.size(); i < n; i++)
            {
                final StoredBlock b = holders.get(i);
                if (canonical.get(b.number()) == b)
                {
                    return b;
                }
            }
        }
        return null;
    }

    /** @return the pool. */
    public TransactionPool pool()
    {
        return pool;
    }

    /** @return the chain rules. */
    public ChainRules rules()
    {
        return rules;
    }

    /**
     * Offers a raw transaction to the pool, checked against the head state.
     *
     * @param raw the raw signed transaction.
     * @return as {@link TransactionPool#tryAdd}.
     */
    public int submit(final byte[] raw)
    {
        return pool.tryAdd(raw, a -> head.state().account(a).nonce());
    }

    /** @return the payload id of the round in progress, or -1. */
    public long roundPayloadId()
    {
        return roundActive ? roundPayloadId : -1;
    }

    /** @return the round in progress (read-only use). */
    public PayloadBuilder round()
    {
        return round;
    }

}
