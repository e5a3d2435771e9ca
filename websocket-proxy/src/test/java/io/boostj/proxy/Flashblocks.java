package io.boostj.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The real Unichain Sepolia flashblocks in the test resources (provenance in flashblocks/PROVENANCE.md). */
final class Flashblocks
{
    private Flashblocks()
    {
    }

    static List<String> unichain() throws IOException
    {
        try (InputStream in = Flashblocks.class.getResourceAsStream(
            "/flashblocks/unichain_sepolia_35535698_with_metadata.ndjson"))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }
}
