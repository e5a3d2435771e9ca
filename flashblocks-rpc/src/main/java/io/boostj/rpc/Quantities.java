package io.boostj.rpc;

import io.boostj.codecs.hex.Hex;
import org.agrona.DirectBuffer;

import java.math.BigInteger;

/**
 * JSON-RPC QUANTITY and DATA text for values held as bytes or numbers.
 */
final class Quantities
{
    private Quantities()
    {
    }

    static String of(final long value)
    {
        return "0x" + Long.toHexString(value);
    }

    static String ofUnsigned(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= 0)
        {
            return "0x0";
        }
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return "0x" + new BigInteger(1, bytes).toString(16);
    }

    static String data(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return Hex.toHexString(bytes);
    }

    /**
     * @param text a QUANTITY or a block tag.
     * @return its value, or -1 if it is not a hex QUANTITY.
     */
    static long parse(final String text)
    {
        if (null == text || !text.startsWith("0x") || text.length() < 3 || text.length() > 18)
        {
            return -1;
        }
        try
        {
            return Long.parseUnsignedLong(text.substring(2), 16);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    /**
     * @param text a QUANTITY (any size).
     * @return its value, or null if it is not a hex QUANTITY.
     */
    static BigInteger parseBig(final String text)
    {
        if (null == text || !text.startsWith("0x") || text.length() < 3 || text.length() > 66 ||
            Character.digit(text.charAt(2), 16) < 0)
        {
            return null;
        }
        try
        {
            return new BigInteger(text.substring(2), 16);
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }
}
