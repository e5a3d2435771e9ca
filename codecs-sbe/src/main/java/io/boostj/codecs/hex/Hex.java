package io.boostj.codecs.hex;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Ethereum JSON-RPC hex encoding: DATA ({@code 0x} + two lowercase digits per byte) and QUANTITY ({@code 0x} + minimal
 * lowercase digits, {@code 0x0} for zero). All buffer methods are allocation-free; the {@code String}/{@code byte[]}
 * helpers at the end allocate and are meant for configuration, logging and tests.
 */
public final class Hex
{
    private static final long HIGH_BITS = 0x8080808080808080L;

    /**
     * Value returned by the {@code try*} decoders when the input is not valid hex.
     */
    public static final int INVALID = -1;

    /**
     * Maximum number of characters {@link #putQuantity(long, MutableDirectBuffer, int)} writes: {@code 0x} + 16 digits.
     */
    public static final int MAX_QUANTITY_LENGTH = 18;

    private static final byte[] DIGITS =
        { '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f' };
    private static final byte[] VALUES = new byte[256];

    static
    {
        java.util.Arrays.fill(VALUES, (byte)-1);
        for (int i = 0; i < 10; i++)
        {
            VALUES['0' + i] = (byte)i;
        }
        for (int i = 0; i < 6; i++)
        {
            VALUES['a' + i] = (byte)(10 + i);
            VALUES['A' + i] = (byte)(10 + i);
        }
    }

    private Hex()
    {
    }

    /**
     * The value of one ASCII hex digit, upper or lower case.
     *
     * @param c the character byte.
     * @return 0..15, or {@link #INVALID} when {@code c} is not a hex digit.
     */
    public static int digitValue(final byte c)
    {
        return VALUES[c & 0xFF];
    }

    /**
     * Whether every byte of {@code [from, to)} is a hex digit (either case), eight bytes at a time.
     *
     * @param buffer holding the text.
     * @param from   first byte.
     * @param to     one past the last byte.
     * @return true if all are hex digits (also for an empty range).
     */
    public static boolean isHexText(final DirectBuffer buffer, final int from, final int to)
    {
        int i = from;
        for (; i + 8 <= to; i += 8)
        {
            final long word = buffer.getLong(i, java.nio.ByteOrder.LITTLE_ENDIAN);
            if (0 != (word & HIGH_BITS))
            {
                return false;
            }
            // Adding (0x80 - bound) to a byte below 0x80 sets its high bit exactly when it is >= bound, with no carry.
            // Digits are checked on the bytes as they are; letters after setting bit 0x20, which maps exactly
            // 'A'-'F' and 'a'-'f' (and nothing else) onto 'a'-'f'.
            final long lower = word | 0x2020202020202020L;
            final long digit = (word + 0x5050505050505050L) & ~(word + 0x4646464646464646L);
            final long letter = (lower + 0x1F1F1F1F1F1F1F1FL) & ~(lower + 0x1919191919191919L);
            if (HIGH_BITS != ((digit | letter) & HIGH_BITS))
            {
                return false;
            }
        }
        for (; i < to; i++)
        {
            if (digitValue(buffer.getByte(i)) < 0)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Number of characters of the DATA encoding of {@code byteLength} bytes, {@code 0x} included.
     *
     * @param byteLength number of bytes.
     * @return {@code 2 + 2 * byteLength}.
     */
    public static int encodedLength(final int byteLength)
    {
        return 2 + (byteLength << 1);
    }

    /**
     * Writes {@code 0x} and the lowercase hex of {@code length} bytes of {@code src}.
     *
     * @param src       bytes to encode.
     * @param srcOffset first byte in {@code src}.
     * @param length    number of bytes.
     * @param dst       destination buffer.
     * @param dstOffset where to write the {@code 0} of {@code 0x}.
     * @return number of characters written, {@link #encodedLength(int)}.
     */
    public static int encode(
        final DirectBuffer src,
        final int srcOffset,
        final int length,
        final MutableDirectBuffer dst,
        final int dstOffset)
    {
        dst.putByte(dstOffset, (byte)'0');
        dst.putByte(dstOffset + 1, (byte)'x');
        int out = dstOffset + 2;
        for (int i = srcOffset, end = srcOffset + length; i < end; i++)
        {
            final int b = src.getByte(i) & 0xFF;
            dst.putByte(out, DIGITS[b >>> 4]);
            dst.putByte(out + 1, DIGITS[b & 0xF]);
            out += 2;
        }
        return out - dstOffset;
    }

    /**
     * Writes {@code 0x} and the lowercase hex of {@code length} bytes of {@code src}.
     *
     * @param src       bytes to encode.
     * @param srcOffset first byte in {@code src}.
     * @param length    number of bytes.
     * @param dst       destination buffer.
     * @param dstOffset where to write the {@code 0} of {@code 0x}.
     * @return number of characters written, {@link #encodedLength(int)}.
     */
    public static int encode(
        final byte[] src, final int srcOffset, final int length, final MutableDirectBuffer dst, final int dstOffset)
    {
        dst.putByte(dstOffset, (byte)'0');
        dst.putByte(dstOffset + 1, (byte)'x');
        int out = dstOffset + 2;
        for (int i = srcOffset, end = srcOffset + length; i < end; i++)
        {
            final int b = src[i] & 0xFF;
            dst.putByte(out, DIGITS[b >>> 4]);
            dst.putByte(out + 1, DIGITS[b & 0xF]);
            out += 2;
        }
        return out - dstOffset;
    }

    /**
     * Number of characters of the QUANTITY encoding of an unsigned 64-bit value, {@code 0x} included.
     *
     * @param value the value, read as unsigned.
     * @return 3..18.
     */
    public static int quantityLength(final long value)
    {
        if (0 == value)
        {
            return 3;
        }
        return 2 + ((64 - Long.numberOfLeadingZeros(value) + 3) >>> 2);
    }

    /**
     * Writes the QUANTITY encoding of an unsigned 64-bit value: {@code 0x} + minimal lowercase hex, {@code 0x0} for
     * zero.
     *
     * @param value     the value, read as unsigned (SBE {@code uint64} convention).
     * @param dst       destination buffer.
     * @param dstOffset where to write the {@code 0} of {@code 0x}.
     * @return number of characters written, {@link #quantityLength(long)}.
     */
    public static int putQuantity(final long value, final MutableDirectBuffer dst, final int dstOffset)
    {
        final int length = quantityLength(value);
        dst.putByte(dstOffset, (byte)'0');
        dst.putByte(dstOffset + 1, (byte)'x');
        long v = value;
        for (int i = dstOffset + length - 1; i >= dstOffset + 2; i--)
        {
            dst.putByte(i, DIGITS[(int)(v & 0xF)]);
            v >>>= 4;
        }
        return length;
    }

    /**
     * Decodes hex characters into bytes. A leading {@code 0x} is skipped when present; the remaining digit count must
     * be even. Upper and lower case digits are accepted.
     *
     * @param src       characters to decode.
     * @param srcOffset first character.
     * @param srcLength number of characters, prefix included.
     * @param dst       destination buffer (its content is undefined when the input turns out to be invalid).
     * @param dstOffset where to write the first byte.
     * @return number of bytes written, or {@link #INVALID} if the input is not an even-length run of hex digits.
     */
    public static int tryDecode(
        final DirectBuffer src,
        final int srcOffset,
        final int srcLength,
        final MutableDirectBuffer dst,
        final int dstOffset)
    {
        if (srcLength >= 2 && src.getByte(srcOffset) == '0' && src.getByte(srcOffset + 1) == 'x')
        {
            return tryDecodeDigits(src, srcOffset + 2, srcLength - 2, dst, dstOffset);
        }
        return tryDecodeDigits(src, srcOffset, srcLength, dst, dstOffset);
    }

    /**
     * Decodes hex digits (no prefix) into bytes. Upper and lower case digits are accepted.
     *
     * @param src       digits to decode.
     * @param srcOffset first digit.
     * @param srcLength number of digits; must be even.
     * @param dst       destination buffer (its content is undefined when the input turns out to be invalid).
     * @param dstOffset where to write the first byte.
     * @return number of bytes written, or {@link #INVALID} if the input is not an even-length run of hex digits.
     */
    public static int tryDecodeDigits(
        final DirectBuffer src,
        final int srcOffset,
        final int srcLength,
        final MutableDirectBuffer dst,
        final int dstOffset)
    {
        if (srcLength < 0 || (srcLength & 1) != 0)
        {
            return INVALID;
        }
        final int end = srcOffset + srcLength;
        int out = dstOffset;
        for (int i = srcOffset; i < end; i += 2)
        {
            final int hi = VALUES[src.getByte(i) & 0xFF];
            final int lo = VALUES[src.getByte(i + 1) & 0xFF];
            if ((hi | lo) < 0)
            {
                return INVALID;
            }
            dst.putByte(out++, (byte)((hi << 4) | lo));
        }
        return out - dstOffset;
    }

    /**
     * Parses a QUANTITY ({@code 0x} + 1..16 hex digits; leading zeros tolerated) into an unsigned 64-bit value.
     *
     * @param src       characters to parse.
     * @param srcOffset first character (the {@code 0}).
     * @param srcLength    number of characters.
     * @param defaultValue value returned on failure.
     * @return the value (unsigned), or {@code defaultValue} if malformed or wider than 64 bits.
     */
    public static long tryParseQuantity(
        final DirectBuffer src, final int srcOffset, final int srcLength, final long defaultValue)
    {
        if (srcLength < 3 || src.getByte(srcOffset) != '0' || src.getByte(srcOffset + 1) != 'x')
        {
            return defaultValue;
        }
        long value = 0;
        for (int i = srcOffset + 2, end = srcOffset + srcLength; i < end; i++)
        {
            final int d = VALUES[src.getByte(i) & 0xFF];
            if (d < 0 || (value >>> 60) != 0)
            {
                return defaultValue;
            }
            value = (value << 4) | d;
        }
        return value;
    }

    /**
     * Parses a QUANTITY of up to 256 bits ({@code 0x} + 1..64 significant hex digits; leading zeros tolerated), such
     * as a {@code baseFeePerGas} or a wei value, into 32 big-endian bytes.
     *
     * @param src       characters to parse.
     * @param srcOffset first character (the {@code 0}).
     * @param srcLength number of characters.
     * @param dst       destination of the 32 bytes (undefined content on failure).
     * @param dstOffset where to write them.
     * @return true if parsed, false if malformed or wider than 256 bits.
     */
    public static boolean tryParseQuantity256(
        final DirectBuffer src,
        final int srcOffset,
        final int srcLength,
        final MutableDirectBuffer dst,
        final int dstOffset)
    {
        if (srcLength < 3 || src.getByte(srcOffset) != '0' || src.getByte(srcOffset + 1) != 'x')
        {
            return false;
        }
        final int end = srcOffset + srcLength;
        int first = srcOffset + 2;
        while (end - first > 64 && src.getByte(first) == '0')
        {
            first++;
        }
        if (end - first > 64)
        {
            return false;
        }
        dst.setMemory(dstOffset, 32, (byte)0);
        for (int i = 0, digits = end - first; i < digits; i++)
        {
            final int d = VALUES[src.getByte(end - 1 - i) & 0xFF];
            if (d < 0)
            {
                return false;
            }
            final int index = dstOffset + 31 - (i >>> 1);
            dst.putByte(index, (byte)(dst.getByte(index) | ((i & 1) == 0 ? d : d << 4)));
        }
        return true;
    }

    /**
     * Writes the QUANTITY encoding of a 256-bit big-endian value: {@code 0x} + minimal lowercase hex, {@code 0x0} for
     * zero.
     *
     * @param src       buffer holding the 32-byte big-endian value.
     * @param srcOffset index of its first byte.
     * @param dst       destination (up to 66 characters).
     * @param dstOffset where to write the {@code 0} of {@code 0x}.
     * @return number of characters written.
     */
    public static int putQuantity256(
        final DirectBuffer src, final int srcOffset, final MutableDirectBuffer dst, final int dstOffset)
    {
        int nibble = 0;
        while (nibble < 64 && ((src.getByte(srcOffset + (nibble >>> 1)) >>> ((nibble & 1) == 0 ? 4 : 0)) & 0xF) == 0)
        {
            nibble++;
        }
        dst.putByte(dstOffset, (byte)'0');
        dst.putByte(dstOffset + 1, (byte)'x');
        if (nibble == 64)
        {
            dst.putByte(dstOffset + 2, (byte)'0');
            return 3;
        }
        int out = dstOffset + 2;
        for (; nibble < 64; nibble++)
        {
            final int b = src.getByte(srcOffset + (nibble >>> 1));
            dst.putByte(out++, DIGITS[(b >>> ((nibble & 1) == 0 ? 4 : 0)) & 0xF]);
        }
        return out - dstOffset;
    }

    /**
     * Allocating convenience for configuration and tests: {@code 0x} + lowercase hex of {@code bytes}.
     *
     * @param bytes the bytes.
     * @return the DATA string.
     */
    public static String toHexString(final byte[] bytes)
    {
        final char[] chars = new char[encodedLength(bytes.length)];
        chars[0] = '0';
        chars[1] = 'x';
        for (int i = 0; i < bytes.length; i++)
        {
            chars[2 + 2 * i] = (char)DIGITS[(bytes[i] >>> 4) & 0xF];
            chars[3 + 2 * i] = (char)DIGITS[bytes[i] & 0xF];
        }
        return new String(chars);
    }

    /**
     * Allocating convenience for configuration and tests: decodes an even-length hex string, {@code 0x} optional.
     *
     * @param hex the characters.
     * @return the bytes.
     * @throws IllegalArgumentException if {@code hex} is not an even-length run of hex digits.
     */
    public static byte[] fromHexString(final CharSequence hex)
    {
        final int start = hex.length() >= 2 && hex.charAt(0) == '0' && hex.charAt(1) == 'x' ? 2 : 0;
        final int digits = hex.length() - start;
        if ((digits & 1) != 0)
        {
            throw new IllegalArgumentException("odd number of hex digits");
        }
        final byte[] bytes = new byte[digits >>> 1];
        for (int i = 0; i < bytes.length; i++)
        {
            final char c1 = hex.charAt(start + 2 * i);
            final char c2 = hex.charAt(start + 2 * i + 1);
            final int hi = c1 < 256 ? VALUES[c1] : -1;
            final int lo = c2 < 256 ? VALUES[c2] : -1;
            if ((hi | lo) < 0)
            {
                throw new IllegalArgumentException("not a hex digit at " + (start + 2 * i));
            }
            bytes[i] = (byte)((hi << 4) | lo);
        }
        return bytes;
    }
}
