package io.boostj.io.jwt;

import javax.crypto.Mac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an inbound {@code Authorization} header as the Engine API specification asks of an execution client:
 * HS256 only ({@code alg:none} and every other algorithm refused), a valid signature, and an {@code iat} within
 * ±{@link #IAT_TOLERANCE_S} seconds of now. Unknown claims are ignored. Thread-safe.
 */
public final class JwtVerifier
{
    /** Allowed distance between {@code iat} and now, in seconds. */
    public static final long IAT_TOLERANCE_S = 60;

    private static final Pattern ALG = Pattern.compile("\"alg\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern IAT = Pattern.compile("\"iat\"\\s*:\\s*(-?[0-9]+)");

    private final ThreadLocal<Mac> mac;
    private volatile Accepted lastAccepted = new Accepted("", 0);

    /**
     * @param secret the shared secret.
     */
    public JwtVerifier(final JwtSecret secret)
    {
        final byte[] key = secret.key();
        mac = ThreadLocal.withInitial(() -> JwtSigner.newMac(key));
    }

    /**
     * @param authorizationHeader the header value, or null when absent.
     * @param nowEpochSeconds     the current time.
     * @return null when the token is acceptable, else why it was refused (for the 401 body and the log).
     */
    public String check(final String authorizationHeader, final long nowEpochSeconds)
    {
        if (null == authorizationHeader)
        {
            return "missing Authorization header";
        }
        final Accepted accepted = lastAccepted;
        if (accepted.header.equals(authorizationHeader) &&
            Math.abs(nowEpochSeconds - accepted.iatS) <= IAT_TOLERANCE_S)
        {
            return null;
        }
        if (!authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7))
        {
            return "Authorization header is not a Bearer token";
        }
        final String token = authorizationHeader.substring(7).trim();
        final int dot1 = token.indexOf('.');
        final int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
        if (dot1 < 0 || dot2 < 0 || token.indexOf('.', dot2 + 1) >= 0)
        {
            return "malformed JWT";
        }
        final String header;
        final String claims;
        final byte[] signature;
        try
        {
            final Base64.Decoder d = Base64.getUrlDecoder();
            header = new String(d.decode(token.substring(0, dot1)), StandardCharsets.UTF_8);
            claims = new String(d.decode(token.substring(dot1 + 1, dot2)), StandardCharsets.UTF_8);
            signature = d.decode(token.substring(dot2 + 1));
        }
        catch (final IllegalArgumentException ex)
        {
            return "malformed JWT encoding";
        }
        final Matcher alg = ALG.matcher(header);
        if (!alg.find())
        {
            return "JWT header has no alg";
        }
        if (!"HS256".equals(alg.group(1)))
        {
            return "JWT alg " + alg.group(1) + " refused (HS256 only)";
        }
        final byte[] expected = mac.get().doFinal(token.substring(0, dot2).getBytes(StandardCharsets.US_ASCII));
        if (!MessageDigest.isEqual(expected, signature))
        {
            return "JWT signature invalid";
        }
        final Matcher iat = IAT.matcher(claims);
        if (!iat.find())
        {
            return "JWT has no iat claim";
        }
        final long iatS;
        try
        {
            iatS = Long.parseLong(iat.group(1));
        }
        catch (final NumberFormatException ex)
        {
            return "JWT iat is not a number";
        }
        if (Math.abs(nowEpochSeconds - iatS) > IAT_TOLERANCE_S)
        {
            return "JWT iat " + iatS + " is more than " + IAT_TOLERANCE_S + "s from now (" + nowEpochSeconds + ")";
        }
        lastAccepted = new Accepted(authorizationHeader, iatS);
        return null;
    }

    /**
     * The last token that passed every check: op-node signs one per second, so most requests repeat it and skip the
     * HMAC. Its iat is still checked against now.
     */
    private static final class Accepted
    {
        final String header;
        final long iatS;

        Accepted(final String header, final long iatS)
        {
            this.header = header;
            this.iatS = iatS;
        }
    }
}
