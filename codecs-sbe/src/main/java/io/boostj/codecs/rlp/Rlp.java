package io.boostj.codecs.rlp;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Allocation-free Recursive Length Prefix (RLP) writer (Ethereum yellow paper, appendix B) into a
 * {@link MutableDirectBuffer}.
 * <p>
 * Lists are written header first, so their payload length must be known up front: sum the {@code *Length} functions
 * of the items, or write the items after a reserved gap of {@link #MAX_HEADER_LENGTH} bytes and then place the header
 * with {@link #putListHeaderBefore(MutableDirectBuffer, int, int)}. Every {@code put*} method returns the number of
 * bytes written.
 */
public final class Rlp
{
    /**
     * Encoding of the empty byte string, and of the integer zero.
     */
    public static final byte EMPTY_STRING = (byte)0x80;

    /**
     * Encoding of the empty list.
     */
    public static final byte EMPTY_LIST = (byte)0xC0;

    /**
     * Longest header: one prefix byte and up to four length bytes (payloads are below 2^31 bytes here).
     */
    public static final int MAX_HEADER_LENGTH = 5;

    private static final int SHORT_LIMIT = 56;
    private static final int STRING_OFFSET = 0x80;
    private static final int LONG_STRING_OFFSET = 0xB7;
    private static final int LIST_OFFSET = 0xC0;
    private static final int LONG_LIST_OFFSET = 0xF7;

    private Rlp()
    {
    }

    /**
     * Length of a string or list header for a payload of {@code payloadLength} bytes.
     *
     * @param payloadLength bytes of payload.
     * @return 1 for payloads shorter than 56 bytes, else 1 + the byte length of {@code payloadLength}.
     */
    public static int headerLength(final int payloadLength)
    {
        return payloadLength < SHORT_LIMIT ? 1 : 1 + byteLength(payloadLength);
    }

    /**
     * Encoded length of a list whose items take {@code payloadLength} bytes.
     *
     * @param payloadLength total encoded length of the items.
     * @return header plus payload.
     */
    public static int listLength(final int payloadLength)
    {
        return headerLength(payloadLength) + payloadLength;
    }

    /**
     * Encoded length of an unsigned 64-bit integer (big-endian, no leading zeros; zero is the empty string).
     *
     * @param value the value, read as unsigned.
     * @return 1..9.
     */
    public static int uint64Length(final long value)
    {
        if (value >= 0 && value < STRING_OFFSET)
        {
            return 1;
        }
        return 1 + byteLength(value);
    }

    /**
     * Encoded length of a byte string.
     *
     * @param src    bytes.
     * @param offset first byte.
     * @param length number of bytes.
     * @return header plus payload (a single byte below 0x80 is its own encoding).
     */
    public static int bytesLength(final DirectBuffer src, final int offset, final int length)
    {
        if (length == 1 && (src.getByte(offset) & 0xFF) < STRING_OFFSET)
        {
            return 1;
        }
        return headerLength(length) + length;
    }

    /**
     * Writes an unsigned 64-bit integer.
     *
     * @param dst    destination.
     * @param offset where to write.
     * @param value  the value, read as unsigned.
     * @return bytes written, {@link #uint64Length(long)}.
     */
    public static int putUint64(final MutableDirectBuffer dst, final int offset, final long value)
    {
        if (value == 0)
        {
            dst.putByte(offset, EMPTY_STRING);
            return 1;
        }
        if (value > 0 && value < STRING_OFFSET)
        {
            dst.putByte(offset, (byte)value);
            return 1;
        }
        final int length = byteLength(value);
        dst.putByte(offset, (byte)(STRING_OFFSET + length));
        putBigEndian(dst, offset + 1, value, length);
        return 1 + length;
    }

    /**
     * Writes a byte string.
     *
     * @param dst       destination.
     * @param offset    where to write.
     * @param src       bytes to encode.
     * @param srcOffset first byte.
     * @param length    number of bytes.
     * @return bytes written, {@link #bytesLength(DirectBuffer, int, int)}.
     */
    public static int putBytes(
        final MutableDirectBuffer dst, final int offset, final DirectBuffer src, final int srcOffset, final int length)
    {
        if (length == 1 && (src.getByte(srcOffset) & 0xFF) < STRING_OFFSET)
        {
            dst.putByte(offset, src.getByte(srcOffset));
            return 1;
        }
        final int header = putStringHeader(dst, offset, length);
        dst.putBytes(offset + header, src, srcOffset, length);
        return header + length;
    }

    /**
     * Writes a byte string.
     *
     * @param dst       destination.
     * @param offset    where to write.
     * @param src       bytes to encode.
     * @param srcOffset first byte.
     * @param length    number of bytes.
     * @return bytes written.
     */
    public static int putBytes(
        final MutableDirectBuffer dst, final int offset, final byte[] src, final int srcOffset, final int length)
    {
        if (length == 1 && (src[srcOffset] & 0xFF) < STRING_OFFSET)
        {
            dst.putByte(offset, src[srcOffset]);
            return 1;
        }
        final int header = putStringHeader(dst, offset, length);
        dst.putBytes(offset + header, src, srcOffset, length);
        return header + length;
    }

    /**
     * Writes the header of a byte string whose payload follows (use {@link #putBytes} for short single bytes, which
     * have no header).
     *
     * @param dst           destination.
     * @param offset        where to write.
     * @param payloadLength bytes of payload that will follow.
     * @return bytes written, {@link #headerLength(int)}.
     */
    public static int putStringHeader(final MutableDirectBuffer dst, final int offset, final int payloadLength)
    {
        return putHeader(dst, offset, payloadLength, STRING_OFFSET, LONG_STRING_OFFSET);
    }

    /**
     * Writes the header of a list whose items follow.
     *
     * @param dst           destination.
     * @param offset        where to write.
     * @param payloadLength total encoded length of the items that will follow.
     * @return bytes written, {@link #headerLength(int)}.
     */
    public static int putListHeader(final MutableDirectBuffer dst, final int offset, final int payloadLength)
    {
        return putHeader(dst, offset, payloadLength, LIST_OFFSET, LONG_LIST_OFFSET);
    }

    /**
     * Writes a list header so that it ends exactly at {@code payloadOffset}, where the already written items start.
     *
     * @param dst           destination.
     * @param payloadOffset index of the first byte of the items; at least {@link #headerLength(int)} bytes must precede
     *                      it.
     * @param payloadLength total encoded length of the items.
     * @return the index where the header (and so the encoded list) starts.
     */
    public static int putListHeaderBefore(
        final MutableDirectBuffer dst, final int payloadOffset, final int payloadLength)
    {
        final int start = payloadOffset - headerLength(payloadLength);
        putListHeader(dst, start, payloadLength);
        return start;
    }

    private static int putHeader(
        final MutableDirectBuffer dst,
        final int offset,
        final int payloadLength,
        final int shortBase,
        final int longBase)
    {
        if (payloadLength < 0)
        {
            throw new IllegalArgumentException("negative payload length " + payloadLength);
        }
        if (payloadLength < SHORT_LIMIT)
        {
            dst.putByte(offset, (byte)(shortBase + payloadLength));
            return 1;
        }
        final int lengthOfLength = byteLength(payloadLength);
        dst.putByte(offset, (byte)(longBase + lengthOfLength));
        putBigEndian(dst, offset + 1, payloadLength, lengthOfLength);
        return 1 + lengthOfLength;
    }

    private static int byteLength(final long value)
    {
        return (64 - Long.numberOfLeadingZeros(value) + 7) >>> 3;
    }

    private static void putBigEndian(
        final MutableDirectBuffer dst, final int offset, final long value, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            dst.putByte(offset + i, (byte)(value >>> ((length - 1 - i) << 3)));
        }
    }
}
