package io.boostj.perf;

import io.boostj.codecs.eth.BlockHeader;
import io.boostj.codecs.eth.ForkSchedule;
import io.boostj.codecs.eth.Keccak256;
import io.boostj.codecs.eth.OrderedTrieRoot;
import io.boostj.codecs.eth.PayloadBlockHasher;
import io.boostj.codecs.eth.TransactionDecoder;
import io.boostj.codecs.hex.Hex;
import io.boostj.codecs.json.JsonScanner;
import org.agrona.concurrent.UnsafeBuffer;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The Ethereum primitives of {@code io.boostj.codecs.eth} on real data, source and destination in direct memory:
 * <ul>
 *     <li>{@link #keccak32} / {@link #keccak1k}: Keccak-256 of 32 bytes and of 1 KiB ({@link #keccak1kBouncyCastle}:
 *     BouncyCastle's {@code KeccakDigest} on the same input, for scale);</li>
 *     <li>{@link #encodeHeader} / {@link #hashHeader}: RLP of a Prague header (the Hoodi block's), and its hash;</li>
 *     <li>{@link #decodeTransaction}: decode and hash a real EIP-1559 transaction;</li>
 *     <li>{@link #trieRoot1000}: the transactions root of 1,000 real transactions (the Hoodi block's 27 and the hive
 *     block's 56, cycled; 230 bytes on average), values copied into the trie included;</li>
 *     <li>{@link #blockHashHoodi}: the whole check of a real engine_newPayloadV4 request (27 transactions, 16
 *     withdrawals): walk the JSON, decode the hex, both tries, header, hash, compare;</li>
 *     <li>{@link #blockHash1000}: the same for that request with its transactions cycled to 1,000.</li>
 * </ul>
 * All must allocate nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xms256m", "-Xmx256m"})
public class EthPrimitivesBenchmark
{
    private static final int TRANSACTIONS = 1_000;

    private final Keccak256 keccak = new Keccak256();
    private final KeccakDigest bouncyCastle = new KeccakDigest(256);
    private final byte[] inputArray = new byte[1024];
    private final byte[] outArray = new byte[32];
    private final BlockHeader header = new BlockHeader();
    private final OrderedTrieRoot trie = new OrderedTrieRoot();
    private final TransactionDecoder decoder = new TransactionDecoder();
    private final PayloadBlockHasher hasher = new PayloadBlockHasher(ForkSchedule.HOODI);
    private final JsonScanner hoodiScanner = new JsonScanner();
    private final JsonScanner bigScanner = new JsonScanner();
    private final int[] offsets = new int[TRANSACTIONS];
    private final int[] lengths = new int[TRANSACTIONS];

    private UnsafeBuffer input;
    private UnsafeBuffer out;
    private UnsafeBuffer encoded;
    private UnsafeBuffer transactions;
    private int dynamicFeeTx;
    private int dynamicFeeTxLength;

    /**
     * Loads the payloads into direct memory and checks every benchmark's result once.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        input = direct(1024);
        final byte[] random = new byte[1024];
        new Random(7).nextBytes(random);
        input.putBytes(0, random);
        System.arraycopy(random, 0, inputArray, 0, random.length);
        out = direct(64);
        encoded = direct(2048);

        final byte[] hoodi = Payloads.bytes(Payloads.NEW_PAYLOAD_V4_HOODI);
        final UnsafeBuffer hoodiBuffer = direct(hoodi.length);
        hoodiBuffer.putBytes(0, hoodi);
        hoodiScanner.wrap(hoodiBuffer, 0, hoodi.length);
        if (hasher.verifyRequest(hoodiScanner, 0) != PayloadBlockHasher.MATCH)
        {
            throw new IllegalStateException("Hoodi block hash not reproduced: " + hasher.reason());
        }
        fillHeader(hoodiScanner);

        final byte[] hive = Payloads.bytes(Payloads.NEW_PAYLOAD_V3);
        final JsonScanner hiveScanner = new JsonScanner().wrap(new UnsafeBuffer(hive), 0, hive.length);
        final String[] hoodiTxs = transactionStrings(hoodiScanner);
        final String[] hiveTxs = transactionStrings(hiveScanner);
        final ByteArrayOutputStream values = new ByteArrayOutputStream();
        final StringBuilder txArray = new StringBuilder("[");
        for (int i = 0; i < TRANSACTIONS; i++)
        {
            final String tx = i % 3 == 0 ? hoodiTxs[(i / 3) % hoodiTxs.length] : hiveTxs[i % hiveTxs.length];
            final byte[] raw = Hex.fromHexString(tx);
            offsets[i] = values.size();
            lengths[i] = raw.length;
            values.writeBytes(raw);
            txArray.append(i == 0 ? "\"" : ",\"").append(tx).append('"');
        }
        txArray.append(']');
        transactions = direct(values.size());
        transactions.putBytes(0, values.toByteArray());

        for (int i = 0; i < TRANSACTIONS; i++)
        {
            if (transactions.getByte(offsets[i]) == TransactionDecoder.TYPE_DYNAMIC_FEE)
            {
                dynamicFeeTx = offsets[i];
                dynamicFeeTxLength = lengths[i];
                break;
            }
        }

        final int payload = hoodiScanner.element(hoodiScanner.member(0, "params"), 0);
        final int txs = hoodiScanner.member(payload, "transactions");
        final String hoodiText = new String(hoodi, StandardCharsets.UTF_8);
        final byte[] big = (hoodiText.substring(0, txs) + txArray + hoodiText.substring(hoodiScanner.valueEnd(txs)))
            .getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer bigBuffer = direct(big.length);
        bigBuffer.putBytes(0, big);
        bigScanner.wrap(bigBuffer, 0, big.length);
        if (hasher.verifyRequest(bigScanner, 0) != PayloadBlockHasher.MISMATCH || hasher.transactionCount() != 1_000)
        {
            throw new IllegalStateException("1,000-transaction payload not hashed: " + hasher.reason());
        }
    }

    /**
     * @return a word of the hash.
     */
    @Benchmark
    public long keccak32()
    {
        keccak.hash(input, 0, 32, out, 0);
        return out.getLong(0);
    }

    /**
     * @return a word of the hash.
     */
    @Benchmark
    public long keccak1k()
    {
        keccak.hash(input, 0, 1024, out, 0);
        return out.getLong(0);
    }

    /**
     * @return a byte of the hash.
     */
    @Benchmark
    public byte keccak1kBouncyCastle()
    {
        bouncyCastle.update(inputArray, 0, 1024);
        bouncyCastle.doFinal(outArray, 0);
        return outArray[0];
    }

    /**
     * @return the encoded length.
     */
    @Benchmark
    public int encodeHeader()
    {
        return header.encode(encoded, 0);
    }

    /**
     * @return a word of the block hash.
     */
    @Benchmark
    public long hashHeader()
    {
        header.hash(keccak, out, 0);
        return out.getLong(0);
    }

    /**
     * @return a word of the transaction hash.
     */
    @Benchmark
    public long decodeTransaction()
    {
        if (decoder.tryWrap(transactions, dynamicFeeTx, dynamicFeeTxLength) != TransactionDecoder.OK)
        {
            throw new IllegalStateException(decoder.errorReason());
        }
        decoder.transactionHash(keccak, out, 0);
        return out.getLong(0) + decoder.nonce();
    }

    /**
     * @return a word of the root.
     */
    @Benchmark
    public long trieRoot1000()
    {
        trie.reset();
        for (int i = 0; i < TRANSACTIONS; i++)
        {
            trie.add(transactions, offsets[i], lengths[i]);
        }
        trie.root(out, 0);
        return out.getLong(0);
    }

    /**
     * @return the verdict (MATCH).
     */
    @Benchmark
    public int blockHashHoodi()
    {
        return hasher.verifyRequest(hoodiScanner, 0);
    }

    /**
     * @return the verdict (MISMATCH: the claimed hash is the 27-transaction block's).
     */
    @Benchmark
    public int blockHash1000()
    {
        return hasher.verifyRequest(bigScanner, 0);
    }

    private void fillHeader(final JsonScanner scanner)
    {
        final int params = scanner.member(0, "params");
        final int payload = scanner.element(params, 0);
        header.reset().fieldCount(BlockHeader.PRAGUE_FIELDS);
        scanner.hexBytes(scanner.member(payload, "parentHash"), header.fields(), BlockHeader.PARENT_HASH_OFFSET, 32);
        scanner.hexBytes(scanner.member(payload, "feeRecipient"), header.fields(), BlockHeader.BENEFICIARY_OFFSET, 20);
        scanner.hexBytes(scanner.member(payload, "stateRoot"), header.fields(), BlockHeader.STATE_ROOT_OFFSET, 32);
        scanner.hexBytes(scanner.member(payload, "receiptsRoot"), header.fields(), BlockHeader.RECEIPTS_ROOT_OFFSET, 32);
        scanner.hexBytes(scanner.member(payload, "logsBloom"), header.fields(), BlockHeader.LOGS_BLOOM_OFFSET, 256);
        scanner.hexBytes(scanner.member(payload, "prevRandao"), header.fields(), BlockHeader.MIX_HASH_OFFSET, 32);
        scanner.hexBytes(scanner.element(params, 2), header.fields(), BlockHeader.PARENT_BEACON_BLOCK_ROOT_OFFSET, 32);
        header.number(scanner.quantity(scanner.member(payload, "blockNumber")))
            .gasLimit(scanner.quantity(scanner.member(payload, "gasLimit")))
            .gasUsed(scanner.quantity(scanner.member(payload, "gasUsed")))
            .timestamp(scanner.quantity(scanner.member(payload, "timestamp")))
            .blobGasUsed(scanner.quantity(scanner.member(payload, "blobGasUsed")))
            .excessBlobGas(scanner.quantity(scanner.member(payload, "excessBlobGas")))
            .putUint256(BlockHeader.BASE_FEE_OFFSET, scanner.quantity(scanner.member(payload, "baseFeePerGas")))
            .extraDataLength(scanner.hexBytes(
                scanner.member(payload, "extraData"), header.fields(), BlockHeader.EXTRA_DATA_OFFSET, -1));
    }

    static String[] transactionStrings(final JsonScanner scanner)
    {
        final int txs = scanner.member(scanner.element(scanner.member(0, "params"), 0), "transactions");
        final String[] out = new String[scanner.elementCount(txs)];
        int i = 0;
        for (int tx = scanner.element(txs, 0); tx >= 0; tx = scanner.nextElement(tx))
        {
            final int start = scanner.stringContentStart(tx);
            final byte[] bytes = new byte[scanner.stringContentEnd(tx) - start];
            scanner.buffer().getBytes(start, bytes);
            out[i++] = new String(bytes, StandardCharsets.US_ASCII);
        }
        return out;
    }

    private static UnsafeBuffer direct(final int length)
    {
        return new UnsafeBuffer(ByteBuffer.allocateDirect(length));
    }
}
