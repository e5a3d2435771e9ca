package io.boostj.codecs.rlp;

import org.agrona.DirectBuffer;

/**
 * Allocation-free, strict Recursive Length Prefix (RLP) reader: a flyweight over a {@link DirectBuffer} that decodes one
 * item header at a time.
 * <p>
 * {@link #tryReadItem(int, int)} parses the item that starts at an index and must end at or before a limit; on success
 * the item's kind and payload span are available from {@link #isList()}, {@link #payloadOffset()} and
 * {@link #payloadLength()}, and the return value is the index just past the item, so a list's payload is walked with a
 * loop of {@code tryReadItem(p, listEnd)}. Encodings that are not canonical (a single byte below 0x80 behind a 0x81
 * prefix, a long form for a payload shorter than 56 bytes, length bytes with a leading zero) are refused, as go-ethereum
 * and alloy refuse them. Errors are negative return codes; nothing throws on bad input.
 * <p>
 * Not thread safe.
 */
public final class RlpReader
{
    /**
     * The item runs past the limit, or the input ended inside a header.
     */
    public static final int TRUNCATED = -1;

    /**
     * The item is encoded in a non-canonical (non-minimal) form.
     */
    public static final int NON_CANONICAL = -2;

    /**
     * A length does not fit 31 bits.
     */
    public static final int TOO_LONG = -3;

    /**
     * An integer is not minimal (leading zero byte) or wider than the caller allows.
     */
    public static final int BAD_INTEGER = -4;

    /**
     * A string was expected and a list found, or the other way round.
     */
    public static final int WRONG_KIND = -5;

    private static final int SHORT_LIMIT = 56;

    private DirectBuffer buffer;
    private int payloadOffset;
    private int payloadLength;
    private boolean list;

    /**
     * Wraps a buffer; positions are absolute indexes into it.
     *
     * @param buffer the RLP bytes.
     * @return this for a fluent API.
     */
    public RlpReader wrap(final DirectBuffer buffer)
    {
        this.buffer = buffer;
        this.payloadOffset = 0;
        this.payloadLength = 0;
        this.list = false;
        return this;
    }

    /**
     * The wrapped buffer.
     *
     * @return the buffer given to {@link #wrap(DirectBuffer)}.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Parses the header of the item at {@code offset}.
     *
     * @param offset absolute index of the item's first byte.
     * @param limit  absolute index the item must not run past.
     * @return the index just past the item, or {@link #TRUNCATED}, {@link #NON_CANONICAL} or {@link #TOO_LONG}.
     */
    public int tryReadItem(final int offset, final int limit)
    {
        if (offset >= limit)
        {
            return TRUNCATED;
        }
        final int prefix = buffer.getByte(offset) & 0xFF;
        if (prefix < 0x80)
        {
            list = false;
            payloadOffset = offset;
            payloadLength = 1;
            return offset + 1;
        }
        if (prefix <= 0xB7)
        {
            final int length = prefix - 0x80;
            final int end = offset + 1 + length;
            if (end > limit || end < 0)
            {
                return TRUNCATED;
            }
            if (length == 1 && (buffer.getByte(offset + 1) & 0xFF) < 0x80)
            {
                return NON_CANONICAL;
            }
            list = false;
            payloadOffset = offset + 1;
            payloadLength = length;
            return end;
        }
        if (prefix < 0xC0)
        {
            return longItem(offset, limit, prefix - 0xB7, false);
        }
        if (prefix <= 0xF7)
        {
            final int length = prefix - 0xC0;
            final int end = offset + 1 + length;
            if (end > limit || end < 0)
            {
                return TRUNCATED;
            }
            list = true;
            payloadOffset = offset + 1;
            payloadLength = length;
            return end;
        }
        return longItem(offset, limit, prefix - 0xF7, true);
    }

    /**
     * Parses the item at {@code offset} and requires it to be a string.
     *
     * @param offset absolute index of the item's first byte.
     * @param limit  absolute index the item must not run past.
     * @return the index just past the item, or a negative error code ({@link #WRONG_KIND} for a list).
     */
    public int tryReadString(final int offset, final int limit)
    {
        final int end = tryReadItem(offset, limit);
        if (end >= 0 && list)
        {
            return WRONG_KIND;
        }
        return end;
    }

    /**
     * Parses the item at {@code offset} and requires it to be a list.
     *
     * @param offset absolute index of the item's first byte.
     * @param limit  absolute index the item must not run past.
     * @return the index just past the item, or a negative error code ({@link #WRONG_KIND} for a string).
     */
    public int tryReadList(final int offset, final int limit)
    {
        final int end = tryReadItem(offset, limit);
        if (end >= 0 && !list)
        {
            return WRONG_KIND;
        }
        return end;
    }

    /**
     * Is the last item read a list?
     *
     * @return true for a list, false for a string.
     */
    public boolean isList()
    {
        return list;
    }

    /**
     * Absolute index of the last item's payload (for a single byte below 0x80, the byte itself).
     *
     * @return the index.
     */
    public int payloadOffset()
    {
        return payloadOffset;
    }

    /**
     * Length of the last item's payload.
     *
     * @return bytes.
     */
    public int payloadLength()
    {
        return payloadLength;
    }

    /**
     * Checks that the last item read is a canonical unsigned integer of at most {@code maxBytes} bytes: a string with
     * no leading zero byte (zero is the empty string).
     *
     * @param maxBytes widest accepted integer, e.g. 8 for a {@code uint64} or 32 for a {@code uint256}.
     * @return 0 if it is, else {@link #WRONG_KIND} or {@link #BAD_INTEGER}.
     */
    public int checkUnsigned(final int maxBytes)
    {
        if (list)
        {
            return WRONG_KIND;
        }
        if (payloadLength > maxBytes || (payloadLength > 0 && buffer.getByte(payloadOffset) == 0))
        {
            return BAD_INTEGER;
        }
        return 0;
    }

    /**
     * The last item read as an unsigned integer of up to 8 bytes; call {@link #checkUnsigned(int)} with 8 first.
     *
     * @return the value; above {@link Long#MAX_VALUE} it comes back as its two's complement bit pattern.
     */
    public long uint64()
    {
        long value = 0;
        for (int i = payloadOffset, end = payloadOffset + payloadLength; i < end; i++)
        {
            value = (value << 8) | (buffer.getByte(i) & 0xFF);
        }
        return value;
    }

    /**
     * A short description of a result code, for messages.
     *
     * @param code a negative result of this class.
     * @return a constant description.
     */
    public static String describe(final int code)
    {
        switch (code)
        {
            case TRUNCATED:
                return "truncated RLP";
            case NON_CANONICAL:
                return "non-canonical RLP";
            case TOO_LONG:
                return "RLP length too large";
            case BAD_INTEGER:
                return "non-canonical or too wide RLP integer";
            case WRONG_KIND:
                return "RLP list where a string was expected or the other way round";
            default:
                return "RLP error " + code;
        }
    }

    private int longItem(final int offset, final int limit, final int lengthOfLength, final boolean isList)
    {
        if (offset + 1 + lengthOfLength > limit)
        {
            return TRUNCATED;
        }
        if (buffer.getByte(offset + 1) == 0)
        {
            return NON_CANONICAL;
        }
        if (lengthOfLength > 4)
        {
            return TOO_LONG;
        }
        long length = 0;
        for (int i = 0; i < lengthOfLength; i++)
        {
            length = (length << 8) | (buffer.getByte(offset + 1 + i) & 0xFF);
        }
        if (length < SHORT_LIMIT)
        {
            return NON_CANONICAL;
        }
        final long end = (long)offset + 1 + lengthOfLength + length;
        if (length > Integer.MAX_VALUE || end > limit)
        {
            return length > Integer.MAX_VALUE ? TOO_LONG : TRUNCATED;
        }
        list = isList;
        payloadOffset = offset + 1 + lengthOfLength;
        payloadLength = (int)length;
        return (int)end;
    }
}
