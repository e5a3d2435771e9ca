package io.boostj.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import io.boostj.codecs.engine.PayloadIdCalculator;
import io.boostj.codecs.json.JsonException;
import io.boostj.codecs.json.JsonScanner;
import org.agrona.concurrent.UnsafeBuffer;
import org.bouncycastle.crypto.digests.Blake3Digest;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a P2P-mode builder checks on {@code flashblocks_forkchoiceUpdatedV3(state, attributes, authorization)}
 * (upstream {@code Authorization::verify} plus the builder's own expectations), written independently of the
 * sidecar's signing code: the authorization is upstream's serde JSON ({@code payload_id} a 0x string,
 * {@code timestamp} a number, {@code builder_vk} 32 and {@code authorizer_sig} 64 byte-valued numbers); it must name
 * this builder's key, carry the attributes' timestamp and the version-4 payload id of (head, attributes), and be
 * signed by the authorizer: {@code ed25519_verify(authorizer_vk, blake3(payload_id || timestamp LE || builder_vk))}.
 * Thread safe (allocates per check).
 */
public final class P2pAuthorizationCheck
{
    private final byte[] authorizerVk;
    private final byte[] builderVk;

    /**
     * @param authorizerVk the authorizer's 32-byte ed25519 verifying key the builder trusts.
     * @param builderVk    this builder's own 32-byte verifying key.
     */
    public P2pAuthorizationCheck(final byte[] authorizerVk, final byte[] builderVk)
    {
        if (authorizerVk.length != 32 || builderVk.length != 32)
        {
            throw new IllegalArgumentException("ed25519 verifying keys are 32 bytes");
        }
        this.authorizerVk = authorizerVk.clone();
        this.builderVk = builderVk.clone();
    }

    /**
     * @param params the call's {@code params}.
     * @return null when the authorization holds (or there are no attributes and no authorization), else why not.
     */
    public String check(final JsonNode params)
    {
        final JsonNode state = params.path(0);
        final JsonNode attributes = params.path(1);
        final JsonNode authorization = params.path(2);
        if (!attributes.isObject())
        {
            return authorization.isMissingNode() || authorization.isNull() ? null : "an authorization without attributes";
        }
        if (!authorization.isObject())
        {
            return "attributes without an authorization";
        }
        if (authorization.size() != 4)
        {
            return "authorization must have exactly payload_id, timestamp, builder_vk, authorizer_sig: " + authorization;
        }
        final String payloadIdText = authorization.path("payload_id").asText("");
        if (!payloadIdText.matches("0x[0-9a-f]{16}"))
        {
            return "payload_id is not an 8-byte 0x hex string: " + authorization.path("payload_id");
        }
        final long payloadId = Long.parseUnsignedLong(payloadIdText.substring(2), 16);
        final JsonNode timestampNode = authorization.path("timestamp");
        if (!timestampNode.isIntegralNumber())
        {
            return "timestamp is not a JSON number: " + timestampNode;
        }
        final long timestamp = timestampNode.asLong();
        final byte[] vk = bytes(authorization.path("builder_vk"), 32);
        final byte[] sig = bytes(authorization.path("authorizer_sig"), 64);
        if (null == vk || null == sig)
        {
            return "builder_vk / authorizer_sig are not arrays of 32 / 64 byte values";
        }
        if (!Arrays.equals(vk, builderVk))
        {
            return "the authorization is for another builder";
        }
        final JsonNode ts = attributes.path("timestamp");
        if (!ts.isIntegralNumber() && !ts.asText("").matches("0x[0-9a-fA-F]{1,16}"))
        {
            return "the attributes have no timestamp";
        }
        final long attributesTimestamp = ts.isIntegralNumber() ? ts.asLong() :
            Long.parseUnsignedLong(ts.asText().substring(2), 16);
        if (timestamp != attributesTimestamp)
        {
            return "timestamp " + timestamp + " is not the attributes' " + attributesTimestamp;
        }
        final long expectedId;
        try
        {
            expectedId = payloadIdV4(state.path("headBlockHash").asText(""), attributes);
        }
        catch (final JsonException | IllegalArgumentException ex)
        {
            return "cannot compute the payload id: " + ex.getMessage();
        }
        if (expectedId != payloadId)
        {
            return "payload_id " + payloadIdText + " is not the attributes' " + String.format("0x%016x", expectedId);
        }
        final byte[] message = new byte[48];
        for (int i = 0; i < 8; i++)
        {
            message[i] = (byte)(payloadId >>> (56 - 8 * i));
            message[8 + i] = (byte)(timestamp >>> (8 * i));
        }
        System.arraycopy(vk, 0, message, 16, 32);
        final Blake3Digest blake3 = new Blake3Digest(256);
        blake3.update(message, 0, message.length);
        final byte[] hash = new byte[32];
        blake3.doFinal(hash, 0);
        final boolean valid = new Ed25519PublicKeyParameters(authorizerVk, 0)
            .verify(Ed25519.Algorithm.Ed25519, null, hash, 0, hash.length, sig, 0);
        return valid ? null : "authorizer_sig does not verify with the authorizer's key";
    }

    private static long payloadIdV4(final String head, final JsonNode attributes)
    {
        if (!head.matches("0x[0-9a-fA-F]{64}"))
        {
            throw new IllegalArgumentException("bad headBlockHash " + head);
        }
        final UnsafeBuffer parent = new UnsafeBuffer(new byte[32]);
        for (int i = 0; i < 32; i++)
        {
            parent.putByte(i, (byte)Integer.parseInt(head.substring(2 + 2 * i, 4 + 2 * i), 16));
        }
        final byte[] json = attributes.toString().getBytes(StandardCharsets.UTF_8);
        final JsonScanner scanner = new JsonScanner().wrap(new UnsafeBuffer(json), 0, json.length);
        return new PayloadIdCalculator().computeAsLong(parent, 0, scanner, 0, 4);
    }

    private static byte[] bytes(final JsonNode array, final int length)
    {
        if (!array.isArray() || array.size() != length)
        {
            return null;
        }
        final byte[] out = new byte[length];
        for (int i = 0; i < length; i++)
        {
            final JsonNode n = array.get(i);
            if (!n.isIntegralNumber() || n.asInt() < 0 || n.asInt() > 255)
            {
                return null;
            }
            out[i] = (byte)n.asInt();
        }
        return out;
    }
}
