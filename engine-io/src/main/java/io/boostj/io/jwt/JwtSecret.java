package io.boostj.io.jwt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The 32-byte shared secret of the Engine API's JWT authentication, read from hex (with or without {@code 0x}),
 * as geth, reth and upstream rollup-boost write it.
 */
public final class JwtSecret
{
    /** Length of an Engine API secret in bytes. */
    public static final int LENGTH = 32;

    private final byte[] key;

    private JwtSecret(final byte[] key)
    {
        this.key = key;
    }

    /**
     * @param hex 64 hex characters, optionally prefixed with {@code 0x}, surrounding whitespace ignored.
     * @return the secret.
     * @throws IllegalArgumentException if not exactly 32 bytes of hex.
     */
    public static JwtSecret fromHex(final String hex)
    {
        String s = hex.trim();
        if (s.startsWith("0x") || s.startsWith("0X"))
        {
            s = s.substring(2);
        }
        if (s.length() != LENGTH * 2)
        {
            throw new IllegalArgumentException(
                "JWT secret must be 32 bytes of hex (64 characters), got " + s.length() + " characters");
        }
        final byte[] key = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++)
        {
            final int hi = Character.digit(s.charAt(2 * i), 16);
            final int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0)
            {
                throw new IllegalArgumentException("JWT secret is not hex at character " + (2 * i));
            }
            key[i] = (byte)((hi << 4) | lo);
        }
        return new JwtSecret(key);
    }

    /**
     * @param path a file holding the hex secret.
     * @return the secret.
     * @throws IllegalArgumentException if the file cannot be read or does not hold a secret.
     */
    public static JwtSecret fromFile(final Path path)
    {
        try
        {
            return fromHex(new String(Files.readAllBytes(path), StandardCharsets.US_ASCII));
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read JWT secret file " + path + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Resolves the secret from a token or a path, the token winning, as upstream's {@code --*-jwt-token/--*-jwt-path}.
     *
     * @param hexToken the hex secret or null.
     * @param path     a file or null.
     * @param what     what the secret is for, for the error message.
     * @return the secret.
     * @throws IllegalArgumentException if neither is given.
     */
    public static JwtSecret resolve(final String hexToken, final Path path, final String what)
    {
        if (null != hexToken && !hexToken.isBlank())
        {
            return fromHex(hexToken);
        }
        if (null != path)
        {
            return fromFile(path);
        }
        throw new IllegalArgumentException("Missing Client JWT secret for " + what);
    }

    byte[] key()
    {
        return key.clone();
    }
}
