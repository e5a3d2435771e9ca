package io.boostj.perf;

import io.boostj.codecs.engine.EngineRequestEncoder;
import io.boostj.codecs.engine.UpstreamReplyEncoder;
import io.boostj.codecs.json.JsonScanner;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.Target;
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

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The edge codecs of engine-io on real payloads, source and destination in direct memory as Netty hands them over:
 * <ul>
 *     <li>{@link #encodeRequest}: {@link EngineRequestEncoder} (validate + decode the fields the engine needs + copy the
 *     raw id and params) of an op-node request;</li>
 *     <li>{@link #validateRequest}: {@link JsonScanner#validate()} alone, the part every request pays;</li>
 *     <li>{@link #encodeReply}: {@link UpstreamReplyEncoder} of an execution client's response (getPayload envelope,
 *     FCU result).</li>
 * </ul>
 * All must allocate nothing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xms256m", "-Xmx256m"})
public class JsonToSbeBenchmark
{
    /**
     * An op-node request, encoded into the SBE event the engine consumes.
     */
    @State(Scope.Thread)
    public static class Request
    {
        /**
         * The request file under {@code payloads/}.
         */
        @Param({
            Payloads.NEW_PAYLOAD_V3,
            Payloads.NEW_PAYLOAD_V4,
            Payloads.NEW_PAYLOAD_V4_HOODI,
            Payloads.FCU_ATTRIBUTES})
        public String request;

        final EngineRequestEncoder encoder = new EngineRequestEncoder();
        final JsonScanner scanner = new JsonScanner();
        UnsafeBuffer src;
        UnsafeBuffer dst;
        int length;
        long requestId;

        /**
         * Loads the request into direct memory and checks it encodes.
         */
        @Setup(Level.Trial)
        public void setUp()
        {
            final byte[] json = Payloads.bytes(request);
            length = json.length;
            src = direct(json.length);
            src.putBytes(0, json);
            dst = direct(EngineRequestEncoder.maxEncodedLength(length));
            final int encoded = encoder.encode(src, 0, length, 1, 1, dst, 0);
            if (encoded <= 0)
            {
                throw new IllegalStateException(request + " does not encode: " + encoded + " " + encoder.errorMessage());
            }
        }
    }

    /**
     * An execution client's response to an engine call, encoded into an {@code UpstreamReply} event.
     */
    @State(Scope.Thread)
    public static class Reply
    {
        /**
         * Which response: the getPayloadV3 envelope of the 56-transaction hive block, the getPayloadV4 envelope, or an
         * FCU result with a payload id.
         */
        @Param({"getPayloadV3", "getPayloadV4", "forkchoiceUpdatedV3"})
        public String reply;

        final UpstreamReplyEncoder encoder = new UpstreamReplyEncoder();
        EngineMethod method;
        UnsafeBuffer src;
        UnsafeBuffer dst;
        int length;
        long callId;

        /**
         * Builds the HTTP body and checks it decodes as a RESULT.
         */
        @Setup(Level.Trial)
        public void setUp()
        {
            final byte[] body;
            switch (reply)
            {
                case "getPayloadV3":
                    method = EngineMethod.GET_PAYLOAD_V3;
                    body = Payloads.response("42", Payloads.bytes(Payloads.GET_PAYLOAD_V3_RESULT));
                    break;
                case "getPayloadV4":
                    method = EngineMethod.GET_PAYLOAD_V4;
                    body = Payloads.response("42", Payloads.bytes(Payloads.GET_PAYLOAD_V4_RESULT));
                    break;
                default:
                    method = EngineMethod.FORKCHOICE_UPDATED_V3;
                    body = Payloads.response("42", StubResponses.forkchoiceResult(0x0300000000000001L)
                        .getBytes(StandardCharsets.US_ASCII));
                    break;
            }
            length = body.length;
            src = direct(length);
            src.putBytes(0, body);
            dst = direct(UpstreamReplyEncoder.maxEncodedLength(length));
            final int encoded = encoder.encode(1, 1, Target.L2, method, 200, 1, src, 0, length, dst, 0);
            if (encoded <= 0 || io.boostj.sbe.CallOutcome.RESULT != encoder.outcome())
            {
                throw new IllegalStateException(reply + " does not encode as a RESULT: " + encoded + " " +
                    encoder.outcome());
            }
        }
    }

    /**
     * @param s the request.
     * @return the encoded length.
     */
    @Benchmark
    public int encodeRequest(final Request s)
    {
        final long id = ++s.requestId;
        return s.encoder.encode(s.src, 0, s.length, id, id, s.dst, 0);
    }

    /**
     * @param s the request.
     * @return {@link JsonScanner#VALID} or the error position.
     */
    @Benchmark
    public int validateRequest(final Request s)
    {
        return s.scanner.wrap(s.src, 0, s.length).validate();
    }

    /**
     * @param s the reply.
     * @return the encoded length.
     */
    @Benchmark
    public int encodeReply(final Reply s)
    {
        final long id = ++s.callId;
        return s.encoder.encode(id, id, Target.L2, s.method, 200, 1000, s.src, 0, s.length, s.dst, 0);
    }

    static UnsafeBuffer direct(final int length)
    {
        return new UnsafeBuffer(ByteBuffer.allocateDirect(length));
    }
}
