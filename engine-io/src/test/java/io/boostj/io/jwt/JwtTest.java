package io.boostj.io.jwt;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JwtTest
{
    private static final String HEX = "0x" + "ab".repeat(32);
    private final JwtSecret secret = JwtSecret.fromHex(HEX);
    private final JwtSigner signer = new JwtSigner(secret);
    private final JwtVerifier verifier = new JwtVerifier(secret);

    @Test
    void shouldAcceptOwnTokenWithinSixtySeconds()
    {
        final String bearer = signer.bearer(1_000_000);
        assertNull(verifier.check(bearer, 1_000_000));
        assertNull(verifier.check(bearer, 1_000_060));
        assertNull(verifier.check(bearer, 999_940));
    }

    @Test
    void shouldRefuseStaleOrFutureIat()
    {
        final String bearer = signer.bearer(1_000_000);
        assertNull(verifier.check(bearer, 1_000_000), "accepted once, so cached");
        assertTrue(verifier.check(bearer, 1_000_061).contains("iat"));
        assertTrue(verifier.check(bearer, 999_939).contains("iat"));
    }

    @Test
    void shouldRefuseWrongSecret()
    {
        final JwtSigner other = new JwtSigner(JwtSecret.fromHex("cd".repeat(32)));
        assertEquals("JWT signature invalid", verifier.check(other.bearer(5), 5));
    }

    @Test
    void shouldRefuseAlgNone()
    {
        final Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
        final String token = e.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) +
            "." + e.encodeToString("{\"iat\":5}".getBytes(StandardCharsets.UTF_8)) + ".";
        assertTrue(verifier.check("Bearer " + token, 5).contains("refused"));
    }

    @Test
    void shouldRefuseMissingOrMalformedHeader()
    {
        assertNotNull(verifier.check(null, 5));
        assertNotNull(verifier.check("Basic abc", 5));
        assertNotNull(verifier.check("Bearer a.b", 5));
        assertNotNull(verifier.check("Bearer !!.??.**", 5));
    }

    @Test
    void shouldCacheTokenWithinOneSecond()
    {
        assertSame(signer.bearer(7), signer.bearer(7));
    }

    @Test
    void shouldRejectBadSecrets(final @org.junit.jupiter.api.io.TempDir Path dir) throws Exception
    {
        assertThrows(IllegalArgumentException.class, () -> JwtSecret.fromHex("abcd"));
        assertThrows(IllegalArgumentException.class, () -> JwtSecret.fromHex("zz".repeat(32)));
        assertThrows(IllegalArgumentException.class, () -> JwtSecret.resolve(null, null, "l2"));
        assertThrows(IllegalArgumentException.class, () -> JwtSecret.fromFile(dir.resolve("missing")));
        final Path file = dir.resolve("jwt.hex");
        Files.writeString(file, HEX + "\n");
        assertNull(new JwtVerifier(JwtSecret.fromFile(file)).check(signer.bearer(9), 9));
    }
}
