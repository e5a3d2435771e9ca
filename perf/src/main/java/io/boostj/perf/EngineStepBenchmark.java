package io.boostj.perf;

import io.boostj.codecs.engine.EngineRequestEncoder;
import io.boostj.codecs.engine.UpstreamReplyEncoder;
import io.boostj.core.CommandSink;
import io.boostj.core.sidecar.SidecarConfig;
import io.boostj.core.sidecar.SidecarEngine;
import io.boostj.sbe.BlockDecisionDecoder;
import io.boostj.sbe.CallOutcome;
import io.boostj.sbe.DecisionReason;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.GetPayloadRequestDecoder;
import io.boostj.sbe.GetPayloadRequestEncoder;
import io.boostj.sbe.MessageHeaderDecoder;
import io.boostj.sbe.MessageHeaderEncoder;
import io.boostj.sbe.PayloadSource;
import io.boostj.sbe.RpcReplyDecoder;
import io.boostj.sbe.Target;
import io.boostj.sbe.UpstreamCallDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The decision engine alone ({@link SidecarEngine#onEvent}), one thread, no rings, no I/O: a full op-node block round
 * played with pre-encoded SBE events, every upstream answering at once.
 * <pre>
 *   FCU(attributes)      → L2 FCU reply, builder FCU reply                      (3 events)
 *   getPayloadV3         → L2 getPayload reply, builder getPayload reply,
 *                          L2 newPayload reply (validation of the builder block) (4 events)
 *   newPayloadV3         → L2 newPayload reply (the builder copy is fire-and-forget) (2 events)
 *   FCU(no attributes)   → L2 FCU reply (builder copy fire-and-forget)            (2 events)
 * </pre>
 * The command sink reads the fixed fields of each {@code UpstreamCall} (call id, target, method) so the driver can
 * answer it, and nothing else: the cost of engine-io's ring copy is measured by {@link RingHandoffBenchmark}.
 * Times are per event ({@value #EVENTS_PER_ROUND} per round); the payload id changes every round, so the bounded
 * payload-id map evicts as in production. Must allocate nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xms256m", "-Xmx256m"})
public class EngineStepBenchmark
{
    /** Events fed to the engine per block round. */
    public static final int EVENTS_PER_ROUND = 11;

    private static final long EVENT_SPACING_NS = 1_000;
    private static final long BUILDER_ID_BIT = 0x0100000000000000L;
    private static final int REQUEST_ID_OFFSET = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int RECV_TIME_OFFSET = MessageHeaderEncoder.ENCODED_LENGTH + 8;

    private final Driver driver = new Driver();
    private SidecarEngine engine;

    private Event fcuAttributes;
    private Event getPayload;
    private Event newPayload;
    private Event fcuNoAttributes;
    private int getPayloadIdHexOffset;

    private Event replyFcuWithId;
    private Event replyFcuNoId;
    private Event replyGetPayload;
    private Event replyNewPayload;
    private Event replyBlock;
    private Event snapshotRequest;

    private long nowNs;
    private long requestId;
    private long payloadSeq;
    private boolean withAttributes;
    private int eventsThisRound;

    /**
     * Builds the engine and the events, then plays two rounds and checks that the engine chose the builder's
     * validated block and answered all four requests.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        nowNs = System.currentTimeMillis() * 1_000_000L;
        final SidecarConfig config = new SidecarConfig().healthCheckIntervalMs(3_600_000L);
        engine = new SidecarEngine(config, driver);

        final EngineRequestEncoder requests = new EngineRequestEncoder();
        fcuAttributes = request(requests, Payloads.FCU_ATTRIBUTES);
        getPayload = request(requests, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"engine_getPayloadV3\",\"params\":[\"" +
            StubResponses.hex64(0x0300000000000001L) + "\"]}");
        newPayload = request(requests, Payloads.NEW_PAYLOAD_V3);
        fcuNoAttributes = request(requests, Payloads.FCU_NO_ATTRIBUTES);
        getPayloadIdHexOffset = locatePayloadIdHex(getPayload.buffer);

        final UpstreamReplyEncoder replies = new UpstreamReplyEncoder();
        replyFcuWithId = reply(replies, EngineMethod.FORKCHOICE_UPDATED_V3,
            StubResponses.forkchoiceResult(0x0300000000000001L).getBytes(StandardCharsets.US_ASCII));
        replyFcuNoId = reply(replies, EngineMethod.FORKCHOICE_UPDATED_V3,
            StubResponses.forkchoiceResult(-1).getBytes(StandardCharsets.US_ASCII));
        replyGetPayload = reply(replies, EngineMethod.GET_PAYLOAD_V3, Payloads.bytes(Payloads.GET_PAYLOAD_V3_RESULT));
        replyNewPayload = reply(replies, EngineMethod.NEW_PAYLOAD_V3,
            StubResponses.newPayloadResult().getBytes(StandardCharsets.US_ASCII));
        replyBlock = reply(replies, EngineMethod.ETH_GET_BLOCK_BY_NUMBER,
            StubResponses.blockResult(nowNs / 1_000_000_000L).getBytes(StandardCharsets.US_ASCII));

        final UnsafeBuffer snapshotBuffer = new UnsafeBuffer(new byte[64]);
        snapshotRequest = new Event(snapshotBuffer, MessageHeaderEncoder.ENCODED_LENGTH +
            new io.boostj.sbe.SnapshotRequestEncoder().wrapAndApplyHeader(snapshotBuffer, 0, new MessageHeaderEncoder())
                .snapshotId(1).encodedLength());

        round();
        driver.resetChecks();
        final int events = round();
        if (EVENTS_PER_ROUND != events || 4 != driver.rpcReplies || 1 != driver.builderDecisions)
        {
            throw new IllegalStateException("unexpected round: events=" + events + " (want " + EVENTS_PER_ROUND +
                "), rpcReplies=" + driver.rpcReplies + " (want 4), builder-valid decisions=" + driver.builderDecisions +
                " (want 1), last decision reason=" + driver.lastReason);
        }
    }

    /**
     * One block round.
     *
     * @return events fed (always {@value #EVENTS_PER_ROUND} in the steady state).
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_ROUND)
    public int blockRound()
    {
        return round();
    }

    /**
     * One journal snapshot of the engine between two block rounds (nothing in flight, a full payload-id map of the
     * default 100 entries): the time the engine thread spends on a {@code SnapshotRequest}, writing its whole state
     * into an {@code EngineSnapshot} command. Happens once per {@code --journal-snapshot-interval-s}.
     *
     * @return the snapshots the sink saw.
     */
    @Benchmark
    public int snapshot()
    {
        snapshotRequest.buffer.putLong(
            MessageHeaderEncoder.ENCODED_LENGTH, nowNs += EVENT_SPACING_NS, ByteOrder.LITTLE_ENDIAN);
        engine.onEvent(snapshotRequest.buffer, 0, snapshotRequest.length);
        return driver.snapshots;
    }

    private int round()
    {
        eventsThisRound = 0;
        final long payloadId = 0x0300000000000000L | (++payloadSeq & 0xFFFF_FFFF_FFFFL);

        withAttributes = true;
        feed(fcuAttributes);
        drain(payloadId);

        withAttributes = false;
        final UnsafeBuffer gp = getPayload.buffer;
        gp.putLong(MessageHeaderEncoder.ENCODED_LENGTH + GetPayloadRequestEncoder.payloadIdEncodingOffset(),
            payloadId, ByteOrder.BIG_ENDIAN);
        putHex(gp, getPayloadIdHexOffset, payloadId);
        feed(getPayload);
        drain(payloadId);

        feed(newPayload);
        drain(payloadId);

        feed(fcuNoAttributes);
        drain(payloadId);
        return eventsThisRound;
    }

    private void feed(final Event event)
    {
        final UnsafeBuffer b = event.buffer;
        b.putLong(REQUEST_ID_OFFSET, ++requestId, ByteOrder.LITTLE_ENDIAN);
        b.putLong(RECV_TIME_OFFSET, nowNs += EVENT_SPACING_NS, ByteOrder.LITTLE_ENDIAN);
        engine.onEvent(b, 0, event.length);
        eventsThisRound++;
    }

    private void drain(final long payloadId)
    {
        final Driver d = driver;
        while (d.head != d.tail)
        {
            final int i = d.head++ & Driver.MASK;
            final long callId = d.callIds[i];
            final short target = d.targets[i];
            final short method = d.methods[i];
            final Event reply;
            if (EngineMethod.FORKCHOICE_UPDATED_V3.value() == method)
            {
                reply = withAttributes ? replyFcuWithId : replyFcuNoId;
                if (withAttributes)
                {
                    reply.buffer.putLong(MessageHeaderEncoder.ENCODED_LENGTH +
                        io.boostj.sbe.UpstreamReplyEncoder.payloadIdEncodingOffset(),
                        Target.BUILDER.value() == target ? payloadId | BUILDER_ID_BIT : payloadId, ByteOrder.BIG_ENDIAN);
                }
            }
            else if (EngineMethod.GET_PAYLOAD_V3.value() == method)
            {
                reply = replyGetPayload;
            }
            else if (EngineMethod.NEW_PAYLOAD_V3.value() == method)
            {
                reply = replyNewPayload;
            }
            else if (EngineMethod.ETH_GET_BLOCK_BY_NUMBER.value() == method)
            {
                reply = replyBlock;
            }
            else
            {
                throw new IllegalStateException("no canned reply for method " + method);
            }
            final UnsafeBuffer b = reply.buffer;
            b.putByte(MessageHeaderEncoder.ENCODED_LENGTH + io.boostj.sbe.UpstreamReplyEncoder.targetEncodingOffset(),
                (byte)target);
            b.putLong(REQUEST_ID_OFFSET, callId, ByteOrder.LITTLE_ENDIAN);
            b.putLong(RECV_TIME_OFFSET, nowNs += EVENT_SPACING_NS, ByteOrder.LITTLE_ENDIAN);
            engine.onEvent(b, 0, reply.length);
            eventsThisRound++;
        }
    }

    private static Event request(final EngineRequestEncoder encoder, final String nameOrJson)
    {
        final byte[] json = nameOrJson.startsWith("{") ?
            nameOrJson.getBytes(StandardCharsets.US_ASCII) : Payloads.bytes(nameOrJson);
        final UnsafeBuffer src = new UnsafeBuffer(json);
        final UnsafeBuffer dst = new UnsafeBuffer(ByteBuffer.allocateDirect(
            EngineRequestEncoder.maxEncodedLength(json.length)));
        final int length = encoder.encode(src, 0, json.length, 1, 1, dst, 0);
        if (length <= 0)
        {
            throw new IllegalStateException("request does not encode: " + length + " " + encoder.errorMessage());
        }
        return new Event(dst, length);
    }

    private static Event reply(final UpstreamReplyEncoder encoder, final EngineMethod method, final byte[] result)
    {
        final byte[] body = Payloads.response("1", result);
        final UnsafeBuffer src = new UnsafeBuffer(body);
        final UnsafeBuffer dst = new UnsafeBuffer(ByteBuffer.allocateDirect(
            UpstreamReplyEncoder.maxEncodedLength(body.length)));
        final int length = encoder.encode(1, 1, Target.L2, method, 200, 1000, src, 0, body.length, dst, 0);
        if (length <= 0 || CallOutcome.RESULT != encoder.outcome())
        {
            throw new IllegalStateException(method + " reply does not encode as RESULT: " + encoder.outcome());
        }
        return new Event(dst, length);
    }

    private static int locatePayloadIdHex(final UnsafeBuffer event)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(event, 0);
        final GetPayloadRequestDecoder d = new GetPayloadRequestDecoder()
            .wrap(event, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        d.skipRpcId();
        final int start = d.limit() + GetPayloadRequestDecoder.rawParamsHeaderLength();
        final int end = start + d.skipRawParams();
        for (int i = start; i < end - 1; i++)
        {
            if ('0' == event.getByte(i) && 'x' == event.getByte(i + 1))
            {
                return i + 2;
            }
        }
        throw new IllegalStateException("no payload id in getPayload params");
    }

    private static void putHex(final UnsafeBuffer b, final int offset, final long value)
    {
        for (int i = 0; i < 16; i++)
        {
            final int nibble = (int)(value >>> (60 - 4 * i)) & 0xF;
            b.putByte(offset + i, (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10));
        }
    }

    private static final class Event
    {
        final UnsafeBuffer buffer;
        final int length;

        Event(final UnsafeBuffer buffer, final int length)
        {
            this.buffer = buffer;
            this.length = length;
        }
    }

    /**
     * The command sink: queues the upstream calls that expect an answer, counts replies and block decisions.
     */
    static final class Driver implements CommandSink
    {
        static final int CAPACITY = 64;
        static final int MASK = CAPACITY - 1;

        final long[] callIds = new long[CAPACITY];
        final short[] targets = new short[CAPACITY];
        final short[] methods = new short[CAPACITY];
        int head;
        int tail;

        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final UpstreamCallDecoder call = new UpstreamCallDecoder();
        private final BlockDecisionDecoder decision = new BlockDecisionDecoder();
        int rpcReplies;
        int builderDecisions;
        int snapshots;
        int snapshotBytes;
        short lastReason = -1;

        void resetChecks()
        {
            rpcReplies = 0;
            builderDecisions = 0;
        }

        @Override
        public void onCommand(final DirectBuffer buffer, final int offset, final int length)
        {
            header.wrap(buffer, offset);
            final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
            switch (header.templateId())
            {
                case UpstreamCallDecoder.TEMPLATE_ID:
                    call.wrap(buffer, body, header.blockLength(), header.version());
                    if (0 == call.fireAndForgetRaw())
                    {
                        final int i = tail++ & MASK;
                        callIds[i] = call.callId();
                        targets[i] = call.targetRaw();
                        methods[i] = call.methodRaw();
                    }
                    break;
                case RpcReplyDecoder.TEMPLATE_ID:
                    rpcReplies++;
                    break;
                case BlockDecisionDecoder.TEMPLATE_ID:
                    decision.wrap(buffer, body, header.blockLength(), header.version());
                    lastReason = decision.reasonRaw();
                    if (PayloadSource.BUILDER.value() == decision.sourceRaw() &&
                        DecisionReason.BUILDER_VALID.value() == decision.reasonRaw())
                    {
                        builderDecisions++;
                    }
                    break;
                case io.boostj.sbe.EngineSnapshotDecoder.TEMPLATE_ID:
                    snapshots++;
                    snapshotBytes = length;
                    break;
                default:
                    break;
            }
        }
    }
}
