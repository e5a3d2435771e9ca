package io.boostj.perf;

import io.boostj.codecs.engine.EngineRequestEncoder;
import io.boostj.codecs.engine.UpstreamReplyEncoder;
import io.boostj.sbe.BooleanType;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.FlashblockReceivedEncoder;
import io.boostj.sbe.FlashblockTransport;
import io.boostj.sbe.MessageHeaderEncoder;
import io.boostj.sbe.Target;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Journal records of the sizes the sidecar writes, encoded from real messages with the engine-io codecs: op-node's
 * forkchoiceUpdatedV3 with attributes (~1.2 KB), a real Unichain flashblock (~3 KB) and one grown to ~50 KB, and the
 * getPayloadV3 reply of a hive Prague block grown to ~100 KB and ~1 MB of record (its transactions repeated; the
 * reply record holds the result and the execution payload, so about twice the JSON).
 */
final class JournalRecords
{
    /**
     * One encoded record.
     *
     * @param name   what it is.
     * @param buffer holding the SBE message at offset 0.
     * @param length its length, header included.
     */
    record Sample(String name, UnsafeBuffer buffer, int length)
    {
    }

    private JournalRecords()
    {
    }

    /**
     * @return the samples, smallest first.
     */
    static List<Sample> all()
    {
        final List<Sample> samples = new ArrayList<>();
        samples.add(fcu());
        final String flashblock = Payloads.text("unichain_sepolia_35535698_with_metadata", "ndjson").lines()
            .skip(1).findFirst().orElseThrow();
        samples.add(flashblock("flashblock-3KB", flashblock));
        samples.add(flashblock("flashblock-50KB", grow(flashblock, 50 * 1024)));
        final String getPayload = Payloads.text(Payloads.GET_PAYLOAD_V3_RESULT);
        samples.add(getPayloadReply("getPayload-100KB", grow(getPayload, 50 * 1024)));
        samples.add(getPayloadReply("getPayload-1MB", grow(getPayload, 512 * 1024)));
        return samples;
    }

    private static Sample fcu()
    {
        final byte[] json = Payloads.bytes(Payloads.FCU_ATTRIBUTES);
        final ExpandableArrayBuffer dst = new ExpandableArrayBuffer(EngineRequestEncoder.maxEncodedLength(json.length));
        final int length = new EngineRequestEncoder().encode(new UnsafeBuffer(json), 0, json.length, 1, 1L, dst, 0);
        if (length < 0)
        {
            throw new IllegalStateException("FCU does not encode: " + length);
        }
        return sample("fcu-1KB", dst, length);
    }

    private static Sample flashblock(final String name, final String json)
    {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        final ExpandableArrayBuffer dst = new ExpandableArrayBuffer(bytes.length + 256);
        final FlashblockReceivedEncoder encoder = new FlashblockReceivedEncoder()
            .wrapAndApplyHeader(dst, 0, new MessageHeaderEncoder()).recvTimeNs(1L).index(1)
            .hasBase(BooleanType.FALSE).transport(FlashblockTransport.WEBSOCKET_TEXT);
        encoder.putJson(bytes, 0, bytes.length);
        return sample(name, dst, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    private static Sample getPayloadReply(final String name, final String result)
    {
        final byte[] body = Payloads.response("1", result.getBytes(StandardCharsets.UTF_8));
        final ExpandableArrayBuffer dst = new ExpandableArrayBuffer(UpstreamReplyEncoder.maxEncodedLength(body.length));
        final int length = new UpstreamReplyEncoder().encode(7, 1L, Target.L2, EngineMethod.GET_PAYLOAD_V3, 200, 1_000,
            new UnsafeBuffer(body), 0, body.length, dst, 0);
        if (length < 0)
        {
            throw new IllegalStateException(name + " does not encode: " + length);
        }
        return sample(name, dst, length);
    }

    /** Repeats the first transaction of the JSON's "transactions" array until the text is about targetBytes long. */
    private static String grow(final String json, final int targetBytes)
    {
        final String key = "\"transactions\":[";
        final int start = json.indexOf(key) + key.length();
        final int end = json.indexOf('"', json.indexOf('"', start) + 1) + 1;
        final String tx = json.substring(start, end);
        final StringBuilder extra = new StringBuilder(targetBytes);
        while (json.length() + extra.length() < targetBytes)
        {
            extra.append(tx).append(',');
        }
        return json.substring(0, start) + extra + json.substring(start);
    }

    private static Sample sample(final String name, final ExpandableArrayBuffer dst, final int length)
    {
        final UnsafeBuffer copy = new UnsafeBuffer(new byte[length]);
        copy.putBytes(0, dst, 0, length);
        return new Sample(name, copy, length);
    }
}
