package io.boostj.io.flashblocks.p2p;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.boostj.codecs.json.JsonException;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rewrite of a builder FCU into {@code flashblocks_forkchoiceUpdatedV3}, byte for byte. The FCU is op-alloy's
 * op-geth parity vector (codecs-sbe {@code testdata/payload-id/op_payload_id_vectors.json}, whose id with version byte
 * 4 is {@code 0x04d2dae446d2a86a}); the signature was computed outside Java (see {@link FlashblocksAuthorizerTest}).
 */
class AuthorizedForkchoiceRewriterTest
{
    static final String HEAD = "0x3533bf30edaf9505d0810bf475cbe4e5f4b9889904b9845e83efdeab4e92eb1e";
    static final String STATE = "{\"headBlockHash\":\"" + HEAD + "\",\"safeBlockHash\":\"" + HEAD + "\"," +
        "\"finalizedBlockHash\":\"0x0000000000000000000000000000000000000000000000000000000000000000\"}";
    static final String ATTRIBUTES = "{\"timestamp\":\"0x670d6db5\"," +
        "\"prevRandao\":\"0x9158595abbdab2c90635087619aa7042bbebe47642dfab3c9bfb934f6b082765\"," +
        "\"suggestedFeeRecipient\":\"0x4200000000000000000000000000000000000011\",\"withdrawals\":[]," +
        "\"parentBeaconBlockRoot\":\"0x8fe0193b9bf83cb7e5a08538e494fecc23046aab9a497af3704f4afdae3250ff\"," +
        "\"transactions\":[\"0x7ef8f8a0dc19cfa777d90980e4875d0a548a881baaa3f83f14d1bc0d3038bc329350e54194deaddeaddeaddead" +
        "deaddeaddeaddeaddead00019442000000000000000000000000000000000000158080830f424080b8a4440a5e20000f424000000000" +
        "000000000000000300000000670d6d89000000000000012500000000000000000000000000000000000000000000000000000000000000" +
        "0700000000000000000000000000000000000000000000000000000000000000014bf9181db6e381d4384bbf69c48b0ee0eed23c6ca261" +
        "43c6d2544f9d39997a590000000000000000000000007f83d659683caf2767fd3c720981d51f5bc365bc\"]," +
        "\"noTxPool\":null,\"gasLimit\":\"0x1c9c380\",\"eip1559Params\":null,\"minBaseFee\":null}";
    static final String BUILDER_VK_JSON = "[129,57,119,14,168,125,23,95,86,163,84,102,195,76,126,204,203,141,138,145," +
        "180,238,55,162,93,246,15,91,143,201,179,148]";
    static final String SIGNATURE_JSON = "[230,18,79,71,6,91,173,202,28,95,71,17,91,36,176,7,242,200,184,118,83,101," +
        "101,37,39,176,208,6,142,255,21,5,94,249,111,64,19,86,169,255,142,112,159,33,114,237,84,31,219,19,184,220,81," +
        "84,237,255,123,19,185,103,236,49,45,1]";

    private final AuthorizedForkchoiceRewriter rewriter = new AuthorizedForkchoiceRewriter(
        new FlashblocksAuthorizer(FlashblocksAuthorizerTest.AUTHORIZER_SK, Hex.decode(FlashblocksAuthorizerTest.BUILDER_VK)));
    private final ExpandableArrayBuffer out = new ExpandableArrayBuffer(64);

    static String fcu(final String id, final String params)
    {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"engine_forkchoiceUpdatedV3\",\"params\":" + params + "}";
    }

    private String rewrite(final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[bytes.length + 10]);
        buffer.putBytes(5, bytes);
        final int length = rewriter.rewrite(buffer, 5, bytes.length, out, 2);
        return length < 0 ? null : out.getStringWithoutLengthUtf8(2, length);
    }

    @Test
    void shouldWriteTheAuthorizedRequestExactly()
    {
        final String expected = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"flashblocks_forkchoiceUpdatedV3\",\"params\":[" +
            STATE + "," + ATTRIBUTES + ",{\"payload_id\":\"0x04d2dae446d2a86a\",\"timestamp\":1728933301,\"builder_vk\":" +
            BUILDER_VK_JSON + ",\"authorizer_sig\":" + SIGNATURE_JSON + "}]}";

        assertEquals(expected, rewrite(fcu("7", "[" + STATE + "," + ATTRIBUTES + "]")));
        assertEquals(0x04d2dae446d2a86aL, rewriter.lastPayloadId());
        assertEquals(1728933301L, rewriter.lastTimestamp());
    }

    @Test
    void shouldKeepTheIdAndParamsBytesAndProduceJsonWhoseSignatureVerifies() throws Exception
    {
        final String body = "{ \"id\" : \"req-1\", \"jsonrpc\":\"2.0\", \"method\":\"engine_forkchoiceUpdatedV3\",\n" +
            " \"params\" : [ " + STATE + " ,\n " + ATTRIBUTES + " ] }";

        final JsonNode rewritten = new ObjectMapper().readTree(rewrite(body));

        assertEquals("\"req-1\"", rewritten.get("id").toString());
        assertEquals(AuthorizedForkchoiceRewriter.METHOD, rewritten.get("method").asText());
        assertEquals(3, rewritten.get("params").size());
        assertEquals(new ObjectMapper().readTree(ATTRIBUTES), rewritten.get("params").get(1));
        final JsonNode authorization = rewritten.get("params").get(2);
        final byte[] sig = new byte[64];
        for (int i = 0; i < 64; i++)
        {
            sig[i] = (byte)authorization.get("authorizer_sig").get(i).asInt();
        }
        assertTrue(FlashblocksAuthorizer.verify(Hex.decode(FlashblocksAuthorizerTest.AUTHORIZER_VK),
            Long.parseUnsignedLong(authorization.get("payload_id").asText().substring(2), 16),
            authorization.get("timestamp").asLong(), Hex.decode(FlashblocksAuthorizerTest.BUILDER_VK), sig));
    }

    @Test
    void shouldLeaveAnFcuWithoutAttributesAlone()
    {
        assertEquals(null, rewrite(fcu("1", "[" + STATE + ",null]")));
        assertEquals(null, rewrite(fcu("1", "[" + STATE + "]")));
        assertEquals(AuthorizedForkchoiceRewriter.NO_ATTRIBUTES, rewriter.rewrite(
            new UnsafeBuffer(fcu("1", "[" + STATE + "]").getBytes(StandardCharsets.UTF_8)), 0,
            fcu("1", "[" + STATE + "]").length(), out, 0));
    }

    @Test
    void shouldRefuseWhatItCannotRead()
    {
        for (final String bad : new String[]{
            fcu("1", "[" + STATE + "," + ATTRIBUTES.replace("\"timestamp\":\"0x670d6db5\",", "") + "]"),
            fcu("1", "[" + STATE + ",{\"timestamp\":\"0x1\"}]"),
            fcu("1", "[" + STATE.replace(HEAD.substring(0, 10), "0x35") + "," + ATTRIBUTES + "]"),
            fcu("1", "[" + STATE + "," + ATTRIBUTES + ",null]"),
            fcu("1", "[\"state\"," + ATTRIBUTES + "]"),
            fcu("1", "{}"),
            "{\"jsonrpc\":\"2.0\",\"method\":\"engine_forkchoiceUpdatedV3\",\"params\":[" + STATE + "," + ATTRIBUTES + "]}",
            "[]",
            "{\"id\":1,\"params\":[" + STATE + "," + ATTRIBUTES})
        {
            assertThrows(JsonException.class, () -> rewrite(bad), bad);
        }
    }
}
