package io.boostj.codecs.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Loads test resources under {@code /testdata}.
 */
public final class TestData
{
    private TestData()
    {
    }

    /**
     * Reads a resource fully.
     *
     * @param path path under {@code /testdata/}.
     * @return the bytes.
     */
    public static byte[] bytes(final String path)
    {
        try (InputStream in = TestData.class.getResourceAsStream("/testdata/" + path))
        {
            if (null == in)
            {
                throw new IllegalArgumentException("missing test resource " + path);
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Reads a resource as UTF-8 text.
     *
     * @param path path under {@code /testdata/}.
     * @return the text.
     */
    public static String text(final String path)
    {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    /**
     * Wraps UTF-8 text in a buffer, placed at a non-zero offset to catch absolute/relative index mix-ups.
     *
     * @param json   the text.
     * @param offset bytes of padding before the text.
     * @return a buffer holding padding, then the text, then padding.
     */
    public static UnsafeBuffer padded(final String json, final int offset)
    {
        return padded(json.getBytes(StandardCharsets.UTF_8), offset);
    }

    /**
     * Copies bytes into a buffer at a non-zero offset, surrounded by '}' padding that would confuse an out-of-range read.
     *
     * @param bytes  the content.
     * @param offset bytes of padding before the content.
     * @return the buffer.
     */
    public static UnsafeBuffer padded(final byte[] bytes, final int offset)
    {
        final byte[] all = new byte[offset + bytes.length + 16];
        java.util.Arrays.fill(all, (byte)'}');
        System.arraycopy(bytes, 0, all, offset, bytes.length);
        return new UnsafeBuffer(all);
    }
}
