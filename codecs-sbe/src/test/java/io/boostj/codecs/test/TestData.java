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
    /**
     * The five alloy Hoodi payload files under {@code engine-payloads/alloy-hoodi/}; each name ends with the block hash.
     */
    public static final String[] HOODI = {
        "1752106789277-new_payload-0xcc4efa5c8aa75a17d26ca6b00645252284594312ed4b5c49f8e855eb2310847c.json",
        "1752106800691-new_payload-0x906c3b7c84f7fbedd1e98b7464c24aa3243c94726dd9aa715c4765c5d26cbf2e.json",
        "1752106812611-new_payload-0x43e0383a0472e84398346dd517467ec21e0d786b3ac96ccbc3e6283f87af0b5f.json",
        "1752106836642-new_payload-0x347077ee96ee1cea7149c2adfb0f933ee6096607602dde80383eeb2627059c31.json",
        "1752106849375-new_payload-0x98dc28afef51026d21b9933bcabe87611cd1982e876b2b11242ef9ca0c3f79d8.json",
    };

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
