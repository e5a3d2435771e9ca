package io.boostj.io.flashblocks.p2p;

import org.bouncycastle.crypto.digests.Blake3Digest;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The authorizer of flashblocks P2P mode (reference §3.6): holds the authorizer's ed25519 secret key
 * ({@code --flashblocks-authorizer-sk}) and the builder's verifying key ({@code --flashblocks-builder-vk}), and signs
 * one authorization per FCU with attributes, as upstream's {@code Authorization::new}
 * ({@code crates/rollup-boost-types/src/authorization.rs}):
 * <pre>
 * message        = payload_id (8 bytes, as sent) || timestamp (u64 little-endian) || builder_vk (32 bytes)
 * authorizer_sig = ed25519_sign(authorizer_sk, blake3(message))        (the 32-byte BLAKE3 hash is what is signed)
 * </pre>
 * Lives at the I/O edge only: the deterministic engine never sees the secret key (its configuration is journaled).
 * <p>
 * Reuses its digest and scratch arrays: allocation-free once warm. Not thread safe: the egress thread owns it.
 */
public final class FlashblocksAuthorizer
{
    /** Length of an ed25519 secret or verifying key, bytes. */
    public static final int KEY_LENGTH = 32;
    /** Length of an ed25519 signature, bytes. */
    public static final int SIGNATURE_LENGTH = 64;
    /** Length of the signed message before hashing: payload id, timestamp, builder key. */
    public static final int MESSAGE_LENGTH = 8 + 8 + KEY_LENGTH;
    /** Length of the BLAKE3 hash that is signed, bytes. */
    public static final int DIGEST_LENGTH = 32;

    private final Ed25519PrivateKeyParameters authorizerSk;
    private final Ed25519PublicKeyParameters authorizerVk;
    private final byte[] builderVk;
    private final Blake3Digest blake3 = new Blake3Digest(DIGEST_LENGTH * 8);
    private final byte[] message = new byte[MESSAGE_LENGTH];
    private final byte[] digest = new byte[DIGEST_LENGTH];

    /**
     * @param authorizerSk the authorizer's 32-byte ed25519 secret key (seed); copied.
     * @param builderVk    the authorized builder's 32-byte ed25519 verifying key; copied.
     * @throws IllegalArgumentException if a key has the wrong length or the verifying key is not a curve point.
     */
    public FlashblocksAuthorizer(final byte[] authorizerSk, final byte[] builderVk)
    {
        requireLength(authorizerSk, "authorizer secret key");
        requireLength(builderVk, "builder verifying key");
        this.authorizerSk = new Ed25519PrivateKeyParameters(authorizerSk, 0);
        this.authorizerVk = this.authorizerSk.generatePublicKey();
        this.builderVk = verifyingKey(builderVk, "builder verifying key").getEncoded();
    }

    /**
     * Parses a 32-byte ed25519 secret key given as hex, as upstream's {@code parse_sk}; a {@code 0x} prefix and
     * surrounding whitespace are tolerated.
     *
     * @param hex  the flag's value, may be null.
     * @param flag the flag's name, for the error message.
     * @return the 32 bytes.
     * @throws IllegalArgumentException naming the flag if the value is missing or not 32 bytes of hex.
     */
    public static byte[] parseSecretKey(final String hex, final String flag)
    {
        return parseHex32(hex, flag);
    }

    /**
     * Parses a 32-byte ed25519 verifying key given as hex, as upstream's {@code parse_vk}: the bytes must also be the
     * encoding of a point of the curve ({@code VerifyingKey::from_bytes}).
     *
     * @param hex  the flag's value, may be null.
     * @param flag the flag's name, for the error message.
     * @return the 32 bytes.
     * @throws IllegalArgumentException naming the flag if the value is missing, not 32 bytes of hex, or not a key.
     */
    public static byte[] parseVerifyingKey(final String hex, final String flag)
    {
        final byte[] key = parseHex32(hex, flag);
        verifyingKey(key, flag);
        return key;
    }

    /**
     * Signs the authorization of one payload.
     *
     * @param payloadId the payload id, its big-endian bytes being the id's 8 bytes.
     * @param timestamp the payload attributes' timestamp (an unsigned 64-bit value).
     * @param signature where the 64 signature bytes go.
     * @param offset    index of the first of them.
     */
    public void sign(final long payloadId, final long timestamp, final byte[] signature, final int offset)
    {
        hash(payloadId, timestamp, builderVk, message, blake3, digest);
        authorizerSk.sign(Ed25519.Algorithm.Ed25519, authorizerVk, null, digest, 0, DIGEST_LENGTH, signature, offset);
    }

    /**
     * Checks an authorization signature, as upstream's {@code Authorization::verify} (allocates; for tests and tools).
     *
     * @param authorizerVk the authorizer's 32-byte verifying key.
     * @param payloadId    the payload id, big-endian.
     * @param timestamp    the timestamp.
     * @param builderVk    the authorized builder's 32-byte verifying key.
     * @param signature    the 64-byte signature.
     * @return whether the signature is the authorizer's over that authorization.
     */
    public static boolean verify(
        final byte[] authorizerVk,
        final long payloadId,
        final long timestamp,
        final byte[] builderVk,
        final byte[] signature)
    {
        if (null == authorizerVk || authorizerVk.length != KEY_LENGTH || null == builderVk ||
            builderVk.length != KEY_LENGTH || null == signature || signature.length != SIGNATURE_LENGTH)
        {
            return false;
        }
        final Ed25519PublicKeyParameters key;
        try
        {
            key = new Ed25519PublicKeyParameters(authorizerVk, 0);
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
        final byte[] hashed = new byte[DIGEST_LENGTH];
        hash(payloadId, timestamp, builderVk, new byte[MESSAGE_LENGTH], new Blake3Digest(DIGEST_LENGTH * 8), hashed);
        return key.verify(Ed25519.Algorithm.Ed25519, null, hashed, 0, DIGEST_LENGTH, signature, 0);
    }

    /**
     * @return a copy of the authorizer's verifying key (what builders and P2P peers are configured with).
     */
    public byte[] authorizerVk()
    {
        return authorizerVk.getEncoded();
    }

    /**
     * @return a copy of the authorized builder's verifying key.
     */
    public byte[] builderVk()
    {
        return builderVk.clone();
    }

    /**
     * @param index 0..31.
     * @return that byte of the builder's verifying key, unsigned.
     */
    int builderVkByte(final int index)
    {
        return builderVk[index] & 0xFF;
    }

    private static void hash(
        final long payloadId,
        final long timestamp,
        final byte[] builderVk,
        final byte[] message,
        final Blake3Digest blake3,
        final byte[] digest)
    {
        for (int i = 0; i < 8; i++)
        {
            message[i] = (byte)(payloadId >>> (56 - (i << 3)));
            message[8 + i] = (byte)(timestamp >>> (i << 3));
        }
        System.arraycopy(builderVk, 0, message, 16, KEY_LENGTH);
        blake3.reset();
        blake3.update(message, 0, MESSAGE_LENGTH);
        blake3.doFinal(digest, 0);
    }

    private static Ed25519PublicKeyParameters verifyingKey(final byte[] key, final String what)
    {
        try
        {
            return new Ed25519PublicKeyParameters(key, 0);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(what + " is not an ed25519 verifying key (not a point of the curve)", ex);
        }
    }

    private static void requireLength(final byte[] key, final String what)
    {
        if (null == key || key.length != KEY_LENGTH)
        {
            throw new IllegalArgumentException(what + " must be " + KEY_LENGTH + " bytes, got " +
                (null == key ? "none" : key.length));
        }
    }

    private static byte[] parseHex32(final String hex, final String flag)
    {
        if (null == hex || hex.isBlank())
        {
            throw new IllegalArgumentException(flag + " is required with --flashblocks-p2p (32-byte hex ed25519 key)");
        }
        String s = hex.trim();
        if (s.startsWith("0x") || s.startsWith("0X"))
        {
            s = s.substring(2);
        }
        if (s.length() != KEY_LENGTH * 2)
        {
            throw new IllegalArgumentException(flag + " must be 32 bytes of hex (64 characters), got " + s.length() +
                " characters");
        }
        final byte[] key = new byte[KEY_LENGTH];
        for (int i = 0; i < KEY_LENGTH; i++)
        {
            final int hi = Character.digit(s.charAt(2 * i), 16);
            final int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0)
            {
                throw new IllegalArgumentException(flag + " is not hex at character " + (2 * i));
            }
            key[i] = (byte)((hi << 4) | lo);
        }
        return key;
    }
}
