package io.boostj.codecs.flashblocks;

import java.io.IOException;
import java.nio.ByteBuffer;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;

/**
 * Turns one received WebSocket frame into flashblock JSON. Producers send JSON text frames (op-rbuilder,
 * rollup-boost); the websocket-proxy sends binary frames holding either JSON or, with {@code --enable-compression},
 * brotli-compressed JSON. Like the other consumers (reference §5), this auto-detects: a frame whose first
 * non-whitespace byte is <code>{</code> is JSON and is returned in place (zero copy); anything else is decoded as
 * brotli into an internal buffer, refusing output beyond a configured cap (a decompression bomb is an error, not an
 * OutOfMemoryError).
 * <p>
 * After a successful {@link #tryDecode}, {@link #buffer()}, {@link #offset()} and {@link #length()} locate the JSON,
 * valid until the next call. JSON frames are allocation-free; a brotli frame allocates a native decoder and a few
 * small objects in brotli4j. Not thread safe.
 */
public final class FlashblockFrames
{
    /**
     * Result: the frame was JSON, returned in place.
     */
    public static final int JSON = 1;

    /**
     * Result: the frame was brotli, decoded into {@link #buffer()}.
     */
    public static final int BROTLI = 2;

    /**
     * The frame is empty or only whitespace.
     */
    public static final int EMPTY = -1;

    /**
     * The frame is neither JSON nor a complete, valid brotli stream.
     */
    public static final int CORRUPT = -2;

    /**
     * The brotli stream decodes to more than the configured maximum.
     */
    public static final int TOO_LARGE = -3;

    /**
     * The brotli native library could not be loaded on this platform.
     */
    public static final int BROTLI_UNAVAILABLE = -4;

    /**
     * Default cap on decompressed length: 16 MiB.
     */
    public static final int DEFAULT_MAX_DECOMPRESSED_LENGTH = 16 * 1024 * 1024;

    private static final int INPUT_CHUNK_LENGTH = 64 * 1024;

    private final int maxDecompressedLength;
    private final ExpandableDirectByteBuffer output = new ExpandableDirectByteBuffer(64 * 1024);
    private DirectBuffer resultBuffer;
    private int resultOffset;
    private int resultLength;
    private String errorMessage;

    /**
     * Frames decoder with the default cap.
     */
    public FlashblockFrames()
    {
        this(DEFAULT_MAX_DECOMPRESSED_LENGTH);
    }

    /**
     * Frames decoder.
     *
     * @param maxDecompressedLength most bytes a brotli frame may decode to.
     */
    public FlashblockFrames(final int maxDecompressedLength)
    {
        if (maxDecompressedLength < 1)
        {
            throw new IllegalArgumentException("maxDecompressedLength must be positive");
        }
        this.maxDecompressedLength = maxDecompressedLength;
    }

    /**
     * Detects the frame's encoding and exposes its JSON.
     *
     * @param src    the frame payload.
     * @param offset its first byte.
     * @param length its length.
     * @return {@link #JSON} or {@link #BROTLI}, or {@link #EMPTY}, {@link #CORRUPT}, {@link #TOO_LARGE},
     * {@link #BROTLI_UNAVAILABLE} ({@link #errorMessage()} says why).
     */
    public int tryDecode(final DirectBuffer src, final int offset, final int length)
    {
        resultBuffer = null;
        resultOffset = 0;
        resultLength = 0;
        errorMessage = null;
        final int end = offset + length;
        int first = offset;
        while (first < end && isWhitespace(src.getByte(first)))
        {
            first++;
        }
        if (first == end)
        {
            return fail(EMPTY, "empty frame");
        }
        if (src.getByte(first) == '{')
        {
            resultBuffer = src;
            resultOffset = offset;
            resultLength = length;
            return JSON;
        }
        return decodeBrotli(src, offset, length);
    }

    /**
     * The buffer holding the JSON of the last successful decode.
     *
     * @return the frame's own buffer for JSON, the internal output buffer for brotli.
     */
    public DirectBuffer buffer()
    {
        return resultBuffer;
    }

    /**
     * Where the JSON starts in {@link #buffer()}.
     *
     * @return the offset.
     */
    public int offset()
    {
        return resultOffset;
    }

    /**
     * Length of the JSON.
     *
     * @return the length.
     */
    public int length()
    {
        return resultLength;
    }

    /**
     * Why the last {@link #tryDecode} failed.
     *
     * @return a message, or null after success.
     */
    public String errorMessage()
    {
        return errorMessage;
    }

    /**
     * The configured cap.
     *
     * @return most bytes a brotli frame may decode to.
     */
    public int maxDecompressedLength()
    {
        return maxDecompressedLength;
    }

    private int decodeBrotli(final DirectBuffer src, final int offset, final int length)
    {
        if (!Brotli4jLoader.isAvailable())
        {
            return fail(BROTLI_UNAVAILABLE, "brotli native library unavailable: " +
                Brotli4jLoader.getUnavailabilityCause());
        }

        final DecoderJNI.Wrapper decoder;
        try
        {
            decoder = new DecoderJNI.Wrapper(Math.min(length, INPUT_CHUNK_LENGTH));
        }
        catch (final IOException ex)
        {
            return fail(BROTLI_UNAVAILABLE, "cannot create a brotli decoder: " + ex.getMessage());
        }

        try
        {
            int consumed = push(decoder, src, offset, length, 0);
            int produced = 0;
            while (true)
            {
                switch (decoder.getStatus())
                {
                    case DONE:
                        while (decoder.hasOutput())
                        {
                            produced = pull(decoder, produced);
                            if (produced < 0)
                            {
                                return fail(TOO_LARGE, tooLargeMessage());
                            }
                        }
                        if (consumed < length)
                        {
                            return fail(CORRUPT, "bytes after the end of the brotli stream");
                        }
                        resultBuffer = output;
                        resultOffset = 0;
                        resultLength = produced;
                        return BROTLI;

                    case OK:
                        decoder.push(0);
                        break;

                    case NEEDS_MORE_OUTPUT:
                        produced = pull(decoder, produced);
                        if (produced < 0)
                        {
                            return fail(TOO_LARGE, tooLargeMessage());
                        }
                        break;

                    case NEEDS_MORE_INPUT:
                        if (consumed < length)
                        {
                            consumed = push(decoder, src, offset, length, consumed);
                        }
                        else
                        {
                            decoder.push(0);
                            if (DecoderJNI.Status.NEEDS_MORE_INPUT == decoder.getStatus())
                            {
                                return fail(CORRUPT, "truncated brotli stream");
                            }
                        }
                        break;

                    default:
                        return fail(CORRUPT, "neither JSON nor a valid brotli stream");
                }
            }
        }
        finally
        {
            decoder.destroy();
        }
    }

    private static int push(
        final DecoderJNI.Wrapper decoder,
        final DirectBuffer src,
        final int offset,
        final int length,
        final int consumed)
    {
        final ByteBuffer input = decoder.getInputBuffer();
        final int chunk = Math.min(input.capacity(), length - consumed);
        src.getBytes(offset + consumed, input, 0, chunk);
        decoder.push(chunk);
        return consumed + chunk;
    }

    private int pull(final DecoderJNI.Wrapper decoder, final int produced)
    {
        final ByteBuffer chunk = decoder.pull();
        final int chunkLength = chunk.remaining();
        if (chunkLength > maxDecompressedLength - produced)
        {
            return -1;
        }
        output.putBytes(produced, chunk, chunk.position(), chunkLength);
        return produced + chunkLength;
    }

    private String tooLargeMessage()
    {
        return "brotli frame decodes to more than " + maxDecompressedLength + " bytes";
    }

    private int fail(final int code, final String message)
    {
        errorMessage = message;
        return code;
    }

    private static boolean isWhitespace(final byte c)
    {
        return ' ' == c || '\n' == c || '\r' == c || '\t' == c;
    }
}
