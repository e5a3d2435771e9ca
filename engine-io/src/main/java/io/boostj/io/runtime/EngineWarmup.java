package io.boostj.io.runtime;

import io.boostj.codecs.engine.EngineRequestEncoder;
import io.boostj.codecs.engine.UpstreamReplyEncoder;
import io.boostj.codecs.json.JsonScanner;
import io.boostj.core.CommandSink;
import io.boostj.core.sidecar.SidecarConfig;
import io.boostj.core.sidecar.SidecarEngine;
import io.boostj.sbe.MessageHeaderDecoder;
import io.boostj.sbe.UpstreamCallDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Runs whole FCU → getPayload → newPayload rounds through the JSON codecs and a scratch {@link SidecarEngine} before
 * the sidecar takes traffic, so the JIT has compiled the hot path. op-node sends a handful of Engine API calls per
 * block; at that rate the code would otherwise run interpreted for minutes, and the first blocks after every restart
 * would pay for it. The scratch engine's commands go nowhere: nothing is sent, journaled or answered.
 */
public final class EngineWarmup
{
    private static final String HASH = "0x" + "ab".repeat(32);
    private static final String TX = "0x02f8" + "7e".repeat(120);

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
    private long nowNs = 1_000_000_000_000L;

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
        getPayload = bytes(request(3, "engine_getPayloadV3", "[\"0x03aaaaaaaaaaaaaa\"]"));
        newPayload = bytes(request(4, "engine_newPayloadV3", "[" + payload + ",[],\"" + HASH + "\"]"));
        fcuReply = bytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"payloadStatus\":{\"status\":\"VALID\"," +
            "\"latestValidHash\":\"" + HASH + "\",\"validationError\":null},\"payloadId\":\"0x03aaaaaaaaaaaaaa\"}}");
        statusReply = bytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"status\":\"VALID\",\"latestValidHash\":\"" +
            HASH + "\",\"validationError\":null}}");
        payloadReply = bytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"executionPayload\":" + payload +
            ",\"blockValue\":\"0x1\",\"blobsBundle\":{\"commitments\":[],\"proofs\":[],\"blobs\":[]}," +
            "\"shouldOverrideBuilder\":false,\"parentBeaconBlockRoot\":\"" + HASH + "\"}}");
        blockReply = bytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"number\":\"0x10\",\"hash\":\"" + HASH +
            "\",\"timestamp\":\"0x3b9aca00\"}}");
    }

    /**
     * @param rounds how many FCU(attrs) → getPayload → newPayload → FCU rounds to run.
     * @return the number of events the scratch engine processed.
     */
    public long run(final int rounds)
    {
        final CommandSink sink = this::onCommand;
        final SidecarEngine engine = new SidecarEngine(new SidecarConfig().healthCheckIntervalMs(Long.MAX_VALUE / 4), sink);
        long events = 0;
        for (int i = 0; i < rounds; i++)
        {
            events += request(engine, fcuAttrs, i);
            events += request(engine, getPayload, i);
            events += request(engine, newPayload, i);
            events += request(engine, fcuHead, i);
        }
        return events;
    }

    private int request(final SidecarEngine engine, final UnsafeBuffer json, final int requestId)
    {
        nowNs += 1_000;
        scanner.wrap(json, 0, json.capacity());
        scanner.validate();
        final int length = requestEncoder.encodeValidated(scanner, 0, requestId, nowNs, event, 0);
        engine.onEvent(event, 0, length);
        int events = 1;
        long[] pending;
        while (null != (pending = calls.pollFirst()))
        {
            final UnsafeBuffer reply = reply((int)pending[2]);
            nowNs += 1_000;
            final int replyLength = replyEncoder.encode(pending[0], nowNs, io.boostj.sbe.Target.get((short)pending[1]),
                io.boostj.sbe.EngineMethod.get((short)pending[2]), 200, 1_000, reply, 0, reply.capacity(), event, 0);
            engine.onEvent(event, 0, replyLength);
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
