package io.boostj.core.json;

import org.agrona.DirectBuffer;

/**
 * Tiny, allocation-free searches over raw JSON bytes, for the few places where the engine needs one value from a
 * document it otherwise splices untouched. Not a parser: inputs come from a well-formed upstream reply.
 */
public final class JsonBytes
{
    /**
     * Returned when nothing was found.
     */
    public static final long NOT_FOUND = -1L;

    private JsonBytes()
    {
    }

    /**
     * Finds a member {@code "key": "value"} anywhere in a document and returns where the string value's content is,
     * still JSON-escaped, so that it can be spliced into another JSON string as it is.
     *
     * @param buffer     holding the document.
     * @param offset     of the document.
     * @param length     of the document.
     * @param quotedKey  the key with its quotes, for example {@code "validationError"} as ASCII bytes.
     * @return {@code (contentOffset << 32) | contentLength}, or {@link #NOT_FOUND} if the key is absent or its value
     * is not a string (for example {@code null}).
     */
    public static long findStringMember(
        final DirectBuffer buffer, final int offset, final int length, final byte[] quotedKey)
    {
        final int end = offset + length;
        final int keyLength = quotedKey.length;
        for (int i = offset; i + keyLength <= end; i++)
        {
            if (!matches(buffer, i, quotedKey))
            {
                continue;
            }

            int p = skipWhitespace(buffer, i + keyLength, end);
            if (p >= end || buffer.getByte(p) != ':')
            {
                continue;
            }

            p = skipWhitespace(buffer, p + 1, end);
            if (p >= end || buffer.getByte(p) != '"')
            {
                return NOT_FOUND;
            }

            final int contentStart = p + 1;
            for (int q = contentStart; q < end; q++)
            {
                final byte b = buffer.getByte(q);
                if ('\\' == b)
                {
                    q++;
                }
                else if ('"' == b)
                {
                    return ((long)contentStart << 32) | (q - contentStart);
                }
            }
            return NOT_FOUND;
        }
        return NOT_FOUND;
    }

    /**
     * The offset part of a {@link #findStringMember(DirectBuffer, int, int, byte[])} result.
     *
     * @param found a result other than {@link #NOT_FOUND}.
     * @return the content offset.
     */
    public static int foundOffset(final long found)
    {
        return (int)(found >>> 32);
    }

    /**
     * The length part of a {@link #findStringMember(DirectBuffer, int, int, byte[])} result.
     *
     * @param found a result other than {@link #NOT_FOUND}.
     * @return the content length.
     */
    public static int foundLength(final long found)
    {
        return (int)found;
    }

    /**
     * Index of the first byte at or after {@code from} that is not JSON whitespace.
     *
     * @param buffer holding the bytes.
     * @param from   first index to look at.
     * @param end    index after the last byte.
     * @return the index, or {@code end}.
     */
    public static int skipWhitespace(final DirectBuffer buffer, final int from, final int end)
    {
        int p = from;
        while (p < end)
        {
            final byte b = buffer.getByte(p);
            if (' ' != b && '\n' != b && '\r' != b && '\t' != b)
            {
                break;
            }
            p++;
        }
        return p;
    }

    private static boolean matches(final DirectBuffer buffer, final int at, final byte[] pattern)
    {
        for (int k = 0; k < pattern.length; k++)
        {
            if (buffer.getByte(at + k) != pattern[k])
            {
                return false;
            }
        }
        return true;
    }
}
