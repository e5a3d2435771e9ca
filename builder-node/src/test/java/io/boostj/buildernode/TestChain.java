package io.boostj.buildernode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boostj.codecs.eth.TransactionSigner;
import io.boostj.codecs.eth.trie.MerklePatriciaTrie;
import io.boostj.core.builder.DevAccounts;
import io.boostj.io.jwt.JwtSecret;
import io.boostj.io.jwt.JwtSigner;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * What the builder-node tests share: a real HTTP JSON-RPC client (java.net.http) that signs the Engine API's JWT,
 * OP payload attributes with an L1-info-like deposit, signed transfers from the dev accounts, and driving one block
 * the way op-node does (FCU with attributes, getPayload, FCU to the new head).
 */
final class TestChain
{
    static final JwtSecret SECRET = JwtSecret.fromHex("0x" + "ab".repeat(32));
    static final String TO = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JwtSigner SIGNER = new JwtSigner(SECRET);

    private TestChain()
    {
    }

    static BuilderNodeContext context(final String name)
    {
        return new BuilderNodeContext().name(name).jwtSecret(SECRET).authPort(0).httpPort(0).flashblocksPort(0)
            .devAccounts(5);
    }

    /** A reply: HTTP status and JSON body. */
    static final class Reply
    {
        final int status;
        final JsonNode body;

        Reply(final int status, final JsonNode body)
        {
            this.status = status;
            this.body = body;
        }

        JsonNode result()
        {
            if (!body.has("result"))
            {
                throw new AssertionError("expected a result, got " + body);
            }
            return body.get("result");
        }

        int errorCode()
        {
            if (!body.has("error"))
            {
                throw new AssertionError("expected an error, got " + body);
            }
            return body.path("error").path("code").asInt();
        }

        String errorMessage()
        {
            return body.path("error").path("message").asText();
        }
    }

    static Reply post(final String url, final String body, final String authorization)
        throws IOException, InterruptedException
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (null != authorization)
        {
            request.header("Authorization", authorization);
        }
        final HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), MAPPER.readTree(response.body()));
    }

    static Reply call(final String url, final String method, final Object... params)
        throws IOException, InterruptedException
    {
        final ObjectNode request = MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", method);
        final ArrayNode array = request.putArray("params");
        for (final Object p : params)
        {
            if (null == p)
            {
                array.addNull();
            }
            else
            {
                array.add(MAPPER.<JsonNode>valueToTree(p));
            }
        }
        return post(url, request.toString(), SIGNER.bearer(System.currentTimeMillis() / 1000));
    }

    static JsonNode result(final String url, final String method, final Object... params)
        throws IOException, InterruptedException
    {
        return call(url, method, params).result();
    }

    static ObjectNode forkchoiceState(final String head)
    {
        return MAPPER.createObjectNode().put("headBlockHash", head).put("safeBlockHash", head)
            .put("finalizedBlockHash", head);
    }

    static ObjectNode attributes(final long timestamp)
    {
        final ObjectNode a = MAPPER.createObjectNode()
            .put("timestamp", "0x" + Long.toHexString(timestamp))
            .put("prevRandao", "0x" + "33".repeat(32))
            .put("suggestedFeeRecipient", "0x4200000000000000000000000000000000000011")
            .put("parentBeaconBlockRoot", "0x" + "44".repeat(32))
            .put("noTxPool", false)
            .put("gasLimit", "0x1c9c380")
            .put("eip1559Params", "0x000000fa00000006");
        a.putArray("withdrawals");
        a.putArray("transactions").add(Params.hex(deposit((int)timestamp)));
        return a;
    }

    static byte[] deposit(final int seed)
    {
        final byte[] source = new byte[32];
        Arrays.fill(source, (byte)seed);
        final byte[] body = MerklePatriciaTrie.rlpList(MerklePatriciaTrie.rlpString(source),
            MerklePatriciaTrie.rlpString(hex("deaddeaddeaddeaddeaddeaddeaddeaddead0001")),
            MerklePatriciaTrie.rlpString(hex("4200000000000000000000000000000000000015")),
            TransactionSigner.uint(BigInteger.ZERO), TransactionSigner.uint(BigInteger.ZERO),
            TransactionSigner.uint(BigInteger.valueOf(1_000_000)), MerklePatriciaTrie.rlpString(new byte[0]),
            MerklePatriciaTrie.rlpString(new byte[] {1, 2, 3}));
        final byte[] raw = new byte[body.length + 1];
        raw[0] = 0x7E;
        System.arraycopy(body, 0, raw, 1, body.length);
        return raw;
    }

    static String transfer(final int account, final long nonce, final BigInteger valueWei)
    {
        return Params.hex(new TransactionSigner(DevAccounts.privateKey(account)).signDynamicFee(DevAccounts.CHAIN_ID,
            nonce, BigInteger.valueOf(1_000_000), BigInteger.valueOf(5_000_000_000L), 21_000, hex(TO.substring(2)),
            valueWei, new byte[0]));
    }

    /**
     * One block as op-node drives it: FCU with attributes on the head, getPayloadV4, FCU to the sealed block.
     *
     * @return the getPayload envelope.
     */
    static JsonNode produceBlock(final String authUrl, final long timestamp) throws IOException, InterruptedException
    {
        final String head = result(authUrl, "eth_getBlockByNumber", "latest", false).path("hash").asText();
        final JsonNode fcu = result(authUrl, "engine_forkchoiceUpdatedV3", forkchoiceState(head),
            attributes(timestamp));
        final JsonNode envelope = result(authUrl, "engine_getPayloadV4", fcu.path("payloadId").asText());
        final String sealed = envelope.path("executionPayload").path("blockHash").asText();
        result(authUrl, "engine_forkchoiceUpdatedV3", forkchoiceState(sealed), null);
        return envelope;
    }

    static Object[] newPayloadParams(final JsonNode envelope)
    {
        return new Object[] {envelope.get("executionPayload"), MAPPER.createArrayNode(),
            envelope.get("parentBeaconBlockRoot").asText(), MAPPER.createArrayNode()};
    }

    static byte[] hex(final String digits)
    {
        return Params.data(MAPPER.getNodeFactory().textNode("0x" + digits), "hex", -1);
    }
}
