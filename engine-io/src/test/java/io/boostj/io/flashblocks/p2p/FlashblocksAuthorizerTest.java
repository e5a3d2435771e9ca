package io.boostj.io.flashblocks.p2p;

import org.bouncycastle.crypto.digests.Blake3Digest;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The primitives against their published vectors (RFC 8032 §7.1 tests 1 and 2; BLAKE3's official
 * {@code test_vectors/test_vectors.json}), then the authorization itself against vectors computed outside Java:
 * ed25519 from Python {@code cryptography} 48 (OpenSSL) over BLAKE3 from a from-the-spec pure Python implementation
 * that reproduces the official vectors. Keys as upstream's own test ({@code authorization.rs}: {@code key_pair(1)}
 * authorizes {@code key_pair(2)}, i.e. secret keys {@code [1; 32]} and {@code [2; 32]}); upstream pins no signature
 * bytes, only a sign/verify round trip.
 */
class FlashblocksAuthorizerTest
{
    static final byte[] AUTHORIZER_SK = filled(1);
    static final byte[] BUILDER_SK = filled(2);
    static final String AUTHORIZER_VK = "8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c";
    static final String BUILDER_VK = "8139770ea87d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b394";

    private final FlashblocksAuthorizer authorizer =
        new FlashblocksAuthorizer(AUTHORIZER_SK, Hex.decode(BUILDER_VK));

    static byte[] filled(final int value)
    {
        final byte[] b = new byte[32];
        Arrays.fill(b, (byte)value);
        return b;
    }

    @ParameterizedTest
    @CsvSource({
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60, " +
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a, '', " +
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb, " +
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c, 72, " +
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"})
    void shouldSignAsRfc8032WithThePrimitiveTheAuthorizerUses(
        final String secretKey, final String publicKey, final String message, final String signature)
    {
        final Ed25519PrivateKeyParameters sk = new Ed25519PrivateKeyParameters(Hex.decode(secretKey), 0);
        final byte[] msg = Hex.decode(message);
        final byte[] sig = new byte[64];

        sk.sign(Ed25519.Algorithm.Ed25519, sk.generatePublicKey(), null, msg, 0, msg.length, sig, 0);

        assertEquals(publicKey, Hex.toHexString(sk.generatePublicKey().getEncoded()));
        assertEquals(signature, Hex.toHexString(sig));
    }

    @ParameterizedTest
    @CsvSource({
        "0, af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
        "1, 2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213",
        "1023, 10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11",
        "1024, 42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7",
        "1025, d00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444"})
    void shouldHashAsTheOfficialBlake3Vectors(final int inputLength, final String hash)
    {
        final byte[] input = new byte[inputLength];
        for (int i = 0; i < inputLength; i++)
        {
            input[i] = (byte)(i % 251);
        }
        final Blake3Digest blake3 = new Blake3Digest(256);
        final byte[] out = new byte[32];

        blake3.update(input, 0, inputLength);
        blake3.doFinal(out, 0);

        assertEquals(hash, Hex.toHexString(out));
    }

    @ParameterizedTest
    @CsvSource({
        "0x0000000000000000, 1700000123, " +
            "e97f730872dfe7c1ede25302b7d624fa7c169bc282cd8387c655915c2386a472333dd588ab7f30ab2d72001f4d78e25e38714eacf9bbddd8a726b5308223d401",
        "0x0401020304050607, 1740923606, " +
            "694dd8adf83e1a8558c5988a298175d9edad54a35419786e56bbf1f7ff6cf3cbc89c5ed875dc724fcd7d7316a4b8a1f57416df4e477f8451a9d681ded7b30805",
        "0x04d2dae446d2a86a, 1728933301, " +
            "e6124f47065badca1c5f47115b24b007f2c8b8765365652527b0d0068eff15055ef96f401356a9ff8e709f2172ed541fdb13b8dc5154edff7b13b967ec312d01"})
    void shouldSignTheBlake3HashOfPayloadIdTimestampLittleEndianAndBuilderKey(
        final String payloadId, final long timestamp, final String signature)
    {
        final long id = Long.parseUnsignedLong(payloadId.substring(2), 16);
        final byte[] sig = new byte[64 + 3];

        authorizer.sign(id, timestamp, sig, 3);

        assertEquals(signature, Hex.toHexString(sig, 3, 64));
        assertTrue(FlashblocksAuthorizer.verify(Hex.decode(AUTHORIZER_VK), id, timestamp, Hex.decode(BUILDER_VK),
            Arrays.copyOfRange(sig, 3, 67)));
    }

    @Test
    void shouldDeriveTheKeysOfUpstreamsTestKeyPairs()
    {
        assertEquals(AUTHORIZER_VK, Hex.toHexString(authorizer.authorizerVk()));
        assertEquals(BUILDER_VK, Hex.toHexString(authorizer.builderVk()));
        assertEquals(BUILDER_VK, Hex.toHexString(new Ed25519PrivateKeyParameters(BUILDER_SK, 0)
            .generatePublicKey().getEncoded()));
    }

    @Test
    void shouldRefuseATamperedOrMisattributedAuthorization()
    {
        final byte[] sig = new byte[64];
        authorizer.sign(42, 7, sig, 0);
        final byte[] authorizerVk = Hex.decode(AUTHORIZER_VK);
        final byte[] builderVk = Hex.decode(BUILDER_VK);
        assertTrue(FlashblocksAuthorizer.verify(authorizerVk, 42, 7, builderVk, sig));

        assertFalse(FlashblocksAuthorizer.verify(authorizerVk, 43, 7, builderVk, sig), "other payload id");
        assertFalse(FlashblocksAuthorizer.verify(authorizerVk, 42, 8, builderVk, sig), "other timestamp");
        assertFalse(FlashblocksAuthorizer.verify(authorizerVk, 42, 7, authorizerVk, sig), "other builder");
        assertFalse(FlashblocksAuthorizer.verify(builderVk, 42, 7, builderVk, sig), "other authorizer");
        sig[0] ^= 1;
        assertFalse(FlashblocksAuthorizer.verify(authorizerVk, 42, 7, builderVk, sig), "flipped bit");
        assertFalse(FlashblocksAuthorizer.verify(authorizerVk, 42, 7, builderVk, new byte[63]), "short signature");
    }

    @Test
    void shouldParseHexKeysWithOrWithoutPrefix()
    {
        assertArrayEquals(Hex.decode(BUILDER_VK),
            FlashblocksAuthorizer.parseVerifyingKey(" 0x" + BUILDER_VK.toUpperCase() + "\n", "--flashblocks-builder-vk"));
        assertArrayEquals(AUTHORIZER_SK,
            FlashblocksAuthorizer.parseSecretKey("01".repeat(32), "--flashblocks-authorizer-sk"));
    }

    @Test
    void shouldRefuseBadKeysNamingTheFlag()
    {
        final String flag = "--flashblocks-builder-vk";
        for (final String bad : new String[]{null, " ", "ab".repeat(31), "ab".repeat(33), "zz" + "ab".repeat(31)})
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> FlashblocksAuthorizer.parseVerifyingKey(bad, flag));
            assertTrue(ex.getMessage().startsWith(flag), ex.getMessage());
        }
        final IllegalArgumentException notAPoint = assertThrows(IllegalArgumentException.class,
            () -> FlashblocksAuthorizer.parseVerifyingKey("ff".repeat(32), flag));
        assertTrue(notAPoint.getMessage().startsWith(flag) && notAPoint.getMessage().contains("point"),
            notAPoint.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FlashblocksAuthorizer(new byte[31], Hex.decode(BUILDER_VK)));
    }
}
