package io.boostj.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boostj.io.jwt.JwtSecret;
import io.boostj.io.jwt.JwtSigner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * op-node's side of the Engine API, as the cadence harness needs it: blocking JSON-RPC calls over HTTP with a fresh
 * JWT (HS256, iat now) on each, {@code forkchoiceUpdatedV3} with OP attributes, {@code getPayloadV4},
 * {@code newPayloadV4}. Errors are exceptions: the harness measures a working builder.
 */
final class EngineApiClient
{
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI authUrl;
    private final JwtSigner jwt;
    private int nextId;

    /**
     * @param authUrl the Engine API URL.
     * @param secret  its JWT secret.
     */
    EngineApiClient(final String authUrl, final JwtSecret secret)
    {
        this.authUrl = URI.create(authUrl);
        this.jwt = new JwtSigner(secret);
    }

    /**
     * @param head      the new head's hash (also safe and finalized).
     * @param timestamp the next block's time, seconds.
     * @return the payload id, 0x hex.
     * @throws Exception on a transport error or a JSON-RPC error.
     */
    String forkchoiceUpdatedWithAttributes(final String head, final long timestamp) throws Exception
    {
        final ObjectNode state = MAPPER.createObjectNode().put("headBlockHash", head).put("safeBlockHash", head)
            .put("finalizedBlockHash", head);
        final ObjectNode attributes = MAPPER.createObjectNode()
            .put("timestamp", "0x" + Long.toHexString(timestamp))
            .put("prevRandao", "0x" + "33".repeat(32))
            .put("suggestedFeeRecipient", DevChainTransfers.FEE_RECIPIENT.toString())
            .put("parentBeaconBlockRoot", "0x" + "44".repeat(32))
            .put("noTxPool", false)
            .put("gasLimit", "0x" + Long.toHexString(DevChainTransfers.GAS_LIMIT))
            .put("eip1559Params", "0x000000fa00000006");
        attributes.putArray("withdrawals");
        attributes.putArray("transactions");
        final JsonNode result = call("engine_forkchoiceUpdatedV3", state, attributes);
        final String status = result.path("payloadStatus").path("status").asText();
        if (!"VALID".equals(status) || !result.hasNonNull("payloadId"))
        {
            throw new IllegalStateException("forkchoiceUpdated answered " + result);
        }
        return result.get("payloadId").asText();
    }

    /**
     * @param payloadId from the FCU.
     * @return the getPayloadV4 envelope.
     * @throws Exception on a transport error or a JSON-RPC error.
     */
    JsonNode getPayload(final String payloadId) throws Exception
    {
        return call("engine_getPayloadV4", MAPPER.getNodeFactory().textNode(payloadId));
    }

    /**
     * Hands the sealed block back, as op-node does before making it the head.
     *
     * @param envelope a getPayloadV4 envelope.
     * @throws Exception on a transport error, a JSON-RPC error or a status other than VALID.
     */
    void newPayload(final JsonNode envelope) throws Exception
    {
        final JsonNode result = call("engine_newPayloadV4", envelope.get("executionPayload"),
            MAPPER.createArrayNode(), envelope.get("parentBeaconBlockRoot"), MAPPER.createArrayNode());
        if (!"VALID".equals(result.path("status").asText()))
        {
            throw new IllegalStateException("newPayload answered " + result);
        }
    }

    /**
     * A call the builder answers without work: the cost of the path alone (HTTP, JWT, threads waking up).
     *
     * @throws Exception on a transport error or a JSON-RPC error.
     */
    void exchangeCapabilities() throws Exception
    {
        call("engine_exchangeCapabilities", MAPPER.createArrayNode().add("engine_forkchoiceUpdatedV3"));
    }

    private JsonNode call(final String method, final JsonNode... params) throws Exception
    {
        final ObjectNode request = MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", ++nextId)
            .put("method", method);
        final ArrayNode array = request.putArray("params");
        for (final JsonNode p : params)
        {
            array.add(p);
        }
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(authUrl)
            .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
            .header("Authorization", jwt.bearer(System.currentTimeMillis() / 1000))
            .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(),
            HttpResponse.BodyHandlers.ofString());
        final JsonNode body = MAPPER.readTree(response.body());
        if (!body.has("result"))
        {
            throw new IllegalStateException(method + " failed (HTTP " + response.statusCode() + "): " + body);
        }
        return body.get("result");
    }
}
