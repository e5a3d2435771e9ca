package io.boostj.perf;

import io.boostj.ring.MessageHandler;
import io.boostj.ring.MessageRing;
import io.boostj.ring.MessageSlot;
import io.boostj.ring.WaitStrategies;
import io.boostj.sbe.BooleanType;
import io.boostj.sbe.ForkchoiceUpdatedRequestDecoder;
import io.boostj.sbe.ForkchoiceUpdatedRequestEncoder;
import io.boostj.sbe.MessageHeaderDecoder;
import io.boostj.sbe.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The inbound ring hand-off as engine-io does it: {@link MessageRing#tryClaim()}, SBE-encode a
 * {@code ForkchoiceUpdatedRequest} (fixed fields plus its raw JSON id and params, 1 KB, as an op-node FCU with
 * attributes) into the slot, {@link MessageRing#publish}; a consumer thread decodes every message.
 * <ul>
 *     <li>{@link #claimEncodePublish}: the producer's cost per message with the consumer draining in parallel
 *     (throughput; a full ring makes the producer retry, so a slow consumer shows up here).</li>
 *     <li>{@link #roundTrip}: publish one message and wait until the consumer has processed it, back to back: the
 *     hand-off latency while the consumer is still in its spin phase.</li>
 *     <li>{@link #roundTripAfterIdle}: the same after the ring has been idle for {@value #IDLE_US} µs (outside the
 *     timed region), as the sidecar sees most requests: the consumer has gone past spinning and yielding to blocking,
 *     so this is the cost of waking a thread (sampled: percentiles in µs).</li>
 * </ul>
 * All must allocate nothing ({@code gc.alloc.rate.norm} counts every thread, the consumer's too).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xms256m", "-Xmx256m"})
public class RingHandoffBenchmark
{
    /** Idle time before each {@link #roundTripAfterIdle} sample, longer than the phased strategy's spin + yield. */
    public static final long IDLE_US = 500;

    /**
     * Consumer wait strategy: {@code phased} is the sidecar's default; {@code yielding} shows the cost without the
     * blocking phase.
     */
    @Param({"phased", "yielding"})
    public String waitStrategy;

    private MessageRing ring;
    private final AtomicLong consumed = new AtomicLong(-1);
    private final ForkchoiceUpdatedRequestEncoder encoder = new ForkchoiceUpdatedRequestEncoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final UnsafeBuffer hash = new UnsafeBuffer(new byte[32]);
    private UnsafeBuffer rawParams;
    private UnsafeBuffer rpcId;
    private long requestId;

    /**
     * Starts the ring and its consumer.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        final byte[] params = Payloads.paramsOf(Payloads.bytes(Payloads.FCU_ATTRIBUTES));
        rawParams = new UnsafeBuffer(params);
        rpcId = new UnsafeBuffer("\"fcu-attrs\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (int i = 0; i < 32; i++)
        {
            hash.putByte(i, (byte)i);
        }
        ring = new MessageRing("bench", 4096, 2048, true, WaitStrategies.byName(waitStrategy));
        ring.addConsumer(new Consumer(consumed));
        ring.start(r ->
        {
            final Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Stops the consumer.
     *
     * @throws InterruptedException if interrupted while joining it.
     */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException
    {
        ring.close(2000);
    }

    /**
     * Claim, encode, publish; the consumer drains in parallel.
     *
     * @return the sequence published.
     */
    @Benchmark
    public long claimEncodePublish()
    {
        return publishOne();
    }

    /**
     * Claim, encode, publish, then wait for the consumer to have processed it.
     *
     * @return the sequence published.
     */
    @Benchmark
    public long roundTrip()
    {
        final long seq = publishOne();
        while (consumed.get() < seq)
        {
            Thread.onSpinWait();
        }
        return seq;
    }

    /**
     * Lets the ring go idle before each {@link #roundTripAfterIdle} invocation (not timed).
     */
    @State(Scope.Thread)
    public static class Idle
    {
        /**
         * Parks for {@link #IDLE_US}.
         */
        @Setup(Level.Invocation)
        public void idle()
        {
            java.util.concurrent.locks.LockSupport.parkNanos(IDLE_US * 1000);
        }
    }

    /**
     * Publish to an idle ring and wait until the consumer has processed the message.
     *
     * @param idle makes the ring idle first.
     * @return the sequence published.
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long roundTripAfterIdle(final Idle idle)
    {
        return roundTrip();
    }

    private long publishOne()
    {
        long seq;
        while ((seq = ring.tryClaim()) < 0)
        {
            Thread.onSpinWait();
        }
        final MessageSlot slot = ring.slot(seq);
        final MutableDirectBuffer buffer = slot.buffer();
        final ForkchoiceUpdatedRequestEncoder e = encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .requestId(++requestId)
            .recvTimeNs(requestId)
            .hasAttributes(BooleanType.TRUE)
            .noTxPool(BooleanType.FALSE)
            .timestamp(0x68e8f68bL);
        final int base = e.offset();
        buffer.putBytes(base + ForkchoiceUpdatedRequestEncoder.headBlockHashEncodingOffset(), hash, 0, 32);
        buffer.putBytes(base + ForkchoiceUpdatedRequestEncoder.safeBlockHashEncodingOffset(), hash, 0, 32);
        buffer.putBytes(base + ForkchoiceUpdatedRequestEncoder.finalizedBlockHashEncodingOffset(), hash, 0, 32);
        e.putRpcId(rpcId, 0, rpcId.capacity());
        e.putRawParams(rawParams, 0, rawParams.capacity());
        slot.length(MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
        ring.publish(seq);
        return seq;
    }

    /**
     * Decodes each message's fixed fields and skips its var data, as the engine would before acting on it.
     */
    static final class Consumer implements MessageHandler
    {
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final ForkchoiceUpdatedRequestDecoder decoder = new ForkchoiceUpdatedRequestDecoder();
        private final AtomicLong consumed;
        private long checksum;

        Consumer(final AtomicLong consumed)
        {
            this.consumed = consumed;
        }

        @Override
        public void onMessage(final long sequence, final MessageSlot slot, final boolean endOfBatch)
        {
            final DirectBuffer buffer = slot.buffer();
            header.wrap(buffer, 0);
            decoder.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            checksum += decoder.requestId() + decoder.timestamp() + decoder.skipRpcId() + decoder.skipRawParams();
            consumed.lazySet(sequence);
        }

        long checksum()
        {
            return checksum;
        }
    }
}
