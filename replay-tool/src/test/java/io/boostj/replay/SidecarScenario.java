package io.boostj.replay;

import io.boostj.core.sidecar.SidecarConfig;
import io.boostj.core.sidecar.SidecarEngine;
import io.boostj.journal.Direction;
import io.boostj.journal.Journal;
import io.boostj.journal.JournalWriter;
import io.boostj.sbe.BooleanType;
import io.boostj.sbe.CallOutcome;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.ExecutionModeCode;
import io.boostj.sbe.ExecutionModeRequestEncoder;
import io.boostj.sbe.ForkchoiceUpdatedRequestEncoder;
import io.boostj.sbe.GetPayloadRequestEncoder;
import io.boostj.sbe.MessageHeaderDecoder;
import io.boostj.sbe.MessageHeaderEncoder;
import io.boostj.sbe.NewPayloadRequestEncoder;
import io.boostj.sbe.PayloadStatus;
import io.boostj.sbe.Target;
import io.boostj.sbe.SnapshotRequestEncoder;
import io.boostj.sbe.TickEncoder;
import io.boostj.sbe.UpstreamCallDecoder;
import io.boostj.sbe.UpstreamReplyEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Runs a live {@link SidecarEngine} the way the sidecar does, journaling every event (IN) and every command (OUT)
 * with two writers, in a seeded random mix of orders: an event's commands are journaled after it, before it (the
 * event journal handler running behind the engine) or after the next event (the command journal thread lagging).
 */
final class SidecarScenario
{
    static final long T0_NS = 1_750_000_000_000_000_000L;

    private record Call(long callId, Target target, EngineMethod method)
    {
    }

    private final JournalWriter inWriter;
    private final JournalWriter outWriter;
    private final Random random;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final UpstreamCallDecoder callDecoder = new UpstreamCallDecoder();
    private final List<byte[]> produced = new ArrayList<>();
    private final List<byte[]> deferred = new ArrayList<>();
    private final List<Call> openCalls = new ArrayList<>();
    private SidecarEngine engine;
    private long nowNs = T0_NS;
    private long nextRequestId = 1_000;
    private long outRecords;
    private long inRecords;
    private long tamperOutRecord = -1;
    private int snapshotEverySteps;
    private long nextSnapshotId = 1;

    SidecarScenario(final Journal journal, final long seed)
    {
        this.inWriter = journal.newWriter();
        this.outWriter = journal.newWriter();
        this.random = new Random(seed);
    }

    /**
     * Corrupt the n-th journaled command (0-based) by flipping its last byte.
     */
    SidecarScenario tamperOutRecord(final long n)
    {
        this.tamperOutRecord = n;
        return this;
    }

    /**
     * Send a {@code SnapshotRequest} every {@code steps} steps, as engine-io's tick source does on a timer.
     */
    SidecarScenario snapshotEverySteps(final int steps)
    {
        this.snapshotEverySteps = steps;
        return this;
    }

    /**
     * Advance the scenario's clock (so that a test can roll a journal cycle between two runs).
     */
    void advanceMs(final long ms)
    {
        nowNs += ms * 1_000_000L;
    }

    static SidecarConfig config()
    {
        return new SidecarConfig()
            .healthCheckIntervalMs(2_000)
            .builderTimeoutMs(300)
            .l2TimeoutMs(500)
            .getPayloadDeadlineMs(400)
            .payloadIdCacheSize(8);
    }

    /**
     * A process start: journal the EngineConfig and build a new engine from it.
     */
    void start(final SidecarConfig config)
    {
        flushDeferred();
        final int length = config.encode(buffer, 0, nowNs);
        inWriter.append(nowNs, Direction.IN, buffer, 0, length);
        inRecords++;
        openCalls.clear();
        nextSnapshotId = 1;
        engine = new SidecarEngine(SidecarConfig.decode(buffer, 0, length), this::onCommand);
    }

    /**
     * Drive the engine with {@code steps} random events.
     */
    void run(final int steps)
    {
        for (int step = 0; step < steps; step++)
        {
            nowNs += random.nextInt(60) * 1_000_000L;
            if (snapshotEverySteps > 0 && 0 == step % snapshotEverySteps)
            {
                snapshotRequest();
            }
            final int action = random.nextInt(100);
            if (action < 15)
            {
                fcu(random.nextInt(3) > 0, random.nextInt(5) == 0);
            }
            else if (action < 25)
            {
                getPayload(random.nextBoolean() ? EngineMethod.GET_PAYLOAD_V3 : EngineMethod.GET_PAYLOAD_V4);
            }
            else if (action < 32)
            {
                newPayload();
            }
            else if (action < 34)
            {
                executionMode(random.nextBoolean(), ExecutionModeCode.get((short)(1 + random.nextInt(3))));
            }
            else if (action < 42)
            {
                tick();
            }
            else if (!openCalls.isEmpty())
            {
                final Call call = openCalls.remove(random.nextInt(openCalls.size()));
                if (random.nextInt(10) > 0)
                {
                    reply(call);
                }
            }
        }
    }

    /**
     * Journal the commands still held back (a clean shutdown).
     */
    void finish()
    {
        flushDeferred();
    }

    long inRecords()
    {
        return inRecords;
    }

    long outRecords()
    {
        return outRecords;
    }

    private void fcu(final boolean attributes, final boolean noTxPool)
    {
        final long requestId = nextRequestId++;
        final byte[] head = hash(random.nextInt(4));
        final ForkchoiceUpdatedRequestEncoder e = new ForkchoiceUpdatedRequestEncoder()
            .wrapAndApplyHeader(buffer, 0, header)
            .requestId(requestId)
            .recvTimeNs(nowNs)
            .putHeadBlockHash(head, 0, 32)
            .putSafeBlockHash(new byte[32], 0, 32)
            .putFinalizedBlockHash(new byte[32], 0, 32)
            .hasAttributes(bool(attributes))
            .noTxPool(bool(noTxPool))
            .timestamp(T0_NS / 1_000_000_000L);
        final String state = "{\"headBlockHash\":\"" + hex(head) + "\",\"safeBlockHash\":\"" + hex(new byte[32]) +
            "\",\"finalizedBlockHash\":\"" + hex(new byte[32]) + "\"}";
        final String attrs = attributes ? "{\"timestamp\":\"0x684f2a00\",\"prevRandao\":\"" + hex(hash(7)) +
            "\",\"suggestedFeeRecipient\":\"0x4200000000000000000000000000000000000011\",\"withdrawals\":[]," +
            "\"parentBeaconBlockRoot\":\"" + hex(hash(8)) + "\",\"transactions\":[\"0x7e01\"],\"noTxPool\":" +
            noTxPool + ",\"gasLimit\":\"0x1c9c380\",\"eip1559Params\":\"0x0000000000000000\"}" : "null";
        putVar(e::putRpcId, Long.toString(requestId));
        putVar(e::putRawParams, "[" + state + "," + attrs + "]");
        event(e.encodedLength());
    }

    private void getPayload(final EngineMethod method)
    {
        final long requestId = nextRequestId++;
        final long payloadId = random.nextInt(6);
        final GetPayloadRequestEncoder e = new GetPayloadRequestEncoder()
            .wrapAndApplyHeader(buffer, 0, header)
            .requestId(requestId)
            .recvTimeNs(nowNs)
            .method(method);
        buffer.putLong(
            e.offset() + GetPayloadRequestEncoder.payloadIdEncodingOffset(), payloadId, ByteOrder.BIG_ENDIAN);
        putVar(e::putRpcId, Long.toString(requestId));
        putVar(e::putRawParams, "[\"0x" + String.format("%016x", payloadId) + "\"]");
        event(e.encodedLength());
    }

    private void newPayload()
    {
        final long requestId = nextRequestId++;
        final byte[] blockHash = hash(random.nextInt(4));
        final byte[] parentHash = hash(random.nextInt(4));
        final NewPayloadRequestEncoder e = new NewPayloadRequestEncoder()
            .wrapAndApplyHeader(buffer, 0, header)
            .requestId(requestId)
            .recvTimeNs(nowNs)
            .method(EngineMethod.NEW_PAYLOAD_V3)
            .putBlockHash(blockHash, 0, 32)
            .putParentHash(parentHash, 0, 32)
            .blockNumber(1);
        putVar(e::putRpcId, "\"np-" + requestId + "\"");
        putVar(e::putRawParams, "[{\"parentHash\":\"" + hex(parentHash) + "\",\"blockHash\":\"" + hex(blockHash) +
            "\",\"transactions\":[]},[],\"" + hex(hash(8)) + "\"]");
        event(e.encodedLength());
    }

    private void executionMode(final boolean set, final ExecutionModeCode mode)
    {
        final long requestId = nextRequestId++;
        final ExecutionModeRequestEncoder e = new ExecutionModeRequestEncoder()
            .wrapAndApplyHeader(buffer, 0, header)
            .requestId(requestId)
            .recvTimeNs(nowNs)
            .set(bool(set))
            .mode(mode);
        putVar(e::putRpcId, Long.toString(requestId));
        event(e.encodedLength());
    }

    private void snapshotRequest()
    {
        event(new SnapshotRequestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .recvTimeNs(nowNs).snapshotId(nextSnapshotId++).encodedLength());
    }

    private void tick()
    {
        event(new TickEncoder().wrapAndApplyHeader(buffer, 0, header).recvTimeNs(nowNs).encodedLength());
    }

    private void reply(final Call call)
    {
        final boolean failed = random.nextInt(8) == 0;
        final UpstreamReplyEncoder e = new UpstreamReplyEncoder()
            .wrapAndApplyHeader(buffer, 0, header)
            .callId(call.callId())
            .recvTimeNs(nowNs)
            .target(call.target())
            .method(call.method())
            .outcome(failed ? CallOutcome.TRANSPORT_ERROR : CallOutcome.RESULT)
            .httpStatus(failed ? 0 : 200)
            .errorCode(0);
        String result = "[]";
        String executionPayload = "";
        final int seed = random.nextInt(5);
        switch (call.method())
        {
            case FORKCHOICE_UPDATED_V3:
                e.payloadStatus(PayloadStatus.VALID).hasPayloadId(BooleanType.TRUE);
                final long payloadId = random.nextInt(6);
                buffer.putLong(e.offset() + UpstreamReplyEncoder.payloadIdEncodingOffset(), payloadId,
                    ByteOrder.BIG_ENDIAN);
                result = "{\"payloadStatus\":{\"status\":\"VALID\",\"latestValidHash\":null," +
                    "\"validationError\":null}," +
                    "\"payloadId\":\"0x" + String.format("%016x", payloadId) + "\"}";
                break;
            case GET_PAYLOAD_V3:
            case GET_PAYLOAD_V4:
            case GET_PAYLOAD_V5:
                e.payloadStatus(PayloadStatus.NONE).hasPayloadId(BooleanType.FALSE);
                executionPayload = "{\"parentHash\":\"" + hex(hash(1)) + "\",\"blockHash\":\"" + hex(hash(seed)) +
                    "\",\"gasUsed\":\"0x" + Integer.toHexString(seed * 1_000) + "\",\"transactions\":[\"0x7e01\"]}";
                result = "{\"executionPayload\":" + executionPayload + ",\"blockValue\":\"0x1\",\"blobsBundle\":" +
                    "{\"commitments\":[],\"proofs\":[],\"blobs\":[]},\"shouldOverrideBuilder\":false," +
                    "\"parentBeaconBlockRoot\":\"" + hex(hash(8)) + "\"}";
                break;
            case NEW_PAYLOAD_V3:
            case NEW_PAYLOAD_V4:
                e.payloadStatus(PayloadStatus.VALID).hasPayloadId(BooleanType.FALSE);
                result = "{\"status\":\"VALID\",\"latestValidHash\":null,\"validationError\":null}";
                break;
            default:
                e.payloadStatus(PayloadStatus.NONE).hasPayloadId(BooleanType.FALSE);
                result = "{\"number\":\"0x2a\",\"timestamp\":\"0x" + Long.toHexString(T0_NS / 1_000_000_000L) + "\"}";
                break;
        }
        e.putBlockHash(hash(seed), 0, 32)
            .blockNumber(10 + seed)
            .gasUsed(seed * 1_000L)
            .timestamp(T0_NS / 1_000_000_000L)
            .txCount(1)
            .putParentBeaconBlockRoot(hash(8), 0, 32)
            .hasExecutionRequests(BooleanType.FALSE)
            .putStateRoot(hash(seed + 1), 0, 32)
            .putParentHash(hash(1), 0, 32)
            .latencyNs(1_000);
        putVar(e::putErrorMessage, failed ? "connection reset" : "");
        putVar(e::putResult, failed ? "" : result);
        putVar(e::putExecutionPayload, failed ? "" : executionPayload);
        putVar(e::putExecutionRequests, "");
        event(e.encodedLength());
    }

    private void event(final int bodyLength)
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + bodyLength;
        final int order = random.nextInt(3);
        if (0 == order)
        {
            journalIn(length);
            engine.onEvent(buffer, 0, length);
            flushDeferred();
            deferred.addAll(produced);
        }
        else if (1 == order)
        {
            final byte[] event = Arrays.copyOf(buffer.byteArray(), length);
            engine.onEvent(buffer, 0, length);
            flushDeferred();
            deferred.addAll(produced);
            flushDeferred();
            buffer.putBytes(0, event);
            journalIn(length);
        }
        else
        {
            journalIn(length);
            engine.onEvent(buffer, 0, length);
            flushDeferred();
            deferred.addAll(produced);
            flushDeferred();
        }
        produced.clear();
    }

    private void journalIn(final int length)
    {
        inWriter.append(nowNs, Direction.IN, buffer, 0, length);
        inRecords++;
    }

    private void onCommand(final DirectBuffer source, final int offset, final int length)
    {
        final byte[] command = new byte[length];
        source.getBytes(offset, command);
        produced.add(command);

        headerDecoder.wrap(source, offset);
        if (UpstreamCallDecoder.TEMPLATE_ID == headerDecoder.templateId())
        {
            callDecoder.wrap(source, offset + MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(),
                headerDecoder.version());
            if (BooleanType.TRUE != callDecoder.fireAndForget())
            {
                openCalls.add(new Call(callDecoder.callId(), callDecoder.target(), callDecoder.method()));
            }
        }
    }

    private void flushDeferred()
    {
        for (final byte[] command : deferred)
        {
            if (outRecords == tamperOutRecord)
            {
                command[command.length - 1] ^= 0x01;
            }
            outWriter.append(nowNs, Direction.OUT, new UnsafeBuffer(command), 0, command.length);
            outRecords++;
        }
        deferred.clear();
    }

    private interface VarPut
    {
        Object put(byte[] src, int offset, int length);
    }

    private static void putVar(final VarPut put, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        put.put(bytes, 0, bytes.length);
    }

    static byte[] hash(final int seed)
    {
        final byte[] h = new byte[32];
        Arrays.fill(h, (byte)seed);
        h[0] = (byte)0xab;
        return h;
    }

    private static String hex(final byte[] bytes)
    {
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    private static BooleanType bool(final boolean b)
    {
        return b ? BooleanType.TRUE : BooleanType.FALSE;
    }
}
