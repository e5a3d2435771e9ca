package io.boostj.core.builder;

import io.boostj.codecs.eth.OrderedTrieRoot;
import io.boostj.codecs.eth.PayloadBlockHasher;
import io.boostj.codecs.eth.TransactionSigner;
import io.boostj.codecs.eth.trie.MerklePatriciaTrie;
import io.boostj.codecs.flashblocks.FlashblockJsonWriter;
import io.boostj.codecs.json.JsonScanner;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds one OP block (Isthmus layout) on a parent: applies the attributes' forced transactions, then pool
 * transactions one by one ({@link #tryAdd}), and at any point can cut a flashblock ({@link #nextFlashblock}: the base
 * with index 0, then the transactions since the previous one, with the cumulative state root, receipts root, gas and
 * block hash) or write the execution payload of everything so far ({@link #executionPayloadJson}). The sealed block's
 * transactions are exactly the union of its flashblocks' when every transaction was flushed by a flashblock.
 * <p>
 * The block hash is computed by {@link PayloadBlockHasher}, the same code that checks real chains' blocks, from the
 * payload this class writes; the receipts root from the receipts' RLP, the state root from the {@link WorldState}.
 * Deterministic: no clock, no randomness. Not thread safe.
 */
public final class PayloadBuilder
{
    /** The forced transactions all went in. */
    public static final int STARTED = 0;
    /** A forced transaction could not be included ({@link #error()} says which and why). */
    public static final int FORCED_TRANSACTION_REFUSED = -1;

    private static final String ZERO_BLOOM = "0x" + "00".repeat(256);

    private final TransactionExecutor executor;
    private final List<byte[]> transactions = new ArrayList<>();
    private final List<Receipt> receipts = new ArrayList<>();
    private final List<IncludedTransaction> included = new ArrayList<>();
    private final TreeSet<Address> touched = new TreeSet<>();
    private ParentBlock parent;
    private BuildAttributes attributes;
    private WorldState state;
    private BigInteger baseFee;
    private byte[] extraData;
    private long gasUsed;
    private int flashblockIndex;
    private int flushedTransactions;
    private String error;
    private byte[] receiptsRootMemo;
    private byte[] blockHashMemo;

    /**
     * @param rules the chain's rules.
     */
    public PayloadBuilder(final ChainRules rules)
    {
        this(rules, new SenderCache(0));
    }

    /**
     * @param rules   the chain's rules.
     * @param senders where recovered senders are remembered (shared with the pool).
     */
    public PayloadBuilder(final ChainRules rules, final SenderCache senders)
    {
        this(new TransferExecutor(rules, senders));
    }

    /**
     * @param executor what executes the transactions (an EVM in place of the transfer executor, say).
     */
    public PayloadBuilder(final TransactionExecutor executor)
    {
        this.executor = executor;
    }

    /**
     * Starts a block: forgets the previous one, copies the parent state, applies the forced transactions.
     *
     * @param parentBlock the parent header's facts.
     * @param attrs       the payload attributes.
     * @param parentState the state after the parent (not changed).
     * @return {@link #STARTED} or {@link #FORCED_TRANSACTION_REFUSED}.
     */
    public int start(final ParentBlock parentBlock, final BuildAttributes attrs, final WorldState parentState)
    {
        parent = parentBlock;
        attributes = attrs;
        state = parentState.copy();
        transactions.clear();
        receipts.clear();
        included.clear();
        touched.clear();
        gasUsed = 0;
        receiptsRootMemo = null;
        blockHashMemo = null;
        flashblockIndex = 0;
        flushedTransactions = 0;
        error = null;
        baseFee = parent.nextBaseFee();
        extraData = new byte[9];
        putInt(extraData, 1, attrs.denominator);
        putInt(extraData, 5, attrs.elasticity);
        for (int i = 0; i < attrs.transactions.size(); i++)
        {
            final int result = add(attrs.transactions.get(i));
            if (TransferExecutor.INCLUDED != result)
            {
                error = "forced transaction " + i + " refused: " + executor.result().error();
                return FORCED_TRANSACTION_REFUSED;
            }
        }
        return STARTED;
    }

    /**
     * Offers one pool transaction.
     *
     * @param raw the raw transaction.
     * @return {@link TransferExecutor#INCLUDED} or the executor's reason ({@link #error()}); with noTxPool, always
     * {@link TransferExecutor#UNSUPPORTED}.
     */
    public int tryAdd(final byte[] raw)
    {
        if (attributes.noTxPool)
        {
            error = "the attributes say noTxPool";
            return TransferExecutor.UNSUPPORTED;
        }
        final int result = add(raw);
        error = TransferExecutor.INCLUDED == result ? null : executor.result().error();
        return result;
    }

    private int add(final byte[] raw)
    {
        final int result = executor.tryExecute(new UnsafeBuffer(raw), 0, raw.length, baseFee, attributes.feeRecipient,
            attributes.gasLimit - gasUsed, state);
        if (TransferExecutor.INCLUDED == result)
        {
            final ExecutionResult r = executor.result();
            gasUsed += r.gasUsed();
            receiptsRootMemo = null;
            blockHashMemo = null;
            transactions.add(raw.clone());
            receipts.add(new Receipt(r.type(), r.success(), gasUsed, r.depositNonce(), MerklePatriciaTrie.keccak(raw)));
            included.add(new IncludedTransaction(MerklePatriciaTrie.keccak(raw), r.sender(), r.type(), r.success(),
                r.gasUsed(), gasUsed, r.effectiveGasPrice(), r.depositNonce(), transactions.size() - 1));
            touched.add(r.sender());
        }
        return result;
    }

    /** @return why the last start or add failed, or null. */
    public String error()
    {
        return error;
    }

    /** @return transactions in the block so far. */
    public int transactionCount()
    {
        return transactions.size();
    }

    /** @return what each transaction in the block did, in block order (live view: copy what you keep). */
    public List<IncludedTransaction> included()
    {
        return java.util.Collections.unmodifiableList(included);
    }

    /** @return the raw transactions in block order (live view). */
    public List<byte[]> transactions()
    {
        return java.util.Collections.unmodifiableList(transactions);
    }

    /** @return whether transactions were added since the last flashblock (or no flashblock was cut yet). */
    public boolean hasUnflushed()
    {
        return 0 == flashblockIndex || flushedTransactions < transactions.size();
    }

    /** @return flashblocks cut so far. */
    public int flashblockCount()
    {
        return flashblockIndex;
    }

    /** @return the extra data the block carries (Holocene: version 0, denominator, elasticity). */
    public byte[] extraData()
    {
        return extraData.clone();
    }

    /** @return the EIP-1559 facts a child of this block needs, as this block stands now. */
    public ParentBlock asParent()
    {
        return new ParentBlock(blockHash(), blockNumber(), attributes.timestamp, attributes.gasLimit, gasUsed, baseFee,
            attributes.denominator, attributes.elasticity);
    }

    /** @return gas still free in the block. */
    public long gasRemaining()
    {
        return attributes.gasLimit - gasUsed;
    }

    /** @return whether the attributes allow only their forced transactions. */
    public boolean noTxPool()
    {
        return attributes.noTxPool;
    }

    /** @return gas used so far. */
    public long gasUsed()
    {
        return gasUsed;
    }

    /** @return the block's base fee per gas. */
    public BigInteger baseFee()
    {
        return baseFee;
    }

    /** @return the state after the transactions so far (live: do not change it). */
    public WorldState state()
    {
        return state;
    }

    /** @return the parent's hash (32 bytes, a copy). */
    public byte[] parentHash()
    {
        return parent.hash.clone();
    }

    /** @return the parent's hash as 0x hex. */
    public String parentHashHex()
    {
        return hex(parent.hash);
    }

    /** @return the parent beacon block root of the attributes (32 bytes, a copy). */
    public byte[] parentBeaconBlockRoot()
    {
        return attributes.parentBeaconBlockRoot.clone();
    }

    /** @return the block number being built. */
    public long blockNumber()
    {
        return parent.number + 1;
    }

    /**
     * @return the execution payload of everything so far (engine API camelCase, Isthmus: withdrawalsRoot included),
     * its blockHash computed.
     */
    public String executionPayloadJson()
    {
        return payloadJson(hex(blockHash()));
    }

    /**
     * @return the 32-byte hash of the block as it stands (a copy; computed once per change of the block).
     */
    public byte[] blockHash()
    {
        if (null == blockHashMemo)
        {
            blockHashMemo = computeBlockHash();
        }
        return blockHashMemo.clone();
    }

    private byte[] computeBlockHash()
    {
        final String unhashed = payloadJson("0x" + "00".repeat(32));
        final String doc = "{\"p\":" + unhashed + ",\"b\":\"" + hex(attributes.parentBeaconBlockRoot) + "\",\"r\":[]}";
        final byte[] bytes = doc.getBytes(StandardCharsets.US_ASCII);
        final byte[] padded = java.util.Arrays.copyOf(bytes, bytes.length + 16);
        final JsonScanner scanner = new JsonScanner().wrap(new UnsafeBuffer(padded), 0, bytes.length);
        final UnsafeBuffer hash = new UnsafeBuffer(new byte[32]);
        final PayloadBlockHasher hasher = new PayloadBlockHasher();
        final int result = hasher.tryComputeBlockHash(scanner, scanner.member(0, "p"), scanner.member(0, "b"),
            scanner.member(0, "r"), hash, 0);
        if (PayloadBlockHasher.COMPUTED != result)
        {
            throw new IllegalStateException("cannot hash the block being built: " + hasher.reason());
        }
        return hash.byteArray();
    }

    /**
     * Cuts the next flashblock: index 0 carries the base; each carries the transactions added since the previous one
     * and the block's cumulative roots, gas and hash, with metadata (balances of the senders it touched, its receipts).
     *
     * @param payloadId the round's payload id.
     * @return the flashblock JSON in op-rbuilder's form.
     */
    public byte[] nextFlashblock(final long payloadId)
    {
        final ExpandableArrayBuffer out = new ExpandableArrayBuffer(4096);
        final FlashblockJsonWriter w = new FlashblockJsonWriter().wrap(out, 0).payloadId(payloadId)
            .index(flashblockIndex);
        if (0 == flashblockIndex)
        {
            w.parentBeaconBlockRoot(buf(attributes.parentBeaconBlockRoot), 0)
                .parentHash(buf(parent.hash), 0)
                .feeRecipient(buf(attributes.feeRecipient.toBytes()), 0)
                .prevRandao(buf(attributes.prevRandao), 0)
                .blockNumber(blockNumber())
                .gasLimit(attributes.gasLimit)
                .timestamp(attributes.timestamp)
                .extraData(buf(extraData), 0, extraData.length)
                .baseFeePerGas(buf(u256(baseFee)), 0);
        }
        w.stateRoot(buf(state.stateRoot()), 0)
            .receiptsRoot(buf(receiptsRoot()), 0)
            .logsBloom(buf(new byte[256]), 0)
            .gasUsed(gasUsed)
            .blockHash(buf(blockHash()), 0)
            .transactionsStart();
        for (int i = flushedTransactions; i < transactions.size(); i++)
        {
            final byte[] raw = transactions.get(i);
            w.transaction(buf(raw), 0, raw.length);
        }
        w.withdrawalsStart().withdrawalsRoot(buf(MerklePatriciaTrie.EMPTY_ROOT), 0).metadataStart(blockNumber());
        for (final Address a : touched)
        {
            w.accountBalance(buf(a.toBytes()), 0, buf(u256(state.account(a).balance())), 0);
        }
        final TreeMap<String, Receipt> byHash = new TreeMap<>();
        for (int i = flushedTransactions; i < receipts.size(); i++)
        {
            byHash.put(hex(receipts.get(i).txHash), receipts.get(i));
        }
        w.receiptsStart();
        for (final Receipt r : byHash.values())
        {
            w.receiptStart(buf(r.txHash), 0, receiptType(r.type), r.success, r.cumulativeGasUsed);
            if (r.depositNonce >= 0)
            {
                w.depositReceiptEnd(true, r.depositNonce, true, 1);
            }
            else
            {
                w.receiptEnd();
            }
        }
        final int length = w.finish();
        flashblockIndex++;
        flushedTransactions = transactions.size();
        touched.clear();
        final byte[] json = new byte[length];
        out.getBytes(0, json);
        return json;
    }

    private static int receiptType(final int txType)
    {
        switch (txType)
        {
            case 1:
                return FlashblockJsonWriter.RECEIPT_TYPE_EIP2930;
            case 2:
                return FlashblockJsonWriter.RECEIPT_TYPE_EIP1559;
            case 0x7E:
                return FlashblockJsonWriter.RECEIPT_TYPE_DEPOSIT;
            default:
                return FlashblockJsonWriter.RECEIPT_TYPE_LEGACY;
        }
    }

    private String payloadJson(final String blockHashHex)
    {
        final StringBuilder b = new StringBuilder(256 + 300 * transactions.size());
        b.append("{\"parentHash\":\"").append(hex(parent.hash))
            .append("\",\"feeRecipient\":\"").append(attributes.feeRecipient)
            .append("\",\"stateRoot\":\"").append(hex(state.stateRoot()))
            .append("\",\"receiptsRoot\":\"").append(hex(receiptsRoot()))
            .append("\",\"logsBloom\":\"").append(ZERO_BLOOM)
            .append("\",\"prevRandao\":\"").append(hex(attributes.prevRandao))
            .append("\",\"blockNumber\":\"").append(quantity(blockNumber()))
            .append("\",\"gasLimit\":\"").append(quantity(attributes.gasLimit))
            .append("\",\"gasUsed\":\"").append(quantity(gasUsed))
            .append("\",\"timestamp\":\"").append(quantity(attributes.timestamp))
            .append("\",\"extraData\":\"").append(hex(extraData))
            .append("\",\"baseFeePerGas\":\"0x").append(baseFee.toString(16))
            .append("\",\"blockHash\":\"").append(blockHashHex)
            .append("\",\"transactions\":[");
        for (int i = 0; i < transactions.size(); i++)
        {
            b.append(0 == i ? "\"" : ",\"").append(hex(transactions.get(i))).append('"');
        }
        b.append("],\"withdrawals\":[],\"blobGasUsed\":\"0x0\",\"excessBlobGas\":\"0x0\",\"withdrawalsRoot\":\"")
            .append(hex(MerklePatriciaTrie.EMPTY_ROOT)).append("\"}");
        return b.toString();
    }

    /** The receipts root of the block as it stands, computed once per change of the block (do not change it). */
    byte[] receiptsRoot()
    {
        if (null == receiptsRootMemo)
        {
            receiptsRootMemo = computeReceiptsRoot();
        }
        return receiptsRootMemo;
    }

    private byte[] computeReceiptsRoot()
    {
        final OrderedTrieRoot trie = new OrderedTrieRoot();
        for (final Receipt r : receipts)
        {
            final byte[] encoded = r.encode();
            trie.add(new UnsafeBuffer(encoded), 0, encoded.length);
        }
        final UnsafeBuffer root = new UnsafeBuffer(new byte[32]);
        trie.root(root, 0);
        return root.byteArray();
    }

    private static UnsafeBuffer buf(final byte[] bytes)
    {
        return new UnsafeBuffer(bytes);
    }

    private static byte[] u256(final BigInteger value)
    {
        final byte[] be = value.toByteArray();
        final byte[] out = new byte[32];
        final int n = Math.min(32, be.length);
        System.arraycopy(be, be.length - n, out, 32 - n, n);
        return out;
    }

    private static void putInt(final byte[] dst, final int at, final long value)
    {
        for (int i = 0; i < 4; i++)
        {
            dst[at + i] = (byte)(value >>> (24 - 8 * i));
        }
    }

    static String hex(final byte[] bytes)
    {
        final StringBuilder b = new StringBuilder(2 + 2 * bytes.length).append("0x");
        for (final byte x : bytes)
        {
            b.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return b.toString();
    }

    private static String quantity(final long value)
    {
        return "0x" + Long.toHexString(value);
    }

    /** One receipt: what the receipts root and the flashblock metadata need. */
    private static final class Receipt
    {
        final int type;
        final boolean success;
        final long cumulativeGasUsed;
        final long depositNonce;
        final byte[] txHash;

        Receipt(final int type, final boolean success, final long cumulativeGasUsed, final long depositNonce,
            final byte[] txHash)
        {
            this.type = type;
            this.success = success;
            this.cumulativeGasUsed = cumulativeGasUsed;
            this.depositNonce = depositNonce;
            this.txHash = txHash;
        }

        /** {@code [type ||] rlp([status, cumulativeGasUsed, bloom, logs(, depositNonce, depositReceiptVersion)])}. */
        byte[] encode()
        {
            final List<byte[]> fields = new ArrayList<>();
            fields.add(TransactionSigner.uint(success ? BigInteger.ONE : BigInteger.ZERO));
            fields.add(TransactionSigner.uint(BigInteger.valueOf(cumulativeGasUsed)));
            fields.add(MerklePatriciaTrie.rlpString(new byte[256]));
            fields.add(MerklePatriciaTrie.rlpList());
            if (depositNonce >= 0)
            {
                fields.add(TransactionSigner.uint(BigInteger.valueOf(depositNonce)));
                fields.add(TransactionSigner.uint(BigInteger.ONE));
            }
            final byte[] list = MerklePatriciaTrie.rlpList(fields.toArray(new byte[0][]));
            if (0 == type)
            {
                return list;
            }
            final byte[] typed = new byte[list.length + 1];
            typed[0] = (byte)type;
            System.arraycopy(list, 0, typed, 1, list.length);
            return typed;
        }
    }
}
