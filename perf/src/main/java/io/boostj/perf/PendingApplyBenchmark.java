package io.boostj.perf;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boostj.codecs.eth.TransactionSigner;
import io.boostj.codecs.eth.trie.MerklePatriciaTrie;
import io.boostj.codecs.hex.Hex;
import io.boostj.core.builder.DevAccounts;
import io.boostj.rpc.DecodedFlashblock;
import io.boostj.rpc.FlashblockDecoder;
import io.boostj.rpc.PendingStateProcessor;
import io.boostj.rpc.SequenceRule;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * bin/flashblocks-rpc applying one flashblock of {@link #transactions} transactions (index 0, one sender each, a receipt
 * and two balances per transaction in metadata), as its feed thread does:
 * <ul>
 *     <li>{@link #decodeAndApply}: frame detection, validation, decoding of every transaction, sender recovery
 *     (secp256k1, the bulk of it), metadata, then the processor's sequence rules and the new immutable pending block
 *     (transactions root included);</li>
 *     <li>{@link #apply}: only the processor's part, on an already decoded flashblock.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xms256m", "-Xmx256m"})
public class PendingApplyBenchmark
{
    /** Transactions in the flashblock (200 is the figure; 10 and 1,000 show how the cost grows). */
    @Param({"10", "200", "1000"})
    public int transactions;

    private final FlashblockDecoder decoder = new FlashblockDecoder();
    private UnsafeBuffer message;
    private int length;
    private DecodedFlashblock decoded;

    /** Signs the transactions and writes the flashblock once. */
    @Setup
    public void setUp() throws Exception
    {
        final JsonNodeFactory f = JsonNodeFactory.instance;
        final ObjectNode fb = f.objectNode();
        fb.put("payload_id", "0x0102030405060708");
        fb.put("index", 0);
        final ObjectNode base = fb.putObject("base");
        base.put("parent_beacon_block_root", "0x" + "00".repeat(32));
        base.put("parent_hash", "0x" + "11".repeat(32));
        base.put("fee_recipient", "0x4200000000000000000000000000000000000011");
        base.put("prev_randao", "0x" + "22".repeat(32));
        base.put("block_number", "0x64");
        base.put("gas_limit", "0x1c9c380");
        base.put("timestamp", "0x686d6600");
        base.put("extra_data", "0x");
        base.put("base_fee_per_gas", "0x3b9aca00");
        final ObjectNode diff = fb.putObject("diff");
        diff.put("state_root", "0x" + "33".repeat(32));
        diff.put("receipts_root", "0x" + "44".repeat(32));
        diff.put("logs_bloom", "0x" + "00".repeat(256));
        diff.put("gas_used", "0x" + Long.toHexString(21_000L * transactions));
        diff.put("block_hash", "0x" + "55".repeat(32));
        final ArrayNode txs = diff.putArray("transactions");
        diff.putArray("withdrawals");
        diff.put("withdrawals_root", "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
        final ObjectNode metadata = fb.putObject("metadata");
        metadata.put("block_number", 100);
        final ObjectNode balances = metadata.putObject("new_account_balances");
        final ObjectNode receipts = metadata.putObject("receipts");
        final byte[] to = Hex.fromHexString("0x00000000000000000000000000000000000000bb");
        for (int i = 0; i < transactions; i++)
        {
            final TransactionSigner signer = new TransactionSigner(DevAccounts.privateKey(i + 1));
            final byte[] raw = signer.signDynamicFee(901, 0, BigInteger.ONE, BigInteger.valueOf(2_000_000_000L),
                21_000, to, BigInteger.ONE, new byte[0]);
            txs.add(Hex.toHexString(raw));
            final ObjectNode r = receipts.putObject(Hex.toHexString(MerklePatriciaTrie.keccak(raw)));
            r.put("type", "0x2");
            r.put("status", "0x1");
            r.put("cumulativeGasUsed", "0x" + Long.toHexString(21_000L * (i + 1)));
            r.putArray("logs");
            balances.put(Hex.toHexString(signer.address()), "0x21e19e0c9bab2400000");
        }
        balances.put("0x00000000000000000000000000000000000000bb", "0xc8");
        final byte[] bytes = fb.toString().getBytes(StandardCharsets.UTF_8);
        message = new UnsafeBuffer(bytes);
        length = bytes.length;
        decoded = decoder.decode(message, 0, length, 0);
    }

    /** @return the rule applied (FIRST). */
    @Benchmark
    public SequenceRule decodeAndApply() throws Exception
    {
        return new PendingStateProcessor(3).apply(decoder.decode(message, 0, length, 0));
    }

    /** @return the rule applied (FIRST). */
    @Benchmark
    public SequenceRule apply()
    {
        return new PendingStateProcessor(3).apply(decoded);
    }
}
