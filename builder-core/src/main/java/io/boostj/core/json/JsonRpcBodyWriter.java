package io.boostj.core.json;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Allocation-free writer of JSON-RPC 2.0 bodies as bytes, into a caller-supplied buffer at a caller-supplied offset.
 * <p>
 * The writer does not parse: values that are already JSON (params, results, error objects, ids) are spliced
 * byte for byte with {@link #raw(DirectBuffer, int, int)}. Only strings it builds itself (error messages) are
 * escaped, with {@link #escaped(DirectBuffer, int, int)}. Shapes produced:
 * <pre>
 *   {"jsonrpc":"2.0","id":7,"method":"engine_getPayloadV4","params":[...]}      request(7, ...) raw(...) end()
 *   {"jsonrpc":"2.0","id":&lt;raw id&gt;,"result":&lt;raw&gt;}                             result(id...) raw(...) end()
 *   {"jsonrpc":"2.0","id":&lt;raw id&gt;,"error":{"code":-32601,"message":"..."}}     error(id...) errorObject(...) end()
 * </pre>
 * Use with an expandable buffer ({@link org.agrona.ExpandableArrayBuffer}) so that large payloads fit; the writer
 * itself never allocates.
 */
public final class JsonRpcBodyWriter
{
    private static final byte[] REQUEST_PREFIX = ascii("{\"jsonrpc\":\"2.0\",\"id\":");
    private static final byte[] METHOD_PREFIX = ascii(",\"method\":\"");
    private static final byte[] PARAMS_PREFIX = ascii("\",\"params\":");
    private static final byte[] RESULT_PREFIX = ascii(",\"result\":");
    private static final byte[] ERROR_PREFIX = ascii(",\"error\":");
    private static final byte[] CODE_PREFIX = ascii("{\"code\":");
    private static final byte[] MESSAGE_PREFIX = ascii(",\"message\":\"");
    private static final byte[] NULL = ascii("null");
    private static final byte[] HEX_DIGITS = ascii("0123456789abcdef");

    private MutableDirectBuffer buffer;
    private int start;
    private int position;

    /**
     * Start writing at an offset of a buffer.
     *
     * @param buffer to write into; use an expandable buffer for bodies of unknown size.
     * @param offset at which the body starts.
     * @return this for a fluent API.
     */
    public JsonRpcBodyWriter wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.start = offset;
        this.position = offset;
        return this;
    }

    /**
     * Bytes written since {@link #wrap(MutableDirectBuffer, int)}.
     *
     * @return the length of the body so far.
     */
    public int length()
    {
        return position - start;
    }

    /**
     * The absolute index in the buffer where the next byte goes.
     *
     * @return the write position.
     */
    public int position()
    {
        return position;
    }

    /**
     * The buffer being written.
     *
     * @return the buffer passed to {@link #wrap(MutableDirectBuffer, int)}.
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Writes {@code {"jsonrpc":"2.0","id":<id>,"method":"<method>","params":}; the caller then writes the params
     * and calls {@link #end()}.
     *
     * @param id     numeric request id.
     * @param method ASCII method name.
     * @return this for a fluent API.
     */
    public JsonRpcBodyWriter request(final long id, final byte[] method)
    {
        raw(REQUEST_PREFIX);
        number(id);
        raw(METHOD_PREFIX);
        raw(method);
        return raw(PARAMS_PREFIX);
    }

    /**
     * Writes {@code {"jsonrpc":"2.0","id":<raw id>,"result":}; the caller then writes the result and calls
     * {@link #end()}.
     *
     * @param id       buffer holding the raw JSON id of the request being answered.
     * @param idOffset of the id.
     * @param idLength of the id; 0 writes {@code null}.
     * @return this for a fluent API.
     */
    public JsonRpcBodyWriter result(final DirectBuffer id, final int idOffset, final int idLength)
    {
        responsePrefix(id, idOffset, idLength);
        return raw(RESULT_PREFIX);
    }

    /**
     * Writes {@code {"jsonrpc":"2.0","id":<raw id>,"error":}; the caller then writes an error object (for example
     * with {@link #errorObject(int, byte[])}) and calls {@link #end()}.
     *
     * @param id       buffer holding the raw JSON id of the request being answered.
     * @param idOffset of the id.
     * @param idLength of the id; 0 writes {@code null}.
     * @return this for a fluent API.
     */
    public JsonRpcBodyWriter error(final DirectBuffer id, final int idOffset, final int idLength)
    {
        responsePrefix(id, idOffset, idLength);
        return raw(ERROR_PREFIX);
    }

    /**
     * Writes a complete error object {@code {"code":<code>,"message":"<message>"}}.
     *
     * @param code    JSON-RPC error code.
     * @param message ASCII or UTF-8 message, escaped as it is written.
     * @return this for a fluent API.
     */
    public JsonRpcBodyWriter errorObject(final int code, final byte[] message)
    {
        beginErrorObject(code);
        escaped(message);
        return endErrorObject();
    }

    /**
     * Writes {@code {"code":<code>,"message":"}; the caller then writes the message with {@code escaped(...)} and
     * calls {@link #endErrorObject()}.
     *
     * @param code JSON-RPC error code.
     * @return this for a fluent API.
     */
    public JsonRpcBodyWriter beginErrorObject(final int code)
    {
        raw(CODE_PREFIX);
        number(code);
        return raw(MESSAGE_PREFIX);
    }

    /**
     * Closes the message string and the error object: {@code "}}.
     *
     * @return this for a fluent API.
     */
    public JsonRpcBodyWriter endErrorObject()
    {
        raw((byte)'"');
        return raw((byte)'}');
    }

    /**
     * Closes the top-level object: {@code }}.
     *
     * @return this for a fluent API.
     */
    public JsonRpcBodyWriter end()
    {
        return raw((byte)'}');
    }

    /**
     * Splices bytes as they are.
     *
     * @param src    buffer holding the bytes.
     * @param offset of the bytes.
     * @param length of the bytes.
     * @return this for a fluent API.
     */
    public JsonRpcBodyWriter raw(final DirectBuffer src, final int offset, final int length)
    {
        buffer.putBytes(position, src, offset, length);
        position += length;
        return this;
    }

    /**
     * Splices bytes as they are.
     *
     * @param src the bytes.
     * @return this for a fluent API.
     */
    public JsonRpcBodyWriter raw(final byte[] src)
    {
        buffer.putBytes(position, src);
        position += src.length;
        return this;
    }

    /**
     * Writes one byte as it is.
     *
     * @param b the byte.
     * @return this for a fluent API.
     */
    public JsonRpcBodyWriter raw(final byte b)
    {
        buffer.putByte(position++, b);
        return this;
    }

    /**
     * Writes a decimal number.
     *
     * @param value to write.
     * @return this for a fluent API.
     */
    public JsonRpcBodyWriter number(final long value)
    {
        position += buffer.putLongAscii(position, value);
        return this;
    }

    /**
     * Writes string content with JSON escaping ({@code "}, {@code \}, control characters); bytes from 0x80 up are
     * copied as they are (UTF-8 passes through). No quotes are added.
     *
     * @param src    buffer holding the content.
     * @param offset of the content.
     * @param length of the content.
     * @return this for a fluent API.
     */
    public JsonRpcBodyWriter escaped(final DirectBuffer src, final int offset, final int length)
    {
        for (int i = offset, end = offset + length; i < end; i++)
        {
            escapedByte(src.getByte(i));
        }
        return this;
    }

    /**
     * Writes string content with JSON escaping; see {@link #escaped(DirectBuffer, int, int)}.
     *
     * @param src the content.
     * @return this for a fluent API.
     */
    public JsonRpcBodyWriter escaped(final byte[] src)
    {
        for (final byte b : src)
        {
            escapedByte(b);
        }
        return this;
    }

    /**
     * Writes {@code "0x<16 lowercase hex digits>"}, the JSON form of an 8-byte Engine API payload id held big-endian
     * in a long.
     *
     * @param value the 8 bytes, big-endian.
     * @return this for a fluent API.
     */
    public JsonRpcBodyWriter quotedHex(final long value)
    {
        raw((byte)'"');
        raw((byte)'0');
        raw((byte)'x');
        for (int shift = 60; shift >= 0; shift -= 4)
        {
            raw(HEX_DIGITS[(int)(value >>> shift) & 0xF]);
        }
        return raw((byte)'"');
    }

    /**
     * Writes {@code "0x<lowercase hex>"} of bytes, for example a 32-byte hash.
     *
     * @param src    buffer holding the bytes.
     * @param offset of the bytes.
     * @param length of the bytes.
     * @return this for a fluent API.
     */
    public JsonRpcBodyWriter quotedHex(final DirectBuffer src, final int offset, final int length)
    {
        raw((byte)'"');
        raw((byte)'0');
        raw((byte)'x');
        for (int i = offset, end = offset + length; i < end; i++)
        {
            final int b = src.getByte(i) & 0xFF;
            raw(HEX_DIGITS[b >>> 4]);
            raw(HEX_DIGITS[b & 0xF]);
        }
        return raw((byte)'"');
    }

    private void responsePrefix(final DirectBuffer id, final int idOffset, final int idLength)
    {
        raw(REQUEST_PREFIX);
        if (0 == idLength)
        {
            raw(NULL);
        }
        else
        {
            raw(id, idOffset, idLength);
        }
    }

    private void escapedByte(final byte b)
    {
        switch (b)
        {
            case '"':
                raw((byte)'\\');
                raw((byte)'"');
                break;

            case '\\':
                raw((byte)'\\');
                raw((byte)'\\');
                break;

            case '\n':
                raw((byte)'\\');
                raw((byte)'n');
                break;

            case '\r':
                raw((byte)'\\');
                raw((byte)'r');
                break;

            case '\t':
                raw((byte)'\\');
                raw((byte)'t');
                break;

            case '\b':
                raw((byte)'\\');
                raw((byte)'b');
                break;

            case '\f':
                raw((byte)'\\');
                raw((byte)'f');
                break;

            default:
                if (b >= 0 && b < 0x20)
                {
                    raw((byte)'\\');
                    raw((byte)'u');
                    raw((byte)'0');
                    raw((byte)'0');
                    raw(HEX_DIGITS[b >>> 4]);
                    raw(HEX_DIGITS[b & 0xF]);
                }
                else
                {
                    raw(b);
                }
        }
    }

    /**
     * The bytes of an ASCII constant, for building {@code static final} names once.
     *
     * @param s ASCII text.
     * @return its bytes.
     */
    public static byte[] ascii(final String s)
    {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
