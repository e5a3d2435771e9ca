package io.boostj.io.flashblocks.p2p;

import io.boostj.codecs.engine.PayloadIdCalculator;
import io.boostj.codecs.json.JsonException;
import io.boostj.codecs.json.JsonScanner;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Turns the engine's {@code engine_forkchoiceUpdatedV3} request to the builder (an FCU with attributes) into
 * upstream's P2P-mode call (reference §3.6, §2.6):
 * <pre>
 * {"jsonrpc":"2.0","id":&lt;same id&gt;,"method":"flashblocks_forkchoiceUpdatedV3",
 *  "params":[&lt;forkchoiceState&gt;,&lt;payloadAttributes&gt;,
 *            {"payload_id":"0x04…","timestamp":1728933301,"builder_vk":[129,57,…],"authorizer_sig":[230,18,…]}]}
 * </pre>
 * The first two params are copied byte for byte. {@code payload_id} is the OP payload id of (headBlockHash,
 * attributes) with version byte 4 (what upstream expects from the builder), {@code timestamp} the attributes'
 * timestamp, {@code authorizer_sig} the {@link FlashblocksAuthorizer} signature over both and the builder key.
 * <p>
 * <b>Wire format, as settled from upstream's sources</b> (read through the code search of public repositories):
 * <ul>
 *   <li>{@code flashbots/rollup-boost} {@code crates/rollup-boost-types/src/authorization.rs} (identical in the older
 *   {@code crates/rollup-boost/src/flashblocks/p2p.rs} and {@code authorization.rs}):
 *   {@code #[derive(Serialize, Deserialize)] pub struct Authorization { payload_id: PayloadId, timestamp: u64,
 *   builder_vk: VerifyingKey, authorizer_sig: Signature }}, no serde attributes: snake_case names in that order.</li>
 *   <li>{@code PayloadId} is alloy's {@code pub struct PayloadId(pub B64)} with derived serde, a transparent newtype:
 *   a {@code "0x"} + 16 lowercase hex digits string. {@code u64}: a JSON number.</li>
 *   <li>{@code VerifyingKey}: ed25519-dalek {@code ed25519-dalek/src/verifying.rs}, feature {@code serde}:
 *   {@code serializer.serialize_bytes(self.as_bytes())}, which serde_json writes as an <em>array of 32 numbers</em>
 *   (its Deserialize takes bytes or a sequence).</li>
 *   <li>{@code Signature}: RustCrypto {@code ed25519/src/serde.rs}: {@code serialize_tuple(64)} of {@code u8}, an
 *   <em>array of 64 numbers</em>.</li>
 *   <li>Method: the builder side's jsonrpsee trait ({@code worldcoin/world-chain},
 *   {@code #[rpc(namespace = "flashblocks")]} + {@code #[method(name = "forkchoiceUpdatedV3")]},
 *   params {@code (ForkchoiceState, Option<PayloadAttributes>, Option<Authorization>)}) gives
 *   {@code flashblocks_forkchoiceUpdatedV3}, as the reference says. A later world-chain revision registers
 *   {@code flashblocks_forkChoiceUpdatedV3} under namespace {@code engine} instead; rollup-boost's own client call
 *   site was not found in the corpus, so the method name is the least certain part.</li>
 * </ul>
 * <p>
 * The engine and its journal only ever see the plain FCU: the authorization is added here, at the I/O edge, because
 * the secret key must not enter the journaled engine configuration.
 * <p>
 * Reuses its scanner, payload id calculator and scratch: allocation-free once warm. Not thread safe.
 */
public final class AuthorizedForkchoiceRewriter
{
    /** The method the builder gets in P2P mode. */
    public static final String METHOD = "flashblocks_forkchoiceUpdatedV3";
    /** The payload id version upstream stamps into the id it authorizes and expects from the builder. */
    public static final int BUILDER_PAYLOAD_ID_VERSION = 4;
    /** {@link #rewrite} result when the FCU carries no attributes: nothing to authorize, send it as it is. */
    public static final int NO_ATTRIBUTES = -1;

    private static final byte[] PREFIX = ascii("{\"jsonrpc\":\"2.0\",\"id\":");
    private static final byte[] METHOD_AND_PARAMS = ascii(",\"method\":\"" + METHOD + "\",\"params\":[");
    private static final byte[] PAYLOAD_ID = ascii(",{\"payload_id\":\"0x");
    private static final byte[] TIMESTAMP = ascii("\",\"timestamp\":");
    private static final byte[] BUILDER_VK = ascii(",\"builder_vk\":[");
    private static final byte[] AUTHORIZER_SIG = ascii("],\"authorizer_sig\":[");
    private static final byte[] SUFFIX = ascii("]}]}");
    private static final byte[] HEX_DIGITS = ascii("0123456789abcdef");

    private final FlashblocksAuthorizer authorizer;
    private final JsonScanner scanner = new JsonScanner();
    private final PayloadIdCalculator payloadIds = new PayloadIdCalculator();
    private final UnsafeBuffer headBlockHash = new UnsafeBuffer(new byte[32]);
    private final byte[] signature = new byte[FlashblocksAuthorizer.SIGNATURE_LENGTH];
    private final byte[] digits = new byte[20];
    private long lastPayloadId;
    private long lastTimestamp;

    /**
     * @param authorizer signs the authorizations.
     */
    public AuthorizedForkchoiceRewriter(final FlashblocksAuthorizer authorizer)
    {
        this.authorizer = authorizer;
    }

    /**
     * Writes the authorized request for one FCU request body.
     *
     * @param body      buffer holding the JSON-RPC request {@code {"jsonrpc","id","method","params":[state, attrs]}}.
     * @param offset    index of its first byte.
     * @param length    its length.
     * @param dst       where the rewritten body goes; use an expandable buffer.
     * @param dstOffset index of its first byte.
     * @return the rewritten body's length, or {@link #NO_ATTRIBUTES} (nothing written) when the attributes are absent
     * or null.
     * @throws JsonException if the body, the forkchoice state or the attributes cannot be read (the caller then sends
     *                       the plain FCU).
     */
    public int rewrite(
        final DirectBuffer body, final int offset, final int length, final MutableDirectBuffer dst, final int dstOffset)
    {
        scanner.wrap(body, offset, length);
        final int root = scanner.valueStart(offset);
        if (JsonScanner.OBJECT != scanner.kind(root))
        {
            throw new JsonException("request is not an object", root);
        }
        final int params = scanner.member(root, "params");
        if (params < 0 || JsonScanner.ARRAY != scanner.kind(params))
        {
            throw new JsonException("params is not an array", params);
        }
        final int state = scanner.element(params, 0);
        final int attributes = scanner.element(params, 1);
        if (attributes < 0 || scanner.isNull(attributes))
        {
            return NO_ATTRIBUTES;
        }
        if (scanner.element(params, 2) >= 0)
        {
            throw new JsonException("an FCU V3 has two params", params);
        }
        if (state < 0 || JsonScanner.OBJECT != scanner.kind(state))
        {
            throw new JsonException("forkchoice state is not an object", state);
        }
        final int id = scanner.member(root, "id");
        if (id < 0)
        {
            throw new JsonException("request has no id", root);
        }
        scanner.hexBytes(scanner.member(state, "headBlockHash"), headBlockHash, 0, 32);
        final long payloadId = payloadIds.computeAsLong(
            headBlockHash, 0, scanner, attributes, BUILDER_PAYLOAD_ID_VERSION);
        final long timestamp = scanner.quantity(scanner.member(attributes, "timestamp"));
        authorizer.sign(payloadId, timestamp, signature, 0);
        lastPayloadId = payloadId;
        lastTimestamp = timestamp;

        int p = dstOffset;
        p = put(dst, p, PREFIX);
        p = copy(dst, p, body, id, scanner.valueEnd(id));
        p = put(dst, p, METHOD_AND_PARAMS);
        p = copy(dst, p, body, state, scanner.valueEnd(state));
        dst.putByte(p++, (byte)',');
        p = copy(dst, p, body, scanner.valueStart(attributes), scanner.valueEnd(attributes));
        p = put(dst, p, PAYLOAD_ID);
        for (int shift = 60; shift >= 0; shift -= 4)
        {
            dst.putByte(p++, HEX_DIGITS[(int)(payloadId >>> shift) & 0xF]);
        }
        p = put(dst, p, TIMESTAMP);
        p = putUnsigned(dst, p, timestamp);
        p = put(dst, p, BUILDER_VK);
        for (int i = 0; i < FlashblocksAuthorizer.KEY_LENGTH; i++)
        {
            if (i > 0)
            {
                dst.putByte(p++, (byte)',');
            }
            p = putUnsigned(dst, p, authorizer.builderVkByte(i));
        }
        p = put(dst, p, AUTHORIZER_SIG);
        for (int i = 0; i < FlashblocksAuthorizer.SIGNATURE_LENGTH; i++)
        {
            if (i > 0)
            {
                dst.putByte(p++, (byte)',');
            }
            p = putUnsigned(dst, p, signature[i] & 0xFF);
        }
        p = put(dst, p, SUFFIX);
        return p - dstOffset;
    }

    /**
     * @return the payload id of the last authorization written (big-endian bytes), for logs and tests.
     */
    public long lastPayloadId()
    {
        return lastPayloadId;
    }

    /**
     * @return the timestamp of the last authorization written.
     */
    public long lastTimestamp()
    {
        return lastTimestamp;
    }

    private int putUnsigned(final MutableDirectBuffer dst, final int position, final long value)
    {
        int n = 0;
        long v = value;
        do
        {
            final long q = Long.divideUnsigned(v, 10);
            digits[n++] = (byte)('0' + (v - q * 10));
            v = q;
        }
        while (v != 0);
        int p = position;
        while (n > 0)
        {
            dst.putByte(p++, digits[--n]);
        }
        return p;
    }

    private static int put(final MutableDirectBuffer dst, final int position, final byte[] bytes)
    {
        dst.putBytes(position, bytes);
        return position + bytes.length;
    }

    private static int copy(
        final MutableDirectBuffer dst, final int position, final DirectBuffer src, final int start, final int end)
    {
        dst.putBytes(position, src, start, end - start);
        return position + end - start;
    }

    private static byte[] ascii(final String s)
    {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
