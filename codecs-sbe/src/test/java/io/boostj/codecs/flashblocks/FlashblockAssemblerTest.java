package io.boostj.codecs.flashblocks;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.boostj.codecs.engine.AllocationProbe;
import io.boostj.codecs.hex.Hex;
import io.boostj.codecs.test.TestData;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlashblockAssemblerTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int PAD = 5;
    private static final int DST_OFFSET = 13;

    private final FlashblockAssembler assembler = new FlashblockAssembler();
    private final ExpandableArrayBuffer dst = new ExpandableArrayBuffer(256);

    private int append(final String json)
    {
        return assembler.tryAppend(TestData.padded(json, PAD), PAD, json.length());
    }

    private void appendAll(final List<String> messages)
    {
        for (final String message : messages)
        {
            assertEquals(FlashblockAssembler.OK, append(message), assembler.errorMessage());
        }
    }

    private String envelope(final int lastIndex, final PayloadEnvelopeVersion version)
    {
        final int length = assembler.tryWriteEnvelope(lastIndex, version, dst, DST_OFFSET);
        assertTrue(length > 0, FlashblockAssembler.codeName(length) + ": " + assembler.errorMessage());
        assertTrue(length <= assembler.maxEnvelopeLength(lastIndex));
        assertEquals(DST_OFFSET, assembler.envelopeOffset());
        assertEquals(length, assembler.envelopeLength());
        return dst.getStringWithoutLengthUtf8(DST_OFFSET, length);
    }

    private String executionPayloadSpan()
    {
        return dst.getStringWithoutLengthUtf8(assembler.executionPayloadOffset(), assembler.executionPayloadLength());
    }

    private static Set<String> keys(final JsonNode node)
    {
        final Set<String> keys = new TreeSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static String summaryHash(final FlashblockAssembler assembler, final int which)
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[32]);
        final int length;
        switch (which)
        {
            case 0:
                length = assembler.getBlockHash(out, 0);
                break;
            case 1:
                length = assembler.getStateRoot(out, 0);
                break;
            case 2:
                length = assembler.getParentHash(out, 0);
                break;
            default:
                length = assembler.getParentBeaconBlockRoot(out, 0);
        }
        assertEquals(32, length);
        return Hex.toHexString(out.byteArray());
    }

    private static long quantity(final JsonNode node)
    {
        final String text = node.asText();
        assertTrue(text.startsWith("0x") && (text.length() == 3 || text.charAt(2) != '0'), "minimal quantity: " + text);
        return new BigInteger(text.substring(2), 16).longValueExact();
    }

    @Test
    void shouldAssembleTheUnichainBlockAsOpAlloyDoes() throws Exception
    {
        final List<String> messages = Flashblocks.messages(Flashblocks.UNICHAIN_NDJSON);
        appendAll(messages);
        assertEquals(5, assembler.count());
        assertEquals(0x03c446f063e3735aL, assembler.payloadId());
        assertTrue(assembler.hasWithdrawalsRoot(4));

        final JsonNode envelope = MAPPER.readTree(envelope(4, PayloadEnvelopeVersion.V4));
        final JsonNode payload = envelope.get("executionPayload");
        assertEquals("0x06ff95a9cd23b0328da74a984aa986b2e01d377dab1825f1029e39ece6c4a3ea", payload.get("parentHash").asText());
        assertEquals(Flashblocks.UNICHAIN_BLOCK_HASH, payload.get("blockHash").asText());
        assertEquals(0x21E3B52L, quantity(payload.get("blockNumber")));
        assertEquals(0x690be89eL, quantity(payload.get("timestamp")));
        assertEquals("0x4200000000000000000000000000000000000011", payload.get("feeRecipient").asText());
        assertEquals(0x3938700L, quantity(payload.get("gasLimit")));
        assertEquals(0x32138L, quantity(payload.get("gasUsed")));
        assertEquals("0x5615e4342d231c352438f0ba6a8f0f641459f67961961764b781a909969b28ad", payload.get("stateRoot").asText());
        assertEquals(
            "0x588e1d47b0618d7e935b20c3945cba3b7b8c00141904f79ceed20312ea502e63", payload.get("receiptsRoot").asText());
        assertEquals(6, payload.get("transactions").size());
        assertEquals(0, payload.get("withdrawals").size());
        assertEquals(
            "0x62ed62e0391b081bf172f287fbbe75e87d8a6c22f1d3b1f1aef4788c134633d2", payload.get("withdrawalsRoot").asText());
        assertEquals("0x0", payload.get("blobGasUsed").asText());
        assertEquals("0x0", payload.get("excessBlobGas").asText());
        assertEquals(
            "0xf6d335a6b2b4fd8fb539cd51a49769df4d53c31a90c54dd270e54542638ff101",
            envelope.get("parentBeaconBlockRoot").asText());
        assertEquals("0x0", envelope.get("blockValue").asText());
        assertEquals("{\"commitments\":[],\"proofs\":[],\"blobs\":[]}", envelope.get("blobsBundle").toString());
        assertFalse(envelope.get("shouldOverrideBuilder").booleanValue());
        assertTrue(envelope.get("executionRequests").isArray() && envelope.get("executionRequests").isEmpty());

        final JsonNode v4Sample = MAPPER.readTree(TestData.text(Flashblocks.ENVELOPE_V4));
        assertEquals(keys(v4Sample), keys(envelope));
        assertEquals(keys(v4Sample.get("executionPayload")), keys(payload));
        assertEquals(payload, MAPPER.readTree(executionPayloadSpan()));

        assertEquals(5, assembler.writtenCount());
        assertEquals(0x21E3B52L, assembler.blockNumber());
        assertEquals(0x690be89eL, assembler.timestamp());
        assertEquals(0x3938700L, assembler.gasLimit());
        assertEquals(0x32138L, assembler.gasUsed());
        assertEquals(0, assembler.blobGasUsed());
        assertEquals(6, assembler.txCount());
        assertEquals(0, assembler.withdrawalCount());
        assertEquals(Flashblocks.UNICHAIN_BLOCK_HASH, summaryHash(assembler, 0));
        assertEquals(payload.get("stateRoot").asText(), summaryHash(assembler, 1));
        assertEquals(payload.get("parentHash").asText(), summaryHash(assembler, 2));
        assertEquals(envelope.get("parentBeaconBlockRoot").asText(), summaryHash(assembler, 3));
    }

    @Test
    void shouldConvergeToTheFinalBlockTheChainReturned() throws Exception
    {
        appendAll(Flashblocks.messages(Flashblocks.UNICHAIN_NDJSON));
        final JsonNode payload = MAPPER.readTree(envelope(4, PayloadEnvelopeVersion.V4)).get("executionPayload");
        final JsonNode block = MAPPER.readTree(TestData.text(Flashblocks.UNICHAIN_FINAL_BLOCK));
        for (final String[] pair : new String[][]{
            { "parentHash", "parentHash" }, { "feeRecipient", "miner" }, { "stateRoot", "stateRoot" },
            { "receiptsRoot", "receiptsRoot" }, { "logsBloom", "logsBloom" }, { "prevRandao", "mixHash" },
            { "blockNumber", "number" }, { "gasLimit", "gasLimit" }, { "gasUsed", "gasUsed" },
            { "timestamp", "timestamp" }, { "extraData", "extraData" }, { "baseFeePerGas", "baseFeePerGas" },
            { "blockHash", "hash" }, { "blobGasUsed", "blobGasUsed" }, { "excessBlobGas", "excessBlobGas" },
            { "withdrawalsRoot", "withdrawalsRoot" } })
        {
            assertEquals(block.get(pair[1]).asText(), payload.get(pair[0]).asText(), pair[0]);
        }

        final Iterator<JsonNode> blockTransactions = block.get("transactions").elements();
        for (final JsonNode transaction : payload.get("transactions"))
        {
            final byte[] raw = Hex.fromHexString(transaction.asText());
            final KeccakDigest keccak = new KeccakDigest(256);
            keccak.update(raw, 0, raw.length);
            final byte[] hash = new byte[32];
            keccak.doFinal(hash, 0);
            assertEquals(blockTransactions.next().get("hash").asText(), Hex.toHexString(hash));
        }
        assertFalse(blockTransactions.hasNext());
    }

    @Test
    void shouldGiveTheSameEnvelopeWhateverTheMetadataAndLayout()
    {
        appendAll(Flashblocks.messages(Flashblocks.UNICHAIN_NDJSON));
        final String fromNdjson = envelope(4, PayloadEnvelopeVersion.V4);
        assembler.reset();
        appendAll(Flashblocks.messages(Flashblocks.UNICHAIN_OP_ALLOY));
        assertEquals(fromNdjson, envelope(4, PayloadEnvelopeVersion.V4));

        assembler.reset();
        appendAll(Flashblocks.messages(Flashblocks.BASE_SEPOLIA_OP_ALLOY));
        final String compact = envelope(10, PayloadEnvelopeVersion.V4);
        assembler.reset();
        appendAll(Flashblocks.messages(Flashblocks.BASE_SEPOLIA_PRETTY));
        assertEquals(compact, envelope(10, PayloadEnvelopeVersion.V4));
        assertFalse(compact.contains(" ") || compact.contains("\n"));
    }

    @Test
    void shouldAssembleTheBaseSepoliaBlockAsOpAlloyDoes() throws Exception
    {
        final List<String> messages = Flashblocks.messages(Flashblocks.BASE_SEPOLIA_OP_ALLOY);
        appendAll(messages);
        final JsonNode envelope = MAPPER.readTree(envelope(10, PayloadEnvelopeVersion.V4));
        final JsonNode payload = envelope.get("executionPayload");
        assertEquals("0x6ffd2714d5af6c412c57db3f664a5a127516573bbd987fd242d06f71ea662741", payload.get("parentHash").asText());
        assertEquals(0x1fe4052L, quantity(payload.get("blockNumber")));
        assertEquals(0x690fdf84L, quantity(payload.get("timestamp")));
        assertEquals("0x4200000000000000000000000000000000000011", payload.get("feeRecipient").asText());
        assertEquals(0x3938700L, quantity(payload.get("gasLimit")));
        assertEquals(0x49f43cL, quantity(payload.get("gasUsed")));
        assertEquals("0x" + "00".repeat(32), payload.get("stateRoot").asText());
        assertEquals("0x2b440a266840a96993d85d45d1de1e81f7a859aaac4654dcd5a990ffa2ef947b", payload.get("blockHash").asText());
        assertEquals(
            "0xaa280e93aa4a7d3f616ad391404411abbeebe8bc8fb1ed9b3ef4d0a42bf64ccd", payload.get("receiptsRoot").asText());
        assertEquals(24, payload.get("transactions").size());
        assertEquals(
            "0x77b0fb1616a212bd7cf33d7c28651f19bf6093b2c5f1967e674ec861aeaf9d44", payload.get("withdrawalsRoot").asText());
        assertEquals(
            "0xf058b1e43890ed5f838bd07e77db06d075d894343d1b31f6099a345b0d8f7d1b",
            envelope.get("parentBeaconBlockRoot").asText());

        final int[] perIndex = { 1, 2, 1, 0, 4, 1, 3, 5, 4, 1, 2 };
        final List<String> expectedTransactions = new ArrayList<>();
        for (int k = 0; k < perIndex.length; k++)
        {
            final JsonNode fb = MAPPER.readTree(messages.get(k));
            assertEquals(perIndex[k], fb.get("diff").get("transactions").size());
            fb.get("diff").get("transactions").forEach(tx -> expectedTransactions.add(tx.asText()));
            final JsonNode prefix = MAPPER.readTree(envelope(k, PayloadEnvelopeVersion.V4)).get("executionPayload");
            assertEquals(expectedTransactions.size(), prefix.get("transactions").size());
            assertEquals(expectedTransactions.size(), assembler.txCount());
            for (int i = 0; i < expectedTransactions.size(); i++)
            {
                assertEquals(expectedTransactions.get(i), prefix.get("transactions").get(i).asText());
            }
        }
    }

    @Test
    void shouldAssembleEveryPrefixFromItsLastDiff() throws Exception
    {
        final List<String> messages = Flashblocks.messages(Flashblocks.UNICHAIN_NDJSON);
        appendAll(messages);
        int transactions = 0;
        for (int k = 0; k < messages.size(); k++)
        {
            final JsonNode diff = MAPPER.readTree(messages.get(k)).get("diff");
            transactions += diff.get("transactions").size();
            final JsonNode payload = MAPPER.readTree(envelope(k, PayloadEnvelopeVersion.V4)).get("executionPayload");
            assertEquals(diff.get("block_hash").asText(), payload.get("blockHash").asText(), "prefix 0.." + k);
            assertEquals(diff.get("state_root").asText(), payload.get("stateRoot").asText());
            assertEquals(diff.get("receipts_root").asText(), payload.get("receiptsRoot").asText());
            assertEquals(diff.get("logs_bloom").asText(), payload.get("logsBloom").asText());
            assertEquals(diff.get("gas_used").asText(), payload.get("gasUsed").asText());
            assertEquals(diff.get("withdrawals_root").asText(), payload.get("withdrawalsRoot").asText());
            assertEquals(transactions, payload.get("transactions").size());
            assertEquals(k + 1, assembler.writtenCount());
            assertEquals(transactions, assembler.txCount());
            assertEquals(diff.get("block_hash").asText(), summaryHash(assembler, 0));
        }
    }

    @Test
    void shouldWriteTheV3ShapeWithoutIsthmusFields() throws Exception
    {
        appendAll(Flashblocks.messages(Flashblocks.UNICHAIN_NDJSON));
        final JsonNode v3 = MAPPER.readTree(envelope(4, PayloadEnvelopeVersion.V3));
        final JsonNode sample = MAPPER.readTree(TestData.text(Flashblocks.ENVELOPE_V3));
        assertEquals(keys(sample), keys(v3));
        assertEquals(keys(sample.get("executionPayload")), keys(v3.get("executionPayload")));

        final String v4 = envelope(4, PayloadEnvelopeVersion.V4);
        final String v5 = envelope(4, PayloadEnvelopeVersion.V5);
        assertEquals(v4, v5);
        assertEquals(PayloadEnvelopeVersion.V4, PayloadEnvelopeVersion.forFlashblocks(true));
        assertEquals(PayloadEnvelopeVersion.V3, PayloadEnvelopeVersion.forFlashblocks(false));
    }

    @Test
    void shouldWriteTheExecutionPayloadAlone() throws Exception
    {
        appendAll(Flashblocks.messages(Flashblocks.UNICHAIN_NDJSON));
        final String envelope = envelope(2, PayloadEnvelopeVersion.V4);
        final String inEnvelope = executionPayloadSpan();
        assertTrue(envelope.startsWith("{\"executionPayload\":" + inEnvelope + ",\"blockValue\""));

        final int length = assembler.tryWriteExecutionPayload(2, true, dst, 0);
        assertEquals(inEnvelope, dst.getStringWithoutLengthUtf8(0, length));
        assertEquals(0, assembler.executionPayloadOffset());
        assertEquals(length, assembler.executionPayloadLength());
        final int v3Length = assembler.tryWriteExecutionPayload(2, false, dst, 0);
        assertFalse(MAPPER.readTree(dst.getStringWithoutLengthUtf8(0, v3Length)).has("withdrawalsRoot"));
    }

    @Test
    void shouldReEmitQuantitiesMinimalAndDataLowerCaseAndConcatenateWithdrawals() throws Exception
    {
        final String index0 = TestData.text(Flashblocks.PINNED_INDEX0)
            .replace("\"block_number\":\"0x64\"", "\"block_number\":\"0x0064\"")
            .replace("\"0x3b9aca00\"", "\"0x003B9ACA00\"")
            .replace("\"0x7e010203\"", "\"0x7E010203\"")
            .replace("0x4200000000000000000000000000000000000011", "0x42000000000000000000000000000000000000AA")
            .replace("\"withdrawals\":[]", "\"withdrawals\":[{\"amount\":\"0x01\",\"address\":\"0x" + "AB".repeat(20) +
                "\",\"validatorIndex\":\"0x2\",\"index\":\"0x0\"}]");
        final String index1 = TestData.text(Flashblocks.PINNED_INDEX3)
            .replace("\"index\":3", "\"index\":1")
            .replace("\"withdrawals\":[]", "\"withdrawals\":[{\"index\":\"0x1\",\"validatorIndex\":\"0x3\"," +
                "\"address\":\"0x" + "cd".repeat(20) + "\",\"amount\":\"0xffffffffffffffff\"}]");
        assertEquals(FlashblockAssembler.OK, append(index0), assembler.errorMessage());
        assertEquals(FlashblockAssembler.OK, append(index1), assembler.errorMessage());

        final JsonNode payload = MAPPER.readTree(envelope(1, PayloadEnvelopeVersion.V4)).get("executionPayload");
        assertEquals("0x64", payload.get("blockNumber").asText());
        assertEquals("0x3b9aca00", payload.get("baseFeePerGas").asText());
        assertEquals("0x42000000000000000000000000000000000000aa", payload.get("feeRecipient").asText());
        assertEquals("[\"0x7e010203\",\"0x02ff\"]", payload.get("transactions").toString());
        assertEquals("[{\"index\":\"0x0\",\"validatorIndex\":\"0x2\",\"address\":\"0x" + "ab".repeat(20) +
            "\",\"amount\":\"0x1\"},{\"index\":\"0x1\",\"validatorIndex\":\"0x3\",\"address\":\"0x" + "cd".repeat(20) +
            "\",\"amount\":\"0xffffffffffffffff\"}]", payload.get("withdrawals").toString());
        assertEquals("0x0", payload.get("blobGasUsed").asText(), "blob_gas_used of the last diff, absent there");
        assertEquals(2, assembler.withdrawalCount());
        assertEquals(1, MAPPER.readTree(envelope(0, PayloadEnvelopeVersion.V4))
            .get("executionPayload").get("withdrawals").size());
    }

    @Test
    void shouldTakeBlobGasUsedFromTheLastDiff() throws Exception
    {
        final String index0 = TestData.text(Flashblocks.PINNED_INDEX0).replace("\"blob_gas_used\":\"0x0\"",
            "\"blob_gas_used\":\"0x0100\"");
        final String index1 = TestData.text(Flashblocks.PINNED_INDEX3).replace("\"index\":3", "\"index\":1")
            .replace("\"withdrawals_root\"", "\"blob_gas_used\":\"0x2a\",\"withdrawals_root\"");
        appendAll(List.of(index0, index1));
        assertEquals("0x100", MAPPER.readTree(envelope(0, PayloadEnvelopeVersion.V3))
            .get("executionPayload").get("blobGasUsed").asText());
        assertEquals(0x100, assembler.blobGasUsed());
        assertEquals("0x2a", MAPPER.readTree(envelope(1, PayloadEnvelopeVersion.V3))
            .get("executionPayload").get("blobGasUsed").asText());
    }

    @Test
    void shouldKeepEveryAcceptedMessageForRepublishing()
    {
        final List<String> messages = Flashblocks.messages(Flashblocks.UNICHAIN_NDJSON);
        appendAll(messages);
        for (int i = 0; i < messages.size(); i++)
        {
            assertEquals(messages.get(i), assembler.buffer().getStringWithoutLengthUtf8(
                assembler.flashblockOffset(i), assembler.flashblockLength(i)));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> assembler.flashblockOffset(5));
    }

    @Test
    void shouldRefuseAGapAndKeepWaitingForTheRightIndex()
    {
        final List<String> messages = Flashblocks.messages(Flashblocks.UNICHAIN_NDJSON);
        assertEquals(FlashblockAssembler.OK, append(messages.get(0)));
        assertEquals(FlashblockAssembler.INVALID_INDEX, append(messages.get(2)));
        assertEquals("index is not the next expected one (gap or duplicate)", assembler.errorMessage());
        assertEquals(1, assembler.count());
        assertEquals(FlashblockAssembler.OK, append(messages.get(1)));
        assertEquals(FlashblockAssembler.OK, append(messages.get(2)));
        assertEquals(3, assembler.count());
    }

    @Test
    void shouldRefuseADuplicate()
    {
        final List<String> messages = Flashblocks.messages(Flashblocks.UNICHAIN_NDJSON);
        appendAll(messages.subList(0, 2));
        assertEquals(FlashblockAssembler.INVALID_INDEX, append(messages.get(1)));
        assertEquals(FlashblockAssembler.INVALID_INDEX, append(messages.get(0)));
        assertEquals(2, assembler.count());
    }

    @Test
    void shouldRefuseIndexZeroWithoutBase()
    {
        final String noBase = TestData.text(Flashblocks.PINNED_INDEX3).replace("\"index\":3", "\"index\":0");
        assertEquals(FlashblockAssembler.MISSING_BASE, append(noBase));
        assertEquals("index 0 carries no base", assembler.errorMessage());
        assertEquals(0, assembler.count());
        assertFalse(assembler.hasPayloadId());
        final String nullBase = Flashblocks.messages(Flashblocks.UNICHAIN_NDJSON).get(1).replace("\"index\":1", "\"index\":0");
        assertEquals(FlashblockAssembler.MISSING_BASE, append(nullBase));
    }

    @Test
    void shouldRefuseABaseAfterIndexZero()
    {
        final List<String> messages = Flashblocks.messages(Flashblocks.UNICHAIN_NDJSON);
        final String base = messages.get(0).substring(messages.get(0).indexOf("\"base\":"), messages.get(0).indexOf(",\"diff\""));
        appendAll(messages.subList(0, 1));
        assertEquals(FlashblockAssembler.UNEXPECTED_BASE, append(messages.get(1).replace("\"base\":null", base)));
        assertEquals("a flashblock after index 0 carries a base", assembler.errorMessage());
        assertEquals(1, assembler.count());
    }

    @Test
    void shouldRefuseAnotherPayloadId()
    {
        final List<String> messages = Flashblocks.messages(Flashblocks.UNICHAIN_NDJSON);
        appendAll(messages.subList(0, 1));
        assertEquals(FlashblockAssembler.PAYLOAD_ID_MISMATCH, append(messages.get(1).replace("0x03c446f063e3735a", "0x03c446f063e3735b")));
        assertEquals(1, assembler.count());

        assembler.reset(0x0102030405060708L);
        assertTrue(assembler.hasPayloadId());
        assertEquals(0x0102030405060708L, assembler.payloadId());
        assertEquals(FlashblockAssembler.PAYLOAD_ID_MISMATCH, append(messages.get(0)));
        assertEquals(FlashblockAssembler.OK, append(messages.get(0).replace("0x03c446f063e3735a", "0x0102030405060708")));
    }

    @Test
    void shouldRefuseMalformedMessagesWithTheViewsReason()
    {
        assertEquals(FlashblockAssembler.MALFORMED, append("{\"payload_id\":"));
        assertEquals("unexpected end of input", assembler.errorMessage());
        assertEquals(FlashblockAssembler.MALFORMED, append(TestData.text(Flashblocks.PINNED_INDEX0).replace("0x0a0a0a0a0a0a0a0a", "0x0a")));
        assertEquals("payload_id must be 8 bytes of 0x hex", assembler.errorMessage());
        assertEquals(0, assembler.count());
    }

    @Test
    void shouldRefuseMoreFlashblocksOrBytesThanConfigured()
    {
        final List<String> messages = Flashblocks.messages(Flashblocks.UNICHAIN_NDJSON);
        final FlashblockAssembler twoOnly = new FlashblockAssembler(2, 1 << 20, 16);
        for (int i = 0; i < 2; i++)
        {
            assertEquals(FlashblockAssembler.OK, twoOnly.tryAppend(TestData.padded(messages.get(i), 0), 0, messages.get(i).length()));
        }
        assertEquals(FlashblockAssembler.FULL, twoOnly.tryAppend(TestData.padded(messages.get(2), 0), 0, messages.get(2).length()));
        assertEquals("too many flashblocks or bytes for one payload", twoOnly.errorMessage());

        final FlashblockAssembler small = new FlashblockAssembler(100, messages.get(0).length() + 10, 16);
        assertEquals(FlashblockAssembler.OK, small.tryAppend(TestData.padded(messages.get(0), 0), 0, messages.get(0).length()));
        assertEquals(FlashblockAssembler.FULL, small.tryAppend(TestData.padded(messages.get(1), 0), 0, messages.get(1).length()));
        assertEquals(1, small.count());
        assertThrows(IllegalArgumentException.class, () -> new FlashblockAssembler(0, 1, 1));
    }

    @Test
    void shouldRefuseToWriteWhatCannotBeWritten()
    {
        assertEquals(FlashblockAssembler.EMPTY, assembler.tryWriteEnvelope(PayloadEnvelopeVersion.V3, dst, 0));
        assertEquals("no flashblock to assemble", assembler.errorMessage());
        assertEquals(0, assembler.writtenCount());
        assertEquals(0, assembler.getBlockHash(new UnsafeBuffer(new byte[32]), 0));

        appendAll(Flashblocks.messages(Flashblocks.UNICHAIN_NDJSON).subList(0, 2));
        assertEquals(FlashblockAssembler.INVALID_INDEX, assembler.tryWriteEnvelope(2, PayloadEnvelopeVersion.V3, dst, 0));
        assertEquals(FlashblockAssembler.INVALID_INDEX, assembler.tryWriteEnvelope(-1, PayloadEnvelopeVersion.V3, dst, 0));
        assertEquals(0, assembler.maxEnvelopeLength(2));

        final UnsafeBuffer small = new UnsafeBuffer(new byte[assembler.maxEnvelopeLength(1) - 1]);
        assertEquals(FlashblockAssembler.BUFFER_TOO_SMALL, assembler.tryWriteEnvelope(1, PayloadEnvelopeVersion.V4, small, 0));
        final UnsafeBuffer exact = new UnsafeBuffer(new byte[assembler.maxEnvelopeLength(1)]);
        assertTrue(assembler.tryWriteEnvelope(1, PayloadEnvelopeVersion.V4, exact, 0) > 0);

        assembler.reset();
        final String preIsthmus = TestData.text(Flashblocks.PINNED_INDEX0)
            .replace(",\"withdrawals_root\":\"0x" + "88".repeat(32) + "\"", "");
        assertEquals(FlashblockAssembler.OK, append(preIsthmus));
        assertFalse(assembler.hasWithdrawalsRoot(0));
        assertEquals(FlashblockAssembler.MISSING_WITHDRAWALS_ROOT,
            assembler.tryWriteEnvelope(PayloadEnvelopeVersion.V4, dst, 0));
        assertEquals(FlashblockAssembler.MISSING_WITHDRAWALS_ROOT, assembler.tryWriteExecutionPayload(0, true, dst, 0));
        assertTrue(assembler.tryWriteEnvelope(PayloadEnvelopeVersion.V3, dst, 0) > 0);
        assertNull(assembler.errorMessage());
    }

    @ParameterizedTest
    @EnumSource(PayloadEnvelopeVersion.class)
    void shouldAssembleWithoutAllocatingInSteadyState(final PayloadEnvelopeVersion version)
    {
        final List<String> messages = Flashblocks.messages(Flashblocks.UNICHAIN_NDJSON);
        final UnsafeBuffer[] buffers = messages.stream().map(m -> TestData.padded(m, PAD)).toArray(UnsafeBuffer[]::new);
        final int[] lengths = messages.stream().mapToInt(String::length).toArray();
        final UnsafeBuffer out = new UnsafeBuffer(new byte[64 * 1024]);
        final UnsafeBuffer hash = new UnsafeBuffer(new byte[32]);
        AllocationProbe.assertNoAllocation(() ->
        {
            assembler.reset(0x03c446f063e3735aL);
            for (int i = 0; i < buffers.length; i++)
            {
                if (FlashblockAssembler.OK != assembler.tryAppend(buffers[i], PAD, lengths[i]))
                {
                    throw new AssertionError(assembler.errorMessage());
                }
            }
            if (assembler.tryWriteEnvelope(version, out, 0) <= 0 || assembler.getBlockHash(hash, 0) != 32)
            {
                throw new AssertionError(assembler.errorMessage());
            }
        });
        assertEquals(Flashblocks.UNICHAIN_BLOCK_HASH, Hex.toHexString(hash.byteArray()));
    }

    @Test
    void shouldNameEveryCode()
    {
        final String[] names = { "OK", "INVALID_INDEX", "MISSING_BASE", "UNEXPECTED_BASE", "PAYLOAD_ID_MISMATCH",
            "MALFORMED", "FULL", "EMPTY", "MISSING_WITHDRAWALS_ROOT", "BUFFER_TOO_SMALL" };
        for (int i = 0; i < names.length; i++)
        {
            assertEquals(names[i], FlashblockAssembler.codeName(-i));
        }
        assertEquals("UNKNOWN(1)", FlashblockAssembler.codeName(1));
    }
}
