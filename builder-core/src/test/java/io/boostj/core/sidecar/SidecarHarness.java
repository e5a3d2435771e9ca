package io.boostj.core.sidecar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.boostj.core.sidecar.RecordingSink.BlockDecision;
import io.boostj.core.sidecar.RecordingSink.Command;
import io.boostj.core.sidecar.RecordingSink.HealthUpdate;
import io.boostj.core.sidecar.RecordingSink.RpcReply;
import io.boostj.core.sidecar.RecordingSink.UpstreamCall;
import io.boostj.sbe.BooleanType;
import io.boostj.sbe.CallOutcome;
import io.boostj.sbe.EngineCallRequestEncoder;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.ExecutionModeCode;
import io.boostj.sbe.ExecutionModeRequestEncoder;
import io.boostj.sbe.FlashblockReceivedEncoder;
import io.boostj.sbe.FlashblockTransport;
import io.boostj.sbe.ForkchoiceUpdatedRequestEncoder;
import io.boostj.sbe.GetPayloadRequestEncoder;
import io.boostj.sbe.MessageHeaderEncoder;
import io.boostj.sbe.NewPayloadRequestEncoder;
import io.boostj.sbe.PayloadStatus;
import io.boostj.sbe.Target;
import io.boostj.sbe.SnapshotRequestEncoder;
import io.boostj.sbe.TickEncoder;
import io.boostj.sbe.UpstreamReplyEncoder;
import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

/**
 * Drives a {@link SidecarEngine} with SBE events built here and reads back its commands.
 */
final class SidecarHarness
{
    static final long T0_NS = 1_750_000_000_000_000_000L;
    static final long T0_S = T0_NS / 1_000_000_000L;
    static final ObjectMapper JSON = new ObjectMapper();

    final SidecarConfig config;
    final RecordingSink sink;
    final SidecarEngine engine;
    final List<byte[]> events = new ArrayList<>();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    long nowNs = T0_NS;
    /** When false, events are only encoded and recorded in {@link #events}, not handed to the engine. */
    boolean dispatch = true;
    private long nextRequestId = 1000;
    private int cursor;

    SidecarHarness(final SidecarConfig config)
    {
        this.config = config;
        this.sink = new RecordingSink();
        this.engine = new SidecarEngine(config, sink);
    }

    /** A harness around an engine built elsewhere (restored from a snapshot) and the sink it emits into. */
    SidecarHarness(final SidecarConfig config, final SidecarEngine engine, final RecordingSink sink)
    {
        this.config = config;
        this.sink = sink;
        this.engine = engine;
    }

    /** A configuration without the background probe, so that tests see only request traffic. */
    static SidecarConfig quiet()
    {
        return new SidecarConfig().healthCheckIntervalMs(0);
    }

    static SidecarHarness quietHarness()
    {
        return new SidecarHarness(quiet());
    }

    // ------------------------------------------------------------------------------------------- time

    void advanceMs(final long ms)
    {
        nowNs += ms * 1_000_000L;
    }

    void tick()
    {
        final TickEncoder e = new TickEncoder().wrapAndApplyHeader(buffer, 0, header).recvTimeNs(nowNs);
        send(e.encodedLength());
    }

    void tickAfterMs(final long ms)
    {
        advanceMs(ms);
        tick();
    }

    // ------------------------------------------------------------------------------------------- requests

    long fcu(final byte[] head, final boolean attributes, final boolean noTxPool)
    {
        return fcu(head, attributes, noTxPool, fcuParams(head, attributes, noTxPool));
    }

    long fcu(final byte[] head, final boolean attributes, final boolean noTxPool, final String params)
    {
        final long requestId = nextRequestId++;
        final ForkchoiceUpdatedRequestEncoder e = new ForkchoiceUpdatedRequestEncoder()
            .wrapAndApplyHeader(buffer, 0, header)
            .requestId(requestId)
            .recvTimeNs(nowNs)
            .putHeadBlockHash(head, 0, 32)
            .putSafeBlockHash(new byte[32], 0, 32)
            .putFinalizedBlockHash(new byte[32], 0, 32)
            .hasAttributes(bool(attributes))
            .noTxPool(bool(noTxPool))
            .timestamp(T0_S);
        final byte[] id = ascii(Long.toString(requestId));
        final byte[] p = ascii(params);
        e.putRpcId(id, 0, id.length).putRawParams(p, 0, p.length);
        send(e.encodedLength());
        return requestId;
    }

    static String fcuParams(final byte[] head, final boolean attributes, final boolean noTxPool)
    {
        final String state = "{\"headBlockHash\":\"" + hex(head) + "\",\"safeBlockHash\":\"" + hex(new byte[32]) +
            "\",\"finalizedBlockHash\":\"" + hex(new byte[32]) + "\"}";
        if (!attributes)
        {
            return "[" + state + ",null]";
        }
        final String attrs = "{\"timestamp\":\"0x684f2a00\",\"prevRandao\":\"" + hex(hash(7)) +
            "\",\"suggestedFeeRecipient\":\"0x4200000000000000000000000000000000000011\",\"withdrawals\":[]," +
            "\"parentBeaconBlockRoot\":\"" + hex(hash(8)) + "\",\"transactions\":[\"0x7e01\"],\"noTxPool\":" +
            noTxPool + ",\"gasLimit\":\"0x1c9c380\",\"eip1559Params\":\"0x0000000000000000\"}";
        return "[" + state + "," + attrs + "]";
    }

    long getPayload(final EngineMethod method, final long payloadId)
    {
        final long requestId = nextRequestId++;
        final GetPayloadRequestEncoder e = new GetPayloadRequestEncoder()
            .wrapAndApplyHeader(buffer, 0, header)
            .requestId(requestId)
            .recvTimeNs(nowNs)
            .method(method);
        buffer.putLong(e.offset() + GetPayloadRequestEncoder.payloadIdEncodingOffset(), payloadId, ByteOrder.BIG_ENDIAN);
        final byte[] id = ascii(Long.toString(requestId));
        final byte[] p = ascii("[" + quotedId(payloadId) + "]");
        e.putRpcId(id, 0, id.length).putRawParams(p, 0, p.length);
        send(e.encodedLength());
        return requestId;
    }

    long newPayload(final EngineMethod method, final byte[] blockHash, final byte[] parentHash)
    {
        final long requestId = nextRequestId++;
        final NewPayloadRequestEncoder e = new NewPayloadRequestEncoder()
            .wrapAndApplyHeader(buffer, 0, header)
            .requestId(requestId)
            .recvTimeNs(nowNs)
            .method(method)
            .putBlockHash(blockHash, 0, 32)
            .putParentHash(parentHash, 0, 32)
            .blockNumber(1);
        final byte[] id = ascii("\"np-" + requestId + "\"");
        final byte[] p = ascii("[{\"parentHash\":\"" + hex(parentHash) + "\",\"blockHash\":\"" + hex(blockHash) +
            "\",\"transactions\":[]},[],\"" + hex(hash(8)) + "\"" +
            (EngineMethod.NEW_PAYLOAD_V4 == method ? ",[]]" : "]"));
        e.putRpcId(id, 0, id.length).putRawParams(p, 0, p.length);
        send(e.encodedLength());
        return requestId;
    }

    long engineCall(final EngineMethod method, final String name, final String params)
    {
        final long requestId = nextRequestId++;
        final EngineCallRequestEncoder e = new EngineCallRequestEncoder()
            .wrapAndApplyHeader(buffer, 0, header)
            .requestId(requestId)
            .recvTimeNs(nowNs)
            .method(method);
        final byte[] id = ascii(Long.toString(requestId));
        final byte[] n = ascii(name);
        final byte[] p = ascii(params);
        e.putRpcId(id, 0, id.length).putMethodName(n, 0, n.length).putRawParams(p, 0, p.length);
        send(e.encodedLength());
        return requestId;
    }

    long executionMode(final boolean set, final ExecutionModeCode mode)
    {
        final long requestId = nextRequestId++;
        final ExecutionModeRequestEncoder e = new ExecutionModeRequestEncoder()
            .wrapAndApplyHeader(buffer, 0, header)
            .requestId(requestId)
            .recvTimeNs(nowNs)
            .set(bool(set))
            .mode(mode);
        final byte[] id = ascii(Long.toString(requestId));
        e.putRpcId(id, 0, id.length);
        send(e.encodedLength());
        return requestId;
    }

    // ------------------------------------------------------------------------------------------- replies

    /**
     * Answers an upstream call (target and method copied from the call as engine-io would).
     */
    void reply(final long callId, final Reply r)
    {
        final UpstreamCall call = callById(callId);
        final UpstreamReplyEncoder e = new UpstreamReplyEncoder()
            .wrapAndApplyHeader(buffer, 0, header)
            .callId(callId)
            .recvTimeNs(nowNs)
            .target(null == call ? Target.L2 : call.target())
            .method(null == call ? EngineMethod.FORKCHOICE_UPDATED_V3 : call.method())
            .outcome(r.outcome)
            .httpStatus(r.httpStatus)
            .errorCode(r.errorCode)
            .payloadStatus(r.payloadStatus)
            .hasPayloadId(bool(r.hasPayloadId))
            .putBlockHash(r.blockHash, 0, 32)
            .blockNumber(r.blockNumber)
            .gasUsed(r.gasUsed)
            .timestamp(r.timestamp)
            .txCount(r.txCount)
            .putParentBeaconBlockRoot(r.parentBeaconBlockRoot, 0, 32)
            .hasExecutionRequests(bool(r.hasExecutionRequests))
            .putStateRoot(r.stateRoot, 0, 32)
            .putParentHash(new byte[32], 0, 32)
            .latencyNs(1000);
        buffer.putLong(e.offset() + UpstreamReplyEncoder.payloadIdEncodingOffset(), r.payloadId, ByteOrder.BIG_ENDIAN);
        final byte[] msg = ascii(r.errorMessage);
        final byte[] result = ascii(r.result);
        final byte[] payload = ascii(r.executionPayload);
        final byte[] requests = ascii(r.executionRequests);
        e.putErrorMessage(msg, 0, msg.length)
            .putResult(result, 0, result.length)
            .putExecutionPayload(payload, 0, payload.length)
            .putExecutionRequests(requests, 0, requests.length);
        send(e.encodedLength());
    }

    /** A flashblock as engine-io would pass it on (already checked well-formed there). */
    void flashblock(final long payloadId, final long index, final boolean hasBase, final String json)
    {
        final FlashblockReceivedEncoder e = new FlashblockReceivedEncoder()
            .wrapAndApplyHeader(buffer, 0, header)
            .recvTimeNs(nowNs);
        buffer.putLong(e.offset() + FlashblockReceivedEncoder.payloadIdEncodingOffset(), payloadId, ByteOrder.BIG_ENDIAN);
        e.index(index).hasBase(bool(hasBase)).transport(FlashblockTransport.WEBSOCKET_TEXT);
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        e.putJson(bytes, 0, bytes.length);
        send(e.encodedLength());
    }

    /** engine-io's periodic request for a journal snapshot. */
    void snapshotRequest(final long snapshotId)
    {
        final SnapshotRequestEncoder e = new SnapshotRequestEncoder()
            .wrapAndApplyHeader(buffer, 0, header)
            .recvTimeNs(nowNs)
            .snapshotId(snapshotId);
        send(e.encodedLength());
    }

    /** Sends raw event bytes (for replays). */
    void sendRaw(final byte[] event)
    {
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(event.length);
        b.putBytes(0, event);
        engine.onEvent(b, 0, event.length);
    }

    private void send(final int bodyLength)
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + bodyLength;
        final byte[] copy = new byte[length];
        buffer.getBytes(0, copy);
        events.add(copy);
        if (dispatch)
        {
            engine.onEvent(buffer, 0, length);
        }
    }

    // ------------------------------------------------------------------------------------------- commands

    /** Commands emitted since the last call. */
    List<Command> newCommands()
    {
        final List<Command> all = sink.commands();
        final List<Command> fresh = new ArrayList<>(all.subList(cursor, all.size()));
        cursor = all.size();
        return fresh;
    }

    static List<UpstreamCall> calls(final List<Command> commands)
    {
        return ofType(commands, UpstreamCall.class);
    }

    static List<RpcReply> replies(final List<Command> commands)
    {
        return ofType(commands, RpcReply.class);
    }

    static List<HealthUpdate> healthUpdates(final List<Command> commands)
    {
        return ofType(commands, HealthUpdate.class);
    }

    static List<BlockDecision> decisions(final List<Command> commands)
    {
        return ofType(commands, BlockDecision.class);
    }

    static <T> List<T> ofType(final List<Command> commands, final Class<T> type)
    {
        final List<T> out = new ArrayList<>();
        for (final Command c : commands)
        {
            if (type.isInstance(c))
            {
                out.add(type.cast(c));
            }
        }
        return out;
    }

    static UpstreamCall single(final List<UpstreamCall> calls, final Predicate<UpstreamCall> filter)
    {
        final List<UpstreamCall> matching = calls.stream().filter(filter).toList();
        if (matching.size() != 1)
        {
            throw new AssertionError("expected exactly one matching call, got " + matching + " among " + calls);
        }
        return matching.get(0);
    }

    static Predicate<UpstreamCall> to(final Target target, final EngineMethod method)
    {
        return c -> c.target() == target && c.method() == method;
    }

    List<UpstreamCall> allCalls()
    {
        return calls(sink.commands());
    }

    long builderEngineCallCount()
    {
        return allCalls().stream()
            .filter(c -> c.target() == Target.BUILDER && c.method() != EngineMethod.ETH_GET_BLOCK_BY_NUMBER)
            .count();
    }

    UpstreamCall callById(final long callId)
    {
        for (final UpstreamCall c : allCalls())
        {
            if (c.callId() == callId)
            {
                return c;
            }
        }
        return null;
    }

    static JsonNode json(final String body)
    {
        try
        {
            return JSON.readTree(body);
        }
        catch (final Exception ex)
        {
            throw new AssertionError("not JSON: " + body, ex);
        }
    }

    // ------------------------------------------------------------------------------------------- helpers

    static byte[] hash(final int seed)
    {
        final byte[] h = new byte[32];
        Arrays.fill(h, (byte)seed);
        h[0] = (byte)0xab;
        return h;
    }

    static String hex(final byte[] bytes)
    {
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    static String quotedId(final long payloadId)
    {
        return "\"0x" + String.format("%016x", payloadId) + "\"";
    }

    static byte[] ascii(final String s)
    {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static BooleanType bool(final boolean b)
    {
        return b ? BooleanType.TRUE : BooleanType.FALSE;
    }

    /**
     * What an upstream answered, as engine-io would decode it.
     */
    static final class Reply
    {
        CallOutcome outcome = CallOutcome.RESULT;
        int httpStatus = 200;
        int errorCode;
        PayloadStatus payloadStatus = PayloadStatus.NONE;
        boolean hasPayloadId;
        long payloadId;
        byte[] blockHash = new byte[32];
        byte[] stateRoot = new byte[32];
        byte[] parentBeaconBlockRoot = new byte[32];
        long blockNumber;
        long gasUsed;
        long timestamp;
        long txCount;
        boolean hasExecutionRequests;
        String errorMessage = "";
        String result = "";
        String executionPayload = "";
        String executionRequests = "";

        static Reply fcuValid(final long payloadId)
        {
            final Reply r = new Reply();
            r.payloadStatus = PayloadStatus.VALID;
            r.hasPayloadId = true;
            r.payloadId = payloadId;
            r.result = "{\"payloadStatus\":{\"status\":\"VALID\",\"latestValidHash\":null,\"validationError\":null}," +
                "\"payloadId\":" + quotedId(payloadId) + "}";
            return r;
        }

        static Reply fcuValidNoPayload()
        {
            final Reply r = new Reply();
            r.payloadStatus = PayloadStatus.VALID;
            r.result = "{\"payloadStatus\":{\"status\":\"VALID\",\"latestValidHash\":null,\"validationError\":null}," +
                "\"payloadId\":null}";
            return r;
        }

        static Reply status(final PayloadStatus status)
        {
            final Reply r = new Reply();
            r.payloadStatus = status;
            r.result = "{\"status\":\"" + status.name() + "\",\"latestValidHash\":null,\"validationError\":" +
                (status == PayloadStatus.INVALID ? "\"bad \\\"state\\\" root\"" : "null") + "}";
            return r;
        }

        static Reply fcuInvalid()
        {
            final Reply r = new Reply();
            r.payloadStatus = PayloadStatus.INVALID;
            r.result = "{\"payloadStatus\":{\"status\":\"INVALID\",\"latestValidHash\":null," +
                "\"validationError\":\"parent unknown\"},\"payloadId\":null}";
            return r;
        }

        /**
         * A getPayload envelope: V4-shaped when {@code v4}.
         */
        static Reply payload(final int seed, final long gasUsed, final boolean v4)
        {
            final Reply r = new Reply();
            r.blockHash = hash(seed);
            r.stateRoot = hash(seed + 1);
            r.parentBeaconBlockRoot = hash(8);
            r.blockNumber = 10 + seed;
            r.gasUsed = gasUsed;
            r.txCount = 3;
            r.hasExecutionRequests = v4;
            r.executionPayload = "{\"parentHash\":\"" + hex(hash(1)) + "\",\"blockHash\":\"" + hex(r.blockHash) +
                "\",\"gasUsed\":\"0x" + Long.toHexString(gasUsed) + "\",\"transactions\":[\"0x7e01\",\"0x02f8" +
                seed + "\"]" + (v4 ? ",\"withdrawalsRoot\":\"" + hex(hash(3)) + "\"" : "") + "}";
            r.executionRequests = v4 ? "[]" : "";
            r.result = "{\"executionPayload\":" + r.executionPayload + ",\"blockValue\":\"0x" + seed +
                "\",\"blobsBundle\":{\"commitments\":[],\"proofs\":[],\"blobs\":[]},\"shouldOverrideBuilder\":false," +
                "\"parentBeaconBlockRoot\":\"" + hex(r.parentBeaconBlockRoot) + "\"" +
                (v4 ? ",\"executionRequests\":[]" : "") + "}";
            return r;
        }

        static Reply block(final long timestampS)
        {
            final Reply r = new Reply();
            r.timestamp = timestampS;
            r.blockNumber = 42;
            r.result = "{\"number\":\"0x2a\",\"timestamp\":\"0x" + Long.toHexString(timestampS) + "\"}";
            return r;
        }

        static Reply rpcError(final int code, final String message)
        {
            final Reply r = new Reply();
            r.outcome = CallOutcome.RPC_ERROR;
            r.errorCode = code;
            r.errorMessage = message;
            r.result = "{\"code\":" + code + ",\"message\":\"" + message + "\"}";
            return r;
        }

        static Reply transportError(final String message)
        {
            final Reply r = new Reply();
            r.outcome = CallOutcome.TRANSPORT_ERROR;
            r.httpStatus = 0;
            r.errorMessage = message;
            return r;
        }

        static Reply result(final String json)
        {
            final Reply r = new Reply();
            r.result = json;
            return r;
        }
    }
}
