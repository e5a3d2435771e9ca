package io.boostj.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.boostj.devnet.MockExecutionClient;
import io.boostj.devnet.PayloadChain;
import io.boostj.devnet.RecordedCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reference §1.2: what the RPC port does with bad input, with methods that are not the Engine API (passed to L2 byte
 * for byte, some mirrored to the builder) and with batches.
 */
class RequestHandlingSystemTest extends SystemTestBase
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void shouldAnswerMalformedJsonWithAParseError() throws Exception
    {
        start();

        final HttpResponse<String> r = postRaw("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"engine_forkchoiceUpdatedV3\",");

        assertEquals(-32700, errorCode(r), r.body());
        assertNothingForwarded();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"hello\"", "42", "null", "true", "[]"})
    void shouldAnswerANonObjectRequestWithInvalidRequest(final String body) throws Exception
    {
        start();

        final HttpResponse<String> r = postRaw(body);

        assertEquals(-32600, errorCode(r), r.body());
        assertNothingForwarded();
    }

    @ParameterizedTest
    @ValueSource(strings = {"engine_getPayloadV1", "engine_newPayloadV2", "engine_forkchoiceUpdatedV1",
        "engine_getClientVersionV1", "engine_signalSuperchainV1"})
    void shouldAnswerAnEngineMethodItDoesNotHandleWithMethodNotFoundAndNotForwardIt(final String method)
        throws Exception
    {
        start();

        final HttpResponse<String> r = postRaw(rpc(method, "[]"));

        assertEquals(-32601, errorCode(r), r.body());
        assertNothingForwarded();
    }

    @Test
    void shouldRefuseABodyOverTheRequestSizeLimitWith413() throws Exception
    {
        start(o -> o.contextCustomizer(ctx -> ctx.maxRequestBytes(64 * 1024)));
        final String big = rpc("eth_sendRawTransaction", "[\"0x" + "ab".repeat(64 * 1024) + "\"]");

        final HttpResponse<String> r = postRaw(big);

        assertEquals(413, r.statusCode());
        assertEquals(-38004, errorCode(r), r.body());
        assertNothingForwarded();
        assertEquals(200, postRaw(rpc("eth_chainId", "[]")).statusCode(), "smaller requests still served");
    }

    @Test
    void shouldForwardABatchOfNonEngineCallsToL2AsOneBatch() throws Exception
    {
        start();
        final String batch = "[" + "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}," +
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_getBlockByNumber\",\"params\":[\"latest\",false]}]";

        final HttpResponse<String> r = postRaw(batch);

        assertEquals(200, r.statusCode());
        final JsonNode answers = MAPPER.readTree(r.body());
        assertTrue(answers.isArray() && 2 == answers.size(), r.body());
        final List<RecordedCall> calls = l2().calls();
        assertEquals(2, calls.size(), () -> methods(l2()));
        assertTrue(calls.stream().allMatch(RecordedCall::batch), "arrived as one batch");
        assertEquals(MAPPER.readTree(batch), MAPPER.readTree(calls.get(0).rawBody()));
        assertEquals(0, builder().calls().size());
    }

    @Test
    void shouldRefuseABatchThatContainsAnEngineCall() throws Exception
    {
        start();
        final String batch = "[" + "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}," +
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"engine_exchangeCapabilities\",\"params\":[[]]}]";

        final HttpResponse<String> r = postRaw(batch);

        assertEquals(-32600, errorCode(r), r.body());
        assertNothingForwarded();
    }

    @Test
    void shouldPassEthChainIdThroughByteForByte() throws Exception
    {
        start();

        final HttpResponse<String> r = postRaw("{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"method\":\"eth_chainId\"," +
            "\"params\":[]}");

        assertEquals(200, r.statusCode());
        final RecordedCall call = l2().calls("eth_chainId").get(0);
        assertEquals(call.responseBody(), r.body(), "L2's answer, untouched");
        assertTrue(r.body().contains(MockExecutionClient.CHAIN_ID));
        assertEquals("\"abc\"", call.rawId());
        assertEquals(0, builder().calls().size(), "not mirrored");
    }

    @Test
    void shouldPassAnL2ErrorAnswerThrough() throws Exception
    {
        start();

        final HttpResponse<String> r = postRaw(rpc("eth_unknownMethod", "[]"));

        assertEquals(-32601, errorCode(r), r.body());
        assertEquals(l2().calls("eth_unknownMethod").get(0).responseBody(), r.body());
    }

    @Test
    void shouldMirrorTransactionsAndMinerSettingsToBothClients() throws Exception
    {
        start();
        final String tx = PayloadChain.cancun().blocks().get(1).payload().path("transactions").get(0).asText();

        final HttpResponse<String> sent = postRaw(rpc("eth_sendRawTransaction", "[\"" + tx + "\"]"));
        final HttpResponse<String> da = postRaw(rpc("miner_setMaxDASize", "[\"0x1000\",\"0x2000\"]"));

        assertEquals(l2().calls("eth_sendRawTransaction").get(0).responseBody(), sent.body(), "L2 answers");
        assertEquals(200, da.statusCode());
        Await.until("builder got both", () -> builder().count("eth_sendRawTransaction") == 1 &&
            builder().count("miner_setMaxDASize") == 1);
        assertEquals(List.of(tx), l2().rawTransactions());
        assertEquals(List.of(tx), builder().rawTransactions());
        assertEquals("[\"0x1000\",\"0x2000\"]", builder().calls("miner_setMaxDASize").get(0).paramsRaw());
    }

    @Test
    void shouldAnswerExchangeCapabilitiesFromL2Only() throws Exception
    {
        start();

        final HttpResponse<String> r = postRaw(rpc("engine_exchangeCapabilities", "[[\"engine_forkchoiceUpdatedV3\"]]"));

        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("engine_getPayloadV3"), r.body());
        assertEquals(1, l2().count("engine_exchangeCapabilities"));
        assertEquals(0, builder().calls().size());
    }

    private void assertNothingForwarded()
    {
        assertEquals(0, l2().calls().size(), () -> "nothing reached L2: " + methods(l2()));
        assertEquals(0, builder().calls().size(), () -> "nothing reached the builder: " + methods(builder()));
    }

    private static int errorCode(final HttpResponse<String> r) throws Exception
    {
        final JsonNode json = MAPPER.readTree(r.body());
        final JsonNode answer = json.isArray() && json.size() > 0 ? json.get(0) : json;
        return answer.path("error").path("code").asInt(0);
    }
}
