package io.boostj.codecs.flashblocks;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;

import io.boostj.codecs.engine.AllocationProbe;
import io.boostj.codecs.hex.Hex;
import io.boostj.codecs.test.TestData;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlashblockViewTest
{
    private static final int PAD = 7;
    private static final String WITHDRAWAL =
        "{\"index\":\"0x0A\",\"validatorIndex\":\"0x1\",\"address\":\"0x00000000000000000000000000000000000000Cc\"," +
        "\"amount\":\"0x00ff\"}";

    private final FlashblockView view = new FlashblockView();
    private UnsafeBuffer buffer;

    private int wrap(final String json)
    {
        buffer = TestData.padded(json, PAD);
        return view.wrap(buffer, PAD, json.length());
    }

    private String span(final int offset, final int length)
    {
        return Flashblocks.text(buffer, offset, length);
    }

    private String value(final FlashblockField field)
    {
        return span(view.valueOffset(field), view.valueLength(field));
    }

    private String bytes(final FlashblockField field)
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[512]);
        final int length = view.getBytes(field, out, 0);
        final byte[] bytes = new byte[length];
        out.getBytes(0, bytes);
        return Hex.toHexString(bytes);
    }

    @Test
    void shouldIndexEveryFieldOfTheIndexZeroGoldenSample()
    {
        final String json = TestData.text(Flashblocks.PINNED_INDEX0);
        assertEquals(FlashblockView.OK, wrap(json), view.errorMessage());
        assertTrue(view.isValid());
        assertNull(view.errorMessage());
        assertEquals(0x0a0a0a0a0a0a0a0aL, view.payloadId());
        assertEquals(0, view.index());
        assertTrue(view.hasBase());
        assertEquals(PAD, view.offset());
        assertEquals(json.length(), view.length());

        assertEquals("0x" + "22".repeat(32), bytes(FlashblockField.PARENT_BEACON_BLOCK_ROOT));
        assertEquals("\"0x" + "33".repeat(32) + "\"", value(FlashblockField.PARENT_HASH));
        assertEquals("0x4200000000000000000000000000000000000011", bytes(FlashblockField.FEE_RECIPIENT));
        assertEquals(100, view.blockNumber());
        assertEquals(100, view.quantity(FlashblockField.BLOCK_NUMBER));
        assertEquals(30_000_000, view.quantity(FlashblockField.GAS_LIMIT));
        assertEquals(1_752_000_000, view.quantity(FlashblockField.TIMESTAMP));
        assertEquals("0x000102", bytes(FlashblockField.EXTRA_DATA));
        assertEquals(3, view.dataLength(FlashblockField.EXTRA_DATA));
        assertEquals(
            BigInteger.valueOf(1_000_000_000L),
            new BigInteger(1, Hex.fromHexString(bytes(FlashblockField.BASE_FEE_PER_GAS))));
        assertEquals("\"0x3b9aca00\"", value(FlashblockField.BASE_FEE_PER_GAS));

        assertEquals("0x" + "55".repeat(32), bytes(FlashblockField.STATE_ROOT));
        assertEquals(256, view.dataLength(FlashblockField.LOGS_BLOOM));
        assertEquals(50_000, view.gasUsed());
        assertEquals("0x" + "77".repeat(32), bytes(FlashblockField.BLOCK_HASH));
        assertTrue(view.hasWithdrawalsRoot());
        assertEquals("0x" + "88".repeat(32), bytes(FlashblockField.WITHDRAWALS_ROOT));
        assertTrue(view.hasBlobGasUsed());
        assertEquals(0, view.blobGasUsed());
        assertEquals("[\"0x7e010203\"]", value(FlashblockField.TRANSACTIONS));
        assertEquals("[]", value(FlashblockField.WITHDRAWALS));

        assertEquals(1, view.transactionCount());
        assertEquals("\"0x7e010203\"", span(view.transactionOffset(0), view.transactionLength(0)));
        assertEquals(4, view.transactionDataLength(0));
        final UnsafeBuffer tx = new UnsafeBuffer(new byte[4]);
        assertEquals(4, view.getTransaction(0, tx, 0));
        assertEquals(0x7e010203, tx.getInt(0, java.nio.ByteOrder.BIG_ENDIAN));
        assertEquals(0, view.withdrawalCount());

        final int metadataStart = json.indexOf("{\"block_number\":100");
        assertEquals(PAD + metadataStart, view.metadataOffset());
        assertEquals(json.substring(metadataStart, json.length() - 1), span(view.metadataOffset(), view.metadataLength()));
        assertEquals(json.substring(json.indexOf("{\"parent_beacon"), json.indexOf(",\"diff\"")),
            span(view.baseOffset(), view.baseLength()));
        assertEquals(json.substring(json.indexOf("{\"state_root"), json.indexOf(",\"metadata\"")),
            span(view.diffOffset(), view.diffLength()));
    }

    @Test
    void shouldReportNoBaseAndNoBlobGasOnALaterIndex()
    {
        assertEquals(FlashblockView.OK, wrap(TestData.text(Flashblocks.PINNED_INDEX3)));
        assertEquals(3, view.index());
        assertFalse(view.hasBase());
        assertEquals(-1, view.baseOffset());
        assertEquals(0, view.baseLength());
        for (final FlashblockField field : FlashblockField.values())
        {
            assertEquals(!field.isBase() && FlashblockField.BLOB_GAS_USED != field, view.has(field), field.name());
        }
        assertEquals(-1, view.valueOffset(FlashblockField.PARENT_HASH));
        assertEquals(0, view.valueLength(FlashblockField.PARENT_HASH));
        assertEquals(0, view.getBytes(FlashblockField.PARENT_HASH, new UnsafeBuffer(new byte[32]), 0));
        assertFalse(view.hasBlobGasUsed());
        assertEquals(71_000, view.gasUsed());
        assertEquals("\"0x02ff\"", span(view.transactionOffset(0), view.transactionLength(0)));
        assertThrows(IndexOutOfBoundsException.class, () -> view.transactionOffset(1));
        assertThrows(IndexOutOfBoundsException.class, () -> view.withdrawalIndex(0));
    }

    @Test
    void shouldAcceptLegacyExternallyTaggedReceiptsInMetadata()
    {
        assertEquals(FlashblockView.OK, wrap(TestData.text(Flashblocks.LEGACY_TAGGED_INDEX3)));
        assertTrue(span(view.metadataOffset(), view.metadataLength()).contains("{\"Eip1559\":{"));

        final String mainnet = TestData.text(Flashblocks.BASE_MAINNET_LEGACY);
        assertEquals(FlashblockView.OK, wrap(mainnet), view.errorMessage());
        assertEquals(10, view.index());
        assertEquals(0x0316ecb1aa1671b5L, view.payloadId());
        assertEquals(11, view.transactionCount());
        assertFalse(view.hasBase());
    }

    @Test
    void shouldAcceptNullBaseOnALaterIndex()
    {
        final List<String> messages = Flashblocks.messages(Flashblocks.UNICHAIN_NDJSON);
        assertTrue(messages.get(1).contains("\"base\":null"));
        assertEquals(FlashblockView.OK, wrap(messages.get(1)));
        assertEquals(1, view.index());
        assertFalse(view.hasBase());
    }

    @Test
    void shouldParseEveryRealFlashblockWhatEverItsLayout()
    {
        for (final Object[] message : Flashblocks.allRealMessages())
        {
            assertEquals(FlashblockView.OK, wrap((String)message[1]), message[0] + ": " + view.errorMessage());
            assertEquals(0 == view.index(), view.hasBase(), (String)message[0]);
        }
        final List<String> pretty = Flashblocks.messages(Flashblocks.BASE_SEPOLIA_PRETTY);
        assertEquals(FlashblockView.OK, wrap(pretty.get(4)));
        assertEquals(4, view.transactionCount());
        assertTrue(span(view.transactionOffset(3), view.transactionLength(3)).startsWith("\"0x"));
    }

    @Test
    void shouldIndexWithdrawals()
    {
        final String json = TestData.text(Flashblocks.PINNED_INDEX3)
            .replace("\"withdrawals\":[]", "\"withdrawals\":[" + WITHDRAWAL + ", " + WITHDRAWAL.replace("0x0A", "0xb") + "]");
        assertEquals(FlashblockView.OK, wrap(json), view.errorMessage());
        assertEquals(2, view.withdrawalCount());
        assertEquals(10, view.withdrawalIndex(0));
        assertEquals(11, view.withdrawalIndex(1));
        assertEquals(1, view.withdrawalValidatorIndex(0));
        assertEquals(255, view.withdrawalAmount(1));
        assertEquals(WITHDRAWAL, span(view.withdrawalOffset(0), view.withdrawalLength(0)));
        assertEquals("\"0x00000000000000000000000000000000000000Cc\"", span(view.withdrawalAddressOffset(1), 44));
        final UnsafeBuffer address = new UnsafeBuffer(new byte[20]);
        assertEquals(20, view.getWithdrawalAddress(0, address, 0));
        assertEquals((byte)0xcc, address.getByte(19));
    }

    @Test
    void shouldTreatNullOptionalDiffFieldsAsAbsent()
    {
        final String json = TestData.text(Flashblocks.PINNED_INDEX0)
            .replace("\"blob_gas_used\":\"0x0\"", "\"blob_gas_used\":null")
            .replace("\"withdrawals_root\":\"0x" + "88".repeat(32) + "\"", "\"withdrawals_root\":null");
        assertEquals(FlashblockView.OK, wrap(json), view.errorMessage());
        assertFalse(view.hasBlobGasUsed());
        assertFalse(view.hasWithdrawalsRoot());
    }

    @Test
    void shouldIgnoreUnknownMembers()
    {
        final String json = TestData.text(Flashblocks.PINNED_INDEX3)
            .replace("\"index\":3,", "\"index\":3,\"version\":\"0x01\",")
            .replace("\"gas_used\":", "\"post_exec_tx\":null,\"gas_used\":");
        assertEquals(FlashblockView.OK, wrap(json), view.errorMessage());
        assertEquals(71_000, view.gasUsed());
    }

    static Stream<Arguments> invalidMessages()
    {
        final String index0 = TestData.text(Flashblocks.PINNED_INDEX0);
        final String index3 = TestData.text(Flashblocks.PINNED_INDEX3);
        final String hash55 = "\"0x" + "55".repeat(32) + "\"";
        return Stream.of(
            Arguments.of("truncated", index3.substring(0, index3.length() - 1),
                FlashblockView.MALFORMED_JSON, "unexpected end of input"),
            Arguments.of("trailing garbage", index3 + "x", FlashblockView.MALFORMED_JSON, "trailing"),
            Arguments.of("empty", "", FlashblockView.MALFORMED_JSON, "empty input"),
            Arguments.of("array", "[" + index3 + "]", FlashblockView.INVALID_FIELD, "must be a JSON object"),
            Arguments.of("payload id missing", index3.replace("\"payload_id\":\"0x0a0a0a0a0a0a0a0a\",", ""),
                FlashblockView.MISSING_FIELD, "payload_id is missing"),
            Arguments.of("payload id short", index3.replace("0x0a0a0a0a0a0a0a0a", "0x0a0a0a0a0a0a0a"),
                FlashblockView.INVALID_FIELD, "payload_id must be 8 bytes"),
            Arguments.of("payload id long", index3.replace("0x0a0a0a0a0a0a0a0a", "0x0a0a0a0a0a0a0a0a0a"),
                FlashblockView.INVALID_FIELD, "payload_id must be 8 bytes"),
            Arguments.of("payload id number", index3.replace("\"0x0a0a0a0a0a0a0a0a\"", "1"),
                FlashblockView.INVALID_FIELD, "payload_id must be 8 bytes"),
            Arguments.of("payload id not hex", index3.replace("0x0a0a0a0a0a0a0a0a", "0x0a0a0a0a0a0a0a0g"),
                FlashblockView.INVALID_FIELD, "payload_id must be 8 bytes"),
            Arguments.of("index missing", index3.replace("\"index\":3,", ""),
                FlashblockView.MISSING_FIELD, "index is missing"),
            Arguments.of("index string", index3.replace("\"index\":3", "\"index\":\"0x3\""),
                FlashblockView.INVALID_FIELD, "index must be"),
            Arguments.of("index negative", index3.replace("\"index\":3", "\"index\":-3"),
                FlashblockView.INVALID_FIELD, "index must be"),
            Arguments.of("index fraction", index3.replace("\"index\":3", "\"index\":3.5"),
                FlashblockView.INVALID_FIELD, "index must be"),
            Arguments.of("index overflow", index3.replace("\"index\":3", "\"index\":18446744073709551616"),
                FlashblockView.INVALID_FIELD, "index must be"),
            Arguments.of("duplicate member", index3.replace("\"index\":3", "\"index\":3,\"index\":4"),
                FlashblockView.INVALID_FIELD, "duplicate member"),
            Arguments.of("base not an object", index3.replace("\"index\":3,", "\"index\":3,\"base\":[],"),
                FlashblockView.INVALID_FIELD, "base must be an object or null"),
            Arguments.of("base field missing", index0.replace("\"prev_randao\":\"0x" + "44".repeat(32) + "\",", ""),
                FlashblockView.MISSING_FIELD, "base.prev_randao is missing"),
            Arguments.of("base quantity as number", index0.replace("\"block_number\":\"0x64\"", "\"block_number\":100"),
                FlashblockView.INVALID_FIELD, "base.block_number must be a 0x hex quantity of at most 64 bits"),
            Arguments.of("base fee over 256 bits", index0.replace("0x3b9aca00", "0x1" + "0".repeat(64)),
                FlashblockView.INVALID_FIELD, "base.base_fee_per_gas must be a 0x hex quantity of at most 256 bits"),
            Arguments.of("gas limit over 64 bits", index0.replace("0x1c9c380", "0x1" + "0".repeat(16)),
                FlashblockView.INVALID_FIELD, "base.gas_limit"),
            Arguments.of("fee recipient 19 bytes", index0.replace("0x4200000000000000000000000000000000000011",
                "0x42000000000000000000000000000000000011"), FlashblockView.INVALID_FIELD,
                "base.fee_recipient must be 20 bytes of 0x hex"),
            Arguments.of("extra data odd digits", index0.replace("0x000102", "0x00010"),
                FlashblockView.INVALID_FIELD, "base.extra_data must be 0x-prefixed even-length hex data"),
            Arguments.of("diff missing", index3.replace("\"diff\":", "\"dif\":"),
                FlashblockView.MISSING_FIELD, "diff is missing"),
            Arguments.of("diff not an object", index0.replace("\"diff\":{", "\"diff\":[{").replace(",\"metadata\"", "],\"metadata\""),
                FlashblockView.INVALID_FIELD, "diff must be an object"),
            Arguments.of("state root 31 bytes", index0.replace(hash55, "\"0x" + "55".repeat(31) + "\""),
                FlashblockView.INVALID_FIELD, "diff.state_root must be 32 bytes"),
            Arguments.of("state root not hex", index0.replace(hash55, "\"0x" + "5z".repeat(32) + "\""),
                FlashblockView.INVALID_FIELD, "diff.state_root must be 32 bytes"),
            Arguments.of("state root without 0x", index0.replace(hash55, "\"" + "55".repeat(32) + "\""),
                FlashblockView.INVALID_FIELD, "diff.state_root must be 32 bytes"),
            Arguments.of("block hash missing", index3.replace("\"block_hash\":", "\"blockHash\":"),
                FlashblockView.MISSING_FIELD, "diff.block_hash is missing"),
            Arguments.of("logs bloom short", index3.replace("\"logs_bloom\":\"0x00", "\"logs_bloom\":\"0x"),
                FlashblockView.INVALID_FIELD, "diff.logs_bloom must be 256 bytes"),
            Arguments.of("gas used empty", index3.replace("\"0x11558\"", "\"0x\""),
                FlashblockView.INVALID_FIELD, "diff.gas_used"),
            Arguments.of("gas used number", index3.replace("\"0x11558\"", "71000"),
                FlashblockView.INVALID_FIELD, "diff.gas_used"),
            Arguments.of("transactions not an array", index3.replace("[\"0x02ff\"]", "\"0x02ff\""),
                FlashblockView.INVALID_FIELD, "diff.transactions must be an array"),
            Arguments.of("transaction not hex", index3.replace("[\"0x02ff\"]", "[\"0x02ff\",7]"),
                FlashblockView.INVALID_FIELD, "diff.transactions elements must be 0x hex data"),
            Arguments.of("transaction odd", index3.replace("[\"0x02ff\"]", "[\"0x02f\"]"),
                FlashblockView.INVALID_FIELD, "diff.transactions elements must be 0x hex data"),
            Arguments.of("transactions missing", index3.replace("\"transactions\":[\"0x02ff\"],", ""),
                FlashblockView.MISSING_FIELD, "diff.transactions is missing"),
            Arguments.of("withdrawals not an array", index3.replace("\"withdrawals\":[]", "\"withdrawals\":{}"),
                FlashblockView.INVALID_FIELD, "diff.withdrawals must be an array"),
            Arguments.of("withdrawal not an object", index3.replace("\"withdrawals\":[]", "\"withdrawals\":[1]"),
                FlashblockView.INVALID_FIELD, "diff.withdrawals elements must be objects"),
            Arguments.of("withdrawal amount missing", index3.replace("\"withdrawals\":[]",
                "\"withdrawals\":[" + WITHDRAWAL.replace(",\"amount\":\"0x00ff\"", "") + "]"),
                FlashblockView.MISSING_FIELD, "withdrawal amount"),
            Arguments.of("withdrawal address short", index3.replace("\"withdrawals\":[]",
                "\"withdrawals\":[" + WITHDRAWAL.replace("Cc\"", "\"") + "]"),
                FlashblockView.INVALID_FIELD, "withdrawal address must be 20 bytes"),
            Arguments.of("withdrawal index number", index3.replace("\"withdrawals\":[]",
                "\"withdrawals\":[" + WITHDRAWAL.replace("\"0x0A\"", "10") + "]"),
                FlashblockView.INVALID_FIELD, "withdrawal index must be"),
            Arguments.of("withdrawals root 33 bytes", index3.replace("dddd\"", "dddddd\""),
                FlashblockView.INVALID_FIELD, "diff.withdrawals_root must be 32 bytes"),
            Arguments.of("blob gas used not hex", index0.replace("\"blob_gas_used\":\"0x0\"", "\"blob_gas_used\":\"abc\""),
                FlashblockView.INVALID_FIELD, "diff.blob_gas_used"),
            Arguments.of("metadata missing", index3.substring(0, index3.indexOf(",\"metadata\"")) + "}",
                FlashblockView.MISSING_FIELD, "metadata is missing"),
            Arguments.of("metadata not an object", index3.substring(0, index3.indexOf(",\"metadata\"")) + ",\"metadata\":[]}",
                FlashblockView.INVALID_FIELD, "metadata must be an object"),
            Arguments.of("metadata null", index3.substring(0, index3.indexOf(",\"metadata\"")) + ",\"metadata\":null}",
                FlashblockView.INVALID_FIELD, "metadata must be an object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidMessages")
    void shouldRejectInvalidMessagesWithAClearReason(
        final String name, final String json, final int expectedCode, final String expectedMessage)
    {
        final int code = wrap(json);
        assertEquals(expectedCode, code, FlashblockView.codeName(code) + ": " + view.errorMessage());
        assertFalse(view.isValid());
        assertEquals(expectedCode, view.result());
        assertNotNull(view.errorMessage());
        assertTrue(view.errorMessage().contains(expectedMessage), view.errorMessage());
        assertTrue(view.errorPosition() >= PAD && view.errorPosition() <= PAD + json.length(), "" + view.errorPosition());
    }

    @Test
    void shouldNameEveryCode()
    {
        assertEquals("OK", FlashblockView.codeName(FlashblockView.OK));
        assertEquals("MALFORMED_JSON", FlashblockView.codeName(FlashblockView.MALFORMED_JSON));
        assertEquals("MISSING_FIELD", FlashblockView.codeName(FlashblockView.MISSING_FIELD));
        assertEquals("INVALID_FIELD", FlashblockView.codeName(FlashblockView.INVALID_FIELD));
        assertEquals("UNKNOWN(7)", FlashblockView.codeName(7));
    }

    @Test
    void shouldWrapWithoutAllocating()
    {
        final List<String> messages = Flashblocks.messages(Flashblocks.UNICHAIN_NDJSON);
        final UnsafeBuffer[] buffers = new UnsafeBuffer[messages.size()];
        for (int i = 0; i < buffers.length; i++)
        {
            buffers[i] = TestData.padded(messages.get(i), PAD);
        }
        final int[] lengths = messages.stream().mapToInt(String::length).toArray();
        AllocationProbe.assertNoAllocation(() ->
        {
            for (int i = 0; i < buffers.length; i++)
            {
                if (FlashblockView.OK != view.wrap(buffers[i], PAD, lengths[i]))
                {
                    throw new AssertionError(view.errorMessage());
                }
            }
        });
    }
}
