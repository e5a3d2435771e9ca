package io.boostj.codecs.eth;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.boostj.codecs.hex.Hex;
import io.boostj.codecs.test.TestData;

/**
 * The raw transactions of the test chains, with the blob versioned hashes each request carries.
 */
final class Transactions
{
    final List<byte[]> raw = new ArrayList<>();
    final List<String> versionedHashes = new ArrayList<>();

    private Transactions()
    {
    }

    static Transactions ofRequests(final String path) throws Exception
    {
        final Transactions txs = new Transactions();
        for (final JsonNode request : Flashblocks.MAPPER.readTree(TestData.bytes(path)))
        {
            final JsonNode params = request.get("params");
            params.get(0).get("transactions").forEach(tx -> txs.raw.add(Hex.fromHexString(tx.asText())));
            if (params.size() > 1)
            {
                params.get(1).forEach(hash -> txs.versionedHashes.add(hash.asText()));
            }
        }
        return txs;
    }

    static Transactions ofHoodi() throws Exception
    {
        final Transactions txs = new Transactions();
        for (final String name : TestData.HOODI)
        {
            final JsonNode newPayload = Flashblocks.MAPPER.readTree(
                TestData.bytes("engine-payloads/alloy-hoodi/" + name)).get("newPayload");
            newPayload.get("payload").get("transactions").forEach(tx -> txs.raw.add(Hex.fromHexString(tx.asText())));
            newPayload.get("sidecar").get("cancun").get("fields").get("versioned_hashes")
                .forEach(hash -> txs.versionedHashes.add(hash.asText()));
        }
        return txs;
    }

    static Transactions ofFlashblocks(final List<JsonNode> flashblocks)
    {
        final Transactions txs = new Transactions();
        for (final JsonNode flashblock : flashblocks)
        {
            flashblock.get("diff").get("transactions").forEach(tx -> txs.raw.add(Hex.fromHexString(tx.asText())));
        }
        return txs;
    }
}
