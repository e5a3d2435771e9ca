package io.boostj.codecs.engine;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boostj.codecs.hex.Hex;
import io.boostj.codecs.json.JsonScanner;
import io.boostj.codecs.test.TestData;
import io.boostj.sbe.BooleanType;
import io.boostj.sbe.EngineCallRequestDecoder;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.ForkchoiceUpdatedRequestDecoder;
import io.boostj.sbe.GetPayloadRequestDecoder;
import io.boostj.sbe.MessageHeaderDecoder;
import io.boostj.sbe.NewPayloadRequestDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class EngineRequestEncoderTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int SRC_PAD = 11;
    private static final int DST_OFFSET = 16;

    private static final String HEAD = "0x3533bf30edaf9505d0810bf475cbe4e5f4b9889904b9845e83efdeab4e92eb1e";
    private static final String SAFE = "0x15ce000000000000000000000000000000000000000000000000000000000001";
    private static final String FINALIZED = "0x15ce000000000000000000000000000000000000000000000000000000000002";
    private static final String STATE =
        "{\"headBlockHash\":\"" + HEAD + "\",\"safeBlockHash\":\"" + SAFE + "\",\"finalizedBlockHash\":\"" + FINALIZED + "\"}";
    private static final String ROOT = "0x8fe0193b9bf83cb7e5a08538e494fecc23046aab9a497af3704f4afdae3250ff";

    private final EngineRequestEncoder encoder = new EngineRequestEncoder();
    private final UnsafeBuffer dst = new UnsafeBuffer(new byte[4 * 1024 * 1024]);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ForkchoiceUpdatedRequestDecoder fcu = new ForkchoiceUpdatedRequestDecoder();
    private final GetPayloadRequestDecoder getPayload = new GetPayloadRequestDecoder();
    private final NewPayloadRequestDecoder newPayload = new NewPayloadRequestDecoder();
    private final EngineCallRequestDecoder engineCall = new EngineCallRequestDecoder();
    private String json;

    private int encode(final String request)
    {
        json = request;
        final byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
        return encoder.encode(TestData.padded(bytes, SRC_PAD), SRC_PAD, bytes.length, 77, 123_456_789L, dst, DST_OFFSET);
    }

    private int templateId(final int length)
    {
        assertTrue(length > 0, () -> "expected success, got " + length + " " + encoder.errorMessage() + " for " + json);
        header.wrap(dst, DST_OFFSET);
        assertEquals(7001, header.schemaId());
        return header.templateId();
    }

    private static String request(final String method, final String params)
    {
        return "{\"jsonrpc\":\"2.0\",\"id\":933360,\"method\":\"" + method + "\",\"params\":" + params + "}";
    }

    private static byte[] hash(final ForkchoiceUpdatedRequestDecoder d, final int which)
    {
        final byte[] out = new byte[32];
        switch (which)
        {
            case 0 -> d.getHeadBlockHash(out, 0, 32);
            case 1 -> d.getSafeBlockHash(out, 0, 32);
            default -> d.getFinalizedBlockHash(out, 0, 32);
        }
        return out;
    }

    private static String utf8(final byte[] bytes)
    {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private ForkchoiceUpdatedRequestDecoder decodeFcu(final int length)
    {
        assertEquals(ForkchoiceUpdatedRequestDecoder.TEMPLATE_ID, templateId(length));
        fcu.wrapAndApplyHeader(dst, DST_OFFSET, header);
        assertEquals(77, fcu.requestId());
        assertEquals(123_456_789L, fcu.recvTimeNs());
        return fcu;
    }

    private static String rawParams(final String request)
    {
        final int start = request.indexOf("\"params\":") + "\"params\":".length();
        return request.substring(start, request.length() - 1);
    }

    @Test
    void shouldEncodeTheReferenceForkchoiceUpdatedWithHoloceneAttributes()
    {
        final String attributes = TestData.text("flashblocks/op-alloy_OpPayloadAttributes_holocene.json").trim();
        final String request = request("engine_forkchoiceUpdatedV3", "[" + STATE + "," + attributes + "]");
        final int length = encode(request);
        final ForkchoiceUpdatedRequestDecoder d = decodeFcu(length);

        assertArrayEquals(Hex.fromHexString(HEAD), hash(d, 0));
        assertArrayEquals(Hex.fromHexString(SAFE), hash(d, 1));
        assertArrayEquals(Hex.fromHexString(FINALIZED), hash(d, 2));
        assertEquals(BooleanType.TRUE, d.hasAttributes());
        assertEquals(BooleanType.FALSE, d.noTxPool());
        assertEquals(0x68e8f68bL, d.timestamp());
        final byte[] id = new byte[d.rpcIdLength()];
        d.getRpcId(id, 0, id.length);
        assertEquals("933360", utf8(id));
        final byte[] params = new byte[d.rawParamsLength()];
        d.getRawParams(params, 0, params.length);
        assertEquals(rawParams(request), utf8(params));
        assertEquals(length, 8 + d.encodedLength());
        assertTrue(length <= EngineRequestEncoder.maxEncodedLength(request.length()));
        assertEquals(MethodRouting.ENGINE_FORKCHOICE_UPDATED_V3, encoder.routing());
        assertNull(encoder.errorMessage());
    }

    @Test
    void shouldEncodeTheReferenceExampleShapeWithNoTxPoolAndNumberMinBaseFee()
    {
        final String attributes = "{\"timestamp\":\"0x67c462d6\",\"prevRandao\":\"" + ROOT + "\"," +
            "\"suggestedFeeRecipient\":\"0x4200000000000000000000000000000000000011\",\"withdrawals\":[]," +
            "\"parentBeaconBlockRoot\":\"" + ROOT + "\",\"transactions\":[\"0x7ef8\"],\"noTxPool\":true," +
            "\"gasLimit\":\"0x3938700\",\"eip1559Params\":\"0x000000fa00000006\",\"minBaseFee\":100}";
        final String request = "{\"jsonrpc\":\"2.0\",\"id\":933360,\"method\":\"engine_forkchoiceUpdatedV3\",\"params\":[\n " +
            STATE + ",\n " + attributes + "]}";
        final ForkchoiceUpdatedRequestDecoder d = decodeFcu(encode(request));
        assertEquals(BooleanType.TRUE, d.hasAttributes());
        assertEquals(BooleanType.TRUE, d.noTxPool());
        assertEquals(0x67c462d6L, d.timestamp());
        d.skipRpcId();
        final byte[] params = new byte[d.rawParamsLength()];
        d.getRawParams(params, 0, params.length);
        assertEquals(rawParams(request), utf8(params));
    }

    @ParameterizedTest
    @ValueSource(strings = { "[" + STATE + "]", "[" + STATE + ",null]", "[ " + STATE + " , null ]" })
    void shouldEncodeForkchoiceUpdatedWithoutAttributes(final String params)
    {
        final ForkchoiceUpdatedRequestDecoder d = decodeFcu(encode(request("engine_forkchoiceUpdatedV3", params)));
        assertEquals(BooleanType.FALSE, d.hasAttributes());
        assertEquals(BooleanType.FALSE, d.noTxPool());
        assertEquals(0, d.timestamp());
        assertArrayEquals(Hex.fromHexString(HEAD), hash(d, 0));
    }

    @Test
    void shouldTreatNullNoTxPoolAsFalse()
    {
        final String attributes = "{\"timestamp\":\"0x1\",\"noTxPool\":null}";
        final ForkchoiceUpdatedRequestDecoder d =
            decodeFcu(encode(request("engine_forkchoiceUpdatedV3", "[" + STATE + "," + attributes + "]")));
        assertEquals(BooleanType.TRUE, d.hasAttributes());
        assertEquals(BooleanType.FALSE, d.noTxPool());
        assertEquals(1, d.timestamp());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "[]", "[1]", "[null]", "[\"" + HEAD + "\"]",
        "[{\"headBlockHash\":\"0x01\"},null]",
        "[{\"safeBlockHash\":\"" + SAFE + "\",\"finalizedBlockHash\":\"" + FINALIZED + "\"}]",
        "[{\"headBlockHash\":\"" + HEAD + "\",\"finalizedBlockHash\":\"" + FINALIZED + "\"}]",
        "[{\"headBlockHash\":\"" + HEAD + "\",\"safeBlockHash\":\"" + SAFE + "\"}]",
        "[{\"headBlockHash\":\"" + HEAD + "\",\"safeBlockHash\":\"" + SAFE + "\",\"finalizedBlockHash\":\"0xzz\"}]",
        "[{\"headBlockHash\":\"" + HEAD + "00\",\"safeBlockHash\":\"" + SAFE + "\",\"finalizedBlockHash\":\"" + FINALIZED + "\"}]",
        "[{\"headBlockHash\":1,\"safeBlockHash\":\"" + SAFE + "\",\"finalizedBlockHash\":\"" + FINALIZED + "\"}]",
        "[" + STATE + ",\"attrs\"]", "[" + STATE + ",[]]", "[" + STATE + ",{}]",
        "[" + STATE + ",{\"timestamp\":\"0x1\",\"noTxPool\":\"yes\"}]",
        "[" + STATE + ",{\"timestamp\":\"1\"}]", "[" + STATE + ",{\"timestamp\":\"0x\"}]",
        "[" + STATE + ",{\"timestamp\":-1}]", "[" + STATE + ",{\"timestamp\":\"0x10000000000000000\"}]",
    })
    void shouldRejectMalformedForkchoiceParams(final String params)
    {
        assertEquals(EngineRequestEncoder.INVALID_PARAMS, encode(request("engine_forkchoiceUpdatedV3", params)));
        assertNotNull(encoder.errorMessage());
        assertEquals(MethodRouting.ENGINE_FORKCHOICE_UPDATED_V3, encoder.routing());
        assertEquals("933360", utf8(bytes(encoder.request().buffer(), encoder.request().idStart(), encoder.request().idEnd())));
    }

    @Test
    void shouldRejectForkchoiceUpdatedWithoutParams()
    {
        assertEquals(EngineRequestEncoder.INVALID_PARAMS,
            encode("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"engine_forkchoiceUpdatedV3\"}"));
        assertEquals("params must be an array", encoder.errorMessage());
    }

    @Test
    void shouldNameTheFieldThatFailed()
    {
        encode(request("engine_forkchoiceUpdatedV3", "[{\"headBlockHash\":\"0x01\"},null]"));
        assertEquals("headBlockHash must be 32 bytes of 0x hex", encoder.errorMessage());
        encode(request("engine_forkchoiceUpdatedV3", "[" + STATE + ",{\"noTxPool\":false}]"));
        assertEquals("payload attributes timestamp must be a QUANTITY", encoder.errorMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "engine_getPayloadV3", "engine_getPayloadV4", "engine_getPayloadV5" })
    void shouldEncodeGetPayload(final String method)
    {
        final String request = "{\"id\":\"abc\",\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":[\"0x03d2dae446d2a86a\"]}";
        final int length = encode(request);
        assertEquals(GetPayloadRequestDecoder.TEMPLATE_ID, templateId(length));
        getPayload.wrapAndApplyHeader(dst, DST_OFFSET, header);
        assertEquals(77, getPayload.requestId());
        assertEquals(123_456_789L, getPayload.recvTimeNs());
        assertEquals(MethodRouting.classify(method).engineMethod(), getPayload.method());
        final byte[] id = new byte[8];
        getPayload.getPayloadId(id, 0, 8);
        assertEquals("0x03d2dae446d2a86a", Hex.toHexString(id));
        final byte[] rpcId = new byte[getPayload.rpcIdLength()];
        getPayload.getRpcId(rpcId, 0, rpcId.length);
        assertEquals("\"abc\"", utf8(rpcId));
        final byte[] params = new byte[getPayload.rawParamsLength()];
        getPayload.getRawParams(params, 0, params.length);
        assertEquals("[\"0x03d2dae446d2a86a\"]", utf8(params));
        assertEquals(length, 8 + getPayload.encodedLength());
    }

    @ParameterizedTest
    @ValueSource(strings = { "[]", "[\"0x01\"]", "[\"0x03d2dae446d2a86a00\"]", "[\"03d2dae446d2a86a\"]", "[1]", "[null]", "{}" })
    void shouldRejectMalformedGetPayloadParams(final String params)
    {
        assertEquals(EngineRequestEncoder.INVALID_PARAMS, encode(request("engine_getPayloadV4", params)));
        assertNotNull(encoder.errorMessage());
    }

    @Test
    void shouldEncodeEveryNewPayloadOfTheHivePragueChainStraightFromTheFile() throws Exception
    {
        final byte[] file = TestData.bytes("engine-payloads/geth-hive-chain-prague/newpayload.json");
        final JsonNode tree = MAPPER.readTree(file);
        final UnsafeBuffer src = new UnsafeBuffer(file);
        final JsonScanner scanner = new JsonScanner().wrap(src, 0, file.length);
        int newPayloads = 0;
        int unsupported = 0;
        int i = 0;
        for (int element = scanner.element(0, 0); element >= 0; element = scanner.nextElement(element), i++)
        {
            final int end = scanner.valueEnd(element);
            final JsonNode expected = tree.get(i);
            final int length = encoder.encode(src, element, end - element, i, 1000L + i, dst, DST_OFFSET);
            final String method = expected.get("method").asText();
            assertTrue(length <= EngineRequestEncoder.maxEncodedLength(end - element));
            if (method.equals("engine_newPayloadV2"))
            {
                assertEquals(EngineCallRequestDecoder.TEMPLATE_ID, templateId(length));
                engineCall.wrapAndApplyHeader(dst, DST_OFFSET, header);
                assertEquals(EngineMethod.UNSUPPORTED_ENGINE, engineCall.method());
                unsupported++;
                continue;
            }

            assertEquals(NewPayloadRequestDecoder.TEMPLATE_ID, templateId(length));
            newPayload.wrapAndApplyHeader(dst, DST_OFFSET, header);
            assertEquals(i, newPayload.requestId());
            assertEquals(1000L + i, newPayload.recvTimeNs());
            assertEquals(method.endsWith("V3") ? EngineMethod.NEW_PAYLOAD_V3 : EngineMethod.NEW_PAYLOAD_V4, newPayload.method());
            final JsonNode payload = expected.get("params").get(0);
            final byte[] hash = new byte[32];
            newPayload.getBlockHash(hash, 0, 32);
            assertArrayEquals(Hex.fromHexString(payload.get("blockHash").asText()), hash);
            newPayload.getParentHash(hash, 0, 32);
            assertArrayEquals(Hex.fromHexString(payload.get("parentHash").asText()), hash);
            assertEquals(Long.parseLong(payload.get("blockNumber").asText().substring(2), 16), newPayload.blockNumber());

            final byte[] rpcId = new byte[newPayload.rpcIdLength()];
            newPayload.getRpcId(rpcId, 0, rpcId.length);
            assertEquals(MAPPER.writeValueAsString(expected.get("id")), utf8(rpcId));

            final int paramsStart = scanner.member(element, "params");
            final int paramsEnd = scanner.valueEnd(paramsStart);
            final byte[] params = new byte[newPayload.rawParamsLength()];
            newPayload.getRawParams(params, 0, params.length);
            assertArrayEquals(bytes(src, paramsStart, paramsEnd), params);
            assertEquals(expected.get("params"), MAPPER.readTree(params));
            newPayloads++;
        }
        assertEquals(601, i);
        assertEquals(6, unsupported);
        assertEquals(595, newPayloads);
    }

    @Test
    void shouldEncodeTheHoodiPayloadsAsNewPayloadV4() throws Exception
    {
        for (final String name : TestData.HOODI)
        {
            final byte[] file = TestData.bytes("engine-payloads/alloy-hoodi/" + name);
            final JsonScanner scanner = new JsonScanner().wrap(new UnsafeBuffer(file), 0, file.length);
            final int payload = scanner.member(scanner.member(0, "newPayload"), "payload");
            final String payloadJson = utf8(bytes(scanner.buffer(), payload, scanner.valueEnd(payload)));
            final JsonNode sidecar = MAPPER.readTree(file).get("newPayload").get("sidecar");
            final JsonNode cancun = sidecar.get("cancun").get("fields");
            final String requests = MAPPER.writeValueAsString(sidecar.get("prague").get("fields").get("requests"));
            final String params = "[" + payloadJson + "," + MAPPER.writeValueAsString(cancun.get("versioned_hashes")) +
                ",\"" + cancun.get("parent_beacon_block_root").asText() + "\"," + requests + "]";
            final String request = request("engine_newPayloadV4", params);

            assertEquals(NewPayloadRequestDecoder.TEMPLATE_ID, templateId(encode(request)));
            newPayload.wrapAndApplyHeader(dst, DST_OFFSET, header);
            final byte[] hash = new byte[32];
            newPayload.getBlockHash(hash, 0, 32);
            final String expectedHash = name.substring(name.indexOf("0x"), name.indexOf(".json"));
            assertEquals(expectedHash, Hex.toHexString(hash));
            final JsonNode payloadNode = MAPPER.readTree(payloadJson);
            assertEquals(Long.decode(payloadNode.get("blockNumber").asText()), newPayload.blockNumber());
            newPayload.skipRpcId();
            final byte[] raw = new byte[newPayload.rawParamsLength()];
            newPayload.getRawParams(raw, 0, raw.length);
            assertEquals(params, utf8(raw));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "engine_newPayloadV3|[]",
        "engine_newPayloadV3|[\"<V3 payload>\",[],\"" + ROOT + "\"]",
        "engine_newPayloadV3|[{\"blockHash\":\"" + HEAD + "\",\"parentHash\":\"" + HEAD + "\",\"blockNumber\":\"0x1\"},[]]",
        "engine_newPayloadV3|[{\"blockHash\":\"" + HEAD + "\",\"parentHash\":\"" + HEAD + "\",\"blockNumber\":\"0x1\"},{},\"" + ROOT + "\"]",
        "engine_newPayloadV3|[{\"blockHash\":\"" + HEAD + "\",\"parentHash\":\"" + HEAD + "\",\"blockNumber\":\"0x1\"},[],\"0x01\"]",
        "engine_newPayloadV3|[{\"blockHash\":\"" + HEAD + "\",\"parentHash\":\"" + HEAD + "\",\"blockNumber\":\"0x1\"},[],null]",
        "engine_newPayloadV4|[{\"blockHash\":\"" + HEAD + "\",\"parentHash\":\"" + HEAD + "\",\"blockNumber\":\"0x1\"},[],\"" + ROOT + "\"]",
        "engine_newPayloadV4|[{\"blockHash\":\"" + HEAD + "\",\"parentHash\":\"" + HEAD + "\",\"blockNumber\":\"0x1\"},[],\"" + ROOT + "\",null]",
        "engine_newPayloadV4|[{\"parentHash\":\"" + HEAD + "\",\"blockNumber\":\"0x1\"},[],\"" + ROOT + "\",[]]",
        "engine_newPayloadV4|[{\"blockHash\":\"" + HEAD + "\",\"blockNumber\":\"0x1\"},[],\"" + ROOT + "\",[]]",
        "engine_newPayloadV4|[{\"blockHash\":\"" + HEAD + "\",\"parentHash\":\"" + HEAD + "\"},[],\"" + ROOT + "\",[]]",
        "engine_newPayloadV4|[{\"blockHash\":\"0x12\",\"parentHash\":\"" + HEAD + "\",\"blockNumber\":\"0x1\"},[],\"" + ROOT + "\",[]]",
        "engine_newPayloadV4|[{\"blockHash\":\"" + HEAD + "\",\"parentHash\":\"" + HEAD + "\",\"blockNumber\":\"0xg\"},[],\"" + ROOT + "\",[]]",
        "engine_newPayloadV4|{\"payload\":{}}",
    })
    void shouldRejectMalformedNewPayloadParams(final String methodAndParams)
    {
        final String[] parts = methodAndParams.split("\\|", 2);
        assertEquals(EngineRequestEncoder.INVALID_PARAMS, encode(request(parts[0], parts[1])));
        assertNotNull(encoder.errorMessage());
    }

    @Test
    void shouldEncodeMinimalNewPayloadShapesItDoesNotJudge()
    {
        final String payload = "{\"blockHash\":\"" + HEAD + "\",\"parentHash\":\"" + ROOT + "\",\"blockNumber\":\"0xff\"}";
        assertEquals(NewPayloadRequestDecoder.TEMPLATE_ID,
            templateId(encode(request("engine_newPayloadV3", "[" + payload + ",[],\"" + ROOT + "\"]"))));
        newPayload.wrapAndApplyHeader(dst, DST_OFFSET, header);
        assertEquals(255, newPayload.blockNumber());
        assertEquals(EngineMethod.NEW_PAYLOAD_V3, newPayload.method());
    }

    @Test
    void shouldEncodeExchangeCapabilitiesAsAnEngineCall()
    {
        final String params = "[[\"engine_forkchoiceUpdatedV3\",\"engine_getPayloadV4\"]]";
        final int length = encode(request("engine_exchangeCapabilities", params));
        assertEquals(EngineCallRequestDecoder.TEMPLATE_ID, templateId(length));
        engineCall.wrapAndApplyHeader(dst, DST_OFFSET, header);
        assertEquals(77, engineCall.requestId());
        assertEquals(123_456_789L, engineCall.recvTimeNs());
        assertEquals(EngineMethod.EXCHANGE_CAPABILITIES, engineCall.method());
        assertEquals("933360", varString(engineCall.rpcIdLength(), engineCall::getRpcId));
        assertEquals("engine_exchangeCapabilities", varString(engineCall.methodNameLength(), engineCall::getMethodName));
        assertEquals(params, varString(engineCall.rawParamsLength(), engineCall::getRawParams));
        assertEquals(length, 8 + engineCall.encodedLength());
    }

    @Test
    void shouldEncodeUnsupportedEngineMethodsWithTheirNameAndNoParams()
    {
        final int length = encode("{\"jsonrpc\":\"2.0\",\"method\":\"engine_getClientVersionV1\"}");
        assertEquals(EngineCallRequestDecoder.TEMPLATE_ID, templateId(length));
        engineCall.wrapAndApplyHeader(dst, DST_OFFSET, header);
        assertEquals(EngineMethod.UNSUPPORTED_ENGINE, engineCall.method());
        assertEquals("", varString(engineCall.rpcIdLength(), engineCall::getRpcId));
        assertEquals("engine_getClientVersionV1", varString(engineCall.methodNameLength(), engineCall::getMethodName));
        assertEquals("", varString(engineCall.rawParamsLength(), engineCall::getRawParams));
        assertEquals(MethodRouting.ENGINE_UNSUPPORTED, encoder.routing());
    }

    @ParameterizedTest
    @ValueSource(strings = { "eth_sendRawTransaction", "miner_setMaxDASize", "eth_chainId", "eth_getBlockByNumber" })
    void shouldLeaveNonEngineMethodsToTheForwarder(final String method)
    {
        assertEquals(EngineRequestEncoder.NOT_ENGINE_METHOD, encode(request(method, "[\"0x01\"]")));
        assertEquals(MethodRouting.classify(method), encoder.routing());
        assertEquals("[\"0x01\"]", utf8(bytes(
            encoder.request().buffer(), encoder.request().paramsStart(), encoder.request().paramsEnd())));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "{", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"engine_getPayloadV3\",\"params\":[\"0x01\"]",
        "{\"jsonrpc\":\"2.0\"} trailing", "\u0000" })
    void shouldAnswerParseErrorForInvalidJson(final String request)
    {
        assertEquals(EngineRequestEncoder.PARSE_ERROR, encode(request));
        assertNotNull(encoder.errorMessage());
        assertNull(encoder.routing());
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"engine_getPayloadV3\"", "[]", "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"engine_getPayloadV3\"}]",
        "{\"id\":1,\"method\":\"engine_getPayloadV3\",\"params\":[]}",
        "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"engine_getPayloadV3\",\"params\":[]}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"params\":[]}", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":1}",
        "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"engine_getPayloadV3\",\"params\":[]}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"engine_getPayloadV3\",\"params\":\"0x01\"}" })
    void shouldAnswerInvalidRequestForBadEnvelopes(final String request)
    {
        assertEquals(EngineRequestEncoder.INVALID_REQUEST, encode(request));
        assertNotNull(encoder.errorMessage());
        assertNull(encoder.routing());
    }

    @Test
    void shouldReportBufferTooSmallWithoutWritingPastTheBuffer()
    {
        final String attributes = TestData.text("flashblocks/op-alloy_OpPayloadAttributes_holocene.json").trim();
        final byte[] request = request("engine_forkchoiceUpdatedV3", "[" + STATE + "," + attributes + "]")
            .getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer src = new UnsafeBuffer(request);
        final UnsafeBuffer small = new UnsafeBuffer(new byte[200]);
        assertEquals(EngineRequestEncoder.BUFFER_TOO_SMALL, encoder.encode(src, 0, request.length, 1, 2, small, 0));
        assertEquals("encoded event does not fit the destination buffer", encoder.errorMessage());

        final byte[] getPayloadRequest = request("engine_getPayloadV3", "[\"0x03d2dae446d2a86a\"]").getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer exact = new UnsafeBuffer(new byte[8 + 25 + 8 + 6 + 22]);
        assertEquals(exact.capacity(), encoder.encode(
            new UnsafeBuffer(getPayloadRequest), 0, getPayloadRequest.length, 1, 2, exact, 0));
        assertEquals(EngineRequestEncoder.BUFFER_TOO_SMALL, encoder.encode(
            new UnsafeBuffer(getPayloadRequest), 0, getPayloadRequest.length, 1, 2, exact, 1));

        final byte[] call = request("engine_exchangeCapabilities", "[[]]").getBytes(StandardCharsets.UTF_8);
        assertEquals(EngineRequestEncoder.BUFFER_TOO_SMALL, encoder.encode(new UnsafeBuffer(call), 0, call.length, 1, 2, small, 190));
        final String payload = "{\"blockHash\":\"" + HEAD + "\",\"parentHash\":\"" + ROOT + "\",\"blockNumber\":\"0xff\"}";
        final byte[] np = request("engine_newPayloadV3", "[" + payload + ",[],\"" + ROOT + "\"]").getBytes(StandardCharsets.UTF_8);
        assertEquals(EngineRequestEncoder.BUFFER_TOO_SMALL, encoder.encode(new UnsafeBuffer(np), 0, np.length, 1, 2, small, 0));
    }

    @Test
    void shouldApplyTheSpecErrorCasesThatTheSidecarItselfCanJudge() throws Exception
    {
        final JsonNode file = MAPPER.readTree(TestData.bytes("engine-api/engine_error_cases.json"));
        final JsonNode hive = MAPPER.readTree(TestData.bytes("engine-payloads/geth-hive-chain-prague/newpayload.json"));
        final JsonNode v2Payload = hive.get(1).get("params").get(0);
        final JsonNode v3Payload = findByMethod(hive, "engine_newPayloadV3").get("params").get(0);
        final JsonNode fcs = MAPPER.readTree(STATE);

        // name -> expected result of the sidecar's own decoding; the EL judges the rest of each case.
        final Map<String, Integer> expected = Map.ofEntries(
            Map.entry("parse error", EngineRequestEncoder.PARSE_ERROR),
            Map.entry("invalid request (not an object)", EngineRequestEncoder.INVALID_REQUEST),
            Map.entry("method not found", EngineCallRequestDecoder.TEMPLATE_ID),
            Map.entry("getPayload unknown payloadId", GetPayloadRequestDecoder.TEMPLATE_ID),
            Map.entry("newPayloadV3 with V2 payload shape (missing blobGasUsed/excessBlobGas)", NewPayloadRequestDecoder.TEMPLATE_ID),
            Map.entry("newPayloadV3 missing parentBeaconBlockRoot param", EngineRequestEncoder.INVALID_PARAMS),
            Map.entry("newPayloadV2 with V3 fields after Cancun", EngineCallRequestDecoder.TEMPLATE_ID),
            Map.entry("newPayloadV4 payload timestamp outside Prague", NewPayloadRequestDecoder.TEMPLATE_ID),
            Map.entry("forkchoiceUpdatedV3 malformed forkchoiceState", EngineRequestEncoder.INVALID_PARAMS),
            Map.entry("forkchoiceUpdatedV3 attributes with wrong structure (V2 attrs, no parentBeaconBlockRoot)",
                ForkchoiceUpdatedRequestDecoder.TEMPLATE_ID),
            Map.entry("forkchoiceUpdated attributes timestamp <= head timestamp", EngineRequestEncoder.INVALID_PARAMS),
            Map.entry("forkchoiceUpdated inconsistent safe/finalized", ForkchoiceUpdatedRequestDecoder.TEMPLATE_ID),
            Map.entry("getPayloadBodiesByRange start/count < 1", EngineCallRequestDecoder.TEMPLATE_ID),
            Map.entry("getPayloadBodiesByHash too many", EngineCallRequestDecoder.TEMPLATE_ID),
            Map.entry("newPayload with wrong blockHash (V1)", EngineCallRequestDecoder.TEMPLATE_ID),
            Map.entry("newPayload with wrong blockHash (V2+)", NewPayloadRequestDecoder.TEMPLATE_ID));

        assertEquals(16, file.get("cases").size());
        for (final JsonNode c : file.get("cases"))
        {
            final String name = c.get("name").asText();
            final String request;
            if (c.has("raw"))
            {
                request = c.get("raw").asText();
            }
            else
            {
                final ObjectNode node = c.get("request").deepCopy();
                final JsonNode params = node.get("params");
                for (int i = 0; i < params.size(); i++)
                {
                    final String text = params.get(i).isTextual() ? params.get(i).asText() : "";
                    if (text.startsWith("<any V2 payload"))
                    {
                        ((com.fasterxml.jackson.databind.node.ArrayNode)params).set(i, v2Payload);
                    }
                    else if (text.startsWith("<Cancun-era V3 payload") || text.startsWith("<payload with blockHash altered"))
                    {
                        final ObjectNode altered = v3Payload.deepCopy();
                        if (text.startsWith("<payload with"))
                        {
                            altered.put("blockHash", ROOT);
                        }
                        ((com.fasterxml.jackson.databind.node.ArrayNode)params).set(i, altered);
                    }
                    else if (text.startsWith("<head VALID"))
                    {
                        ((com.fasterxml.jackson.databind.node.ArrayNode)params).set(i, fcs);
                    }
                }
                request = MAPPER.writeValueAsString(node);
            }

            final int result = encode(request);
            final Integer want = expected.get(name);
            assertNotNull(want, name);
            if (want < 0)
            {
                assertEquals(want.intValue(), result, name);
            }
            else
            {
                assertEquals(want.intValue(), templateId(result), name);
            }
        }
    }

    @Test
    void shouldNotAllocateWhenWarm()
    {
        final byte[] file = TestData.bytes("engine-payloads/geth-hive-chain-prague/newpayload.json");
        final UnsafeBuffer src = new UnsafeBuffer(file);
        final JsonScanner scanner = new JsonScanner().wrap(src, 0, file.length);
        final int element = scanner.element(0, 600);
        final int length = scanner.valueEnd(element) - element;
        final String attributes = TestData.text("flashblocks/op-alloy_OpPayloadAttributes_holocene.json").trim();
        final byte[] fcuRequest = request("engine_forkchoiceUpdatedV3", "[" + STATE + "," + attributes + "]")
            .getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer fcuSrc = new UnsafeBuffer(fcuRequest);
        final byte[] bad = request("engine_getPayloadV3", "[\"0x01\"]").getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer badSrc = new UnsafeBuffer(bad);

        final Runnable work = () ->
        {
            encoder.encode(src, element, length, 1, 2, dst, 0);
            encoder.encode(fcuSrc, 0, fcuRequest.length, 1, 2, dst, 0);
            encoder.encode(badSrc, 0, bad.length - 3, 1, 2, dst, 0);
        };
        AllocationProbe.assertNoAllocation(work);
    }

    private static JsonNode findByMethod(final JsonNode requests, final String method)
    {
        for (final JsonNode r : requests)
        {
            if (r.get("method").asText().equals(method))
            {
                return r;
            }
        }
        fail(method);
        return null;
    }

    /**
     * Reads an SBE var-data field, in schema order, as UTF-8 text.
     */
    interface VarGetter
    {
        int get(byte[] dst, int dstOffset, int length);
    }

    static String varString(final int length, final VarGetter getter)
    {
        final byte[] bytes = new byte[length];
        getter.get(bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static byte[] bytes(final DirectBuffer buffer, final int start, final int end)
    {
        final byte[] out = new byte[end - start];
        buffer.getBytes(start, out);
        return out;
    }

    @Test
    void shouldEncodeValidatedScannerIdenticallyWithoutRescanning()
    {
        final String req = request("engine_forkchoiceUpdatedV3", "[" + STATE + ",null]");
        final byte[] bytes = req.getBytes(StandardCharsets.UTF_8);
        final int viaEncode = encoder.encode(TestData.padded(bytes, SRC_PAD), SRC_PAD, bytes.length, 77, 5L, dst, 0);
        final byte[] expected = new byte[viaEncode];
        dst.getBytes(0, expected);

        final JsonScanner scanner = new JsonScanner().wrap(TestData.padded(bytes, SRC_PAD), SRC_PAD, bytes.length);
        assertEquals(JsonScanner.VALID, scanner.validate());
        final UnsafeBuffer other = new UnsafeBuffer(new byte[4096]);
        final int viaValidated = encoder.encodeValidated(scanner, scanner.valueStart(SRC_PAD), 77, 5L, other, 0);
        assertEquals(viaEncode, viaValidated);
        final byte[] actual = new byte[viaValidated];
        other.getBytes(0, actual);
        assertArrayEquals(expected, actual);

        final byte[] bad = request("engine_getPayloadV3", "[\"0x12\"]").getBytes(StandardCharsets.UTF_8);
        final JsonScanner badScanner = new JsonScanner().wrap(new UnsafeBuffer(bad), 0, bad.length);
        assertEquals(JsonScanner.VALID, badScanner.validate());
        assertEquals(EngineRequestEncoder.INVALID_PARAMS, encoder.encodeValidated(badScanner, 0, 1, 1, other, 0));
        assertNotNull(encoder.errorMessage());
    }
}
