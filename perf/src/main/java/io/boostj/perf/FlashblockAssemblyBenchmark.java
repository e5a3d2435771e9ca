package io.boostj.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boostj.codecs.flashblocks.FlashblockAssembler;
import io.boostj.codecs.flashblocks.PayloadEnvelopeVersion;
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

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * getPayload from flashblocks: {@link FlashblockAssembler} takes a whole round of raw flashblock JSON (each parsed and
 * checked against the extend rules as it is appended) and writes the {@code engine_getPayloadV4} envelope, as the
 * engine does when op-node asks for the payload.
 * <ul>
 *     <li>{@link #assembleUnichain}: the real 5-flashblock Unichain Sepolia block;</li>
 *     <li>{@link #assemble10x1000}: a 10-flashblock round of 1,000 transactions: the Unichain base flashblock, then nine
 *     diffs built from Unichain flashblock 1 with the block's real transactions cycled to 111 each (the assembler does
 *     not look inside transactions, so reuse changes nothing it does). Goal: under 1 ms.</li>
 *     <li>{@link #assembleByTxPerFlashblock}: 10 flashblocks of 10, 100 and 1,000 transactions each: how the cost
 *     grows with the transactions per flashblock.</li>
 * </ul>
 * Source and destination are direct memory; must allocate nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xms256m", "-Xmx256m"})
public class FlashblockAssemblyBenchmark
{
    private static final int ROUND = 10;
    private static final int TRANSACTIONS = 1_000;

    private final FlashblockAssembler assembler = new FlashblockAssembler();
    private final UnsafeBuffer envelope = new UnsafeBuffer(ByteBuffer.allocateDirect(4 << 20));
    private Round unichain;
    private Round large;

    @Setup
    public void setUp() throws Exception
    {
        final List<String> lines = unichainLines();
        unichain = new Round(lines);
        large = new Round(largeRound(lines));
        if (run(unichain) <= 0 || run(large) <= 0)
        {
            throw new IllegalStateException("assembly failed: " + assembler.errorMessage());
        }
    }

    /**
     * @return the five real flashblocks, one JSON text each.
     */
    static List<String> unichainLines()
    {
        final List<String> lines = new ArrayList<>();
        for (final String line : Payloads.text("unichain_sepolia_35535698_with_metadata", "ndjson").split("\n"))
        {
            if (!line.isBlank())
            {
                lines.add(line.trim());
            }
        }
        return lines;
    }

    /**
     * @param lines the real flashblocks.
     * @return a 10-flashblock round carrying {@value #TRANSACTIONS} transactions in all.
     * @throws Exception if the JSON does not parse.
     */
    static List<String> largeRound(final List<String> lines) throws Exception
    {
        final int base = new ObjectMapper().readTree(lines.get(0)).path("diff").path("transactions").size();
        return round(lines, ROUND, (TRANSACTIONS - base + ROUND - 2) / (ROUND - 1), TRANSACTIONS - base);
    }

    /**
     * @param lines       the real flashblocks.
     * @param flashblocks flashblocks in the round, the real base flashblock first.
     * @param perDiff     transactions in each diff after the base (the block's real ones, cycled).
     * @param diffTotal   at most this many in all the diffs.
     * @return the round's JSON texts.
     * @throws Exception if the JSON does not parse.
     */
    static List<String> round(final List<String> lines, final int flashblocks, final int perDiff, final int diffTotal)
        throws Exception
    {
        final ObjectMapper mapper = new ObjectMapper();
        final List<String> transactions = new ArrayList<>();
        for (final String line : lines)
        {
            mapper.readTree(line).path("diff").path("transactions").forEach(t -> transactions.add(t.asText()));
        }
        final List<String> round = new ArrayList<>();
        round.add(lines.get(0));
        int remaining = diffTotal;
        int next = 0;
        for (int index = 1; index < flashblocks; index++)
        {
            final ObjectNode fb = (ObjectNode)mapper.readTree(lines.get(1));
            fb.put("index", index);
            final ArrayNode txs = ((ObjectNode)fb.get("diff")).putArray("transactions");
            for (int i = 0; i < Math.min(perDiff, remaining); i++)
            {
                txs.add(transactions.get(next++ % transactions.size()));
            }
            remaining -= txs.size();
            round.add(mapper.writeValueAsString(fb));
        }
        return round;
    }

    private int run(final Round round)
    {
        assembler.reset(round.payloadId);
        for (int i = 0; i < round.count; i++)
        {
            final int result = assembler.tryAppend(round.buffer, round.offsets[i], round.lengths[i]);
            if (FlashblockAssembler.OK != result)
            {
                return result;
            }
        }
        return assembler.tryWriteEnvelope(PayloadEnvelopeVersion.V4, envelope, 0);
    }

    @Benchmark
    public int assembleUnichain()
    {
        return run(unichain);
    }

    @Benchmark
    public int assemble10x1000()
    {
        return run(large);
    }

    /**
     * How assembly grows with the transactions per flashblock: a 10-flashblock round whose nine diffs carry
     * {@link #txPerFlashblock} transactions each.
     *
     * @param sized the round.
     * @return the envelope length.
     */
    @Benchmark
    public int assembleByTxPerFlashblock(final SizedRound sized)
    {
        return run(sized.round);
    }

    /** A round of 10 flashblocks with a given number of transactions in each diff. */
    @State(Scope.Thread)
    public static class SizedRound
    {
        /** Transactions in each of the nine diffs. */
        @Param({"10", "100", "1000"})
        public int txPerFlashblock;

        Round round;

        /**
         * Builds the round.
         *
         * @throws Exception if the JSON does not parse.
         */
        @Setup
        public void setUp() throws Exception
        {
            round = new Round(FlashblockAssemblyBenchmark.round(unichainLines(), ROUND, txPerFlashblock,
                Integer.MAX_VALUE));
        }
    }

    /** A round of flashblock JSON texts laid out back to back in direct memory. */
    private static final class Round
    {
        final UnsafeBuffer buffer;
        final int[] offsets;
        final int[] lengths;
        final int count;
        final long payloadId;

        Round(final List<String> texts) throws Exception
        {
            count = texts.size();
            offsets = new int[count];
            lengths = new int[count];
            int total = 0;
            for (final String t : texts)
            {
                total += t.getBytes(StandardCharsets.UTF_8).length + 8;
            }
            buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(total));
            int pos = 0;
            for (int i = 0; i < count; i++)
            {
                final byte[] bytes = texts.get(i).getBytes(StandardCharsets.UTF_8);
                buffer.putBytes(pos, bytes);
                offsets[i] = pos;
                lengths[i] = bytes.length;
                pos += bytes.length + 8;
            }
            final JsonNode first = new ObjectMapper().readTree(texts.get(0));
            payloadId = Long.parseUnsignedLong(first.get("payload_id").asText().substring(2), 16);
        }
    }
}
