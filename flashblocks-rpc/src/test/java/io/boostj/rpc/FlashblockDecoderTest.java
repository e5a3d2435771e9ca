package io.boostj.rpc;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlashblockDecoderTest
{
    private final FlashblockDecoder decoder = new FlashblockDecoder();

    @Test
    void shouldNormalizeLegacyExternallyTaggedReceipts() throws Exception
    {
        final DecodedFlashblock fb = TestData.decode(decoder, withoutTransactions("op-rbuilder_wspub_legacy_tagged_index3.json"));
        assertEquals(3, fb.index());
        assertEquals(100, fb.blockNumber());
        assertNull(fb.base());
        final var receipt = fb.receipts().get("0x" + "99".repeat(32));
        assertEquals("0x2", receipt.get("type").asText());
        assertEquals("0x5208", receipt.get("cumulativeGasUsed").asText());
        assertEquals(1, receipt.get("logs").size());
    }

    @Test
    void shouldDecodeARealBaseMainnetFlashblockWithItsSenders() throws Exception
    {
        final DecodedFlashblock fb = TestData.decode(decoder,
            TestData.text("base_mainnet_flashblock_0x0316ecb1aa1671b5_idx10.json"));
        assertEquals(10, fb.index());
        assertEquals(11, fb.transactions().size());
        final java.util.Set<String> hashes = new java.util.HashSet<>();
        for (final PendingTransaction tx : fb.transactions())
        {
            assertEquals(42, tx.from().length());
            hashes.add(tx.hash());
        }
        assertEquals(2, fb.receipts().size());
        assertTrue(hashes.containsAll(fb.receipts().keySet()));
        assertNotNull(fb.receipts().values().iterator().next().get("type"));
    }

    @Test
    void shouldReadBaseFieldsOfIndexZero() throws Exception
    {
        final DecodedFlashblock fb = TestData.decode(decoder, withoutTransactions("op-rbuilder_wspub_pinned_index0.json"));
        assertEquals("0x64", fb.base().get("number").asText());
        assertEquals("0x3b9aca00", fb.base().get("baseFeePerGas").asText());
        assertEquals("0x2540be400", fb.balances().get("0x00000000000000000000000000000000000000bb"));
    }

    @Test
    void shouldRejectWhatIsNotAFlashblock()
    {
        assertEquals("malformed_frame", assertThrows(FlashblockRejectedException.class,
            () -> TestData.decode(decoder, new byte[] {1, 2, 3, 4, 5})).reason());
        assertEquals("malformed_frame", assertThrows(FlashblockRejectedException.class,
            () -> TestData.decode(decoder, "   ")).reason());
        assertEquals("invalid_flashblock", assertThrows(FlashblockRejectedException.class,
            () -> TestData.decode(decoder, "{\"payload_id\":\"0x01\"}")).reason());
    }

    @Test
    void shouldRequireTheMetadataBlockNumberWithoutBase()
    {
        final String noNumber = withoutTransactions("op-rbuilder_wspub_legacy_tagged_index3.json")
            .replace("\"block_number\":100", "\"block_number\":\"0x64\"");
        assertEquals("bad_metadata", assertThrows(FlashblockRejectedException.class,
            () -> TestData.decode(decoder, noNumber)).reason());
    }

    @Test
    void shouldRejectATransactionThatDoesNotDecode()
    {
        final String badTx = TestData.unichainMessages().get(1).replaceFirst("\"transactions\":\\[\"0x02", 
            "\"transactions\":[\"0x09");
        assertEquals("bad_transaction", assertThrows(FlashblockRejectedException.class,
            () -> TestData.decode(decoder, badTx)).reason());
    }

    @Test
    void shouldRejectABalanceThatIsNotAQuantity()
    {
        final String bad = withoutTransactions("op-rbuilder_wspub_pinned_index0.json").replace("\"0x2540be400\"", "12");
        assertEquals("bad_metadata", assertThrows(FlashblockRejectedException.class,
            () -> TestData.decode(decoder, bad)).reason());
    }

    /** op-rbuilder's golden samples carry placeholder transaction bytes whose sender cannot be recovered. */
    private static String withoutTransactions(final String name)
    {
        return TestData.text(name).replaceFirst("\"transactions\":\\[[^\\]]*\\]", "\"transactions\":[]");
    }
}
