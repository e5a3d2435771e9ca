package io.boostj.io.jwt;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Makes the {@code Authorization: Bearer} value of an outbound Engine API request: an HS256 JWT whose only claim is
 * {@code iat}, fresh for every second (the claim's resolution), as upstream sends one per request. Thread-safe; the
 * token of the current second is cached so the hot path signs at most once a second.
 */
public final class JwtSigner
{
    private static final String HEADER_B64 = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final ThreadLocal<Mac> mac;
    private volatile CachedToken cached = new CachedToken(Long.MIN_VALUE, "");

    /**
     * @param secret the shared secret.
     */
    public JwtSigner(final JwtSecret secret)
    {
        final byte[] key = secret.key();
        mac = ThreadLocal.withInitial(() -> newMac(key));
    }

    /**
     * @param epochSeconds the {@code iat} to sign.
     * @return {@code "Bearer <jwt>"}.
     */
    public String bearer(final long epochSeconds)
    {
        final CachedToken c = cached;
        if (c.iat == epochSeconds)
        {
            return c.bearer;
        }
        final String bearer = "Bearer " + token(epochSeconds);
        cached = new CachedToken(epochSeconds, bearer);
        return bearer;
    }

    /**
     * @param iatSeconds the issued-at claim.
     * @return the compact JWT.
     */
    public String token(final long iatSeconds)
    {
        final String payload = b64(("{\"iat\":" + iatSeconds + "}").getBytes(StandardCharsets.UTF_8));
        final String signingInput = HEADER_B64 + "." + payload;
        return signingInput + "." + b64(sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    byte[] sign(final byte[] input)
    {
        return mac.get().doFinal(input);
    }

    static Mac newMac(final byte[] key)
    {
        try
        {
            final Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m;
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacSHA256 unavailable", ex);
        }
    }

    static String b64(final byte[] bytes)
    {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static final class CachedToken
    {
        final long iat;
        final String bearer;

        CachedToken(final long iat, final String bearer)
        {
            this.iat = iat;
            this.bearer = bearer;
        }
    }
}
