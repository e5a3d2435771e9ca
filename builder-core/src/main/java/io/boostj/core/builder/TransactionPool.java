package io.boostj.core.builder;

import io.boostj.codecs.eth.SenderRecovery;
import io.boostj.codecs.eth.TransactionDecoder;
import io.boostj.codecs.eth.trie.MerklePatriciaTrie;
import org.agrona.concurrent.UnsafeBuffer;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Pending signed transactions, per sender in nonce order, offered to the block builder by effective tip:
 * <ul>
 *     <li>admission ({@link #tryAdd}): well-formed, this chain's id, a recoverable sender, a nonce not below the
 *     sender's, a transfer the executor can run (no creation, blob or set-code transaction, no deposit);</li>
 *     <li>replacement: the same sender and nonce again only with both fee caps raised by at least 10 %;</li>
 *     <li>limits: {@code maxTransactions} in all and {@code maxPerSender} per sender; a full pool refuses rather than
 *     evicts (a sender cannot push out others' transactions);</li>
 *     <li>ordering ({@link #orderFor}): among each sender's next executable transaction, the highest effective tip
 *     first, earlier arrival on ties; a sender's later nonces become candidates as earlier ones are taken.</li>
 * </ul>
 * Deterministic: arrival order is a counter, not a clock. Not thread safe.
 */
public final class TransactionPool
{
    /** Admitted. */
    public static final int ADDED = 1;
    /** Admitted, replacing the sender's transaction with the same nonce. */
    public static final int REPLACED = 2;
    /** Refused ({@link #error()} says why). */
    public static final int REFUSED = -1;
    /** Refused: the pool or the sender's queue is full. */
    public static final int FULL = -2;
    /** Refused: already in the pool. */
    public static final int KNOWN = -3;

    private static final BigInteger PRICE_BUMP_PERCENT = BigInteger.valueOf(110);
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);

    private final ChainRules rules;
    private final int maxTransactions;
    private final int maxPerSender;
    private final Map<Address, TreeMap<Long, PooledTransaction>> bySender = new HashMap<>();
    private final Map<String, PooledTransaction> byHash = new HashMap<>();
    private final TransactionDecoder tx = new TransactionDecoder();
    private final SenderCache senders;
    private final UnsafeBuffer sender = new UnsafeBuffer(new byte[Address.LENGTH]);
    private long arrivals;
    private String error;

    /**
     * @param rules           the chain's rules (chain id).
     * @param maxTransactions most transactions in the pool.
     * @param maxPerSender    most transactions per sender.
     */
    public TransactionPool(final ChainRules rules, final int maxTransactions, final int maxPerSender)
    {
        this(rules, maxTransactions, maxPerSender, new SenderCache(0));
    }

    /**
     * @param rules           the chain's rules.
     * @param maxTransactions pool capacity.
     * @param maxPerSender    capacity per sender.
     * @param senders         where recovered senders are remembered (shared with the rounds that execute them).
     */
    public TransactionPool(final ChainRules rules, final int maxTransactions, final int maxPerSender,
        final SenderCache senders)
    {
        this.senders = senders;
        this.rules = rules;
        this.maxTransactions = maxTransactions;
        this.maxPerSender = maxPerSender;
    }

    /**
     * @param raw          the raw signed transaction (kept; do not change it).
     * @param accountNonce the sender's nonce in the head state, by address.
     * @return {@link #ADDED}, {@link #REPLACED}, or a negative reason ({@link #error()}).
     */
    public int tryAdd(final byte[] raw, final Function<Address, Long> accountNonce)
    {
        return tryAdd(raw, accountNonce, null);
    }

    /**
     * As {@link #tryAdd(byte[], Function)}, and also refuses a sender that cannot pay gas limit × fee cap + value
     * from its head balance (as geth's pool does), so a transaction that could never be included is not kept.
     *
     * @param raw            the raw signed transaction (kept; do not change it).
     * @param accountNonce   the sender's nonce in the head state, by address.
     * @param accountBalance the sender's balance in the head state, by address, or null for no funds check.
     * @return {@link #ADDED}, {@link #REPLACED}, or a negative reason ({@link #error()}).
     */
    public int tryAdd(final byte[] raw, final Function<Address, Long> accountNonce,
        final Function<Address, BigInteger> accountBalance)
    {
        error = null;
        if (TransactionDecoder.OK != tx.tryWrap(new UnsafeBuffer(raw), 0, raw.length))
        {
            return refuse(REFUSED, "malformed transaction: " + tx.errorReason());
        }
        if (tx.isDeposit())
        {
            return refuse(REFUSED, "deposit transactions come from L1, not from the pool");
        }
        if (TransactionDecoder.TYPE_BLOB == tx.type() || TransactionDecoder.TYPE_SET_CODE == tx.type())
        {
            return refuse(REFUSED, "transaction type " + tx.type() + " is not supported by this builder's executor");
        }
        if (!tx.hasTo())
        {
            return refuse(REFUSED, "contract creation is not supported: this builder runs no EVM code");
        }
        if (tx.hasChainId() && tx.chainId() != rules.chainId())
        {
            return refuse(REFUSED, "invalid chain id " + tx.chainId() + ", expected " + rules.chainId());
        }
        final int recovered = senders.tryRecoverSender(tx, sender, 0);
        if (SenderRecovery.ADDRESS_LENGTH != recovered)
        {
            return refuse(REFUSED, "invalid signature: " + SenderRecovery.describe(recovered));
        }
        final byte[] hash = MerklePatriciaTrie.keccak(raw);
        final String key = PayloadBuilder.hex(hash);
        if (byHash.containsKey(key))
        {
            return refuse(KNOWN, "already known");
        }
        final Address from = Address.of(sender.byteArray());
        final long nonce = tx.nonce();
        if (Long.compareUnsigned(nonce, accountNonce.apply(from)) < 0)
        {
            return refuse(REFUSED, "nonce too low: " + Long.toUnsignedString(nonce) + " < " +
                Long.toUnsignedString(accountNonce.apply(from)));
        }
        final BigInteger feeCap;
        final BigInteger tipCap;
        if (TransactionDecoder.TYPE_DYNAMIC_FEE == tx.type())
        {
            feeCap = unsigned(tx.maxFeePerGasOffset(), tx.maxFeePerGasLength());
            tipCap = unsigned(tx.maxPriorityFeePerGasOffset(), tx.maxPriorityFeePerGasLength());
            if (tipCap.compareTo(feeCap) > 0)
            {
                return refuse(REFUSED, "max priority fee per gas higher than max fee per gas");
            }
        }
        else
        {
            feeCap = unsigned(tx.gasPriceOffset(), tx.gasPriceLength());
            tipCap = feeCap;
        }
        if (null != accountBalance)
        {
            final BigInteger cost = feeCap.multiply(BigInteger.valueOf(tx.gasLimit()))
                .add(unsigned(tx.valueOffset(), tx.valueLength()));
            final BigInteger balance = accountBalance.apply(from);
            if (balance.compareTo(cost) < 0)
            {
                return refuse(REFUSED, "insufficient funds for gas * price + value: balance " + balance + ", cost " +
                    cost);
            }
        }
        final PooledTransaction pooled = new PooledTransaction(raw, hash, from, nonce, feeCap, tipCap, tx.gasLimit(),
            arrivals++);
        final TreeMap<Long, PooledTransaction> queue = bySender.computeIfAbsent(from, a -> new TreeMap<>(
            Long::compareUnsigned));
        final PooledTransaction existing = queue.get(nonce);
        if (null != existing)
        {
            if (!bumped(existing.feeCap, feeCap) || !bumped(existing.tipCap, tipCap))
            {
                return refuse(REFUSED, "replacement transaction underpriced: both fee caps must rise by 10 %");
            }
            queue.put(nonce, pooled);
            byHash.remove(PayloadBuilder.hex(existing.hash));
            byHash.put(key, pooled);
            return REPLACED;
        }
        if (byHash.size() >= maxTransactions)
        {
            dropIfEmpty(from, queue);
            return refuse(FULL, "transaction pool is full (" + maxTransactions + ")");
        }
        if (queue.size() >= maxPerSender)
        {
            return refuse(FULL, "too many pending transactions from " + from + " (" + maxPerSender + ")");
        }
        queue.put(nonce, pooled);
        byHash.put(key, pooled);
        return ADDED;
    }

    private static boolean bumped(final BigInteger old, final BigInteger replacement)
    {
        return replacement.multiply(HUNDRED).compareTo(old.multiply(PRICE_BUMP_PERCENT)) >= 0;
    }

    private void dropIfEmpty(final Address from, final TreeMap<Long, PooledTransaction> queue)
    {
        if (queue.isEmpty())
        {
            bySender.remove(from);
        }
    }

    /**
     * The executable transactions in the order a block should try them: repeatedly the highest effective tip among
     * each sender's next nonce (starting at the sender's state nonce), earlier arrival first on ties. Transactions
     * whose fee cap is below the base fee, or behind a nonce gap, are not offered.
     *
     * @param baseFee      the block's base fee.
     * @param accountNonce the senders' nonces in the state the block starts from.
     * @return the order (the pool is unchanged).
     */
    public List<PooledTransaction> orderFor(final BigInteger baseFee, final Function<Address, Long> accountNonce)
    {
        final java.util.PriorityQueue<PooledTransaction> heads = new java.util.PriorityQueue<>((a, b) ->
        {
            final int byTip = b.effectiveTip(baseFee).compareTo(a.effectiveTip(baseFee));
            return 0 != byTip ? byTip : Long.compare(a.arrival, b.arrival);
        });
        final Map<Address, Long> next = new HashMap<>();
        for (final Map.Entry<Address, TreeMap<Long, PooledTransaction>> e : bySender.entrySet())
        {
            final long nonce = accountNonce.apply(e.getKey());
            final PooledTransaction head = e.getValue().get(nonce);
            if (null != head && head.effectiveTip(baseFee).signum() >= 0)
            {
                heads.add(head);
                next.put(e.getKey(), nonce);
            }
        }
        final List<PooledTransaction> order = new ArrayList<>();
        while (!heads.isEmpty())
        {
            final PooledTransaction t = heads.poll();
            order.add(t);
            final long following = t.nonce + 1;
            final PooledTransaction successor = bySender.get(t.sender).get(following);
            if (null != successor && successor.effectiveTip(baseFee).signum() >= 0)
            {
                heads.add(successor);
            }
        }
        return order;
    }

    /**
     * Drops what a new head state made stale: every transaction whose nonce is below its sender's.
     *
     * @param accountNonce the senders' nonces in the new head state.
     * @return how many were dropped.
     */
    public int prune(final Function<Address, Long> accountNonce)
    {
        int dropped = 0;
        final Iterator<Map.Entry<Address, TreeMap<Long, PooledTransaction>>> it = bySender.entrySet().iterator();
        while (it.hasNext())
        {
            final Map.Entry<Address, TreeMap<Long, PooledTransaction>> e = it.next();
            final long nonce = accountNonce.apply(e.getKey());
            final Iterator<PooledTransaction> txs = e.getValue().values().iterator();
            while (txs.hasNext())
            {
                final PooledTransaction t = txs.next();
                if (Long.compareUnsigned(t.nonce, nonce) >= 0)
                {
                    break;
                }
                txs.remove();
                byHash.remove(PayloadBuilder.hex(t.hash));
                dropped++;
            }
            if (e.getValue().isEmpty())
            {
                it.remove();
            }
        }
        return dropped;
    }

    /**
     * @param hash a transaction hash.
     * @return the pooled transaction, or null.
     */
    public PooledTransaction get(final byte[] hash)
    {
        return byHash.get(PayloadBuilder.hex(hash));
    }

    /**
     * @param address a sender.
     * @param stateNonce its nonce in the head state.
     * @return the nonce its next transaction should carry: past its contiguous pooled nonces.
     */
    public long pendingNonce(final Address address, final long stateNonce)
    {
        long nonce = stateNonce;
        final TreeMap<Long, PooledTransaction> queue = bySender.get(address);
        while (null != queue && queue.containsKey(nonce))
        {
            nonce++;
        }
        return nonce;
    }

    /** @return transactions in the pool. */
    public int size()
    {
        return byHash.size();
    }

    /** @return why the last {@link #tryAdd} refused, or null. */
    public String error()
    {
        return error;
    }

    private int refuse(final int code, final String why)
    {
        error = why;
        return code;
    }

    private BigInteger unsigned(final int offset, final int length)
    {
        if (length <= 0 || offset < 0)
        {
            return BigInteger.ZERO;
        }
        final byte[] bytes = new byte[length];
        tx.buffer().getBytes(offset, bytes);
        return new BigInteger(1, bytes);
    }
}
