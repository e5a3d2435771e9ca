package io.boostj.proxy.fanout;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.decoder.DirectDecompress;
import com.aayushatharva.brotli4j.encoder.Encoder;

import java.io.IOException;

/**
 * {@code --enable-compression}: brotli with upstream's parameters (quality 5, window 22), once per message.
 */
public final class BrotliCompressor
{
    private final Encoder.Parameters parameters = new Encoder.Parameters().setQuality(5).setWindow(22);

    /** @throws IllegalStateException when the native library cannot be loaded. */
    public BrotliCompressor()
    {
        ensureLoaded();
    }

    /** @throws IllegalStateException when brotli's native library is unavailable on this platform. */
    public static void ensureLoaded()
    {
        if (!Brotli4jLoader.isAvailable())
        {
            throw new IllegalStateException("brotli native library unavailable: " + Brotli4jLoader.getUnavailabilityCause());
        }
    }

    /**
     * @param data uncompressed bytes.
     * @return the brotli stream.
     * @throws IllegalStateException when the encoder fails (it does not for valid input).
     */
    public byte[] compress(final byte[] data)
    {
        try
        {
            return Encoder.compress(data, parameters);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("brotli compression failed: " + ex.getMessage(), ex);
        }
    }

    /**
     * @param data a brotli stream.
     * @return the decompressed bytes, or null when {@code data} is not a complete brotli stream.
     */
    public static byte[] tryDecompress(final byte[] data)
    {
        ensureLoaded();
        try
        {
            final DirectDecompress result = Decoder.decompress(data);
            return DecoderJNI.Status.DONE == result.getResultStatus() ? result.getDecompressedData() : null;
        }
        catch (final IOException ex)
        {
            return null;
        }
    }
}
