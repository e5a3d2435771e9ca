package io.boostj.codecs.json;

import io.boostj.codecs.hex.Hex;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Zero-copy, allocation-free JSON scanner over a range of an Agrona {@link DirectBuffer}: a flyweight that is
 * {@link #wrap(DirectBuffer, int, int) re-wrapped} per message.
 * <p>
 * All positions are absolute indexes into the wrapped buffer. {@link #validate()} checks that the range holds exactly
 * one well-formed RFC 8259 value. The navigation methods ({@link #member(int, String)}, {@link #element(int, int)},
 * {@link #valueEnd(int)}, ...) assume a validated or trusted input and do not re-check the grammar, but on any input
 * they stay inside the wrapped range and terminate, throwing {@link JsonException} when the bytes make no sense. Every
 * method that takes a value position skips leading whitespace first.
 * <p>
 * A successful {@link #validate()} also records where every object and array ends, so that skipping a container
 * (what {@link #valueEnd}, {@link #nextMember} and {@link #member} do for every member they pass) is a binary search
 * instead of a rescan of its bytes: without it, walking the members of a 500 KB flashblock rescanned its transactions
 * once per look-up. Strings are skipped eight bytes at a time. The index arrays grow to the largest message seen and
 * are then reused.
 * <p>
 * Not thread safe.
 */
public final class JsonScanner
{
    /**
     * {@link #kind(int)} of an object.
     */
    public static final byte OBJECT = '{';

    /**
     * {@link #kind(int)} of an array.
     */
    public static final byte ARRAY = '[';

    /**
     * {@link #kind(int)} of a string.
     */
    public static final byte STRING = '"';

    /**
     * {@link #kind(int)} of a number.
     */
    public static final byte NUMBER = '0';

    /**
     * {@link #kind(int)} of {@code true}.
     */
    public static final byte TRUE = 't';

    /**
     * {@link #kind(int)} of {@code false}.
     */
    public static final byte FALSE = 'f';

    /**
     * {@link #kind(int)} of {@code null}.
     */
    public static final byte NULL = 'n';

    /**
     * Deepest nesting of objects and arrays {@link #validate()} accepts.
     */
    public static final int MAX_DEPTH = 512;

    /**
     * {@link #validate()} result for a well-formed value.
     */
    public static final int VALID = -1;

    private static final String ERR_EMPTY = "empty input";
    private static final String ERR_UNEXPECTED = "unexpected character";
    private static final String ERR_TRAILING = "trailing characters after the value";
    private static final String ERR_EOF = "unexpected end of input";
    private static final String ERR_DEPTH = "nesting deeper than 512";
    private static final String ERR_CONTROL = "control character in string";
    private static final String ERR_ESCAPE = "invalid escape in string";
    private static final String ERR_UTF8 = "invalid UTF-8 in string";
    private static final String ERR_NUMBER = "invalid number";
    private static final String ERR_LITERAL = "invalid literal";
    private static final String ERR_KEY = "expected a string key";
    private static final String ERR_COLON = "expected ':'";
    private static final String ERR_SEPARATOR = "expected ',' or a closing bracket";
    private static final String ERR_OUT_OF_RANGE = "position outside the wrapped range";
    private static final String ERR_NOT_VALUE = "not the start of a value";
    private static final String ERR_NOT_STRING = "expected a string";
    private static final String ERR_NOT_BOOLEAN = "expected true or false";
    private static final String ERR_NOT_QUANTITY = "expected a 0x quantity or a non-negative integer";
    private static final String ERR_OVERFLOW = "number does not fit 64 bits";
    private static final String ERR_NOT_INTEGER = "expected an integer number";
    private static final String ERR_NOT_HEX = "expected 0x-prefixed even-length hex data";
    private static final String ERR_HEX_LENGTH = "hex data has the wrong length";

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long CONTROL_LIMIT = ONES * 0x20;
    private static final long UNSIGNED_MAX_DIV_10 = 1844674407370955161L;
    private static final long LONG_MIN_DIV_10 = Long.MIN_VALUE / 10;

    private final long[] containerIsObject = new long[MAX_DEPTH >>> 6];
    private final int[] openContainerByDepth = new int[MAX_DEPTH];
    private int[] containerStarts = new int[64];
    private int[] containerEnds = new int[64];
    private int containerCount;
    private boolean containersIndexed;
    private DirectBuffer buffer;
    private int offset;
    private int limit;
    private String errorReason;

    /**
     * Wraps a range of a buffer.
     *
     * @param buffer the bytes.
     * @param offset absolute index of the first byte of the JSON text.
     * @param length number of bytes of the JSON text.
     * @return this for a fluent API.
     * @throws IndexOutOfBoundsException if the range is not inside the buffer.
     */
    public JsonScanner wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        if (offset < 0 || length < 0)
        {
            throw new IndexOutOfBoundsException("offset=" + offset + " length=" + length);
        }
        buffer.boundsCheck(offset, length);
        this.buffer = buffer;
        this.offset = offset;
        this.limit = offset + length;
        this.errorReason = null;
        this.containerCount = 0;
        this.containersIndexed = false;
        return this;
    }

    /**
     * The wrapped buffer.
     *
     * @return the buffer given to {@link #wrap(DirectBuffer, int, int)}.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Absolute index of the first wrapped byte.
     *
     * @return the offset given to {@link #wrap(DirectBuffer, int, int)}.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * Absolute index just past the last wrapped byte.
     *
     * @return offset + length.
     */
    public int limit()
    {
        return limit;
    }

    /**
     * Why the last {@link #validate()} failed.
     *
     * @return a constant description, or null if the last validation succeeded or none ran since the last wrap.
     */
    public String errorReason()
    {
        return errorReason;
    }

    /**
     * Checks that the wrapped range is exactly one well-formed JSON value (RFC 8259, UTF-8 strings, nesting at most
     * {@link #MAX_DEPTH}) surrounded by optional whitespace.
     *
     * @return {@link #VALID} (-1) when valid, else the absolute index of the first error ({@link #limit()} when the
     * input ends too early); {@link #errorReason()} then says why.
     */
    public int validate()
    {
        containerCount = 0;
        containersIndexed = false;
        final int result = validateAndIndex();
        containersIndexed = VALID == result;
        return result;
    }

    private int validateAndIndex()
    {
        errorReason = null;
        int pos = skipWhitespace(offset);
        if (pos >= limit)
        {
            return fail(ERR_EMPTY, pos);
        }

        int depth = 0;
        while (true)
        {
            final byte c = buffer.getByte(pos);
            boolean complete = true;
            switch (c)
            {
                case '{':
                case '[':
                {
                    if (depth == MAX_DEPTH)
                    {
                        return fail(ERR_DEPTH, pos);
                    }
                    final boolean isObject = c == '{';
                    openContainer(depth, pos);
                    setContainer(depth++, isObject);
                    pos = skipWhitespace(pos + 1);
                    if (pos >= limit)
                    {
                        return fail(ERR_EOF, pos);
                    }
                    final byte close = isObject ? (byte)'}' : (byte)']';
                    if (buffer.getByte(pos) == close)
                    {
                        containerEnds[openContainerByDepth[depth - 1]] = pos + 1;
                        pos++;
                        depth--;
                    }
                    else
                    {
                        complete = false;
                        if (isObject)
                        {
                            pos = validateKeyAndColon(pos);
                            if (pos < 0)
                            {
                                return -pos - 2;
                            }
                        }
                    }
                    break;
                }

                case '"':
                    pos = validateString(pos);
                    break;

                case 't':
                    pos = validateLiteral(pos, "true");
                    break;

                case 'f':
                    pos = validateLiteral(pos, "false");
                    break;

                case 'n':
                    pos = validateLiteral(pos, "null");
                    break;

                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        pos = validateNumber(pos);
                    }
                    else
                    {
                        return fail(ERR_UNEXPECTED, pos);
                    }
            }

            if (pos < 0)
            {
                return -pos - 2;
            }

            if (!complete)
            {
                continue;
            }

            while (true)
            {
                pos = skipWhitespace(pos);
                if (depth == 0)
                {
                    return pos == limit ? VALID : fail(ERR_TRAILING, pos);
                }
                if (pos >= limit)
                {
                    return fail(ERR_EOF, pos);
                }

                final byte s = buffer.getByte(pos);
                final boolean inObject = isObjectContainer(depth - 1);
                if (s == ',')
                {
                    pos = skipWhitespace(pos + 1);
                    if (inObject)
                    {
                        pos = validateKeyAndColon(pos);
                        if (pos < 0)
                        {
                            return -pos - 2;
                        }
                    }
                    else if (pos >= limit)
                    {
                        return fail(ERR_EOF, pos);
                    }
                    break;
                }
                else if (s == (inObject ? '}' : ']'))
                {
                    containerEnds[openContainerByDepth[depth - 1]] = pos + 1;
                    pos++;
                    depth--;
                }
                else
                {
                    return fail(ERR_SEPARATOR, pos);
                }
            }
        }
    }

    /**
     * Index of the first non-whitespace byte (space, tab, CR, LF) at or after {@code pos}.
     *
     * @param pos absolute index.
     * @return the index, at most {@link #limit()} (or {@code pos} if already past it).
     * @throws JsonException if {@code pos} is before the wrapped range.
     */
    public int skipWhitespace(final int pos)
    {
        if (pos < offset)
        {
            throw new JsonException(ERR_OUT_OF_RANGE, pos);
        }
        int p = pos;
        while (p < limit)
        {
            final byte c = buffer.getByte(p);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            {
                break;
            }
            p++;
        }
        return p;
    }

    /**
     * Index of the first byte of the value at {@code pos}: {@link #skipWhitespace(int)}.
     *
     * @param pos absolute index at or before the value.
     * @return the index of the value's first byte.
     */
    public int valueStart(final int pos)
    {
        return skipWhitespace(pos);
    }

    /**
     * Index just past the value that starts at {@code pos} (after skipping whitespace).
     *
     * @param pos absolute index at or before the value.
     * @return the index just past the value's last byte.
     * @throws JsonException if there is no value there or it runs past the wrapped range.
     */
    public int valueEnd(final int pos)
    {
        final int p = skipWhitespace(pos);
        final byte c = byteAt(p);
        switch (c)
        {
            case '"':
                return stringEnd(p);

            case '{':
            case '[':
                return containerEnd(p);

            case '}':
            case ']':
            case ',':
            case ':':
                throw new JsonException(ERR_NOT_VALUE, p);

            default:
                return scalarEnd(p);
        }
    }

    /**
     * The value of a member of an object, found by comparing {@code key} byte for byte with each raw (undecoded) member
     * name. When a name occurs more than once the first occurrence wins.
     *
     * @param objectPos absolute index at or before the object.
     * @param key       ASCII member name.
     * @return the index of the member's value, or -1 if the value at {@code objectPos} is not an object or has no such
     * member, or {@code objectPos} is negative (so absence propagates through chained look-ups).
     * @throws JsonException if the object is malformed.
     */
    public int member(final int objectPos, final String key)
    {
        if (objectPos < 0)
        {
            return -1;
        }
        int p = skipWhitespace(objectPos);
        if (p >= limit || buffer.getByte(p) != '{')
        {
            return -1;
        }
        p = skipWhitespace(p + 1);
        if (byteAt(p) == '}')
        {
            return -1;
        }

        while (true)
        {
            if (byteAt(p) != '"')
            {
                throw new JsonException(ERR_KEY, p);
            }
            final int nameEnd = stringEnd(p);
            final boolean match = rawEquals(p + 1, nameEnd - 1, key);
            p = skipWhitespace(nameEnd);
            if (byteAt(p) != ':')
            {
                throw new JsonException(ERR_COLON, p);
            }
            final int valuePos = skipWhitespace(p + 1);
            if (match)
            {
                byteAt(valuePos);
                return valuePos;
            }
            p = skipWhitespace(valueEnd(valuePos));
            final byte c = byteAt(p);
            if (c == ',')
            {
                p = skipWhitespace(p + 1);
            }
            else if (c == '}')
            {
                return -1;
            }
            else
            {
                throw new JsonException(ERR_SEPARATOR, p);
            }
        }
    }

    /**
     * Starts a one-pass walk over the members of an object: the position of the first member's name.
     *
     * @param objectPos absolute index at or before the object.
     * @return the index of the opening quote of the first member name, or -1 if the value is not an object, is empty,
     * or {@code objectPos} is negative.
     * @throws JsonException if the object is malformed.
     */
    public int firstMember(final int objectPos)
    {
        if (objectPos < 0)
        {
            return -1;
        }
        int p = skipWhitespace(objectPos);
        if (p >= limit || buffer.getByte(p) != '{')
        {
            return -1;
        }
        p = skipWhitespace(p + 1);
        final byte c = byteAt(p);
        if (c == '}')
        {
            return -1;
        }
        if (c != '"')
        {
            throw new JsonException(ERR_KEY, p);
        }
        return p;
    }

    /**
     * The value of the member whose name starts at {@code namePos}.
     *
     * @param namePos index of the opening quote of a member name, from {@link #firstMember(int)} or
     *                {@link #nextMember(int)}.
     * @return the index of the first byte of the member's value.
     * @throws JsonException if the member is malformed.
     */
    public int memberValue(final int namePos)
    {
        if (byteAt(namePos) != '"')
        {
            throw new JsonException(ERR_KEY, namePos);
        }
        final int p = skipWhitespace(stringEnd(namePos));
        if (byteAt(p) != ':')
        {
            throw new JsonException(ERR_COLON, p);
        }
        final int valuePos = skipWhitespace(p + 1);
        byteAt(valuePos);
        return valuePos;
    }

    /**
     * The member after the one whose name starts at {@code namePos}. Compare names with
     * {@link #stringEquals(int, String)}.
     *
     * @param namePos index of the opening quote of a member name.
     * @return the index of the opening quote of the next member name, or -1 if this was the last member.
     * @throws JsonException if the object is malformed.
     */
    public int nextMember(final int namePos)
    {
        return nextMemberFrom(valueEnd(memberValue(namePos)));
    }

    /**
     * The member after the one whose value ends at {@code valueEnd}: lets a walk that already knows where the current
     * value ends (because it needed its span) avoid skipping the value twice.
     *
     * @param valueEnd index just past the current member's value, from {@link #valueEnd(int)}.
     * @return the index of the opening quote of the next member name, or -1 if this was the last member.
     * @throws JsonException if the object is malformed.
     */
    public int nextMemberFrom(final int valueEnd)
    {
        int p = skipWhitespace(valueEnd);
        final byte c = byteAt(p);
        if (c == '}')
        {
            return -1;
        }
        if (c != ',')
        {
            throw new JsonException(ERR_SEPARATOR, p);
        }
        p = skipWhitespace(p + 1);
        if (byteAt(p) != '"')
        {
            throw new JsonException(ERR_KEY, p);
        }
        return p;
    }

    /**
     * The element at {@code index} of an array.
     *
     * @param arrayPos absolute index at or before the array.
     * @param index    zero-based element index.
     * @return the index of the element's first byte, or -1 if the value is not an array, {@code index} is out of range
     * or {@code arrayPos} is negative.
     * @throws JsonException if the array is malformed.
     */
    public int element(final int arrayPos, final int index)
    {
        if (arrayPos < 0 || index < 0)
        {
            return -1;
        }
        int p = skipWhitespace(arrayPos);
        if ( p >= limit || buffer.getByte(p) != '[')
        {
            return -1;
        }
        p = skipWhitespace(p + 1);
        if (byteAt(p) == ']')
        {
            return -1;
        }

        int i = 0;
        while (true)
        {
            if (i == index)
            {
                byteAt(p);
                return p;
            }
            p = skipWhitespace(valueEnd(p));
            final byte c = byteAt(p);
            if (c == ',')
            {
                p = skipWhitespace(p + 1);
                i++;
            }
            else if (c == ']')
            {
                return -1;
            }
            else
            {
                throw new JsonException(ERR_SEPARATOR, p);
            }
        }
    }

    /**
     * The element that follows the one at {@code elementPos} in the same array: with {@link #element(int, int)} for the
     * first, this walks an array in one linear pass.
     *
     * @param elementPos absolute index of an element (as returned by {@link #element(int, int)} or this method).
     * @return the index of the next element's first byte, or -1 if {@code elementPos} is the last element or negative.
     * @throws JsonException if the array is malformed.
     */
    public int nextElement(final int elementPos)
    {
        if (elementPos < 0)
        {
            return -1;
        }
        final int p = skipWhitespace(valueEnd(elementPos));
        final byte c = byteAt(p);
        if (c == ',')
        {
            final int next = skipWhitespace(p + 1);
            byteAt(next);
            return next;
        }
        if (c == ']')
        {
            return -1;
        }
        throw new JsonException(ERR_SEPARATOR, p);
    }

    /**
     * Number of elements of an array.
     *
     * @param arrayPos absolute index at or before the array.
     * @return the element count, or -1 if the value is not an array or {@code arrayPos} is negative.
     * @throws JsonException if the array is malformed.
     */
    public int elementCount(final int arrayPos)
    {
        if (arrayPos < 0)
        {
            return -1;
        }
        int p = skipWhitespace(arrayPos);
        if (p >= limit || buffer.getByte(p) != '[')
        {
            return -1;
        }
        p = skipWhitespace(p + 1);
        if (byteAt(p) == ']')
        {
            return 0;
        }

        int count = 1;
        while (true)
        {
            p = skipWhitespace(valueEnd(p));
            final byte c = byteAt(p);
            if (c == ',')
            {
                p = skipWhitespace(p + 1);
                count++;
            }
            else if (c == ']')
            {
                return count;
            }
            else
            {
                throw new JsonException(ERR_SEPARATOR, p);
            }
        }
    }

    /**
     * The kind of the value at {@code pos}.
     *
     * @param pos absolute index at or before the value.
     * @return one of {@link #OBJECT}, {@link #ARRAY}, {@link #STRING}, {@link #NUMBER}, {@link #TRUE}, {@link #FALSE},
     * {@link #NULL}.
     * @throws JsonException if no value starts there.
     */
    public byte kind(final int pos)
    {
        final int p = skipWhitespace(pos);
        final byte c = byteAt(p);
        switch (c)
        {
            case '{':
            case '[':
            case '"':
            case 't':
            case 'f':
            case 'n':
                return c;

            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return NUMBER;
                }
                throw new JsonException(ERR_NOT_VALUE, p);
        }
    }

    /**
     * Is the value at {@code pos} JSON {@code null}?
     *
     * @param pos absolute index at or before the value.
     * @return true for {@code null}.
     * @throws JsonException if {@code pos} is outside the wrapped range or no value starts there.
     */
    public boolean isNull(final int pos)
    {
        return kind(pos) == NULL;
    }

    /**
     * Convenience for optional members: true when {@code pos} is negative (as {@link #member(int, String)} returns for
     * an absent member) or the value there is {@code null}.
     *
     * @param pos a position returned by {@link #member(int, String)} or {@link #element(int, int)}.
     * @return true when absent or null.
     * @throws JsonException if {@code pos} is not negative and no value starts there.
     */
    public boolean isAbsentOrNull(final int pos)
    {
        return pos < 0 || kind(pos) == NULL;
    }

    /**
     * The value of a JSON boolean.
     *
     * @param pos absolute index at or before the value.
     * @return true or false.
     * @throws JsonException if the value is not a boolean.
     */
    public boolean booleanValue(final int pos)
    {
        final byte k = kind(pos);
        if (k == TRUE)
        {
            return true;
        }
        if (k == FALSE)
        {
            return false;
        }
        throw new JsonException(ERR_NOT_BOOLEAN, skipWhitespace(pos));
    }

    /**
     * An unsigned 64-bit quantity: a {@code "0x…"} hex QUANTITY string (1..16 significant digits, leading zeros
     * tolerated) or a plain non-negative JSON integer. Values above {@link Long#MAX_VALUE} come back as their two's
     * complement bit pattern, the SBE {@code uint64} convention.
     *
     * @param pos absolute index at or before the value.
     * @return the value.
     * @throws JsonException if malformed or wider than 64 bits.
     */
    public long quantity(final int pos)
    {
        final int p = skipWhitespace(pos);
        final byte c = byteAt(p);
        if (c == '"')
        {
            final int end = stringEnd(p) - 1;
            int i = p + 1;
            if (end - i < 3 || buffer.getByte(i) != '0' || buffer.getByte(i + 1) != 'x')
            {
                throw new JsonException(ERR_NOT_QUANTITY, p);
            }
            i += 2;
            long value = 0;
            for (; i < end; i++)
            {
                final int d = Hex.digitValue(buffer.getByte(i));
                if (d < 0)
                {
                    throw new JsonException(ERR_NOT_QUANTITY, i);
                }
                if ((value >>> 60) != 0)
                {
                    throw new JsonException(ERR_OVERFLOW, i);
                }
                value = (value << 4) | d;
            }
            return value;
        }

        if (c < '0' || c > '9')
        {
            throw new JsonException(ERR_NOT_QUANTITY, p);
        }
        final int end = scalarEnd(p);
        if (c == '0' && end != p + 1)
        {
            throw new JsonException(ERR_NOT_QUANTITY, p);
        }
        long value = 0;
        for (int i = p; i < end; i++)
        {
            final int d = buffer.getByte(i) - '0';
            if (d < 0 || d > 9)
            {
                throw new JsonException(ERR_NOT_QUANTITY, i);
            }
            if (Long.compareUnsigned(value, UNSIGNED_MAX_DIV_10) > 0 || (value == UNSIGNED_MAX_DIV_10 && d > 5))
            {
                throw new JsonException(ERR_OVERFLOW, i);
            }
            value = value * 10 + d;
        }
        return value;
    }

    /**
     * A signed JSON integer (optional minus sign, digits, no fraction or exponent) that fits a {@code long}, such as a
     * JSON-RPC error code.
     *
     * @param pos absolute index at or before the value.
     * @return the value.
     * @throws JsonException if the value is not an integer number or does not fit a {@code long}.
     */
    public long longValue(final int pos)
    {
        final int p = skipWhitespace(pos);
        final byte first = byteAt(p);
        final boolean negative = first == '-';
        final int digitsStart = negative ? p + 1 : p;
        final int end = scalarEnd(p);
        if (digitsStart >= end || (buffer.getByte(digitsStart) == '0' && end != digitsStart + 1))
        {
            throw new JsonException(ERR_NOT_INTEGER, p);
        }
        long value = 0;
        for (int i = digitsStart; i < end; i++)
        {
            final int d = buffer.getByte(i) - '0';
            if (d < 0 || d > 9)
            {
                throw new JsonException(ERR_NOT_INTEGER, i);
            }
            if (value < LONG_MIN_DIV_10 || (value == LONG_MIN_DIV_10 && d > 8))
            {
                throw new JsonException(ERR_OVERFLOW, i);
            }
            value = value * 10 - d;
        }
        if (!negative)
        {
            if (value == Long.MIN_VALUE)
            {
                throw new JsonException(ERR_OVERFLOW, p);
            }
            value = -value;
        }
        return value;
    }

    /**
     * Decodes a {@code "0x…"} DATA string (even number of hex digits, either case) into {@code dst}.
     *
     * @param pos            absolute index at or before the string.
     * @param dst            destination buffer; its content is undefined if this throws.
     * @param dstOffset      where to write the first byte.
     * @param expectedLength required byte length, or a negative value to accept any length.
     * @return number of bytes written.
     * @throws JsonException if the value is not 0x-prefixed hex of even length, or the length differs from
     *                       {@code expectedLength}.
     */
    public int hexBytes(final int pos, final MutableDirectBuffer dst, final int dstOffset, final int expectedLength)
    {
        final int p = skipWhitespace(pos);
        if (byteAt(p) != '"')
        {
            throw new JsonException(ERR_NOT_HEX, p);
        }
        final int start = p + 1;
        final int end = stringEnd(p) - 1;
        final int digits = end - start - 2;
        if (digits < 0 || (digits & 1) != 0 || buffer.getByte(start) != '0' || buffer.getByte(start + 1) != 'x')
        {
            throw new JsonException(ERR_NOT_HEX, p);
        }
        final int length = digits >>> 1;
        if (expectedLength >= 0 && length != expectedLength)
        {
            throw new JsonException(ERR_HEX_LENGTH, p);
        }
        if (Hex.tryDecodeDigits(buffer, start + 2, digits, dst, dstOffset) != length)
        {
            throw new JsonException(ERR_NOT_HEX, p);
        }
        return length;
    }

    /**
     * Index of the first content byte of a string (just past the opening quote). Escapes are not decoded.
     *
     * @param pos absolute index at or before the string.
     * @return the index.
     * @throws JsonException if the value is not a string.
     */
    public int stringContentStart(final int pos)
    {
        final int p = skipWhitespace(pos);
        if (byteAt(p) != '"')
        {
            throw new JsonException(ERR_NOT_STRING, p);
        }
        return p + 1;
    }

    /**
     * Index of the closing quote of a string, i.e. just past its raw content.
     *
     * @param pos absolute index at or before the string.
     * @return the index.
     * @throws JsonException if the value is not a string or is unterminated.
     */
    public int stringContentEnd(final int pos)
    {
        final int p = skipWhitespace(pos);
        if (byteAt(p) != '"')
        {
            throw new JsonException(ERR_NOT_STRING, p);
        }
        return stringEnd(p) - 1;
    }

    /**
     * Is the value at {@code pos} a string whose raw content equals {@code ascii} byte for byte?
     *
     * @param pos   absolute index at or before the value.
     * @param ascii the expected content.
     * @return true if the value is a string with exactly that raw content; false otherwise (including non-strings).
     * @throws JsonException if {@code pos} is outside the wrapped range or the string is unterminated.
     */
    public boolean stringEquals(final int pos, final String ascii)
    {
        final int p = skipWhitespace(pos);
        if (byteAt(p) != '"')
        {
            return false;
        }
        return rawEquals(p + 1, stringEnd(p) - 1, ascii);
    }

    /**
     * Compares a raw byte range of the wrapped buffer with an ASCII string.
     *
     * @param start absolute index of the first byte.
     * @param end   absolute index just past the last byte.
     * @param ascii the expected characters.
     * @return true if the bytes equal the characters one for one.
     */
    public boolean rawEquals(final int start, final int end, final String ascii)
    {
        final int length = ascii.length();
        if (end - start != length || start < offset || end > limit)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(start + i) != (byte)ascii.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    private byte byteAt(final int pos)
    {
        if (pos < offset || pos >= limit)
        {
            throw new JsonException(pos >= limit ? ERR_EOF : ERR_OUT_OF_RANGE, pos);
        }
        return buffer.getByte(pos);
    }

    private int stringEnd(final int quotePos)
    {
        int p = quotePos + 1;
        if (p < offset)
        {
            throw new JsonException(ERR_OUT_OF_RANGE, p);
        }
        while (p + 8 <= limit)
        {
            final long word = buffer.getLong(p, java.nio.ByteOrder.LITTLE_ENDIAN);
            final long quotes = word ^ QUOTES;
            final long slashes = word ^ BACKSLASHES;
            final long found = ((quotes - ONES) & ~quotes | (slashes - ONES) & ~slashes) & HIGH_BITS;
            if (0 == found)
            {
                p += 8;
                continue;
            }
            p += Long.numberOfTrailingZeros(found) >>> 3;
            if (buffer.getByte(p) == '"')
            {
                return p + 1;
            }
            p += 2;
        }
        while (true)
        {
            final byte c = byteAt(p);
            if (c == '"')
            {
                return p + 1;
            }
            p += c == '\\' ? 2 : 1;
        }
    }

    private int containerEnd(final int openPos)
    {
        if (containersIndexed)
        {
            final int i = java.util.Arrays.binarySearch(containerStarts, 0, containerCount, openPos);
            if (i >= 0)
            {
                return containerEnds[i];
            }
        }
        int depth = 0;
        int p = openPos;
        while (true)
        {
            final byte c = byteAt(p);
            if (c == '"')
            {
                p = stringEnd(p);
                continue;
            }
            if (c == '{' || c == '[')
            {
                depth++;
            }
            else if (c == '}' || c == ']')
            {
                if (--depth == 0)
                {
                    return p + 1;
                }
            }
            p++;
        }
    }

    private int scalarEnd(final int startPos)
    {
        int p = startPos + 1;
        while (p < limit)
        {
            final byte c = buffer.getByte(p);
            if (c == ',' || c == '}' || c == ']' || c == ':' || c == ' ' || c == '\n' || c == '\r' || c == '\t')
            {
                break;
            }
            p++;
        }
        return p;
    }

    private int fail(final String reason, final int pos)
    {
        errorReason = reason;
        return pos;
    }

    /*
     * The validate* helpers return the position after what they consumed, or (-errorPosition - 2) after recording the
     * reason, so a failure never needs an exception or an extra field read on the success path.
     */
    private int failEncoded(final String reason, final int pos)
    {
        errorReason = reason;
        return -pos - 2;
    }

    private int validateKeyAndColon(final int pos)
    {
        if (pos >= limit)
        {
            return failEncoded(ERR_EOF, pos);
        }
        if (buffer.getByte(pos) != '"')
        {
            return failEncoded(ERR_KEY, pos);
        }
        int p = validateString(pos);
        if (p < 0)
        {
            return p;
        }
        p = skipWhitespace(p);
        if (p >= limit)
        {
            return failEncoded(ERR_EOF, p);
        }
        if (buffer.getByte(p) != ':')
        {
            return failEncoded(ERR_COLON, p);
        }
        p = skipWhitespace(p + 1);
        if (p >= limit)
        {
            return failEncoded(ERR_EOF, p);
        }
        return p;
    }

    private int validateString(final int quotePos)
    {
        int p = quotePos + 1;
        while (p < limit)
        {
            if (p + 8 <= limit && isPlainAscii(buffer.getLong(p, java.nio.ByteOrder.LITTLE_ENDIAN)))
            {
                p += 8;
                continue;
            }
            final byte c = buffer.getByte(p);
            if (c == '"')
            {
                return p + 1;
            }
            if (c == '\\')
            {
                if (p + 1 >= limit)
                {
                    return failEncoded(ERR_EOF, limit);
                }
                final byte e = buffer.getByte(p + 1);
                switch (e)
                {
                    case '"':
                    case '\\':
                    case '/':
                    case 'b':
                    case 'f':
                    case 'n':
                    case 'r':
                    case 't':
                        p += 2;
                        break;

                    case 'u':
                        for (int i = p + 2; i < p + 6; i++)
                        {
                            if (i >= limit)
                            {
                                return failEncoded(ERR_EOF, limit);
                            }
                            if (Hex.digitValue(buffer.getByte(i)) < 0)
                            {
                                return failEncoded(ERR_ESCAPE, i);
                            }
                        }
                        p += 6;
                        break;

                    default:
                        return failEncoded(ERR_ESCAPE, p + 1);
                }
            }
            else if (c >= 0 && c < 0x20)
            {
                return failEncoded(ERR_CONTROL, p);
            }
            else if (c < 0)
            {
                p = validateUtf8(p);
                if (p < 0)
                {
                    return p;
                }
            }
            else
            {
                p++;
            }
        }
        return failEncoded(ERR_EOF, limit);
    }

    private int validateUtf8(final int pos)
    {
        final int lead = buffer.getByte(pos) & 0xFF;
        final int continuations;
        int secondMin = 0x80;
        int secondMax = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF)
        {
            continuations = 1;
        }
        else if (lead >= 0xE0 && lead <= 0xEF)
        {
            continuations = 2;
            if (lead == 0xE0)
            {
                secondMin = 0xA0;
            }
            else if (lead == 0xED)
            {
                secondMax = 0x9F;
            }
        }
        else if (lead >= 0xF0 && lead <= 0xF4)
        {
            continuations = 3;
            if (lead == 0xF0)
            {
                secondMin = 0x90;
            }
            else if (lead == 0xF4)
            {
                secondMax = 0x8F;
            }
        }
        else
        {
            return failEncoded(ERR_UTF8, pos);
        }

        for (int i = 1; i <= continuations; i++)
        {
            final int p = pos + i;
            if (p >= limit)
            {
                return failEncoded(ERR_EOF, limit);
            }
            final int b = buffer.getByte(p) & 0xFF;
            final int min = i == 1 ? secondMin : 0x80;
            final int max = i == 1 ? secondMax : 0xBF;
            if (b < min || b > max)
            {
                return failEncoded(ERR_UTF8, p);
            }
        }
        return pos + 1 + continuations;
    }

    private int validateLiteral(final int pos, final String literal)
    {
        final int length = literal.length();
        for (int i = 0; i < length; i++)
        {
            final int p = pos + i;
            if (p >= limit)
            {
                return failEncoded(ERR_EOF, limit);
            }
            if (buffer.getByte(p) != (byte)literal.charAt(i))
            {
                return failEncoded(ERR_LITERAL, p);
            }
        }
        return pos + length;
    }

    private int validateNumber(final int pos)
    {
        int p = pos;
        if (buffer.getByte(p) == '-')
        {
            p++;
        }
        if (p >= limit)
        {
            return failEncoded(ERR_EOF, limit);
        }
        byte c = buffer.getByte(p);
        if (c == '0')
        {
            p++;
        }
        else if (c >= '1' && c <= '9')
        {
            p = skipDigits(p + 1);
        }
        else
        {
            return failEncoded(ERR_NUMBER, p);
        }

        if (p < limit && buffer.getByte(p) == '.')
        {
            p++;
            final int digitsEnd = skipDigits(p);
            if (digitsEnd == p)
            {
                return failEncoded(p >= limit ? ERR_EOF : ERR_NUMBER, p);
            }
            p = digitsEnd;
        }

        if (p < limit && ((c = buffer.getByte(p)) == 'e' || c == 'E'))
        {
            p++;
            if (p < limit && ((c = buffer.getByte(p)) == '+' || c == '-'))
            {
                p++;
            }
            final int digitsEnd = skipDigits(p);
            if (digitsEnd == p)
            {
                return failEncoded(p >= limit ? ERR_EOF : ERR_NUMBER, p);
            }
            p = digitsEnd;
        }
        return p;
    }

    private int skipDigits(final int pos)
    {
        int p = pos;
        while (p < limit)
        {
            final byte c = buffer.getByte(p);
            if (c < '0' || c > '9')
            {
                break;
            }
            p++;
        }
        return p;
    }

    /**
     * @return true when none of the eight bytes needs a closer look inside a string: no quote, no backslash, no
     * control character (below 0x20) and no byte of a multi-byte UTF-8 sequence (0x80 and above).
     */
    private static boolean isPlainAscii(final long word)
    {
        final long quotes = word ^ QUOTES;
        final long slashes = word ^ BACKSLASHES;
        final long special = (quotes - ONES) & ~quotes | (slashes - ONES) & ~slashes | (word - CONTROL_LIMIT) & ~word;
        return 0 == ((special | word) & HIGH_BITS);
    }

    private void openContainer(final int depth, final int pos)
    {
        if (containerCount == containerStarts.length)
        {
            containerStarts = java.util.Arrays.copyOf(containerStarts, containerCount * 2);
            containerEnds = java.util.Arrays.copyOf(containerEnds, containerCount * 2);
        }
        containerStarts[containerCount] = pos;
        openContainerByDepth[depth] = containerCount++;
    }

    private void setContainer(final int depth, final boolean isObject)
    {
        final int word = depth >>> 6;
        final long bit = 1L << (depth & 63);
        if (isObject)
        {
            containerIsObject[word] |= bit;
        }
        else
        {
            containerIsObject[word] &= ~bit;
        }
    }

    private boolean isObjectContainer(final int depth)
    {
        return (containerIsObject[depth >>> 6] & (1L << (depth & 63))) != 0;
    }
}
