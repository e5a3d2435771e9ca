package io.boostj.codecs.eth;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.boostj.codecs.hex.Hex;
import io.boostj.codecs.test.TestData;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.boostj.codecs.eth.TransactionDecoder.TYPE_ACCESS_LIST;
import static io.boostj.codecs.eth.TransactionDecoder.TYPE_BLOB;
import static io.boostj.codecs.eth.TransactionDecoder.TYPE_DEPOSIT;
import static io.boostj.codecs.eth.TransactionDecoder.TYPE_DYNAMIC_FEE;
import static io.boostj.codecs.eth.TransactionDecoder.TYPE_LEGACY;
import static io.boostj.codecs.eth.TransactionDecoder.TYPE_SET_CODE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransactionDecoderTest
{
    private static final long HIVE_CHAIN_ID = 3503995874084926L;
    private static final String HIVE_SENDER = "0x7435ed30a8b4aeb0877cef0c6e8cffe834eb865f";

    private final TransactionDecoder decoder = new TransactionDecoder();
    private final SenderRecovery recovery = new SenderRecovery();
    private final Keccak256 keccak = new Keccak256();
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[64]);

    private int wrap(final byte[] raw)
    {
        final UnsafeBuffer buffer = TestData.padded(raw, 9);
        return decoder.tryWrap(buffer, 9, raw.length);
    }

    private String span(final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        decoder.buffer().getBytes(offset, bytes);
        return Hex.toHexString(bytes);
    }

    private String quantity(final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        decoder.buffer().getBytes(offset, bytes);
        return "0x" + new BigInteger(1, bytes).toString(16);
    }

    private String sender()
    {
        assertEquals(SenderRecovery.ADDRESS_LENGTH, recovery.tryRecoverSender(decoder, out, 3));
        final byte[] address = new byte[20];
        out.getBytes(3, address);
        return Hex.toHexString(address);
    }

    private String hash()
    {
        decoder.transactionHash(keccak, out, 0);
        final byte[] hash = new byte[32];
        out.getBytes(0, hash);
        return Hex.toHexString(hash);
    }

    private Map<Integer, Integer> decodeAll(final Transactions txs, final long chainId, final Set<String> senders)
    {
        final Map<Integer, Integer> types = new TreeMap<>();
        final List<String> blobHashes = new ArrayList<>();
        for (final byte[] raw : txs.raw)
        {
            assertEquals(TransactionDecoder.OK, wrap(raw), () -> decoder.errorReason() + " in " + decoder.errorField());
            types.merge(decoder.type(), 1, Integer::sum);
            if (decoder.type() != TYPE_DEPOSIT)
            {
                assertTrue(decoder.hasChainId() || decoder.type() == TYPE_LEGACY);
                if (decoder.hasChainId())
                {
                    assertEquals(chainId, decoder.chainId());
                }
            }
            for (int i = 0; i < decoder.blobHashCount(); i++)
            {
                blobHashes.add(span(decoder.blobHashOffset(i), 32));
            }
            if (null != senders)
            {
                senders.add(sender());
            }
        }
        assertEquals(txs.versionedHashes, blobHashes, "blob hashes in block order equal the request's versioned hashes");
        return types;
    }

    private static Set<String> fundedGenesisAccounts() throws Exception
    {
        final Set<String> accounts = new HashSet<>();
        final JsonNode alloc = Flashblocks.MAPPER.readTree(
            TestData.bytes("engine-payloads/geth-hive-chain-prague/genesis.json")).get("alloc");
        for (final Iterator<String> it = alloc.fieldNames(); it.hasNext(); )
        {
            final String account = it.next();
            if (!alloc.get(account).has("code"))
            {
                accounts.add("0x" + account);
            }
        }
        return accounts;
    }

    @Test
    void shouldDecodeEveryTransactionOfTheHiveChainsAndRecoverFundedSenders() throws Exception
    {
        final Set<String> funded = fundedGenesisAccounts();
        final Set<String> senders = new HashSet<>();
        final Map<Integer, Integer> types = decodeAll(
            Transactions.ofRequests("engine-payloads/geth-hive-chain-prague/newpayload.json"), HIVE_CHAIN_ID, senders);
        assertEquals(Map.of(TYPE_LEGACY, 331, TYPE_ACCESS_LIST, 108, TYPE_DYNAMIC_FEE, 109, TYPE_BLOB, 54,
            TYPE_SET_CODE, 1), types);
        assertTrue(funded.containsAll(senders), () -> "senders not funded at genesis: " + senders);
        assertEquals(Set.of(HIVE_SENDER), senders, "every transaction of the chain comes from the hive test account");

        final Set<String> parisSenders = new HashSet<>();
        final Map<Integer, Integer> parisTypes = decodeAll(
            Transactions.ofRequests("engine-payloads/geth-hive-chain/newpayload.json"), HIVE_CHAIN_ID, parisSenders);
        assertEquals(Map.of(TYPE_LEGACY, 302, TYPE_DYNAMIC_FEE, 43), parisTypes);
        assertEquals(Set.of(HIVE_SENDER), parisSenders);
    }

    @Test
    void shouldDecodeTheHoodiTransactionsAndRecoverTheirSenders() throws Exception
    {
        final Set<String> senders = new HashSet<>();
        final Map<Integer, Integer> types = decodeAll(Transactions.ofHoodi(), 560048, senders);
        assertEquals(Map.of(TYPE_DYNAMIC_FEE, 123, TYPE_BLOB, 7), types);
        assertEquals(96, senders.size(), "130 transactions from 96 distinct senders");
    }

    @Test
    void shouldReproduceTheHashSenderAndFieldsOfEveryUnichainTransaction() throws Exception
    {
        final Transactions txs = Transactions.ofFlashblocks(Flashblocks.unichainSepolia());
        final JsonNode block = Flashblocks.MAPPER.readTree(
            TestData.bytes("flashblocks/unichain_sepolia_35535698_final_rpc_block.json"));
        final JsonNode rpc = block.get("transactions");
        assertEquals(6, txs.raw.size());
        assertEquals(6, rpc.size());
        int checked = 0;
        for (int i = 0; i < rpc.size(); i++)
        {
            final JsonNode expected = rpc.get(i);
            assertEquals(TransactionDecoder.OK, wrap(txs.raw.get(i)));
            assertEquals(Long.decode(expected.get("type").asText()).intValue(), decoder.type());
            assertEquals(expected.get("hash").asText(), hash());
            assertEquals(expected.get("from").asText(), sender());
            assertEquals(Long.decode(expected.get("gas").asText()).longValue(), decoder.gasLimit());
            assertEquals(expected.get("to").asText(), span(decoder.toOffset(), 20));
            assertEquals(expected.get("value").asText(), quantity(decoder.valueOffset(), decoder.valueLength()));
            assertEquals(expected.get("input").asText(), span(decoder.dataOffset(), decoder.dataLength()));
            if (decoder.isDeposit())
            {
                assertEquals(expected.get("sourceHash").asText(), span(decoder.sourceHashOffset(), 32));
                assertEquals(expected.get("mint").asText(), quantity(decoder.mintOffset(), decoder.mintLength()));
                assertEquals(TransactionDecoder.NOT_SIGNED, decoder.signingHash(keccak, out, 0));
                assertFalse(decoder.isSystemTx());
            }
            else
            {
                assertEquals(Long.decode(expected.get("nonce").asText()).longValue(), decoder.nonce());
                assertEquals(Long.decode(expected.get("chainId").asText()).longValue(), decoder.chainId());
                assertEquals(expected.get("maxFeePerGas").asText(),
                    quantity(decoder.maxFeePerGasOffset(), decoder.maxFeePerGasLength()));
                assertEquals(expected.get("maxPriorityFeePerGas").asText(),
                    quantity(decoder.maxPriorityFeePerGasOffset(), decoder.maxPriorityFeePerGasLength()));
                assertEquals(expected.get("r").asText(), quantity(decoder.rOffset(), decoder.rLength()));
                assertEquals(expected.get("s").asText(), quantity(decoder.sOffset(), decoder.sLength()));
                assertEquals(Long.decode(expected.get("yParity").asText()).intValue(), decoder.yParity());
                assertEquals(expected.get("accessList").size(), decoder.accessListCount());
            }
            checked++;
        }
        assertEquals(6, checked);
    }

    @Test
    void shouldDecodeTheBaseSepoliaTransactions() throws Exception
    {
        final Map<Integer, Integer> types = decodeAll(
            Transactions.ofFlashblocks(Flashblocks.baseSepolia()), 84532, new HashSet<>());
        assertEquals(Map.of(TYPE_DEPOSIT, 1, TYPE_DYNAMIC_FEE, 23), types);
    }

    @Test
    void shouldRecoverTheAuthorityOfAnEip7702Authorization() throws Exception
    {
        final Set<String> funded = fundedGenesisAccounts();
        int authorizations = 0;
        for (final byte[] raw : Transactions.ofRequests("engine-payloads/geth-hive-chain-prague/newpayload.json").raw)
        {
            if ((raw[0] & 0xFF) != TYPE_SET_CODE)
            {
                continue;
            }
            assertEquals(TransactionDecoder.OK, wrap(raw));
            for (int i = 0; i < decoder.authorizationCount(); i++)
            {
                assertEquals(20, recovery.tryRecoverAuthority(decoder, i, out, 0));
                final byte[] authority = new byte[20];
                out.getBytes(0, authority);
                assertTrue(funded.contains(Hex.toHexString(authority)), Hex.toHexString(authority));
                assertNotEquals(HIVE_SENDER, Hex.toHexString(authority));
                assertEquals(HIVE_SENDER, sender());
                authorizations++;
            }
        }
        assertEquals(1, authorizations);
    }

    private static List<byte[]> items(final byte[] encoded, final int offset)
    {
        final io.boostj.codecs.rlp.RlpReader reader = new io.boostj.codecs.rlp.RlpReader().wrap(new UnsafeBuffer(encoded));
        final int end = reader.tryReadList(offset, encoded.length);
        assertEquals(encoded.length, end);
        final List<byte[]> items = new ArrayList<>();
        int p = reader.payloadOffset();
        while (p < end)
        {
            final int next = reader.tryReadItem(p, end);
            items.add(java.util.Arrays.copyOfRange(encoded, p, next));
            p = next;
        }
        return items;
    }

    private static byte[] typed(final int type, final List<byte[]> items)
    {
        final byte[] list = ReferenceTrie.list(items);
        final byte[] out = new byte[list.length + 1];
        out[0] = (byte)type;
        System.arraycopy(list, 0, out, 1, list.length);
        return out;
    }

    private static byte[] uint(final BigInteger value)
    {
        final byte[] be = value.toByteArray();
        final int skip = be[0] == 0 ? 1 : 0;
        return ReferenceTrie.string(java.util.Arrays.copyOfRange(be, skip, be.length));
    }

    private static byte[] firstOfType(final List<byte[]> raw, final int type)
    {
        for (final byte[] tx : raw)
        {
            final int first = tx[0] & 0xFF;
            if ((type == TYPE_LEGACY && first >= 0xC0) || first == type)
            {
                return tx;
            }
        }
        throw new AssertionError("no transaction of type " + type);
    }

    private void assertRefused(final int code, final String field, final byte[] raw)
    {
        assertEquals(code, wrap(raw), () -> decoder.errorReason() + " in " + decoder.errorField());
        assertEquals(field, decoder.errorField());
        assertTrue(null != decoder.errorReason() && !decoder.errorReason().isEmpty());
    }

    @Test
    void shouldRefuseMalformedTransactionsWithAReason() throws Exception
    {
        final List<byte[]> raw = Transactions.ofRequests("engine-payloads/geth-hive-chain-prague/newpayload.json").raw;
        final byte[] legacy = firstOfType(raw, TYPE_LEGACY);
        final byte[] dynamic = firstOfType(raw, TYPE_DYNAMIC_FEE);
        final byte[] blob = firstOfType(raw, TYPE_BLOB);

        assertEquals(TransactionDecoder.EMPTY, decoder.tryWrap(new UnsafeBuffer(new byte[4]), 1, 0));
        assertRefused(TransactionDecoder.TRUNCATED, "envelope", java.util.Arrays.copyOf(dynamic, dynamic.length - 1));
        assertEquals("truncated RLP", decoder.errorReason());
        assertRefused(TransactionDecoder.TRAILING_BYTES, "envelope", java.util.Arrays.copyOf(dynamic, dynamic.length + 1));
        for (final int type : new int[]{ 0x00, 0x05, 0x7d, 0x7f })
        {
            final byte[] unknown = dynamic.clone();
            unknown[0] = (byte)type;
            assertRefused(TransactionDecoder.UNKNOWN_TYPE, "type", unknown);
            assertEquals("unknown transaction type", decoder.errorReason());
        }

        final List<byte[]> fields = items(legacy, 0);
        assertEquals(9, fields.size());
        assertRefused(TransactionDecoder.FIELD_COUNT, "s", ReferenceTrie.list(fields.subList(0, 8)));
        assertEquals("missing field", decoder.errorReason());
        final List<byte[]> longer = new ArrayList<>(fields);
        longer.add(new byte[]{ (byte)0x80 });
        assertRefused(TransactionDecoder.FIELD_COUNT, "envelope", ReferenceTrie.list(longer));

        final List<byte[]> nonCanonical = new ArrayList<>(fields);
        nonCanonical.set(0, new byte[]{ (byte)0x82, 0x00, 0x05 });
        assertRefused(TransactionDecoder.BAD_FIELD, "nonce", ReferenceTrie.list(nonCanonical));

        final List<byte[]> badV = new ArrayList<>(fields);
        badV.set(6, new byte[]{ 29 });
        assertRefused(TransactionDecoder.BAD_FIELD, "v", ReferenceTrie.list(badV));

        final List<byte[]> shortTo = new ArrayList<>(fields);
        shortTo.set(3, ReferenceTrie.string(new byte[19]));
        assertRefused(TransactionDecoder.BAD_FIELD, "to", ReferenceTrie.list(shortTo));

        final List<byte[]> blobFields = items(blob, 1);
        assertEquals(14, blobFields.size());
        final List<byte[]> creation = new ArrayList<>(blobFields);
        creation.set(5, new byte[]{ (byte)0x80 });
        assertRefused(TransactionDecoder.BAD_FIELD, "to", typed(TYPE_BLOB, creation));
        final List<byte[]> badParity = new ArrayList<>(blobFields);
        badParity.set(11, new byte[]{ 2 });
        assertRefused(TransactionDecoder.BAD_FIELD, "yParity", typed(TYPE_BLOB, badParity));
        final List<byte[]> networkForm = List.of(ReferenceTrie.list(blobFields), ReferenceTrie.list(List.of()),
            ReferenceTrie.list(List.of()), ReferenceTrie.list(List.of()));
        assertRefused(TransactionDecoder.NETWORK_FORM, "envelope", typed(TYPE_BLOB, networkForm));

        final List<byte[]> dynamicFields = items(dynamic, 1);
        final List<byte[]> badAccessList = new ArrayList<>(dynamicFields);
        badAccessList.set(8, ReferenceTrie.list(List.of(ReferenceTrie.list(List.of(
            ReferenceTrie.string(new byte[20]), ReferenceTrie.list(List.of()), new byte[]{ 1 })))));
        assertRefused(TransactionDecoder.FIELD_COUNT, "accessList", typed(TYPE_DYNAMIC_FEE, badAccessList));
    }

    @Test
    void shouldRefuseBadSignaturesAndBindTheSenderToTheContent() throws Exception
    {
        final List<byte[]> raw = Transactions.ofRequests("engine-payloads/geth-hive-chain-prague/newpayload.json").raw;
        final List<byte[]> fields = items(firstOfType(raw, TYPE_LEGACY), 0);
        assertEquals(TransactionDecoder.OK, wrap(ReferenceTrie.list(fields)));
        assertEquals(HIVE_SENDER, sender());

        final BigInteger n = new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
        final BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(fields.get(8), 1, fields.get(8).length));
        final List<byte[]> highS = new ArrayList<>(fields);
        highS.set(8, uint(n.subtract(s)));
        assertEquals(TransactionDecoder.OK, wrap(ReferenceTrie.list(highS)));
        assertEquals(SenderRecovery.INVALID_SIGNATURE, recovery.tryRecoverSender(decoder, out, 0));

        final List<byte[]> zeroR = new ArrayList<>(fields);
        zeroR.set(7, new byte[]{ (byte)0x80 });
        assertEquals(TransactionDecoder.OK, wrap(ReferenceTrie.list(zeroR)));
        assertEquals(SenderRecovery.INVALID_SIGNATURE, recovery.tryRecoverSender(decoder, out, 0));
        assertTrue(SenderRecovery.describe(SenderRecovery.INVALID_SIGNATURE).contains("invalid signature"));

        final List<byte[]> tampered = new ArrayList<>(fields);
        final BigInteger value = new BigInteger(1, java.util.Arrays.copyOfRange(fields.get(4), 1, fields.get(4).length));
        tampered.set(4, uint(value.add(BigInteger.ONE)));
        assertEquals(TransactionDecoder.OK, wrap(ReferenceTrie.list(tampered)));
        final int result = recovery.tryRecoverSender(decoder, out, 3);
        if (result == SenderRecovery.ADDRESS_LENGTH)
        {
            assertNotEquals(HIVE_SENDER, sender(), "a changed value no longer recovers to the signer");
        }
        else
        {
            assertEquals(SenderRecovery.NO_KEY, result);
        }
    }

    @Test
    void shouldDecodeAndHashWithoutAllocating() throws Exception
    {
        final List<byte[]> raw = Transactions.ofRequests("engine-payloads/geth-hive-chain-prague/newpayload.json").raw;
        final List<UnsafeBuffer> buffers = new ArrayList<>();
        for (int i = 0; i < 200; i++)
        {
            buffers.add(new UnsafeBuffer(raw.get(i)));
        }
        final UnsafeBuffer hash = new UnsafeBuffer(new byte[32]);
        AllocationProbe.assertNoAllocation(() ->
        {
            for (int i = 0, size = buffers.size(); i < size; i++)
            {
                final DirectBuffer tx = buffers.get(i);
                if (decoder.tryWrap(tx, 0, tx.capacity()) != TransactionDecoder.OK)
                {
                    throw new AssertionError("decode");
                }
                decoder.transactionHash(keccak, hash, 0);
                decoder.signingHash(keccak, hash, 0);
            }
        }, 200, 10);
    }
}
