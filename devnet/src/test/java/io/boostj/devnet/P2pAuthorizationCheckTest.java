package io.boostj.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boostj.io.flashblocks.p2p.AuthorizedForkchoiceRewriter;
import io.boostj.io.flashblocks.p2p.FlashblocksAuthorizer;
import io.boostj.io.jwt.JwtSecret;
import io.boostj.io.jwt.JwtSigner;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mock builder's P2P check accepts what the sidecar's rewriter sends and refuses any tampering.
 */
class P2pAuthorizationCheckTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] AUTHORIZER_SK = filled(1);
    private static final byte[] BUILDER_VK = new Ed25519PrivateKeyParameters(filled(2), 0).generatePublicKey()
        .getEncoded();
    private static final String HEAD = "0x3533bf30edaf9505d0810bf475cbe4e5f4b9889904b9845e83efdeab4e92eb1e";
    private static final String FCU = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"engine_forkchoiceUpdatedV3\"," +
        "\"params\":[{\"headBlockHash\":\"" + HEAD + "\",\"safeBlockHash\":\"" + HEAD + "\",\"finalizedBlockHash\":\"" +
        HEAD + "\"},{\"timestamp\":\"0x670d6db5\",\"prevRandao\":\"0x" + "11".repeat(32) + "\"," +
        "\"suggestedFeeRecipient\":\"0x4200000000000000000000000000000000000011\",\"withdrawals\":[]," +
        "\"parentBeaconBlockRoot\":\"0x" + "22".repeat(32) + "\",\"transactions\":[],\"gasLimit\":\"0x1c9c380\"}]}";

    private final FlashblocksAuthorizer authorizer = new FlashblocksAuthorizer(AUTHORIZER_SK, BUILDER_VK);
    private final P2pAuthorizationCheck check = new P2pAuthorizationCheck(authorizer.authorizerVk(), BUILDER_VK);

    private static byte[] filled(final int value)
    {
        final byte[] b = new byte[32];
        Arrays.fill(b, (byte)value);
        return b;
    }

    private JsonNode authorizedRequest() throws Exception
    {
        final ExpandableArrayBuffer out = new ExpandableArrayBuffer();
        final byte[] in = FCU.getBytes(StandardCharsets.UTF_8);
        final int length = new AuthorizedForkchoiceRewriter(authorizer).rewrite(new UnsafeBuffer(in), 0, in.length, out, 0);
        return MAPPER.readTree(out.getStringWithoutLengthUtf8(0, length));
    }

    private String checkAfter(final Consumer<ObjectNode> change) throws Exception
    {
        final JsonNode request = authorizedRequest();
        change.accept((ObjectNode)request.get("params").get(2));
        return check.check(request.get("params"));
    }

    @Test
    void shouldAcceptTheSidecarsAuthorization() throws Exception
    {
        assertNull(check.check(authorizedRequest().get("params")));
        assertNull(check.check(MAPPER.readTree("[{\"headBlockHash\":\"" + HEAD + "\"},null,null]")), "no attributes");
    }

    @Test
    void shouldRefuseTamperedAuthorizations() throws Exception
    {
        assertTrue(checkAfter(a -> ((ArrayNode)a.get("authorizer_sig")).set(0, 255 - a.get("authorizer_sig").get(0).asInt()))
            .contains("does not verify"));
        assertTrue(checkAfter(a -> a.put("timestamp", a.get("timestamp").asLong() + 1)).contains("timestamp"));
        assertTrue(checkAfter(a -> a.put("payload_id", "0x0400000000000001")).contains("payload_id"));
        assertTrue(checkAfter(a -> ((ArrayNode)a.get("builder_vk")).set(0, 0)).contains("another builder"));
        assertTrue(checkAfter(a -> a.put("payload_id", "0x04")).contains("payload_id"));
        assertTrue(checkAfter(a -> a.put("builder_vk", "0x" + "00".repeat(32))).contains("arrays"));
        assertTrue(checkAfter(a -> a.put("extra", 1)).contains("exactly"));
        final JsonNode request = authorizedRequest();
        ((ArrayNode)request.get("params")).remove(2);
        assertTrue(check.check(request.get("params")).contains("without an authorization"));
        final P2pAuthorizationCheck otherAuthorizer = new P2pAuthorizationCheck(BUILDER_VK, BUILDER_VK);
        assertTrue(otherAuthorizer.check(authorizedRequest().get("params")).contains("does not verify"));
    }

    @Test
    void shouldAnswerAuthorizedFcusAndRefuseOthersOverHttp() throws Exception
    {
        final JwtSecret secret = Devnet.randomSecret();
        try (MockExecutionClient mock = MockExecutionClient.builder("builder").versionByte(4).jwtSecret(secret)
            .flashblocksP2p(authorizer.authorizerVk(), BUILDER_VK).start();
            MockExecutionClient plain = MockExecutionClient.builder("plain").jwtSecret(secret).start())
        {
            final JsonNode good = authorizedRequest();
            final JsonNode bad = authorizedRequest();
            ((ObjectNode)bad.get("params").get(2)).put("timestamp", 1);

            assertEquals("VALID", post(mock, secret, good).path("result").path("payloadStatus").path("status").asText());
            assertTrue(post(mock, secret, good).path("result").path("payloadId").asText().startsWith("0x04"));
            final JsonNode refused = post(mock, secret, bad);
            assertEquals(-32602, refused.path("error").path("code").asInt(), refused::toString);
            assertEquals(-32601, post(plain, secret, good).path("error").path("code").asInt());
            assertEquals(2, mock.authorizedForkchoiceUpdates());
            assertEquals(1, mock.authorizationRefusals().size());
        }
    }

    private static JsonNode post(final MockExecutionClient mock, final JwtSecret secret, final JsonNode body)
        throws Exception
    {
        final HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(mock.url()))
            .header("Content-Type", "application/json")
            .header("Authorization", new JwtSigner(secret).bearer(System.currentTimeMillis() / 1000))
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        return MAPPER.readTree(r.body());
    }
}
