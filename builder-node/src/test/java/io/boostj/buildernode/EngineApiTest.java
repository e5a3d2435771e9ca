package io.boostj.buildernode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boostj.io.jwt.JwtSecret;
import io.boostj.io.jwt.JwtSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.boostj.buildernode.TestChain.attributes;
import static io.boostj.buildernode.TestChain.call;
import static io.boostj.buildernode.TestChain.forkchoiceState;
import static io.boostj.buildernode.TestChain.newPayloadParams;
import static io.boostj.buildernode.TestChain.post;
import static io.boostj.buildernode.TestChain.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Engine API over real HTTP with real JWTs: a block built by one node and validated by another (the sidecar's
 * builder and its L2), tampered and orphaned payloads, and every refusal with its code.
 */
class EngineApiTest
{
    private BuilderNodeServer builder;
    private BuilderNodeServer l2;

    @BeforeEach
    void setUp() throws Exception
    {
        builder = BuilderNodeServer.launch(TestChain.context("builder"));
        l2 = BuilderNodeServer.launch(TestChain.context("l2"));
    }

    @AfterEach
    void tearDown()
    {
        builder.close();
        l2.close();
    }

    @Test
    void shouldBuildABlockThatASecondNodeValidates() throws Exception
    {
        assertEquals(builder.genesisHash(), l2.genesisHash(), "one dev genesis");
        final JsonNode fcu = result(builder.authUrl(), "engine_forkchoiceUpdatedV3",
            forkchoiceState(builder.genesisHash()), attributes(2));
        assertEquals("VALID", fcu.path("payloadStatus").path("status").asText());
        assertEquals(builder.genesisHash(), fcu.path("payloadStatus").path("latestValidHash").asText());
        assertTrue(fcu.path("payloadId").asText().matches("0x[0-9a-f]{16}"), fcu.toString());

        final JsonNode envelope = result(builder.authUrl(), "engine_getPayloadV4", fcu.path("payloadId").asText());
        assertEquals("0x1", envelope.path("executionPayload").path("blockNumber").asText());
        assertEquals(1, envelope.path("executionPayload").path("transactions").size());
        assertEquals("0x0", envelope.path("blockValue").asText());
        assertFalse(envelope.path("shouldOverrideBuilder").asBoolean());
        assertEquals(0, envelope.path("executionRequests").size());
        assertTrue(envelope.path("blobsBundle").path("commitments").isArray());
        assertEquals("0x" + "44".repeat(32), envelope.path("parentBeaconBlockRoot").asText());

        final JsonNode status = result(l2.authUrl(), "engine_newPayloadV4", newPayloadParams(envelope));
        assertEquals("VALID", status.path("status").asText(), status.toString());
        final String hash = envelope.path("executionPayload").path("blockHash").asText();
        assertEquals(hash, status.path("latestValidHash").asText());
        assertEquals("VALID", result(l2.authUrl(), "engine_forkchoiceUpdatedV3", forkchoiceState(hash), null)
            .path("payloadStatus").path("status").asText());
        assertEquals("0x1", result(l2.authUrl(), "eth_blockNumber").asText());
    }

    @Test
    void shouldAnswerGetPayloadV3WithoutExecutionRequests() throws Exception
    {
        final JsonNode fcu = result(builder.authUrl(), "engine_forkchoiceUpdatedV3",
            forkchoiceState(builder.genesisHash()), attributes(2));
        final JsonNode envelope = result(builder.authUrl(), "engine_getPayloadV3", fcu.path("payloadId").asText());

        assertFalse(envelope.has("executionRequests"));
        assertEquals("VALID", result(l2.authUrl(), "engine_newPayloadV3", envelope.get("executionPayload"),
            TestChain.MAPPER.createArrayNode(), envelope.get("parentBeaconBlockRoot").asText())
            .path("status").asText());
    }

    @Test
    void shouldAnswerInvalidWithTheReasonForATamperedStateRoot() throws Exception
    {
        final JsonNode envelope = TestChain.produceBlock(builder.authUrl(), 2);
        ((ObjectNode)envelope.get("executionPayload")).put("stateRoot", "0x" + "55".repeat(32));

        final JsonNode status = result(l2.authUrl(), "engine_newPayloadV4", newPayloadParams(envelope));

        assertEquals("INVALID", status.path("status").asText());
        assertEquals(l2.genesisHash(), status.path("latestValidHash").asText());
        assertTrue(status.path("validationError").asText().startsWith("state root"), status.toString());
    }

    @Test
    void shouldAnswerInvalidWithTheReasonForATamperedBlockHash() throws Exception
    {
        final JsonNode envelope = TestChain.produceBlock(builder.authUrl(), 2);
        ((ObjectNode)envelope.get("executionPayload")).put("blockHash", "0x" + "57".repeat(32));

        final JsonNode status = result(l2.authUrl(), "engine_newPayloadV4", newPayloadParams(envelope));

        assertEquals("INVALID", status.path("status").asText());
        assertTrue(status.path("validationError").asText().startsWith("invalid block hash"), status.toString());
    }

    @Test
    void shouldAnswerSyncingForAnUnknownParentAndHead() throws Exception
    {
        TestChain.produceBlock(builder.authUrl(), 2);
        final JsonNode second = TestChain.produceBlock(builder.authUrl(), 4);

        final JsonNode status = result(l2.authUrl(), "engine_newPayloadV4", newPayloadParams(second));
        assertEquals("SYNCING", status.path("status").asText());
        assertTrue(status.path("latestValidHash").isNull());

        final JsonNode fcu = result(l2.authUrl(), "engine_forkchoiceUpdatedV3",
            forkchoiceState(second.path("executionPayload").path("blockHash").asText()), attributes(6));
        assertEquals("SYNCING", fcu.path("payloadStatus").path("status").asText());
        assertTrue(fcu.path("payloadId").isNull());
    }

    @Test
    void shouldRefuseARequestWithoutAToken() throws Exception
    {
        final TestChain.Reply reply = post(builder.authUrl(),
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}", null);

        assertEquals(401, reply.status);
        assertEquals(-32000, reply.errorCode());
        assertTrue(reply.errorMessage().contains("missing Authorization header"), reply.errorMessage());
    }

    @Test
    void shouldRefuseATokenSignedWithAnotherSecret() throws Exception
    {
        final String bearer = new JwtSigner(JwtSecret.fromHex("cd".repeat(32)))
            .bearer(System.currentTimeMillis() / 1000);

        final TestChain.Reply reply = post(builder.authUrl(),
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}", bearer);

        assertEquals(401, reply.status);
        assertTrue(reply.errorMessage().contains("signature invalid"), reply.errorMessage());
    }

    @Test
    void shouldRefuseAStaleToken() throws Exception
    {
        final String bearer = new JwtSigner(TestChain.SECRET).bearer(System.currentTimeMillis() / 1000 - 3600);

        final TestChain.Reply reply = post(builder.authUrl(),
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}", bearer);

        assertEquals(401, reply.status);
        assertTrue(reply.errorMessage().contains("iat"), reply.errorMessage());
    }

    @Test
    void shouldAnswerMalformedJsonWithAParseError() throws Exception
    {
        final TestChain.Reply reply = post(builder.httpUrl(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":", null);

        assertEquals(200, reply.status);
        assertEquals(-32700, reply.errorCode());
        assertTrue(reply.body.path("id").isNull());
    }

    @Test
    void shouldAnswerAnInvalidRequest() throws Exception
    {
        assertEquals(-32600, post(builder.httpUrl(), "{\"jsonrpc\":\"2.0\",\"id\":7}", null).errorCode());
        assertEquals(-32600, post(builder.httpUrl(), "[]", null).errorCode());
        assertEquals(-32600, post(builder.httpUrl(), "{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"eth_chainId\"}",
            null).errorCode());
        assertEquals(-32602, post(builder.httpUrl(),
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"eth_chainId\",\"params\":{}}", null).errorCode());
    }

    @Test
    void shouldAnswerEachRequestOfABatch() throws Exception
    {
        final TestChain.Reply reply = post(builder.httpUrl(), "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":" +
            "\"eth_chainId\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_nope\"}]", null);

        assertEquals("0x385", reply.body.get(0).path("result").asText());
        assertEquals(-32601, reply.body.get(1).path("error").path("code").asInt());
    }

    @Test
    void shouldAnswerUnknownMethodsWithMethodNotFound() throws Exception
    {
        assertEquals(-32601, call(builder.authUrl(), "engine_getPayloadBodiesByHashV1").errorCode());
        assertEquals(-32601, call(builder.authUrl(), "eth_call").errorCode());
        assertEquals(-32601, call(builder.httpUrl(), "engine_forkchoiceUpdatedV3").errorCode(),
            "the Engine API is not served on the open port");
    }

    @Test
    void shouldAnswerBadParamsWithInvalidParams() throws Exception
    {
        final TestChain.Reply badHead = call(builder.authUrl(), "engine_forkchoiceUpdatedV3",
            forkchoiceState("0x1234"), null);
        assertEquals(-32602, badHead.errorCode());
        assertTrue(badHead.errorMessage().contains("headBlockHash"), badHead.errorMessage());

        final ObjectNode noGasLimit = attributes(2);
        noGasLimit.remove("gasLimit");
        assertEquals(-32602, call(builder.authUrl(), "engine_forkchoiceUpdatedV3",
            forkchoiceState(builder.genesisHash()), noGasLimit).errorCode());

        assertEquals(-32602, call(builder.authUrl(), "engine_getPayloadV4").errorCode());
        final TestChain.Reply badPayload = call(builder.authUrl(), "engine_newPayloadV4",
            TestChain.MAPPER.createObjectNode().put("parentHash", "0x00"), TestChain.MAPPER.createArrayNode(),
            "0x" + "44".repeat(32), TestChain.MAPPER.createArrayNode());
        assertEquals(-32602, badPayload.errorCode());
        assertTrue(badPayload.errorMessage().contains("parentHash"), badPayload.errorMessage());
    }

    @Test
    void shouldRefuseAttributesWhoseForcedTransactionCannotBeIncluded() throws Exception
    {
        final ObjectNode attributes = attributes(2);
        attributes.putArray("transactions").add("0x02c0");

        final TestChain.Reply reply = call(builder.authUrl(), "engine_forkchoiceUpdatedV3",
            forkchoiceState(builder.genesisHash()), attributes);

        assertEquals(-38003, reply.errorCode());
        assertTrue(reply.errorMessage().contains("forced transaction 0 refused"), reply.errorMessage());
    }

    @Test
    void shouldAnswerAnUnknownPayloadId() throws Exception
    {
        final TestChain.Reply reply = call(builder.authUrl(), "engine_getPayloadV4", "0x0300000000000099");

        assertEquals(-38001, reply.errorCode());
        assertEquals("Unknown payload", reply.errorMessage());
    }

    @Test
    void shouldExchangeCapabilities() throws Exception
    {
        final JsonNode caps = result(builder.authUrl(), "engine_exchangeCapabilities",
            TestChain.MAPPER.createArrayNode().add("engine_forkchoiceUpdatedV3"));

        assertTrue(caps.toString().contains("engine_getPayloadV4"), caps.toString());
    }
}
