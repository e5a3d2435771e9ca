package io.boostj.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The copied flashblocks test data (src/test/resources/flashblocks, PROVENANCE.md there). */
final class TestData
{
    private TestData()
    {
    }

    static byte[] bytes(final String name)
    {
        try (InputStream in = TestData.class.getResourceAsStream("/flashblocks/" + name))
        {
            if (null == in)
            {
                throw new IllegalStateException("missing test resource flashblocks/" + name);
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static String text(final String name)
    {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    static JsonNode json(final String name)
    {
        try
        {
            return UpstreamRpc.MAPPER.readTree(bytes(name));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** @return the 5 Unichain Sepolia flashblocks of block 35535698, as sent. */
    static List<String> unichainMessages()
    {
        final List<String> lines = new ArrayList<>();
        for (final String line : text("unichain_sepolia_35535698_with_metadata.ndjson").split("\n"))
        {
            if (!line.isBlank())
            {
                lines.add(line.trim());
            }
        }
        return lines;
    }

    static DecodedFlashblock decode(final FlashblockDecoder decoder, final String message)
        throws FlashblockRejectedException
    {
        final byte[] b = message.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(new UnsafeBuffer(b), 0, b.length, 0);
    }

    static DecodedFlashblock decode(final FlashblockDecoder decoder, final byte[] b)
        throws FlashblockRejectedException
    {
        return decoder.decode(new UnsafeBuffer(b), 0, b.length, 0);
    }
}
