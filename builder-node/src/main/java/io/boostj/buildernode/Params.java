package io.boostj.buildernode;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;

/**
 * Reads JSON-RPC params (DATA as {@code 0x} hex of a fixed or any length, QUANTITY as minimal {@code 0x} hex) and
 * writes them back; every refusal is an {@link RpcException#INVALID_PARAMS} naming the field.
 */
final class Params
{
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Params()
    {
    }

    /**
     * @param params the params array.
     * @param index  position.
     * @param what   its name, for the error.
     * @return the param.
     */
    static JsonNode required(final JsonNode params, final int index, final String what)
    {
        final JsonNode p = params.path(index);
        if (p.isMissingNode() || p.isNull())
        {
            throw RpcException.invalidParams("missing param " + index + " (" + what + ")");
        }
        return p;
    }

    /**
     * @param node   a JSON string of 0x hex.
     * @param what   its name.
     * @param length the byte length it must have, or -1 for any.
     * @return the bytes.
     */
    static byte[] data(final JsonNode node, final String what, final int length)
    {
        if (null == node || !node.isTextual())
        {
            throw RpcException.invalidParams(what + " must be a 0x hex string");
        }
        final String s = node.asText();
        if (!s.startsWith("0x") || 0 != (s.length() & 1))
        {
            throw RpcException.invalidParams(what + " must be 0x and an even number of hex digits");
        }
        final int n = (s.length() - 2) / 2;
        if (length >= 0 && n != length)
        {
            throw RpcException.invalidParams(what + " must be " + length + " bytes, got " + n);
        }
        final byte[] out = new byte[n];
        for (int i = 0; i < n; i++)
        {
            final int hi = Character.digit(s.charAt(2 + 2 * i), 16);
            final int lo = Character.digit(s.charAt(3 + 2 * i), 16);
            if (hi < 0 || lo < 0)
            {
                throw RpcException.invalidParams(what + " is not hex");
            }
            out[i] = (byte)(hi << 4 | lo);
        }
        return out;
    }

    /**
     * @param node a QUANTITY string (or, leniently, a JSON number).
     * @param what its name.
     * @return the value.
     */
    static BigInteger bigQuantity(final JsonNode node, final String what)
    {
        if (null != node && node.isIntegralNumber() && node.bigIntegerValue().signum() >= 0)
        {
            return node.bigIntegerValue();
        }
        if (null == node || !node.isTextual() || !node.asText().startsWith("0x") || node.asText().length() < 3 ||
            node.asText().length() > 66)
        {
            throw RpcException.invalidParams(what + " must be a 0x hex quantity");
        }
        try
        {
            return new BigInteger(node.asText().substring(2), 16);
        }
        catch (final NumberFormatException ex)
        {
            throw RpcException.invalidParams(what + " is not hex");
        }
    }

    /**
     * @param node a QUANTITY of at most 63 bits.
     * @param what its name.
     * @return the value.
     */
    static long quantity(final JsonNode node, final String what)
    {
        final BigInteger v = bigQuantity(node, what);
        if (v.bitLength() > 63)
        {
            throw RpcException.invalidParams(what + " is too large");
        }
        return v.longValue();
    }

    /**
     * @param bytes bytes.
     * @return {@code 0x} and two lower-case digits a byte.
     */
    static String hex(final byte[] bytes)
    {
        final char[] out = new char[2 + 2 * bytes.length];
        out[0] = '0';
        out[1] = 'x';
        for (int i = 0; i < bytes.length; i++)
        {
            out[2 + 2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
            out[3 + 2 * i] = DIGITS[bytes[i] & 0xF];
        }
        return new String(out);
    }

    /**
     * @param value a non-negative value.
     * @return its QUANTITY form.
     */
    static String quantity(final long value)
    {
        return "0x" + Long.toHexString(value);
    }

    /**
     * @param value a non-negative value.
     * @return its QUANTITY form.
     */
    static String quantity(final BigInteger value)
    {
        return "0x" + value.toString(16);
    }
}
