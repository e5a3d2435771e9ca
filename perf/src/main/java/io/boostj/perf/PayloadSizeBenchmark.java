package io.boostj.perf;

import io.boostj.codecs.engine.EngineRequestEncoder;
import io.boostj.codecs.eth.ForkSchedule;
import io.boostj.codecs.eth.PayloadBlockHasher;
import io.boostj.codecs.json.JsonScanner;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * How the sidecar's per-payload costs grow with the payload: the real Hoodi {@code engine_newPayloadV4} request with its
 * 27 transactions cycled until the request is {@link #requestKib} KiB (1 KiB: no transactions, the smallest possible
 * request, about 1.6 KiB), then
 * <ul>
 *     <li>{@link #encodeRequest}: JSON → SBE, what every op-node request costs before it enters the ring;</li>
 *     <li>{@link #blockHash}: the block hash check (hex decode, transactions and withdrawals tries, header, Keccak),
 *     run on every payload the builder offers. The claimed hash is the 27-transaction block's, so the verdict is
 *     MISMATCH except for the 1 KiB request, which is MISMATCH too (no transactions): the work is the same either
 *     way.</li>
 * </ul>
 * Both must allocate nothing at any size (checked with {@code -prof gc} in {@code perf/run-all}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xms512m", "-Xmx512m"})
public class PayloadSizeBenchmark
{
    /** Target size of the request in KiB; the request is the first one at or above it. */
    @Param({"1", "16", "128", "512", "2048"})
    public int requestKib;

    private final EngineRequestEncoder encoder = new EngineRequestEncoder();
    private final PayloadBlockHasher hasher = new PayloadBlockHasher(ForkSchedule.HOODI);
    private final JsonScanner scanner = new JsonScanner();
    private UnsafeBuffer src;
    private UnsafeBuffer dst;
    private int length;
    private long requestId;

    /**
     * Builds the request, checks it encodes and hashes.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        final byte[] request = request(requestKib * 1024);
        length = request.length;
        src = JsonToSbeBenchmark.direct(length);
        src.putBytes(0, request);
        dst = JsonToSbeBenchmark.direct(EngineRequestEncoder.maxEncodedLength(length));
        if (encoder.encode(src, 0, length, 1, 1, dst, 0) <= 0)
        {
            throw new IllegalStateException(requestKib + " KiB request does not encode: " + encoder.errorMessage());
        }
        scanner.wrap(src, 0, length);
        final int verdict = hasher.verifyRequest(scanner, 0);
        if (verdict != PayloadBlockHasher.MISMATCH && verdict != PayloadBlockHasher.MATCH)
        {
            throw new IllegalStateException(requestKib + " KiB request not hashed: " + hasher.reason());
        }
        System.out.printf("%n[payload] requestKib=%d: %d bytes, %d transactions%n", requestKib, length,
            hasher.transactionCount());
    }

    /**
     * The Hoodi request with its transactions cycled until the request is at least {@code targetBytes}.
     */
    static byte[] request(final int targetBytes)
    {
        final byte[] hoodi = Payloads.bytes(Payloads.NEW_PAYLOAD_V4_HOODI);
        final JsonScanner s = new JsonScanner().wrap(new UnsafeBuffer(hoodi), 0, hoodi.length);
        final String[] txs = EthPrimitivesBenchmark.transactionStrings(s);
        final int txsAt = s.member(s.element(s.member(0, "params"), 0), "transactions");
        final String text = new String(hoodi, StandardCharsets.UTF_8);
        final String head = text.substring(0, txsAt);
        final String tail = text.substring(s.valueEnd(txsAt));
        final StringBuilder array = new StringBuilder("[");
        for (int i = 0; head.length() + array.length() + 1 + tail.length() < targetBytes; i++)
        {
            array.append(i == 0 ? "\"" : ",\"").append(txs[i % txs.length]).append('"');
        }
        array.append(']');
        return (head + array + tail).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @return the encoded length.
     */
    @Benchmark
    public int encodeRequest()
    {
        final long id = ++requestId;
        return encoder.encode(src, 0, length, id, id, dst, 0);
    }

    /**
     * @return the verdict.
     */
    @Benchmark
    public int blockHash()
    {
        return hasher.verifyRequest(scanner.wrap(src, 0, length), 0);
    }
}
