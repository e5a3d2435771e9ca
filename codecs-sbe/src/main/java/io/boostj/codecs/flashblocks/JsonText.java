package io.boostj.codecs.flashblocks;

import io.boostj.codecs.hex.Hex;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Allocation-free JSON text output helpers shared by the flashblock writers. Every method writes at {@code pos} and
 * returns the position just past what it wrote; none checks capacity beyond what the destination buffer itself does
 * (expandable buffers grow, fixed ones throw {@link IndexOutOfBoundsException} with bounds checks on), so callers size
 * the destination first.
 */
final class JsonText
{
    private static final long LOWER_CASE_BITS = 0x2020202020202020L;

    private static final byte[] DIGITS =
        { '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f' };

    /**
     * Longest text {@link #putUnsignedDecimal(MutableDirectBuffer, int, long)} writes.
     */
    static final int MAX_DECIMAL_LENGTH = 20;

    /**
     * Longest text {@link #putQuantity(MutableDirectBuffer, int, long)} writes: quotes, {@code 0x} and 16 digits.
     */
    static final int MAX_QUOTED_QUANTITY_LENGTH = 2 + Hex.MAX_QUANTITY_LENGTH;

    private JsonText()
    {
    }

    static int putAscii(final MutableDirectBuffer dst, final int pos, final String ascii)
    {
        return pos + dst.putStringWithoutLengthAscii(pos, ascii);
    }

    static int putByte(final MutableDirectBuffer dst, final int pos, final char c)
    {
        dst.putByte(pos, (byte)c);
        return pos + 1;
    }

    /**
     * Writes {@code "0x…"}: a quoted minimal QUANTITY of an unsigned 64-bit value.
     */
    static int putQuantity(final MutableDirectBuffer dst, final int pos, final long value)
    {
        dst.putByte(pos, (byte)'"');
        final int end = pos + 1 + Hex.putQuantity(value, dst, pos + 1);
        dst.putByte(end, (byte)'"');
        return end + 1;
    }

    /**
     * Writes an unsigned 64-bit value as a plain JSON number.
     */
    static int putUnsignedDecimal(final MutableDirectBuffer dst, final int pos, final long value)
    {
        if (value >= 0)
        {
            return pos + dst.putLongAscii(pos, value);
        }
        final long quotient = (value >>> 1) / 5;
        final long remainder = value - quotient * 10;
        final int length = dst.putLongAscii(pos, quotient);
        dst.putByte(pos + length, (byte)('0' + remainder));
        return pos + length + 1;
    }

    /**
     * Writes {@code "0x…"}: quoted lowercase DATA of {@code length} bytes of {@code src}.
     */
    static int putData(
        final MutableDirectBuffer dst, final int pos, final DirectBuffer src, final int srcOffset, final int length)
    {
        dst.putByte(pos, (byte)'"');
        final int end = pos + 1 + Hex.encode(src, srcOffset, length, dst, pos + 1);
        dst.putByte(end, (byte)'"');
        return end + 1;
    }

    /**
     * Copies already validated hex text (quotes and {@code 0x} included) from {@code [from, to)} of {@code src},
     * turning upper-case digits into lower case.
     */
    static int putLowerHexText(
        final MutableDirectBuffer dst, final int pos, final DirectBuffer src, final int from, final int to)
    {
        final int length = to - from;
        dst.putBytes(pos, src, from, length);
        final int end = pos + length - 1;
        int i = pos + 3;
        // Hex digits '0'-'9' already have bit 0x20 set; setting it maps 'A'-'F' to 'a'-'f' and changes nothing else.
        for (; i + 8 <= end; i += 8)
        {
            dst.putLong(i, dst.getLong(i) | LOWER_CASE_BITS);
        }
        for (; i < end; i++)
        {
            dst.putByte(i, (byte)(dst.getByte(i) | 0x20));
        }
        return pos + length;
    }

    /**
     * Writes {@code "0x…"}: the minimal lowercase QUANTITY of the hex digits in {@code [digitsFrom, digitsTo)} of
     * {@code src} (already validated, any case, leading zeros tolerated), without converting them to a number, so it
     * works for 256-bit values.
     */
    static int putMinimalQuantityText(
        final MutableDirectBuffer dst, final int pos, final DirectBuffer src, final int digitsFrom, final int digitsTo)
    {
        int from = digitsFrom;
        while (from < digitsTo - 1 && src.getByte(from) == '0')
        {
            from++;
        }
        dst.putByte(pos, (byte)'"');
        dst.putByte(pos + 1, (byte)'0');
        dst.putByte(pos + 2, (byte)'x');
        int out = pos + 3;
        for (int i = from; i < digitsTo; i++)
        {
            dst.putByte(out++, DIGITS[Hex.digitValue(src.getByte(i))]);
        }
        dst.putByte(out, (byte)'"');
        return out + 1;
    }

    /**
     * Writes {@code "0x…"}: the minimal lowercase QUANTITY of a 256-bit big-endian unsigned value of 32 bytes.
     */
    static int putU256Quantity(final MutableDirectBuffer dst, final int pos, final DirectBuffer src, final int offset)
    {
        int first = 0;
        while (first < 32 && src.getByte(offset + first) == 0)
        {
            first++;
        }
        dst.putByte(pos, (byte)'"');
        dst.putByte(pos + 1, (byte)'0');
        dst.putByte(pos + 2, (byte)'x');
        int out = pos + 3;
        if (first == 32)
        {
            dst.putByte(out++, (byte)'0');
        }
        else
        {
            final int lead = src.getByte(offset + first) & 0xFF;
            if (lead >= 0x10)
            {
                dst.putByte(out++, DIGITS[lead >>> 4]);
            }
            dst.putByte(out++, DIGITS[lead & 0xF]);
            for (int i = first + 1; i < 32; i++)
            {
                final int b = src.getByte(offset + i) & 0xFF;
                dst.putByte(out++, DIGITS[b >>> 4]);
                dst.putByte(out++, DIGITS[b & 0xF]);
            }
        }
        dst.putByte(out, (byte)'"');
        return out + 1;
    }

    /**
     * Decodes the hex digits of a QUANTITY (1..64 digits, any case, validated) into a 32-byte big-endian value,
     * left-padded with zeros.
     */
    static void decodeU256(
        final DirectBuffer src,
        final int digitsFrom,
        final int digitsTo,
        final MutableDirectBuffer dst,
        final int offset)
    {
        dst.setMemory(offset, 32, (byte)0);
        int out = offset + 31;
        int i = digitsTo - 1;
        while (i >= digitsFrom)
        {
            int b = Hex.digitValue(src.getByte(i--));
            if (i >= digitsFrom)
            {
                b |= Hex.digitValue(src.getByte(i--)) << 4;
            }
            dst.putByte(out--, (byte)b);
        }
    }

    /**
     * Parses validated hex digits (at most 16) into an unsigned 64-bit value.
     */
    static long parseHexDigits(final DirectBuffer src, final int digitsFrom, final int digitsTo)
    {
        long value = 0;
        for (int i = digitsFrom; i < digitsTo; i++)
        {
            value = (value << 4) | Hex.digitValue(src.getByte(i));
        }
        return value;
    }

    /**
     * Compares two hex texts of equal length case-insensitively, as their byte values compare.
     *
     * @return negative, zero or positive.
     */
    static int compareHexText(final DirectBuffer buffer, final int a, final int b, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            final int x = Hex.digitValue(buffer.getByte(a + i));
            final int y = Hex.digitValue(buffer.getByte(b + i));
            if (x != y)
            {
                return x - y;
            }
        }
        return 0;
    }
}
