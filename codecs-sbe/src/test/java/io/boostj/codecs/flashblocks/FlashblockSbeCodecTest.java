package io.boostj.codecs.flashblocks;

import java.nio.ByteOrder;
import java.util.List;

import io.boostj.codecs.engine.AllocationProbe;
import io.boostj.codecs.hex.Hex;
import io.boostj.codecs.test.TestData;
import io.boostj.sbe.BooleanType;
import io.boostj.sbe.FlashblockPayloadDecoder;
import io.boostj.sbe.MessageHeaderDecoder;
import io.boostj.sbe.TickEncoder;
import io.boostj.sbe.MessageHeaderEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlashblockSbeCodecTest
{
    private static final int PAD = 9;
    private static final int SBE_OFFSET = 17;

    private final FlashblockView view = new FlashblockView();
    private final FlashblockSbeCodec codec = new FlashblockSbeCodec();
    private final FlashblockJsonWriter writer = new FlashblockJsonWriter();
    private final ExpandableArrayBuffer sbe = new ExpandableArrayBuffer(256);
    private final ExpandableArrayBuffer json = new ExpandableArrayBuffer(256);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final FlashblockPayloadDecoder decoder = new FlashblockPayloadDecoder();

    private int encode(final String message)
    {
        final UnsafeBuffer src = TestData.padded(message, PAD);
        assertEquals(FlashblockView.OK, view.wrap(src, PAD, message.length()), view.errorMessage());
        final int length = codec.tryEncode(view, sbe, SBE_OFFSET);
        assertTrue(length > 0, "tryEncode: " + length + " " + codec.errorMessage());
        assertTrue(length <= FlashblockSbeCodec.maxEncodedLength(view));
        return length;
    }

    private String decode(final int sbeLength)
    {
        final int length = codec.tryDecode(sbe, SBE_OFFSET, sbeLength, json, 3);
        assertTrue(length > 0, "tryDecode: " + length + " " + codec.errorMessage());
        return json.getStringWithoutLengthUtf8(3, length);
    }

    private String canonical(final String message)
    {
        final UnsafeBuffer src = TestData.padded(message, PAD);
        view.wrap(src, PAD, message.length());
        final ExpandableArrayBuffer out = new ExpandableArrayBuffer(256);
        return out.getStringWithoutLengthUtf8(0, writer.tryWrite(view, out, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.boostj.codecs.flashblocks.Flashblocks#allRealMessages")
    void shouldRoundTripEveryRealFlashblockThroughSbe(final String name, final String message)
    {
        final String expected = canonical(message);
        final String roundTripped = decode(encode(message));
        assertEquals(expected, roundTripped, name);
        assertEquals(roundTripped, decode(encode(roundTripped)), name);
    }

    @ParameterizedTest
    @ValueSource(strings = { Flashblocks.PINNED_INDEX0, Flashblocks.PINNED_INDEX3, Flashblocks.LEGACY_TAGGED_INDEX3 })
    void shouldDecodeToOpRbuilderBytes(final String path)
    {
        final String expected = TestData.text(path.equals(Flashblocks.LEGACY_TAGGED_INDEX3) ? Flashblocks.PINNED_INDEX3 : path);
        assertEquals(expected, decode(encode(TestData.text(path))));
    }

    @Test
    void shouldCarryTheFieldsStructurally()
    {
        final String message = TestData.text(Flashblocks.PINNED_INDEX0)
            .replace("\"withdrawals\":[]", "\"withdrawals\":[{\"index\":\"0x5\",\"validatorIndex\":\"0x6\"," +
                "\"address\":\"0x" + "ab".repeat(20) + "\",\"amount\":\"0x7\"}]");
        final int length = encode(message);
        header.wrap(sbe, SBE_OFFSET);
        assertEquals(50, header.templateId());
        assertEquals(7001, header.schemaId());
        decoder.wrapAndApplyHeader(sbe, SBE_OFFSET, header);
        assertEquals(0x0a0a0a0a0a0a0a0aL, sbe.getLong(decoder.offset(), ByteOrder.BIG_ENDIAN));
        assertEquals(0, decoder.index());
        assertEquals(BooleanType.TRUE, decoder.hasBase());
        assertEquals(0x22, decoder.parentBeaconBlockRoot(31));
        assertEquals(0x11, decoder.feeRecipient(19));
        assertEquals(100, decoder.blockNumber());
        assertEquals(30_000_000, decoder.gasLimit());
        assertEquals(1_752_000_000, decoder.timestamp());
        assertEquals(1_000_000_000L, sbe.getLong(decoder.offset() +
            FlashblockPayloadDecoder.baseFeePerGasEncodingOffset() + 24, ByteOrder.BIG_ENDIAN));
        assertEquals(0, decoder.baseFeePerGas(0));
        assertEquals(0x55, decoder.stateRoot(0));
        assertEquals(50_000, decoder.gasUsed());
        assertEquals(0x77, decoder.blockHash(5));
        assertEquals(BooleanType.TRUE, decoder.hasWithdrawalsRoot());
        assertEquals(0x88, decoder.withdrawalsRoot(0));
        assertEquals(BooleanType.TRUE, decoder.hasBlobGasUsed());
        assertEquals(0, decoder.blobGasUsed());
        final FlashblockPayloadDecoder.TransactionsDecoder transactions = decoder.transactions();
        assertEquals(1, transactions.count());
        final UnsafeBuffer tx = new UnsafeBuffer(new byte[4]);
        transactions.next().getTx(tx, 0, 4);
        assertEquals("0x7e010203", Hex.toHexString(tx.byteArray()));
        final FlashblockPayloadDecoder.WithdrawalsDecoder withdrawals = decoder.withdrawals();
        assertEquals(1, withdrawals.count());
        withdrawals.next();
        assertEquals(5, withdrawals.index());
        assertEquals(6, withdrawals.validatorIndex());
        assertEquals(0xab, withdrawals.address(0));
        assertEquals(7, withdrawals.amountGwei());
        final byte[] extraData = new byte[decoder.extraDataLength()];
        decoder.getExtraData(extraData, 0, extraData.length);
        assertEquals("0x000102", Hex.toHexString(extraData));
        final byte[] metadataBytes = new byte[decoder.metadataLength()];
        decoder.getMetadata(metadataBytes, 0, metadataBytes.length);
        final String metadata = new String(metadataBytes, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(metadata.startsWith("{\"block_number\":100,"), metadata);
        assertEquals(length, MessageHeaderDecoder.ENCODED_LENGTH + decoder.encodedLength());

        assertEquals(canonical(message), decode(length));
    }

    @Test
    void shouldZeroTheAbsentFieldsOfALaterFlashblock()
    {
        sbe.setMemory(0, 2048, (byte)0x5a);
        final String message = Flashblocks.messages(Flashblocks.UNICHAIN_NDJSON).get(1)
            .replaceFirst(",\"withdrawals_root\":\"0x[0-9a-f]{64}\"", "");
        encode(message);
        header.wrap(sbe, SBE_OFFSET);
        decoder.wrapAndApplyHeader(sbe, SBE_OFFSET, header);
        assertEquals(BooleanType.FALSE, decoder.hasBase());
        assertEquals(BooleanType.FALSE, decoder.hasWithdrawalsRoot());
        assertEquals(BooleanType.FALSE, decoder.hasBlobGasUsed());
        for (int i = 0; i < 32; i++)
        {
            assertEquals(0, decoder.parentHash(i));
            assertEquals(0, decoder.baseFeePerGas(i));
            assertEquals(0, decoder.withdrawalsRoot(i));
        }
        assertEquals(0, decoder.blockNumber());
    }

    @Test
    void shouldRefuseWhatItCannotConvert()
    {
        view.wrap(new UnsafeBuffer("[]".getBytes()), 0, 2);
        assertEquals(FlashblockSbeCodec.INVALID_VIEW, codec.tryEncode(view, sbe, 0));

        final String message = TestData.text(Flashblocks.PINNED_INDEX0);
        view.wrap(TestData.padded(message, 0), 0, message.length());
        final UnsafeBuffer small = new UnsafeBuffer(new byte[100]);
        assertEquals(FlashblockSbeCodec.BUFFER_TOO_SMALL, codec.tryEncode(view, small, 0));
        assertEquals("destination buffer too small for the SBE message", codec.errorMessage());

        final int length = encode(message);
        assertEquals(FlashblockSbeCodec.BUFFER_TOO_SMALL, codec.tryDecode(sbe, SBE_OFFSET, length, small, 0));
        assertEquals(FlashblockSbeCodec.MALFORMED, codec.tryDecode(sbe, SBE_OFFSET, 4, json, 0));
        assertEquals(FlashblockSbeCodec.MALFORMED, codec.tryDecode(sbe, SBE_OFFSET, length - 10, json, 0));
        assertEquals("SBE lengths point outside the message", codec.errorMessage());

        final UnsafeBuffer tick = new UnsafeBuffer(new byte[64]);
        final int tickLength = new TickEncoder().wrapAndApplyHeader(tick, 0, new MessageHeaderEncoder())
            .recvTimeNs(1).encodedLength() + MessageHeaderEncoder.ENCODED_LENGTH;
        assertEquals(FlashblockSbeCodec.NOT_A_FLASHBLOCK, codec.tryDecode(tick, 0, tickLength, json, 0));

        final String badMetadata = message.substring(0, message.indexOf("\"metadata\":") + 11) + "{\"receipts\":{}}}";
        final int badLength = encode(badMetadata);
        assertEquals(FlashblockSbeCodec.INVALID_METADATA, codec.tryDecode(sbe, SBE_OFFSET, badLength, json, 0));
        assertTrue(codec.errorMessage().contains("block_number"), codec.errorMessage());
    }

    @Test
    void shouldConvertWithoutAllocating()
    {
        final List<String> messages = Flashblocks.messages(Flashblocks.UNICHAIN_NDJSON);
        final UnsafeBuffer[] buffers = messages.stream().map(m -> TestData.padded(m, PAD)).toArray(UnsafeBuffer[]::new);
        final int[] lengths = messages.stream().mapToInt(String::length).toArray();
        final UnsafeBuffer out = new UnsafeBuffer(new byte[64 * 1024]);
        final UnsafeBuffer back = new UnsafeBuffer(new byte[64 * 1024]);
        AllocationProbe.assertNoAllocation(() ->
        {
            for (int i = 0; i < buffers.length; i++)
            {
                view.wrap(buffers[i], PAD, lengths[i]);
                final int sbeLength = codec.tryEncode(view, out, 0);
                if (sbeLength <= 0 || codec.tryDecode(out, 0, sbeLength, back, 0) <= 0)
                {
                    throw new AssertionError(codec.errorMessage());
                }
            }
        });
    }
}
