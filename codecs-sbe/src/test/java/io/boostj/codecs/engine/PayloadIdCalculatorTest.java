package io.boostj.codecs.engine;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boostj.codecs.hex.Hex;
import io.boostj.codecs.json.JsonException;
import io.boostj.codecs.json.JsonScanner;
import io.boostj.codecs.test.TestData;
import org.agrona.concurrent.UnsafeBuffer;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PayloadIdCalculatorTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PARENT = "0x3533bf30edaf9505d0810bf475cbe4e5f4b9889904b9845e83efdeab4e92eb1e";

    private final PayloadIdCalculator calculator = new PayloadIdCalculator();
    private final JsonScanner scanner = new JsonScanner();
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[16]);

    private String compute(final String parentHex, final String attributes, final int version)
    {
        final byte[] json = attributes.getBytes(StandardCharsets.UTF_8);
        scanner.wrap(TestData.padded(json, 3), 3, json.length);
        final UnsafeBuffer parent = new UnsafeBuffer(new byte[40]);
        parent.putBytes(5, Hex.fromHexString(parentHex));
        assertEquals(8, calculator.compute(parent, 5, scanner, 3, version, out, 4));
        final byte[] id = new byte[8];
        out.getBytes(4, id);
        final long asLong = calculator.computeAsLong(parent, 5, scanner, 3, version);
        assertEquals(ByteBuffer.wrap(id).getLong(), asLong);
        return Hex.toHexString(id);
    }

    @Test
    void shouldReproduceEveryOpGethParityVector() throws Exception
    {
        final byte[] file = TestData.bytes("payload-id/op_payload_id_vectors.json");
        final JsonNode vectors = MAPPER.readTree(file).get("vectors");
        final JsonScanner fileScanner = new JsonScanner().wrap(new UnsafeBuffer(file), 0, file.length);
        final int vectorsPos = fileScanner.member(0, "vectors");
        assertEquals(2, vectors.size());
        for (int i = 0; i < vectors.size(); i++)
        {
            final JsonNode vector = vectors.get(i);
            final int attributesPos = fileScanner.member(fileScanner.element(vectorsPos, i), "attributes");
            final String rawAttributes = new String(EngineRequestEncoderTest.bytes(
                fileScanner.buffer(), attributesPos, fileScanner.valueEnd(attributesPos)), StandardCharsets.UTF_8);
            final String id = compute(vector.get("parentHash").asText(), rawAttributes, vector.get("payloadVersion").asInt());
            assertEquals(vector.get("expectedPayloadId").asText(), id, vector.get("name").asText());
            assertEquals(id, reference(vector.get("parentHash").asText(), vector.get("attributes"), vector.get("payloadVersion").asInt()));
        }
    }

    @Test
    void shouldAcceptMinBaseFeeAsANumberOrAQuantity() throws Exception
    {
        final ObjectNode attributes = (ObjectNode)MAPPER.readTree(TestData.bytes("payload-id/op_payload_id_vectors.json"))
            .get("vectors").get(1).get("attributes");
        attributes.put("minBaseFee", 100);
        assertEquals("0x046c65ffc4d659ec", compute(PARENT, MAPPER.writeValueAsString(attributes), 4));
    }

    @Test
    void shouldStampTheVersionByte() throws Exception
    {
        final JsonNode attributes = MAPPER.readTree(TestData.bytes("payload-id/op_payload_id_vectors.json"))
            .get("vectors").get(0).get("attributes");
        assertEquals("0x04d2dae446d2a86a", compute(PARENT, MAPPER.writeValueAsString(attributes), 4));
        assertEquals("0x00d2dae446d2a86a", compute(PARENT, MAPPER.writeValueAsString(attributes), 0));
    }

    @Test
    void shouldAgreeWithTheReferenceImplementationOnTheHoloceneAttributes() throws Exception
    {
        final String attributes = TestData.text("flashblocks/op-alloy_OpPayloadAttributes_holocene.json").trim();
        assertEquals(reference(PARENT, MAPPER.readTree(attributes), 3), compute(PARENT, attributes, 3));
    }

    @Test
    void shouldAgreeWithTheReferenceImplementationOnOptionalFieldCombinations() throws Exception
    {
        final ObjectNode base = (ObjectNode)MAPPER.readTree(TestData.bytes("payload-id/op_payload_id_vectors.json"))
            .get("vectors").get(0).get("attributes");
        final Random random = new Random(20251122);
        for (int i = 0; i < 200; i++)
        {
            final ObjectNode attributes = base.deepCopy();
            if (random.nextBoolean())
            {
                attributes.remove("withdrawals");
            }
            else if (random.nextBoolean())
            {
                attributes.set("withdrawals", randomWithdrawals(random));
            }
            optional(random, attributes, "parentBeaconBlockRoot");
            switch (random.nextInt(4))
            {
                case 0 -> attributes.remove("transactions");
                case 1 -> attributes.putArray("transactions");
                case 2 -> attributes.putNull("transactions");
                default -> attributes.putArray("transactions").add(randomTx(random)).add("0x").add(randomTx(random));
            }
            switch (random.nextInt(4))
            {
                case 0 -> attributes.remove("noTxPool");
                case 1 -> attributes.put("noTxPool", true);
                case 2 -> attributes.put("noTxPool", false);
                default -> attributes.putNull("noTxPool");
            }
            optional(random, attributes, "gasLimit");
            if (random.nextBoolean())
            {
                attributes.put("eip1559Params", "0x000000fa00000006");
            }
            switch (random.nextInt(4))
            {
                case 0 -> attributes.put("minBaseFee", random.nextInt(1_000_000));
                case 1 -> attributes.put("minBaseFee", "0x" + Long.toHexString(random.nextLong() >>> 1));
                case 2 -> attributes.remove("minBaseFee");
                default -> attributes.putNull("minBaseFee");
            }
            final int version = random.nextInt(256);
            assertEquals(reference(PARENT, attributes, version), compute(PARENT, MAPPER.writeValueAsString(attributes), version),
                attributes::toString);
        }
    }

    @Test
    void shouldDistinguishNoTxPoolWithoutTransactions() throws Exception
    {
        final ObjectNode attributes = (ObjectNode)MAPPER.readTree(TestData.bytes("payload-id/op_payload_id_vectors.json"))
            .get("vectors").get(0).get("attributes");
        attributes.remove("transactions");
        final String withPool = compute(PARENT, MAPPER.writeValueAsString(attributes), 3);
        attributes.put("noTxPool", true);
        assertNotEquals(withPool, compute(PARENT, MAPPER.writeValueAsString(attributes), 3));
        attributes.put("noTxPool", false);
        assertEquals(withPool, compute(PARENT, MAPPER.writeValueAsString(attributes), 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[]", "null", "\"x\"",
        "{\"prevRandao\":\"0x9158595abbdab2c90635087619aa7042bbebe47642dfab3c9bfb934f6b082765\"}",
        "{\"timestamp\":\"0x1\",\"prevRandao\":\"0x01\",\"suggestedFeeRecipient\":\"0x4200000000000000000000000000000000000011\"}",
        "{\"timestamp\":\"0x1\",\"prevRandao\":\"0x9158595abbdab2c90635087619aa7042bbebe47642dfab3c9bfb934f6b082765\"}",
        "{\"timestamp\":\"0x1\",\"prevRandao\":\"0x9158595abbdab2c90635087619aa7042bbebe47642dfab3c9bfb934f6b082765\"," +
            "\"suggestedFeeRecipient\":\"0x4200000000000000000000000000000000000011\",\"transactions\":[\"0x7e\",\"7ef8\"]}",
        "{\"timestamp\":\"0x1\",\"prevRandao\":\"0x9158595abbdab2c90635087619aa7042bbebe47642dfab3c9bfb934f6b082765\"," +
            "\"suggestedFeeRecipient\":\"0x4200000000000000000000000000000000000011\",\"transactions\":[\"0x7ef\"]}",
        "{\"timestamp\":\"0x1\",\"prevRandao\":\"0x9158595abbdab2c90635087619aa7042bbebe47642dfab3c9bfb934f6b082765\"," +
            "\"suggestedFeeRecipient\":\"0x4200000000000000000000000000000000000011\",\"transactions\":[\"0x7z\"]}",
        "{\"timestamp\":\"0x1\",\"prevRandao\":\"0x9158595abbdab2c90635087619aa7042bbebe47642dfab3c9bfb934f6b082765\"," +
            "\"suggestedFeeRecipient\":\"0x4200000000000000000000000000000000000011\",\"transactions\":[1]}",
        "{\"timestamp\":\"0x1\",\"prevRandao\":\"0x9158595abbdab2c90635087619aa7042bbebe47642dfab3c9bfb934f6b082765\"," +
            "\"suggestedFeeRecipient\":\"0x4200000000000000000000000000000000000011\",\"transactions\":\"0x7e\"}",
        "{\"timestamp\":\"0x1\",\"prevRandao\":\"0x9158595abbdab2c90635087619aa7042bbebe47642dfab3c9bfb934f6b082765\"," +
            "\"suggestedFeeRecipient\":\"0x4200000000000000000000000000000000000011\",\"withdrawals\":{}}",
        "{\"timestamp\":\"0x1\",\"prevRandao\":\"0x9158595abbdab2c90635087619aa7042bbebe47642dfab3c9bfb934f6b082765\"," +
            "\"suggestedFeeRecipient\":\"0x4200000000000000000000000000000000000011\",\"withdrawals\":[1]}",
        "{\"timestamp\":\"0x1\",\"prevRandao\":\"0x9158595abbdab2c90635087619aa7042bbebe47642dfab3c9bfb934f6b082765\"," +
            "\"suggestedFeeRecipient\":\"0x4200000000000000000000000000000000000011\",\"withdrawals\":[{\"index\":\"0x1\"}]}",
        "{\"timestamp\":\"0x1\",\"prevRandao\":\"0x9158595abbdab2c90635087619aa7042bbebe47642dfab3c9bfb934f6b082765\"," +
            "\"suggestedFeeRecipient\":\"0x4200000000000000000000000000000000000011\",\"noTxPool\":1}",
        "{\"timestamp\":\"0x1\",\"prevRandao\":\"0x9158595abbdab2c90635087619aa7042bbebe47642dfab3c9bfb934f6b082765\"," +
            "\"suggestedFeeRecipient\":\"0x4200000000000000000000000000000000000011\",\"eip1559Params\":\"0x01\"}",
        "{\"timestamp\":\"0x1\",\"prevRandao\":\"0x9158595abbdab2c90635087619aa7042bbebe47642dfab3c9bfb934f6b082765\"," +
            "\"suggestedFeeRecipient\":\"0x4200000000000000000000000000000000000011\",\"minBaseFee\":-1}",
    })
    void shouldRejectMalformedAttributes(final String attributes)
    {
        assertThrows(JsonException.class, () -> compute(PARENT, attributes, 3), attributes);
    }

    @Test
    void shouldRejectVersionsThatDoNotFitAByteAndAbsentAttributes()
    {
        final String attributes = "{\"timestamp\":\"0x1\"}";
        assertThrows(JsonException.class, () -> compute(PARENT, attributes, 256));
        assertThrows(JsonException.class, () -> compute(PARENT, attributes, -1));
        scanner.wrap(new UnsafeBuffer(new byte[2]), 0, 2);
        assertThrows(JsonException.class, () -> calculator.computeAsLong(new UnsafeBuffer(new byte[32]), 0, scanner, -1, 3));
    }

    @Test
    void shouldNotAllocateWhenWarm() throws Exception
    {
        final ObjectNode attributes = (ObjectNode)MAPPER.readTree(TestData.bytes("payload-id/op_payload_id_vectors.json"))
            .get("vectors").get(1).get("attributes");
        attributes.set("withdrawals", randomWithdrawals(new Random(1)));
        final byte[] json = MAPPER.writeValueAsBytes(attributes);
        final JsonScanner warmScanner = new JsonScanner().wrap(new UnsafeBuffer(json), 0, json.length);
        final UnsafeBuffer parent = new UnsafeBuffer(Hex.fromHexString(PARENT));
        AllocationProbe.assertNoAllocation(() -> calculator.compute(parent, 0, warmScanner, 0, 4, out, 0));
    }

    private static void optional(final Random random, final ObjectNode attributes, final String field)
    {
        switch (random.nextInt(3))
        {
            case 0 -> attributes.remove(field);
            case 1 -> attributes.putNull(field);
            default ->
            {
            }
        }
    }

    private static ArrayNode randomWithdrawals(final Random random)
    {
        final ArrayNode withdrawals = MAPPER.createArrayNode();
        final int count = random.nextInt(5);
        for (int i = 0; i < count; i++)
        {
            final byte[] address = new byte[20];
            random.nextBytes(address);
            withdrawals.addObject()
                .put("index", "0x" + Long.toHexString(random.nextInt(3) == 0 ? 0 : random.nextLong() >>> random.nextInt(64)))
                .put("validatorIndex", "0x" + Long.toHexString(random.nextInt(200)))
                .put("address", Hex.toHexString(address))
                .put("amount", "0x" + Long.toHexString(random.nextLong() >>> random.nextInt(64)));
        }
        return withdrawals;
    }

    private static String randomTx(final Random random)
    {
        final byte[] tx = new byte[1 + random.nextInt(1500)];
        random.nextBytes(tx);
        return Hex.toHexString(tx);
    }

    /**
     * A straightforward, allocating transcription of op-alloy's {@code OpPayloadAttributes::payload_id}, used as an
     * independent oracle for attribute combinations the op-geth vectors do not cover.
     */
    private static String reference(final String parent, final JsonNode attributes, final int version) throws Exception
    {
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.write(Hex.fromHexString(parent));
        data.write(u64(quantity(attributes.get("timestamp"))));
        data.write(Hex.fromHexString(attributes.get("prevRandao").asText()));
        data.write(Hex.fromHexString(attributes.get("suggestedFeeRecipient").asText()));
        if (present(attributes, "withdrawals"))
        {
            final ByteArrayOutputStream items = new ByteArrayOutputStream();
            for (final JsonNode w : attributes.get("withdrawals"))
            {
                final ByteArrayOutputStream item = new ByteArrayOutputStream();
                item.write(rlpUint(quantity(w.get("index"))));
                item.write(rlpUint(quantity(w.get("validatorIndex"))));
                item.write(rlpString(Hex.fromHexString(w.get("address").asText())));
                item.write(rlpUint(quantity(w.get("amount"))));
                items.write(rlpList(item.toByteArray()));
            }
            data.write(rlpList(items.toByteArray()));
        }
        if (present(attributes, "parentBeaconBlockRoot"))
        {
            data.write(Hex.fromHexString(attributes.get("parentBeaconBlockRoot").asText()));
        }
        final boolean noTxPool = present(attributes, "noTxPool") && attributes.get("noTxPool").asBoolean();
        final JsonNode txs = present(attributes, "transactions") ? attributes.get("transactions") : MAPPER.createArrayNode();
        if (noTxPool || txs.size() > 0)
        {
            data.write(noTxPool ? 1 : 0);
            data.write(u64(txs.size()));
            for (final JsonNode tx : txs)
            {
                final KeccakDigest keccak = new KeccakDigest(256);
                final byte[] raw = Hex.fromHexString(tx.asText());
                keccak.update(raw, 0, raw.length);
                final byte[] hash = new byte[32];
                keccak.doFinal(hash, 0);
                data.write(hash);
            }
        }
        if (present(attributes, "gasLimit"))
        {
            data.write(u64(quantity(attributes.get("gasLimit"))));
        }
        if (present(attributes, "eip1559Params"))
        {
            data.write(Hex.fromHexString(attributes.get("eip1559Params").asText()));
        }
        if (present(attributes, "minBaseFee"))
        {
            data.write(u64(quantity(attributes.get("minBaseFee"))));
        }
        final byte[] digest = MessageDigest.getInstance("SHA-256").digest(data.toByteArray());
        final byte[] id = Arrays.copyOf(digest, 8);
        id[0] = (byte)version;
        return Hex.toHexString(id);
    }

    private static boolean present(final JsonNode node, final String field)
    {
        return node.has(field) && !node.get(field).isNull();
    }

    private static BigInteger quantity(final JsonNode node)
    {
        return node.isNumber() ? node.bigIntegerValue() : new BigInteger(node.asText().substring(2), 16);
    }

    private static byte[] u64(final long value)
    {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    private static byte[] u64(final BigInteger value)
    {
        return u64(value.longValue());
    }

    private static byte[] rlpUint(final BigInteger value)
    {
        byte[] bytes = value.toByteArray();
        if (bytes[0] == 0)
        {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return rlpString(bytes);
    }

    private static byte[] rlpString(final byte[] bytes)
    {
        if (bytes.length == 1 && (bytes[0] & 0xFF) < 0x80)
        {
            return bytes;
        }
        return concat(rlpHeader(0x80, bytes.length), bytes);
    }

    private static byte[] rlpList(final byte[] payload)
    {
        return concat(rlpHeader(0xC0, payload.length), payload);
    }

    private static byte[] rlpHeader(final int base, final int length)
    {
        if (length < 56)
        {
            return new byte[]{ (byte)(base + length) };
        }
        byte[] len = BigInteger.valueOf(length).toByteArray();
        if (len[0] == 0)
        {
            len = Arrays.copyOfRange(len, 1, len.length);
        }
        return concat(new byte[]{ (byte)(base + 55 + len.length) }, len);
    }

    private static byte[] concat(final byte[] a, final byte[] b)
    {
        final byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
