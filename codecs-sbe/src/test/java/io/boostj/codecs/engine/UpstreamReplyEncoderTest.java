package io.boostj.codecs.engine;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.boostj.codecs.hex.Hex;
import io.boostj.codecs.json.JsonScanner;
import io.boostj.codecs.test.TestData;
import io.boostj.sbe.BooleanType;
import io.boostj.sbe.CallOutcome;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.MessageHeaderDecoder;
import io.boostj.sbe.PayloadStatus;
import io.boostj.sbe.Target;
import io.boostj.sbe.UpstreamReplyDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpstreamReplyEncoderTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int PAD = 9;
    private static final int DST_OFFSET = 24;
    private static final byte[] ZERO32 = new byte[32];

    private final UpstreamReplyEncoder encoder = new UpstreamReplyEncoder();
    private final UnsafeBuffer dst = new UnsafeBuffer(new byte[4 * 1024 * 1024]);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final UpstreamReplyDecoder reply = new UpstreamReplyDecoder();

    /** The var fields of the decoded reply, read in schema order. */
    private String errorMessage;
    private String result;
    private String executionPayload;
    private String executionRequests;

    private UpstreamReplyDecoder encode(final EngineMethod method, final int httpStatus, final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        final int length = encoder.encode(
            42, 1_000_000L, Target.BUILDER, method, httpStatus, 12_345L, TestData.padded(bytes, PAD), PAD, bytes.length,
            dst, DST_OFFSET);
        return decode(length, UpstreamReplyEncoder.maxEncodedLength(bytes.length));
    }

    private UpstreamReplyDecoder decode(final int length, final int maxLength)
    {
        assertTrue(length > 0, "encode failed: " + length);
        assertTrue(length <= maxLength);
        header.wrap(dst, DST_OFFSET);
        assertEquals(UpstreamReplyDecoder.TEMPLATE_ID, header.templateId());
        reply.wrapAndApplyHeader(dst, DST_OFFSET, header);
        errorMessage = var(reply.errorMessageLength(), reply::getErrorMessage);
        result = var(reply.resultLength(), reply::getResult);
        executionPayload = var(reply.executionPayloadLength(), reply::getExecutionPayload);
        executionRequests = var(reply.executionRequestsLength(), reply::getExecutionRequests);
        assertEquals(length, 8 + reply.encodedLength());
        reply.wrapAndApplyHeader(dst, DST_OFFSET, header);
        return reply;
    }

    private static String var(final int length, final EngineRequestEncoderTest.VarGetter getter)
    {
        return EngineRequestEncoderTest.varString(length, getter);
    }

    private static String response(final String result)
    {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + result + "}";
    }

    private static byte[] bytes32(final UpstreamReplyDecoder d, final int which)
    {
        final byte[] out = new byte[32];
        switch (which)
        {
            case 0 -> d.getBlockHash(out, 0, 32);
            case 1 -> d.getParentHash(out, 0, 32);
            case 2 -> d.getStateRoot(out, 0, 32);
            default -> d.getParentBeaconBlockRoot(out, 0, 32);
        }
        return out;
    }

    private static byte[] payloadId(final UpstreamReplyDecoder d)
    {
        final byte[] out = new byte[8];
        d.getPayloadId(out, 0, 8);
        return out;
    }

    private static void assertDecodedFieldsAreZero(final UpstreamReplyDecoder d)
    {
        assertEquals(PayloadStatus.NONE, d.payloadStatus());
        assertEquals(BooleanType.FALSE, d.hasPayloadId());
        assertArrayEquals(new byte[8], payloadId(d));
        for (int i = 0; i < 4; i++)
        {
            assertArrayEquals(ZERO32, bytes32(d, i));
        }
        assertEquals(0, d.blockNumber());
        assertEquals(0, d.gasUsed());
        assertEquals(0, d.timestamp());
        assertEquals(0, d.txCount());
        assertEquals(BooleanType.FALSE, d.hasExecutionRequests());
    }

    @Test
    void shouldEncodeTheReferenceForkchoiceUpdatedReply()
    {
        final String result = "{\"payloadStatus\":{\"status\":\"VALID\",\"latestValidHash\":" +
            "\"0x3533bf30edaf9505d0810bf475cbe4e5f4b9889904b9845e83efdeab4e92eb1e\",\"validationError\":null}," +
            "\"payloadId\":\"0x03d2dae446d2a86a\"}";
        final UpstreamReplyDecoder d = encode(EngineMethod.FORKCHOICE_UPDATED_V3, 200, response(result));
        assertEquals(42, d.callId());
        assertEquals(1_000_000L, d.recvTimeNs());
        assertEquals(Target.BUILDER, d.target());
        assertEquals(EngineMethod.FORKCHOICE_UPDATED_V3, d.method());
        assertEquals(200, d.httpStatus());
        assertEquals(12_345L, d.latencyNs());
        assertEquals(CallOutcome.RESULT, d.outcome());
        assertEquals(0, d.errorCode());
        assertEquals(PayloadStatus.VALID, d.payloadStatus());
        assertEquals(BooleanType.TRUE, d.hasPayloadId());
        assertEquals("0x03d2dae446d2a86a", Hex.toHexString(payloadId(d)));
        assertEquals("", errorMessage);
        assertEquals(result, this.result);
        assertEquals("", executionPayload);
        assertEquals("", executionRequests);
        assertEquals(CallOutcome.RESULT, encoder.outcome());
    }

    @ParameterizedTest
    @EnumSource(value = PayloadStatus.class, names = { "VALID", "INVALID", "SYNCING", "ACCEPTED", "INVALID_BLOCK_HASH" })
    void shouldDecodeEveryPayloadStatus(final PayloadStatus status)
    {
        final UpstreamReplyDecoder fcu = encode(EngineMethod.FORKCHOICE_UPDATED_V3, 200,
            response("{\"payloadStatus\":{\"status\":\"" + status.name() + "\",\"latestValidHash\":null},\"payloadId\":null}"));
        assertEquals(CallOutcome.RESULT, fcu.outcome());
        assertEquals(status, fcu.payloadStatus());
        assertEquals(BooleanType.FALSE, fcu.hasPayloadId());

        for (final EngineMethod method : new EngineMethod[]{ EngineMethod.NEW_PAYLOAD_V3, EngineMethod.NEW_PAYLOAD_V4 })
        {
            final String body = response("{\"status\":\"" + status.name() + "\",\"latestValidHash\":null,\"validationError\":null}");
            final UpstreamReplyDecoder np = encode(method, 200, body);
            assertEquals(CallOutcome.RESULT, np.outcome());
            assertEquals(status, np.payloadStatus());
            assertEquals(method, np.method());
        }
    }

    @Test
    void shouldTreatAnAbsentPayloadIdAsNone()
    {
        final UpstreamReplyDecoder d = encode(EngineMethod.FORKCHOICE_UPDATED_V3, 200,
            response("{\"payloadStatus\":{\"status\":\"SYNCING\"}}"));
        assertEquals(PayloadStatus.SYNCING, d.payloadStatus());
        assertEquals(BooleanType.FALSE, d.hasPayloadId());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"payloadStatus\":{\"status\":\"BOGUS\"},\"payloadId\":\"0x03d2dae446d2a86a\"}",
        "{\"payloadStatus\":{\"status\":\"valid\"}}", "{\"payloadStatus\":{\"status\":1}}", "{\"payloadStatus\":{}}",
        "{\"payloadStatus\":\"VALID\"}", "{}", "null", "[]",
    })
    void shouldFlagForkchoiceResultsWithoutAValidStatusAsMalformed(final String result)
    {
        final UpstreamReplyDecoder d = encode(EngineMethod.FORKCHOICE_UPDATED_V3, 200, response(result));
        assertEquals(CallOutcome.MALFORMED, d.outcome());
        assertEquals("result has no valid payload status", errorMessage);
        assertEquals(result, this.result);
        assertDecodedFieldsAreZero(d);
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"0x01\"", "\"0x03d2dae446d2a86a00\"", "1", "\"zz\"" })
    void shouldFlagMalformedPayloadIdsAndClearTheStatus(final String payloadId)
    {
        final UpstreamReplyDecoder d = encode(EngineMethod.FORKCHOICE_UPDATED_V3, 200,
            response("{\"payloadStatus\":{\"status\":\"VALID\"},\"payloadId\":" + payloadId + "}"));
        assertEquals(CallOutcome.MALFORMED, d.outcome());
        assertEquals("payloadId is not 8 bytes of 0x hex", errorMessage);
        assertDecodedFieldsAreZero(d);
    }

    @ParameterizedTest
    @ValueSource(strings = { "{}", "{\"status\":\"DONE\"}", "\"VALID\"", "null" })
    void shouldFlagNewPayloadResultsWithoutAValidStatusAsMalformed(final String result)
    {
        final UpstreamReplyDecoder d = encode(EngineMethod.NEW_PAYLOAD_V4, 200, response(result));
        assertEquals(CallOutcome.MALFORMED, d.outcome());
        assertEquals(PayloadStatus.NONE, d.payloadStatus());
    }

    @Test
    void shouldDecodeTheOpAlloyV3Envelope() throws Exception
    {
        final String envelope = TestData.text("flashblocks/op-alloy_OpExecutionPayloadEnvelopeV3.json").trim();
        final UpstreamReplyDecoder d = encode(EngineMethod.GET_PAYLOAD_V3, 200, response(envelope));
        assertEquals(CallOutcome.RESULT, d.outcome());
        assertEnvelope(d, MAPPER.readTree(envelope));
        assertEquals(BooleanType.FALSE, d.hasExecutionRequests());
        assertEquals("", executionRequests);
        assertEquals(envelope, result);
    }

    @ParameterizedTest
    @EnumSource(value = EngineMethod.class, names = { "GET_PAYLOAD_V4", "GET_PAYLOAD_V5" })
    void shouldDecodeTheRollupBoostV4Envelope(final EngineMethod method) throws Exception
    {
        final String envelope = TestData.text("flashblocks/rollup-boost_selection_OpExecutionPayloadEnvelopeV4.json").trim();
        final UpstreamReplyDecoder d = encode(method, 200, response(envelope));
        assertEquals(CallOutcome.RESULT, d.outcome());
        assertEquals(method, d.method());
        assertEnvelope(d, MAPPER.readTree(envelope));
        assertEquals(BooleanType.TRUE, d.hasExecutionRequests());
        assertEquals("[\"0xdeadbeef\"]", executionRequests);
        assertEquals(envelope, result);
    }

    @Test
    void shouldDecodeEnvelopesBuiltAroundEveryHivePraguePayload() throws Exception
    {
        final byte[] file = TestData.bytes("engine-payloads/geth-hive-chain-prague/newpayload.json");
        final JsonNode tree = MAPPER.readTree(file);
        final JsonScanner scanner = new JsonScanner().wrap(new UnsafeBuffer(file), 0, file.length);
        int i = 0;
        int checked = 0;
        for (int element = scanner.element(0, 0); element >= 0; element = scanner.nextElement(element), i++)
        {
            final JsonNode params = tree.get(i).get("params");
            if (params.size() < 3)
            {
                continue;
            }
            final int payload = scanner.element(scanner.member(element, "params"), 0);
            final String payloadJson = new String(
                EngineRequestEncoderTest.bytes(scanner.buffer(), payload, scanner.valueEnd(payload)), StandardCharsets.UTF_8);
            final String requests = params.size() > 3 ? MAPPER.writeValueAsString(params.get(3)) : null;
            final String envelope = "{\"executionPayload\":" + payloadJson + ",\"blockValue\":\"0x0\"," +
                "\"blobsBundle\":{\"commitments\":[],\"proofs\":[],\"blobs\":[]},\"shouldOverrideBuilder\":false," +
                "\"parentBeaconBlockRoot\":" + MAPPER.writeValueAsString(params.get(2)) +
                (null == requests ? "" : ",\"executionRequests\":" + requests) + "}";
            final UpstreamReplyDecoder d = encode(
                null == requests ? EngineMethod.GET_PAYLOAD_V3 : EngineMethod.GET_PAYLOAD_V4, 200, response(envelope));
            assertEquals(CallOutcome.RESULT, d.outcome());
            assertEnvelope(d, MAPPER.readTree(envelope));
            assertEquals(null == requests ? BooleanType.FALSE : BooleanType.TRUE, d.hasExecutionRequests());
            assertEquals(null == requests ? "" : requests, executionRequests);
            assertEquals(envelope, result);
            checked++;
        }
        assertEquals(595, checked);
    }

    private void assertEnvelope(final UpstreamReplyDecoder d, final JsonNode envelope) throws Exception
    {
        final JsonNode payload = envelope.get("executionPayload");
        assertArrayEquals(Hex.fromHexString(payload.get("blockHash").asText()), bytes32(d, 0));
        assertArrayEquals(Hex.fromHexString(payload.get("parentHash").asText()), bytes32(d, 1));
        assertArrayEquals(Hex.fromHexString(payload.get("stateRoot").asText()), bytes32(d, 2));
        assertArrayEquals(Hex.fromHexString(envelope.get("parentBeaconBlockRoot").asText()), bytes32(d, 3));
        assertEquals(Long.decode(payload.get("blockNumber").asText()), d.blockNumber());
        assertEquals(Long.decode(payload.get("gasUsed").asText()), d.gasUsed());
        assertEquals(Long.decode(payload.get("timestamp").asText()), d.timestamp());
        assertEquals(payload.get("transactions").size(), d.txCount());
        assertEquals(payload, MAPPER.readTree(executionPayload));
        assertEquals(PayloadStatus.NONE, d.payloadStatus());
        assertEquals(BooleanType.FALSE, d.hasPayloadId());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"blockValue\":\"0x0\"}", "{\"executionPayload\":null}", "{\"executionPayload\":[]}", "[]", "null", "\"0x\"",
    })
    void shouldFlagResultsThatAreNotEnvelopes(final String result)
    {
        final UpstreamReplyDecoder d = encode(EngineMethod.GET_PAYLOAD_V4, 200, response(result));
        assertEquals(CallOutcome.MALFORMED, d.outcome());
        assertEquals("result is not an execution payload envelope", errorMessage);
        assertEquals(result, this.result);
        assertEquals("", executionPayload);
        assertDecodedFieldsAreZero(d);
    }

    @ParameterizedTest
    @ValueSource(strings = { "blockHash", "parentHash", "stateRoot", "blockNumber", "gasUsed", "timestamp", "transactions" })
    void shouldFlagPayloadsMissingOrManglingARequiredField(final String field) throws Exception
    {
        final String envelope = TestData.text("flashblocks/rollup-boost_selection_OpExecutionPayloadEnvelopeV4.json").trim();
        final com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)MAPPER.readTree(envelope);
        final com.fasterxml.jackson.databind.node.ObjectNode payload =
            (com.fasterxml.jackson.databind.node.ObjectNode)tree.get("executionPayload");

        payload.remove(field);
        UpstreamReplyDecoder d = encode(EngineMethod.GET_PAYLOAD_V4, 200, response(MAPPER.writeValueAsString(tree)));
        assertEquals(CallOutcome.MALFORMED, d.outcome());
        assertEquals("executionPayload lacks a required field or has a malformed one", errorMessage);
        assertDecodedFieldsAreZero(d);
        assertEquals("", executionPayload);
        assertEquals("", executionRequests);

        payload.put(field, "0xzz");
        d = encode(EngineMethod.GET_PAYLOAD_V4, 200, response(MAPPER.writeValueAsString(tree)));
        assertEquals(CallOutcome.MALFORMED, d.outcome());
        assertDecodedFieldsAreZero(d);
    }

    @Test
    void shouldFlagBadBeaconRootsAndExecutionRequests() throws Exception
    {
        final String envelope = TestData.text("flashblocks/rollup-boost_selection_OpExecutionPayloadEnvelopeV4.json").trim();

        UpstreamReplyDecoder d = encode(EngineMethod.GET_PAYLOAD_V4, 200,
            response(envelope.replace("\"0xdead00000000000000000000000000000000000000000000000000000000beef\"", "\"0xdead\"")));
        assertEquals(CallOutcome.MALFORMED, d.outcome());
        assertEquals("parentBeaconBlockRoot is not 32 bytes of 0x hex", errorMessage);
        assertDecodedFieldsAreZero(d);

        d = encode(EngineMethod.GET_PAYLOAD_V4, 200, response(envelope.replace("[\"0xdeadbeef\"]", "\"0xdeadbeef\"")));
        assertEquals(CallOutcome.MALFORMED, d.outcome());
        assertEquals("executionRequests is not an array", errorMessage);
        assertDecodedFieldsAreZero(d);

        d = encode(EngineMethod.GET_PAYLOAD_V4, 200, response(envelope.replace("[\"0xdeadbeef\"]", "null")
            .replace("\"0xdead00000000000000000000000000000000000000000000000000000000beef\"", "null")));
        assertEquals(CallOutcome.RESULT, d.outcome());
        assertEquals(BooleanType.FALSE, d.hasExecutionRequests());
        assertEquals("", executionRequests);
        assertArrayEquals(ZERO32, bytes32(d, 3));
    }

    @Test
    void shouldDecodeARealBlockForTheHealthProbe() throws Exception
    {
        final String block = TestData.text("flashblocks/unichain_sepolia_35535698_final_rpc_block.json").trim();
        final JsonNode tree = MAPPER.readTree(block);
        final UpstreamReplyDecoder d = encode(EngineMethod.ETH_GET_BLOCK_BY_NUMBER, 200, response(block));
        assertEquals(CallOutcome.RESULT, d.outcome());
        assertEquals(0x21e3b52L, d.blockNumber());
        assertEquals(Long.decode(tree.get("timestamp").asText()), d.timestamp());
        assertEquals("0xc463a3120c35268f610d969f5608b479332ef10953af77c7a6be806195831196", Hex.toHexString(bytes32(d, 0)));
        assertArrayEquals(Hex.fromHexString(tree.get("parentHash").asText()), bytes32(d, 1));
        assertArrayEquals(Hex.fromHexString(tree.get("stateRoot").asText()), bytes32(d, 2));
        assertEquals(Long.decode(tree.get("gasUsed").asText()), d.gasUsed());
        assertEquals(tree.get("transactions").size(), d.txCount());
        assertEquals(block, result);
    }

    @Test
    void shouldDecodeAMinimalBlock()
    {
        final String block = "{\"number\":\"0x10\",\"timestamp\":\"0x20\"," +
            "\"hash\":\"0xc463a3120c35268f610d969f5608b479332ef10953af77c7a6be806195831196\",\"parentHash\":null}";
        final UpstreamReplyDecoder d = encode(EngineMethod.ETH_GET_BLOCK_BY_NUMBER, 200, response(block));
        assertEquals(CallOutcome.RESULT, d.outcome());
        assertEquals(16, d.blockNumber());
        assertEquals(32, d.timestamp());
        assertEquals(0, d.txCount());
    }

    @Test
    void shouldTreatANullBlockAsMalformed()
    {
        final UpstreamReplyDecoder d = encode(EngineMethod.ETH_GET_BLOCK_BY_NUMBER, 200, response("null"));
        assertEquals(CallOutcome.MALFORMED, d.outcome());
        assertEquals("block not found: result is null", errorMessage);
        assertEquals("null", result);
    }

    @ParameterizedTest
    @ValueSource(strings = { "[]", "{\"number\":\"0x1\",\"timestamp\":\"0x2\"}", "{\"number\":\"0x1\",\"hash\":\"0x00\"}",
        "{\"timestamp\":\"0x1\",\"number\":\"0xq\"}" })
    void shouldFlagBlocksWithoutNumberTimestampAndHash(final String block)
    {
        final UpstreamReplyDecoder d = encode(EngineMethod.ETH_GET_BLOCK_BY_NUMBER, 200, response(block));
        assertEquals(CallOutcome.MALFORMED, d.outcome());
        assertEquals("result is not a block with number, timestamp and hash", errorMessage);
        assertDecodedFieldsAreZero(d);
    }

    @ParameterizedTest
    @EnumSource(value = EngineMethod.class, names = { "EXCHANGE_CAPABILITIES", "UNSUPPORTED_ENGINE" })
    void shouldPassOtherResultsThroughRaw(final EngineMethod method)
    {
        final String result = "[\"engine_forkchoiceUpdatedV3\", \"engine_getPayloadV4\"]";
        final UpstreamReplyDecoder d = encode(method, 200, response(result));
        assertEquals(CallOutcome.RESULT, d.outcome());
        assertEquals(result, this.result);
        assertDecodedFieldsAreZero(d);
    }

    @Test
    void shouldEncodeRpcErrors()
    {
        final String error = "{\"code\":-38001,\"message\":\"Unknown payload\",\"data\":null}";
        final UpstreamReplyDecoder d = encode(EngineMethod.GET_PAYLOAD_V3, 200,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":" + error + "}");
        assertEquals(CallOutcome.RPC_ERROR, d.outcome());
        assertEquals(-38001, d.errorCode());
        assertEquals("Unknown payload", errorMessage);
        assertEquals(error, result);
        assertEquals("", executionPayload);
        assertDecodedFieldsAreZero(d);
    }

    @Test
    void shouldEncodeRpcErrorsCarriedByNon2xxResponsesAndKeepRawMessages()
    {
        final String error = "{ \"message\" : \"Invalid payload: \\\"INVALID\\\"\" , \"code\" : 13 }";
        final UpstreamReplyDecoder d = encode(EngineMethod.NEW_PAYLOAD_V3, 500,
            "{\"error\":" + error + ",\"result\":null,\"id\":1,\"jsonrpc\":\"2.0\"}");
        assertEquals(CallOutcome.RPC_ERROR, d.outcome());
        assertEquals(500, d.httpStatus());
        assertEquals(13, d.errorCode());
        assertEquals("Invalid payload: \\\"INVALID\\\"", errorMessage);
        assertEquals("{ \"message\" : \"Invalid payload: \\\"INVALID\\\"\" , \"code\" : 13 }", result);
    }

    @Test
    void shouldAcceptErrorsWithoutAMessage()
    {
        final UpstreamReplyDecoder d = encode(EngineMethod.GET_PAYLOAD_V3, 200, "{\"error\":{\"code\":-32000,\"message\":7}}");
        assertEquals(CallOutcome.RPC_ERROR, d.outcome());
        assertEquals(-32000, d.errorCode());
        assertEquals("", errorMessage);
        encode(EngineMethod.GET_PAYLOAD_V3, 200, "{\"error\":{\"code\":-32000}}");
        assertEquals(CallOutcome.RPC_ERROR, reply.outcome());
    }

    @Test
    void shouldPreferAResultWhenTheErrorIsNull()
    {
        final UpstreamReplyDecoder d = encode(EngineMethod.NEW_PAYLOAD_V3, 200,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":null,\"result\":{\"status\":\"ACCEPTED\"}}");
        assertEquals(CallOutcome.RESULT, d.outcome());
        assertEquals(PayloadStatus.ACCEPTED, d.payloadStatus());
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"oops\"", "{\"message\":\"x\"}", "{\"code\":\"-32000\"}", "{\"code\":1.5}", "{\"code\":2147483648}",
        "{\"code\":-2147483649}", "{\"code\":1e3}", "[]" })
    void shouldFlagErrorMembersThatAreNotErrorObjects(final String error)
    {
        UpstreamReplyDecoder d = encode(EngineMethod.GET_PAYLOAD_V3, 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":" + error + "}");
        assertEquals(CallOutcome.MALFORMED, d.outcome());
        assertTrue(errorMessage.startsWith("error member is not a JSON-RPC error object: {"), errorMessage);
        assertEquals(0, d.errorCode());
        assertEquals("", result);

        d = encode(EngineMethod.GET_PAYLOAD_V3, 502, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":" + error + "}");
        assertEquals(CallOutcome.HTTP_ERROR, d.outcome());
    }

    @Test
    void shouldEncodeHttpErrors()
    {
        UpstreamReplyDecoder d = encode(EngineMethod.GET_PAYLOAD_V4, 502, "<html>Bad Gateway</html>");
        assertEquals(CallOutcome.HTTP_ERROR, d.outcome());
        assertEquals(502, d.httpStatus());
        assertEquals("response body is not valid JSON: <html>Bad Gateway</html>", errorMessage);
        assertEquals("", result);
        assertDecodedFieldsAreZero(d);

        d = encode(EngineMethod.GET_PAYLOAD_V4, 503, "");
        assertEquals(CallOutcome.HTTP_ERROR, d.outcome());
        assertEquals("empty response body", errorMessage);

        d = encode(EngineMethod.NEW_PAYLOAD_V4, 401, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"status\":\"VALID\"}}");
        assertEquals(CallOutcome.HTTP_ERROR, d.outcome());
        assertTrue(errorMessage.startsWith("non-2xx HTTP status without a JSON-RPC error: {\"jsonrpc\""), errorMessage);
        assertEquals(PayloadStatus.NONE, d.payloadStatus());

        d = encode(EngineMethod.NEW_PAYLOAD_V4, 404, "\"not found\"");
        assertEquals(CallOutcome.HTTP_ERROR, d.outcome());
        assertEquals("response is not a JSON-RPC response object: \"not found\"", errorMessage);

        d = encode(EngineMethod.NEW_PAYLOAD_V4, 199, "{\"result\":{\"status\":\"VALID\"}}");
        assertEquals(CallOutcome.HTTP_ERROR, d.outcome());
    }

    @Test
    void shouldFlagUnparsableSuccessfulResponsesAsMalformed()
    {
        UpstreamReplyDecoder d = encode(EngineMethod.GET_PAYLOAD_V4, 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":");
        assertEquals(CallOutcome.MALFORMED, d.outcome());
        assertEquals("response body is not valid JSON: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":", errorMessage);

        d = encode(EngineMethod.GET_PAYLOAD_V4, 204, "");
        assertEquals(CallOutcome.MALFORMED, d.outcome());
        assertEquals("empty response body", errorMessage);

        d = encode(EngineMethod.GET_PAYLOAD_V4, 200, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}]");
        assertEquals(CallOutcome.MALFORMED, d.outcome());
        assertTrue(errorMessage.startsWith("response is not a JSON-RPC response object: ["));

        d = encode(EngineMethod.GET_PAYLOAD_V4, 200, "{\"jsonrpc\":\"2.0\",\"id\":1}");
        assertEquals(CallOutcome.MALFORMED, d.outcome());
        assertTrue(errorMessage.startsWith("response has neither result nor error: {"));
    }

    @Test
    void shouldTruncateTheBodyExcerpt()
    {
        final String garbage = "x".repeat(5000);
        encode(EngineMethod.GET_PAYLOAD_V4, 200, garbage);
        assertEquals(CallOutcome.MALFORMED, reply.outcome());
        assertEquals("response body is not valid JSON: " + "x".repeat(UpstreamReplyEncoder.MAX_BODY_EXCERPT_LENGTH), errorMessage);
    }

    @Test
    void shouldEncodeTransportFailures()
    {
        int length = encoder.encodeTransportFailure(
            7, 99, Target.L2, EngineMethod.NEW_PAYLOAD_V4, 1_000_000_000L, "connect timed out \u2192 l2:8551", dst, DST_OFFSET);
        UpstreamReplyDecoder d = decode(length, UpstreamReplyEncoder.maxTransportFailureLength());
        assertEquals(CallOutcome.TRANSPORT_ERROR, d.outcome());
        assertEquals(7, d.callId());
        assertEquals(99, d.recvTimeNs());
        assertEquals(Target.L2, d.target());
        assertEquals(EngineMethod.NEW_PAYLOAD_V4, d.method());
        assertEquals(0, d.httpStatus());
        assertEquals(1_000_000_000L, d.latencyNs());
        assertEquals("connect timed out ? l2:8551", errorMessage);
        assertEquals("", result);
        assertDecodedFieldsAreZero(d);
        assertEquals(CallOutcome.TRANSPORT_ERROR, encoder.outcome());

        length = encoder.encodeTransportFailure(8, 100, Target.BUILDER, EngineMethod.GET_PAYLOAD_V3, 5,
            "connection reset".getBytes(StandardCharsets.UTF_8), dst, DST_OFFSET);
        d = decode(length, UpstreamReplyEncoder.maxTransportFailureLength());
        assertEquals("connection reset", errorMessage);
        assertEquals(Target.BUILDER, d.target());

        length = encoder.encodeTransportFailure(9, 1, Target.L2, EngineMethod.GET_PAYLOAD_V3, 5, (CharSequence)null, dst, 0);
        assertTrue(length > 0);
        length = encoder.encodeTransportFailure(9, 1, Target.L2, EngineMethod.GET_PAYLOAD_V3, 5, (byte[])null, dst, 0);
        assertTrue(length > 0);

        length = encoder.encodeTransportFailure(9, 1, Target.L2, EngineMethod.GET_PAYLOAD_V3, 5, "y".repeat(5000), dst, DST_OFFSET);
        decode(length, UpstreamReplyEncoder.maxTransportFailureLength());
        assertEquals(UpstreamReplyEncoder.MAX_TRANSPORT_MESSAGE_LENGTH, errorMessage.length());
        length = encoder.encodeTransportFailure(
            9, 1, Target.L2, EngineMethod.GET_PAYLOAD_V3, 5, new byte[5000], dst, DST_OFFSET);
        decode(length, UpstreamReplyEncoder.maxTransportFailureLength());
        assertEquals(UpstreamReplyEncoder.MAX_TRANSPORT_MESSAGE_LENGTH, errorMessage.length());
    }

    @Test
    void shouldNotLeaveStaleFieldsWhenReusingTheDestination() throws Exception
    {
        final String envelope = TestData.text("flashblocks/rollup-boost_selection_OpExecutionPayloadEnvelopeV4.json").trim();
        encode(EngineMethod.GET_PAYLOAD_V4, 200, response(envelope));
        assertEquals(1, reply.blockNumber());
        final UpstreamReplyDecoder d = encode(EngineMethod.GET_PAYLOAD_V4, 200,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-38001,\"message\":\"Unknown payload\"}}");
        assertDecodedFieldsAreZero(d);
    }

    @Test
    void shouldReportBufferTooSmall()
    {
        final byte[] body = response("{\"status\":\"VALID\"}").getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer small = new UnsafeBuffer(new byte[UpstreamReplyEncoder.maxEncodedLength(body.length) - 1]);
        assertEquals(UpstreamReplyEncoder.BUFFER_TOO_SMALL, encoder.encode(
            1, 2, Target.L2, EngineMethod.NEW_PAYLOAD_V3, 200, 3, new UnsafeBuffer(body), 0, body.length, small, 0));
        assertNull(encoder.outcome());
        assertEquals(UpstreamReplyEncoder.BUFFER_TOO_SMALL, encoder.encode(
            1, 2, Target.L2, EngineMethod.NEW_PAYLOAD_V3, 200, 3, new UnsafeBuffer(body), 0, body.length, dst, -1));
        final UnsafeBuffer tiny = new UnsafeBuffer(new byte[UpstreamReplyEncoder.maxTransportFailureLength() - 1]);
        assertEquals(UpstreamReplyEncoder.BUFFER_TOO_SMALL,
            encoder.encodeTransportFailure(1, 2, Target.L2, EngineMethod.NEW_PAYLOAD_V3, 3, "x", tiny, 0));
        assertEquals(UpstreamReplyEncoder.BUFFER_TOO_SMALL,
            encoder.encodeTransportFailure(1, 2, Target.L2, EngineMethod.NEW_PAYLOAD_V3, 3, new byte[1], tiny, 0));
        final UnsafeBuffer exact = new UnsafeBuffer(new byte[UpstreamReplyEncoder.maxEncodedLength(body.length)]);
        assertTrue(encoder.encode(
            1, 2, Target.L2, EngineMethod.NEW_PAYLOAD_V3, 200, 3, new UnsafeBuffer(body), 0, body.length, exact, 0) > 0);
    }

    @Test
    void shouldNotAllocateWhenWarm()
    {
        final byte[] envelope = response(TestData.text("flashblocks/rollup-boost_selection_OpExecutionPayloadEnvelopeV4.json").trim())
            .getBytes(StandardCharsets.UTF_8);
        final byte[] fcu = response("{\"payloadStatus\":{\"status\":\"VALID\"},\"payloadId\":\"0x03d2dae446d2a86a\"}")
            .getBytes(StandardCharsets.UTF_8);
        final byte[] error = "{\"error\":{\"code\":-38001,\"message\":\"Unknown payload\"}}".getBytes(StandardCharsets.UTF_8);
        final byte[] garbage = "<html>".getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer envelopeBuffer = new UnsafeBuffer(envelope);
        final UnsafeBuffer fcuBuffer = new UnsafeBuffer(fcu);
        final UnsafeBuffer errorBuffer = new UnsafeBuffer(error);
        final UnsafeBuffer garbageBuffer = new UnsafeBuffer(garbage);
        AllocationProbe.assertNoAllocation(() ->
        {
            encoder.encode(1, 2, Target.BUILDER, EngineMethod.GET_PAYLOAD_V4, 200, 3, envelopeBuffer, 0, envelope.length, dst, 0);
            encoder.encode(1, 2, Target.L2, EngineMethod.FORKCHOICE_UPDATED_V3, 200, 3, fcuBuffer, 0, fcu.length, dst, 0);
            encoder.encode(1, 2, Target.L2, EngineMethod.GET_PAYLOAD_V3, 200, 3, errorBuffer, 0, error.length, dst, 0);
            encoder.encode(1, 2, Target.L2, EngineMethod.GET_PAYLOAD_V3, 502, 3, garbageBuffer, 0, garbage.length, dst, 0);
            encoder.encodeTransportFailure(1, 2, Target.L2, EngineMethod.GET_PAYLOAD_V3, 3, "timeout", dst, 0);
        });
    }
}
