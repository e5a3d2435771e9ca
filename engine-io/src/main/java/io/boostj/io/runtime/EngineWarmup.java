package io.boostj.io.runtime;

import io.boostj.codecs.engine.EngineRequestEncoder;
import io.boostj.codecs.engine.UpstreamReplyEncoder;
import io.boostj.codecs.json.JsonScanner;
import io.boostj.core.CommandSink;
import io.boostj.core.sidecar.SidecarConfig;
import io.boostj.core.sidecar.SidecarEngine;
import io.boostj.sbe.BooleanType;
import io.boostj.sbe.FlashblockReceivedEncoder;
import io.boostj.sbe.FlashblockTransport;
import io.boostj.sbe.MessageHeaderDecoder;
import io.boostj.sbe.MessageHeaderEncoder;
import io.boostj.sbe.UpstreamCallDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Runs whole FCU → getPayload → newPayload rounds through the JSON codecs and a scratch {@link SidecarEngine} before
 * the sidecar takes traffic, so the JIT has compiled the hot path. op-node sends a handful of Engine API calls per
 * block; at that rate the code would otherwise run interpreted for minutes, and the first blocks after every restart
 * would pay for it. The scratch engine's commands go nowhere: nothing is sent, journaled or answered.
 * <p>
 * The same rounds, given a {@link Tap}, a round spacing and flashblocks, make a deterministic synthetic workload for
 * the journal benchmarks (perf's {@code JournalDayBenchmark}): every event and command is handed to the tap, and each
 * round's flashblocks arrive between the FCU and getPayload, carrying the round's payload id.
 */
public final class EngineWarmup
{
    private static final String HASH = "0x" + "ab".repeat(32);
    private static final String TX = "0x02f8" + "7e".repeat(120);
    /** The payload id every round's FCU reply carries. */
    public static final String PAYLOAD_ID = "0x03aaaaaaaaaaaaaa";
    private static final Tap NO_TAP = new Tap()
    {
        public void onEvent(final long recvTimeNs, final DirectBuffer buffer, final int offset, final int length)
        {
        }

        public void onCommand(final DirectBuffer buffer, final int offset, final int length)
        {
        }
    };

    /**
     * Sees every event before the scratch engine does and every command it emits.
     */
    public interface Tap
    {
        /**
         * @param recvTimeNs the event's time (the one encoded in it).
         * @param buffer     holding the SBE event, header included.
         * @param offset     of the event.
         * @param length     of the event.
         */
        void onEvent(long recvTimeNs, DirectBuffer buffer, int offset, int length);

        /**
         * @param buffer holding the SBE command, header included.
         * @param offset of the command.
         * @param length of the command.
         */
        void onCommand(DirectBuffer buffer, int offset, int length);
    }

    private final EngineRequestEncoder requestEncoder = new EngineRequestEncoder();
    private final UpstreamReplyEncoder replyEncoder = new UpstreamReplyEncoder();
    private final JsonScanner scanner = new JsonScanner();
    private final ExpandableArrayBuffer event = new ExpandableArrayBuffer(64 * 1024);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final UpstreamCallDecoder call = new UpstreamCallDecoder();
    private final ArrayDeque<long[]> calls = new ArrayDeque<>();
    private final UnsafeBuffer fcuAttrs;
    private final UnsafeBuffer fcuHead;
    private final UnsafeBuffer getPayload;
    private final UnsafeBuffer newPayload;
    private final UnsafeBuffer fcuReply;
    private final UnsafeBuffer statusReply;
    private final UnsafeBuffer payloadReply;
    private final UnsafeBuffer blockReply;
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final FlashblockReceivedEncoder flashblockEncoder = new FlashblockReceivedEncoder();
    private long nowNs = 1_000_000_000_000L;
    private long roundSpacingNs;
    private Tap tap = NO_TAP;
    private UnsafeBuffer[] flashblocks = new UnsafeBuffer[0];

    /**
     * Builds the synthetic requests and replies.
     */
    public EngineWarmup()
    {
        final String state = "{\"headBlockHash\":\"" + HASH + "\",\"safeBlockHash\":\"" + HASH +
            "\",\"finalizedBlockHash\":\"" + HASH + "\"}";
        final String attrs = "{\"timestamp\":\"0x67c462d6\",\"prevRandao\":\"" + HASH + "\",\"suggestedFeeRecipient\":" +
            "\"0x4200000000000000000000000000000000000011\",\"withdrawals\":[],\"parentBeaconBlockRoot\":\"" + HASH +
            "\",\"transactions\":[\"" + TX + "\"],\"noTxPool\":false,\"gasLimit\":\"0x3938700\"," +
            "\"eip1559Params\":\"0x000000fa00000006\"}";
        final StringBuilder txs = new StringBuilder();
        for (int i = 0; i < 40; i++)
        {
            txs.append(i == 0 ? "" : ",").append('"').append(TX).append('"');
        }
        final String payload = "{\"parentHash\":\"" + HASH + "\",\"feeRecipient\":\"0x4200000000000000000000000000000000000011\"," +
            "\"stateRoot\":\"" + HASH + "\",\"receiptsRoot\":\"" + HASH + "\",\"logsBloom\":\"0x" + "00".repeat(256) +
            "\",\"prevRandao\":\"" + HASH + "\",\"blockNumber\":\"0x10\",\"gasLimit\":\"0x3938700\",\"gasUsed\":\"0x5208\"," +
            "\"timestamp\":\"0x67c462d6\",\"extraData\":\"0x\",\"baseFeePerGas\":\"0x7\",\"blockHash\":\"" + HASH +
            "\",\"transactions\":[" + txs + "],\"withdrawals\":[],\"blobGasUsed\":\"0x0\",\"excessBlobGas\":\"0x0\"}";
        fcuAttrs = bytes(request(1, "engine_forkchoiceUpdatedV3", "[" + state + "," + attrs + "]"));
        fcuHead = bytes(request(2, "engine_forkchoiceUpdatedV3", "[" + state + ",null]"));
        getPayload = bytes(request(3, "engine_getPayloadV3", "[\"" + PAYLOAD_ID + "\"]"));
        newPayload = bytes(request(4, "engine_newPayloadV3", "[" + payload + ",[],\"" + HASH + "\"]"));
        fcuReply = bytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"payloadStatus\":{\"status\":\"VALID\"," +
            "\"latestValidHash\":\"" + HASH + "\",\"validationError\":null},\"payloadId\":\"" + PAYLOAD_ID + "\"}}");
        statusReply = bytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"status\":\"VALID\",\"latestValidHash\":\"" +
            HASH + "\",\"validationError\":null}}");
        payloadReply = bytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"executionPayload\":" + payload +
            ",\"blockValue\":\"0x1\",\"blobsBundle\":{\"commitments\":[],\"proofs\":[],\"blobs\":[]}," +
            "\"shouldOverrideBuilder\":false,\"parentBeaconBlockRoot\":\"" + HASH + "\"}}");
        blockReply = bytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"number\":\"0x10\",\"hash\":\"" + HASH +
            "\",\"timestamp\":\"0x3b9aca00\"}}");
    }

    /**
     * @param tap sees every event and command from now on.
     * @return this.
     */
    public EngineWarmup tap(final Tap tap)
    {
        this.tap = tap;
        return this;
    }

    /**
     * @param startNs        event time of the first round.
     * @param roundSpacingNs event time between round starts (a block time); 0 packs the rounds 1 µs per event.
     * @return this.
     */
    public EngineWarmup clock(final long startNs, final long roundSpacingNs)
    {
        this.nowNs = startNs;
        this.roundSpacingNs = roundSpacingNs;
        return this;
    }

    /**
     * @param json the flashblocks every round receives after its FCU, in order (their payload id is replaced by the
     *             round's, their index by their position).
     * @return this.
     */
    public EngineWarmup flashblocks(final List<String> json)
    {
        flashblocks = new UnsafeBuffer[json.size()];
        for (int i = 0; i < flashblocks.length; i++)
        {
            flashblocks[i] = bytes(json.get(i).replaceFirst("\"payload_id\":\"0x[0-9a-fA-F]{16}\"",
                "\"payload_id\":\"" + PAYLOAD_ID + "\"").replaceFirst("\"index\":\\d+", "\"index\":" + i));
        }
        return this;
    }

    /**
     * @param rounds how many FCU(attrs) → getPayload → newPayload → FCU rounds to run.
     * @return the number of events the scratch engine processed.
     */
    public long run(final int rounds)
    {
        return run(new SidecarConfig().healthCheckIntervalMs(Long.MAX_VALUE / 4), rounds);
    }

    /**
     * @param config the scratch engine's configuration (flashblocks on to take the round's flashblocks).
     * @param rounds how many rounds to run.
     * @return the number of events the scratch engine processed.
     */
    public long run(final SidecarConfig config, final int rounds)
    {
        final CommandSink sink = this::onCommand;
        final SidecarEngine engine = new SidecarEngine(config, sink);
        final long startNs = nowNs;
        long events = 0;
        for (int i = 0; i < rounds; i++)
        {
            if (roundSpacingNs > 0)
            {
                nowNs = Math.max(nowNs, startNs + i * roundSpacingNs);
            }
            events += request(engine, fcuAttrs, i);
            events += flashblocks(engine);
            events += request(engine, getPayload, i);
            events += request(engine, newPayload, i);
            events += request(engine, fcuHead, i);
        }
        return events;
    }

    private int flashblocks(final SidecarEngine engine)
    {
        final long payloadId = Long.parseUnsignedLong(PAYLOAD_ID.substring(2), 16);
        final long stepNs = roundSpacingNs > 0 ? roundSpacingNs / (flashblocks.length + 2) : 1_000;
        for (int i = 0; i < flashblocks.length; i++)
        {
            nowNs += stepNs;
            flashblockEncoder.wrapAndApplyHeader(event, 0, headerEncoder).recvTimeNs(nowNs);
            event.putLong(flashblockEncoder.offset() + FlashblockReceivedEncoder.payloadIdEncodingOffset(), payloadId,
                ByteOrder.BIG_ENDIAN);
            flashblockEncoder.index(i).hasBase(0 == i ? BooleanType.TRUE : BooleanType.FALSE)
                .transport(FlashblockTransport.WEBSOCKET_TEXT).putJson(flashblocks[i], 0, flashblocks[i].capacity());
            onEvent(engine, MessageHeaderEncoder.ENCODED_LENGTH + flashblockEncoder.encodedLength());
        }
        return flashblocks.length;
    }

    private void onEvent(final SidecarEngine engine, final int length)
    {
        tap.onEvent(nowNs, event, 0, length);
        engine.onEvent(event, 0, length);
    }

    private int request(final SidecarEngine engine, final UnsafeBuffer json, final int requestId)
    {
        nowNs += 1_000;
        scanner.wrap(json, 0, json.capacity());
        scanner.validate();
        final int length = requestEncoder.encodeValidated(scanner, 0, requestId, nowNs, event, 0);
        onEvent(engine, length);
        int events = 1;
        long[] pending;
        while (null != (pending = calls.pollFirst()))
        {
            final UnsafeBuffer reply = reply((int)pending[2]);
            nowNs += 1_000;
            final int replyLength = replyEncoder.encode(pending[0], nowNs, io.boostj.sbe.Target.get((short)pending[1]),
                io.boostj.sbe.EngineMethod.get((short)pending[2]), 200, 1_000, reply, 0, reply.capacity(), event, 0);
            onEvent(engine, replyLength);
            events++;
        }
        return events;
    }

    private UnsafeBuffer reply(final int method)
    {
        switch (io.boostj.sbe.EngineMethod.get((short)method))
        {
            case FORKCHOICE_UPDATED_V3:
                return fcuReply;
            case GET_PAYLOAD_V3:
            case GET_PAYLOAD_V4:
            case GET_PAYLOAD_V5:
                return payloadReply;
            case ETH_GET_BLOCK_BY_NUMBER:
                return blockReply;
            default:
                return statusReply;
        }
    }

    private void onCommand(final DirectBuffer buffer, final int offset, final int length)
    {
        tap.onCommand(buffer, offset, length);
        header.wrap(buffer, offset);
        if (UpstreamCallDecoder.TEMPLATE_ID == header.templateId())
        {
            call.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            calls.addLast(new long[] {call.callId(), call.target().value(), call.method().value()});
        }
    }

    private static String request(final int id, final String method, final String params)
    {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
    }

    private static UnsafeBuffer bytes(final String s)
    {
        return new UnsafeBuffer(s.getBytes(StandardCharsets.UTF_8));
    }
}
