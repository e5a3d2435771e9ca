package io.boostj.codecs.flashblocks;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boostj.codecs.engine.AllocationProbe;
import io.boostj.codecs.hex.Hex;
import io.boostj.codecs.test.TestData;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlashblockJsonWriterTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int PAD = 3;
    private static final int DST_OFFSET = 11;
    private static final Map<String, String> LEGACY_TYPES =
        Map.of("Legacy", "0x0", "Eip2930", "0x1", "Eip1559", "0x2", "Eip7702", "0x4", "Deposit", "0x7e");

    private final FlashblockView view = new FlashblockView();
    private final FlashblockJsonWriter writer = new FlashblockJsonWriter();
    private final ExpandableArrayBuffer dst = new ExpandableArrayBuffer(64);

    private String rewrite(final String json)
    {
        final UnsafeBuffer src = TestData.padded(json, PAD);
        assertEquals(FlashblockView.OK, view.wrap(src, PAD, json.length()), view.errorMessage());
        final int length = writer.tryWrite(view, dst, DST_OFFSET);
        assertTrue(length > 0, "tryWrite: " + length + " " + writer.errorMessage());
        assertTrue(length <= FlashblockJsonWriter.maxLength(view));
        assertEquals(length, writer.length());
        return dst.getStringWithoutLengthUtf8(DST_OFFSET, length);
    }

    private static UnsafeBuffer hex(final String hex)
    {
        return new UnsafeBuffer(Hex.fromHexString(hex));
    }

    private static UnsafeBuffer repeat(final int b, final int length)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[length]);
        buffer.setMemory(0, length, (byte)b);
        return buffer;
    }

    /**
     * The JSON tree with legacy externally tagged receipts rewritten to the internally tagged form, for comparing
     * inputs with canonical outputs.
     */
    static JsonNode normalised(final String json) throws Exception
    {
        final JsonNode root = MAPPER.readTree(json);
        final JsonNode receipts = root.path("metadata").path("receipts");
        if (receipts instanceof ObjectNode)
        {
            final ObjectNode map = (ObjectNode)receipts;
            for (final String hash : List.copyOf(map.properties().stream().map(Map.Entry::getKey).toList()))
            {
                final JsonNode receipt = map.get(hash);
                if (!receipt.has("type"))
                {
                    final String tag = receipt.fieldNames().next();
                    final ObjectNode tagged = MAPPER.createObjectNode().put("type", LEGACY_TYPES.get(tag));
                    tagged.setAll((ObjectNode)receipt.get(tag));
                    map.set(hash, tagged);
                }
            }
        }
        if (root instanceof ObjectNode && root.path("base").isNull())
        {
            ((ObjectNode)root).remove("base");
        }
        return root;
    }

    @ParameterizedTest
    @ValueSource(strings = { Flashblocks.PINNED_INDEX0, Flashblocks.PINNED_INDEX3 })
    void shouldReproduceOpRbuilderGoldenSamplesByteForByte(final String path)
    {
        final String golden = TestData.text(path);
        assertEquals(golden, rewrite(golden));
    }

    @Test
    void shouldWriteLegacyTaggedReceiptsAsOpRbuilderDoes()
    {
        assertEquals(TestData.text(Flashblocks.PINNED_INDEX3), rewrite(TestData.text(Flashblocks.LEGACY_TAGGED_INDEX3)));
    }

    @Test
    void shouldWriteTheIndexZeroGoldenSampleFromStructuredFields()
    {
        final UnsafeBuffer balance = new UnsafeBuffer(new byte[32]);
        balance.putLong(24, 0x2540be400L, java.nio.ByteOrder.BIG_ENDIAN);
        final UnsafeBuffer baseFee = new UnsafeBuffer(new byte[32]);
        baseFee.putLong(24, 1_000_000_000L, java.nio.ByteOrder.BIG_ENDIAN);

        final int length = writer.wrap(dst, DST_OFFSET)
            .payloadId(0x0a0a0a0a0a0a0a0aL)
            .index(0)
            .parentBeaconBlockRoot(repeat(0x22, 32), 0)
            .parentHash(repeat(0x33, 32), 0)
            .feeRecipient(hex("0x4200000000000000000000000000000000000011"), 0)
            .prevRandao(repeat(0x44, 32), 0)
            .blockNumber(100)
            .gasLimit(30_000_000)
            .timestamp(1_752_000_000)
            .extraData(hex("0x000102"), 0, 3)
            .baseFeePerGas(baseFee, 0)
            .stateRoot(repeat(0x55, 32), 0)
            .receiptsRoot(repeat(0x66, 32), 0)
            .logsBloom(repeat(0, 256), 0)
            .gasUsed(50_000)
            .blockHash(repeat(0x77, 32), 0)
            .transactionsStart()
            .transaction(hex("0x7e010203"), 0, 4)
            .withdrawalsStart()
            .withdrawalsRoot(repeat(0x88, 32), 0)
            .blobGasUsed(0)
            .metadataStart(100)
            .accountBalance(hex("0x00000000000000000000000000000000000000bb"), 0, balance, 0)
            .receiptsStart()
            .receiptStart(repeat(0x11, 32), 0, FlashblockJsonWriter.RECEIPT_TYPE_DEPOSIT, true, 50_000)
            .depositReceiptEnd(true, 7, true, 1)
            .finish();
        assertEquals(TestData.text(Flashblocks.PINNED_INDEX0), dst.getStringWithoutLengthUtf8(DST_OFFSET, length));
    }

    @Test
    void shouldWriteTheIndexThreeGoldenSampleFromStructuredFields()
    {
        final int length = writer.wrap(dst, 0)
            .payloadId(0x0a0a0a0a0a0a0a0aL)
            .index(3)
            .stateRoot(repeat(0xaa, 32), 0)
            .receiptsRoot(repeat(0xbb, 32), 0)
            .logsBloom(repeat(0, 256), 0)
            .gasUsed(71_000)
            .blockHash(repeat(0xcc, 32), 0)
            .transactionsStart()
            .transaction(hex("0x02ff"), 0, 2)
            .withdrawalsStart()
            .withdrawalsRoot(repeat(0xdd, 32), 0)
            .metadataStart(100)
            .accountBalance(repeat(0, 20), 0, repeat(0, 32), 0)
            .receiptsStart()
            .receiptStart(repeat(0x99, 32), 0, FlashblockJsonWriter.RECEIPT_TYPE_EIP1559, true, 21_000)
            .log(hex("0x00000000000000000000000000000000000000aa"), 0,
                hex("0x00000000000000000000000000000000000000000000000000000000000000a1"), 0, 1,
                hex("0x0102"), 0, 2)
            .receiptEnd()
            .finish();
        assertEquals(TestData.text(Flashblocks.PINNED_INDEX3), dst.getStringWithoutLengthUtf8(0, length));
    }

    @Test
    void shouldWriteWithdrawalsAndEdgeValues()
    {
        final int length = writer.wrap(dst, 0)
            .payloadId(-1L)
            .index(-1L)
            .stateRoot(repeat(0xAB, 32), 0)
            .receiptsRoot(repeat(0, 32), 0)
            .logsBloom(repeat(0, 256), 0)
            .gasUsed(-1L)
            .blockHash(repeat(0, 32), 0)
            .transactionsStart()
            .transaction(hex("0x"), 0, 0)
            .transaction(hex("0x02"), 0, 1)
            .withdrawalsStart()
            .withdrawal(1, 2, repeat(0xcc, 20), 0, 3)
            .withdrawal(0, 0, repeat(0, 20), 0, 0)
            .blobGasUsed(0x10)
            .metadataStart(Long.MIN_VALUE)
            .receiptsStart()
            .finish();
        assertEquals(
            "{\"payload_id\":\"0xffffffffffffffff\",\"index\":18446744073709551615,\"diff\":{\"state_root\":\"0x" +
            "ab".repeat(32) + "\",\"receipts_root\":\"0x" + "00".repeat(32) + "\",\"logs_bloom\":\"0x" + "00".repeat(256) +
            "\",\"gas_used\":\"0xffffffffffffffff\",\"block_hash\":\"0x" + "00".repeat(32) +
            "\",\"transactions\":[\"0x\",\"0x02\"],\"withdrawals\":[{\"index\":\"0x1\",\"validatorIndex\":\"0x2\"," +
            "\"address\":\"0x" + "cc".repeat(20) + "\",\"amount\":\"0x3\"},{\"index\":\"0x0\",\"validatorIndex\":\"0x0\"," +
            "\"address\":\"0x" + "00".repeat(20) + "\",\"amount\":\"0x0\"}],\"blob_gas_used\":\"0x10\"}," +
            "\"metadata\":{\"block_number\":9223372036854775808,\"new_account_balances\":{},\"receipts\":{}}}",
            dst.getStringWithoutLengthUtf8(0, length));
    }

    @Test
    void shouldCopyCanonicalMetadataVerbatimWhenAsked()
    {
        final String metadata = "{\"block_number\":1,\"new_account_balances\":{},\"receipts\":{}}";
        final int length = writer.wrap(dst, 0).payloadId(1).index(1)
            .stateRoot(repeat(0, 32), 0).receiptsRoot(repeat(0, 32), 0).logsBloom(repeat(0, 256), 0).gasUsed(0)
            .blockHash(repeat(0, 32), 0).transactionsStart().withdrawalsStart().withdrawalsRoot(repeat(0, 32), 0)
            .metadataRaw(new UnsafeBuffer(metadata.getBytes()), 0, metadata.length())
            .finish();
        assertTrue(dst.getStringWithoutLengthUtf8(0, length).endsWith(",\"metadata\":" + metadata + "}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.boostj.codecs.flashblocks.Flashblocks#allRealMessages")
    void shouldRewriteEveryRealFlashblockCanonicallyAndIdempotently(final String name, final String json)
        throws Exception
    {
        final String canonical = rewrite(json);
        assertEquals(normalised(json), MAPPER.readTree(canonical), name);
        assertEquals(canonical, rewrite(canonical), name);
        assertTrue(canonical.startsWith("{\"payload_id\":\"0x"), canonical);
        assertTrue(!canonical.contains("\"base\":null") && !canonical.contains(" "), canonical);
    }

    @Test
    void shouldReproduceOpAlloyCompactSequencesFromThePrettyPrintedCopy()
    {
        final List<String> pretty = Flashblocks.messages(Flashblocks.BASE_SEPOLIA_PRETTY);
        final List<String> compact = Flashblocks.messages(Flashblocks.BASE_SEPOLIA_OP_ALLOY);
        assertEquals(11, pretty.size());
        for (int i = 0; i < pretty.size(); i++)
        {
            assertEquals(compact.get(i), rewrite(pretty.get(i)), "flashblock " + i);
        }
    }

    @Test
    void shouldSortMetadataMapsAndNormaliseReceiptValues() throws Exception
    {
        final String metadata = "{\"receipts\":{" +
            "\"0x" + "BB".repeat(32) + "\":{\"Deposit\":{\"logs\":[],\"cumulativeGasUsed\":16,\"status\":true," +
            "\"depositNonce\":\"0x07\"}}," +
            "\"0x" + "aa".repeat(32) + "\":{\"status\":\"0x0\",\"type\":\"0x02\",\"cumulativeGasUsed\":\"0x010\"," +
            "\"logs\":[{\"data\":\"0xAB\",\"topics\":[],\"address\":\"0x" + "Ee".repeat(20) + "\",\"removed\":false}]," +
            "\"depositNonce\":\"0x1\"}}," +
            "\"new_account_balances\":{\"0x" + "02".repeat(20) + "\":\"0x00ff\",\"0x" + "01".repeat(20) + "\":\"0x0\"}," +
            "\"block_number\":\"0x10\",\"unknown\":[1]}";
        final String json = TestData.text(Flashblocks.PINNED_INDEX3)
            .replaceFirst("\"metadata\":\\{.*}}$", "\"metadata\":" + metadata + "}");
        final String canonical = rewrite(json);
        final String expected = "\"metadata\":{\"block_number\":16,\"new_account_balances\":{" +
            "\"0x" + "01".repeat(20) + "\":\"0x0\",\"0x" + "02".repeat(20) + "\":\"0xff\"},\"receipts\":{" +
            "\"0x" + "aa".repeat(32) + "\":{\"type\":\"0x2\",\"status\":\"0x0\",\"cumulativeGasUsed\":\"0x10\"," +
            "\"logs\":[{\"address\":\"0x" + "ee".repeat(20) + "\",\"topics\":[],\"data\":\"0xab\"}]}," +
            "\"0x" + "bb".repeat(32) + "\":{\"type\":\"0x7e\",\"status\":\"0x1\",\"cumulativeGasUsed\":\"0x10\"," +
            "\"logs\":[],\"depositNonce\":\"0x7\"}}}}";
        assertTrue(canonical.endsWith(expected), canonical);
        MAPPER.readTree(canonical);
    }

    static List<String[]> invalidMetadata()
    {
        final String hash = "\"0x" + "aa".repeat(32) + "\"";
        final String receipt = "{\"type\":\"0x2\",\"status\":\"0x1\",\"cumulativeGasUsed\":\"0x1\",\"logs\":[]}";
        return List.of(
            new String[]{ "{}", "metadata.block_number must be" },
            new String[]{ "{\"block_number\":-1}", "metadata.block_number must be" },
            new String[]{ "{\"block_number\":1,\"block_number\":1}", "duplicate" },
            new String[]{ "{\"block_number\":1,\"new_account_balances\":[]}", "new_account_balances" },
            new String[]{ "{\"block_number\":1,\"new_account_balances\":{\"0x01\":\"0x1\"}}", "new_account_balances" },
            new String[]{ "{\"block_number\":1,\"new_account_balances\":{\"0x" + "01".repeat(20) + "\":1}}",
                "new_account_balances" },
            new String[]{ "{\"block_number\":1,\"new_account_balances\":{\"0x" + "01".repeat(20) + "\":\"0x1\",\"0x" +
                "01".repeat(20) + "\":\"0x2\"}}", "duplicate" },
            new String[]{ "{\"block_number\":1,\"receipts\":{\"0x01\":" + receipt + "}}", "receipts must map" },
            new String[]{ "{\"block_number\":1,\"receipts\":{" + hash + ":[]}}", "receipts must map" },
            new String[]{ "{\"block_number\":1,\"receipts\":{" + hash + ":" + receipt.replace("0x2\"", "0x3\"") + "}}",
                "receipt type" },
            new String[]{ "{\"block_number\":1,\"receipts\":{" + hash + ":{\"Eip4844\":" + receipt + "}}}",
                "receipt type" },
            new String[]{ "{\"block_number\":1,\"receipts\":{" + hash + ":{\"Eip1559\":1}}}", "receipts must map" },
            new String[]{ "{\"block_number\":1,\"receipts\":{" + hash + ":" + receipt.replace("\"0x1\",\"cu", "\"ok\",\"cu") +
                "}}", "receipt status" },
            new String[]{ "{\"block_number\":1,\"receipts\":{" + hash + ":" + receipt.replace("\"0x1\",\"logs", "\"x\",\"logs") +
                "}}", "cumulativeGasUsed" },
            new String[]{ "{\"block_number\":1,\"receipts\":{" + hash + ":" + receipt.replace("[]", "[{}]") + "}}",
                "receipt logs" },
            new String[]{ "{\"block_number\":1,\"receipts\":{" + hash + ":" + receipt.replace("[]",
                "[{\"address\":\"0x" + "01".repeat(20) + "\",\"topics\":[\"0x01\"],\"data\":\"0x\"}]") + "}}",
                "receipt logs" });
    }

    @ParameterizedTest
    @MethodSource("invalidMetadata")
    void shouldRejectMetadataThatIsNotOpAlloyMetadata(final String metadata, final String expectedMessage)
    {
        final String json = TestData.text(Flashblocks.PINNED_INDEX3);
        final String withMetadata = json.substring(0, json.indexOf("\"metadata\":") + 11) + metadata + "}";
        final UnsafeBuffer src = TestData.padded(withMetadata, PAD);
        assertEquals(FlashblockView.OK, view.wrap(src, PAD, withMetadata.length()), view.errorMessage());
        assertEquals(FlashblockJsonWriter.INVALID_METADATA, writer.tryWrite(view, dst, 0));
        assertTrue(writer.errorMessage().contains(expectedMessage), writer.errorMessage());
    }

    @Test
    void shouldRejectMalformedMetadataJsonAndAnInvalidView()
    {
        final String metadata = "{\"block_number\":";
        final UnsafeBuffer src = new UnsafeBuffer(metadata.getBytes());
        writer.wrap(dst, 0).payloadId(1).index(1).stateRoot(repeat(0, 32), 0).receiptsRoot(repeat(0, 32), 0)
            .logsBloom(repeat(0, 256), 0).gasUsed(0).blockHash(repeat(0, 32), 0).transactionsStart().withdrawalsStart();
        assertEquals(FlashblockJsonWriter.INVALID_METADATA, writer.tryMetadata(src, 0, metadata.length()));
        assertEquals("metadata is not well-formed JSON", writer.errorMessage());

        view.wrap(new UnsafeBuffer("{}".getBytes()), 0, 2);
        assertEquals(FlashblockJsonWriter.INVALID_VIEW, writer.tryWrite(view, dst, 0));
    }

    @Test
    void shouldRefuseCallsOutOfWireOrder()
    {
        final UnsafeBuffer hash = repeat(0, 32);
        assertThrows(IllegalStateException.class, () -> writer.wrap(dst, 0).index(1));
        assertThrows(IllegalStateException.class, () -> writer.wrap(dst, 0).payloadId(1).index(0).parentHash(hash, 0));
        assertThrows(IllegalStateException.class,
            () -> writer.wrap(dst, 0).payloadId(1).index(0).parentBeaconBlockRoot(hash, 0).stateRoot(hash, 0));
        assertThrows(IllegalStateException.class, () -> writer.wrap(dst, 0).payloadId(1).index(1).receiptsRoot(hash, 0));
        assertThrows(IllegalStateException.class,
            () -> writer.wrap(dst, 0).payloadId(1).index(1).transaction(hash, 0, 1));
        assertThrows(IllegalStateException.class, () -> writer.wrap(dst, 0).payloadId(1).index(1).metadataStart(1));
        assertThrows(IllegalStateException.class, () -> writer.wrap(dst, 0).payloadId(1).index(1).finish());
        assertThrows(IllegalStateException.class, () -> writer.wrap(dst, 0).payloadId(1).index(1)
            .stateRoot(hash, 0).receiptsRoot(hash, 0).logsBloom(repeat(0, 256), 0).gasUsed(0).blockHash(hash, 0)
            .transactionsStart().withdrawalsStart().metadataStart(1).finish());
        assertThrows(IllegalStateException.class, () -> writer.wrap(dst, 0).payloadId(1).index(1)
            .stateRoot(hash, 0).receiptsRoot(hash, 0).logsBloom(repeat(0, 256), 0).gasUsed(0).blockHash(hash, 0)
            .transactionsStart().withdrawalsStart().metadataStart(1).receiptsStart().log(hash, 0, hash, 0, 0, hash, 0, 0));
    }

    @Test
    void shouldRewriteWithoutAllocating()
    {
        final List<String> messages = Flashblocks.messages(Flashblocks.UNICHAIN_NDJSON);
        final UnsafeBuffer[] buffers = messages.stream().map(m -> TestData.padded(m, PAD)).toArray(UnsafeBuffer[]::new);
        final int[] lengths = messages.stream().mapToInt(String::length).toArray();
        final UnsafeBuffer out = new UnsafeBuffer(new byte[64 * 1024]);
        AllocationProbe.assertNoAllocation(() ->
        {
            for (int i = 0; i < buffers.length; i++)
            {
                view.wrap(buffers[i], PAD, lengths[i]);
                if (writer.tryWrite(view, out, 0) <= 0)
                {
                    throw new AssertionError(writer.errorMessage());
                }
            }
        });
        assertNull(writer.errorMessage());
        assertNotEquals(0, out.getByte(0));
    }
}
