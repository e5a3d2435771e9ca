package io.boostj.codecs.eth.trie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.boostj.codecs.eth.OrderedTrieRoot;
import io.boostj.codecs.test.TestData;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The trie against ethereum/tests' trie vectors (plain and secure, i.e. a state trie of RLP accounts), against
 * {@link OrderedTrieRoot} (verified on real blocks), and against itself: the root depends only on the content, never on
 * the order of puts and deletes, and copies are independent.
 */
class MerklePatriciaTrieTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static byte[] bytesOf(final String text)
    {
        return text.startsWith("0x") ? hex(text.substring(2)) : text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hex(final String digits)
    {
        final byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++)
        {
            out[i] = (byte)Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    private static String hexOf(final byte[] bytes)
    {
        final StringBuilder b = new StringBuilder("0x");
        for (final byte x : bytes)
        {
            b.append(String.format("%02x", x & 0xFF));
        }
        return b.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"emptyValues", "branchingTests", "jeff", "insert-middle-leaf"})
    void shouldReproduceTheEthereumTrieVectors(final String name) throws Exception
    {
        final JsonNode test = MAPPER.readTree(TestData.text("trie/trietest.json")).get(name);
        final MerklePatriciaTrie trie = new MerklePatriciaTrie();
        for (final JsonNode op : test.get("in"))
        {
            trie.put(bytesOf(op.get(0).asText()), op.get(1).isNull() ? null : bytesOf(op.get(1).asText()));
        }

        assertEquals(test.get("root").asText(), hexOf(trie.rootHash()));
    }

    @Test
    void shouldReproduceTheSecureTrieVectorAsAStateTrieOfAccounts() throws Exception
    {
        final JsonNode test = MAPPER.readTree(TestData.text("trie/hex_encoded_securetrie_test.json")).get("test1");
        final MerklePatriciaTrie trie = new MerklePatriciaTrie();
        for (final JsonNode entry : test.get("data"))
        {
            trie.put(MerklePatriciaTrie.keccak(bytesOf(entry.get(0).asText())), bytesOf(entry.get(1).asText()));
        }

        assertEquals(test.get("result").asText(), hexOf(trie.rootHash()));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 15, 16, 17, 127, 128, 129, 1000})
    void shouldAgreeWithTheOrderedTrieRootOfIndexedValues(final int count)
    {
        final Random random = new Random(count);
        final OrderedTrieRoot ordered = new OrderedTrieRoot();
        final MerklePatriciaTrie trie = new MerklePatriciaTrie();
        for (int i = 0; i < count; i++)
        {
            final byte[] value = new byte[1 + random.nextInt(80)];
            random.nextBytes(value);
            ordered.add(new UnsafeBuffer(value), 0, value.length);
            trie.put(rlpIndex(i), value);
        }
        final UnsafeBuffer root = new UnsafeBuffer(new byte[32]);
        ordered.root(root, 0);

        assertArrayEquals(root.byteArray(), trie.rootHash());
        assertEquals(count, trie.size());
    }

    private static byte[] rlpIndex(final int i)
    {
        if (0 == i)
        {
            return new byte[] {(byte)0x80};
        }
        final byte[] be = java.math.BigInteger.valueOf(i).toByteArray();
        final byte[] minimal = be[0] == 0 ? java.util.Arrays.copyOfRange(be, 1, be.length) : be;
        return MerklePatriciaTrie.rlpString(minimal);
    }

    @Test
    void shouldDependOnlyOnTheContentNotOnTheOrderOfPutsAndDeletes()
    {
        final Random random = new Random(42);
        final Map<String, byte[]> content = new HashMap<>();
        final List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 500; i++)
        {
            final byte[] key = new byte[1 + random.nextInt(6)];
            random.nextBytes(key);
            keys.add(key);
        }
        final MerklePatriciaTrie incremental = new MerklePatriciaTrie();
        for (int round = 0; round < 4000; round++)
        {
            final byte[] key = keys.get(random.nextInt(keys.size()));
            if (random.nextInt(3) == 0)
            {
                incremental.delete(key);
                content.remove(hexOf(key));
            }
            else
            {
                final byte[] value = new byte[1 + random.nextInt(40)];
                random.nextBytes(value);
                incremental.put(key, value);
                content.put(hexOf(key), value);
            }
        }
        final List<Map.Entry<String, byte[]>> entries = new ArrayList<>(content.entrySet());
        Collections.shuffle(entries, random);
        final MerklePatriciaTrie fresh = new MerklePatriciaTrie();
        for (final Map.Entry<String, byte[]> e : entries)
        {
            fresh.put(hex(e.getKey().substring(2)), e.getValue());
        }

        assertArrayEquals(fresh.rootHash(), incremental.rootHash());
        assertEquals(content.size(), incremental.size());
        for (final Map.Entry<String, byte[]> e : entries)
        {
            assertArrayEquals(e.getValue(), incremental.get(hex(e.getKey().substring(2))));
        }
        final Iterator<Map.Entry<String, byte[]>> it = entries.iterator();
        while (it.hasNext())
        {
            incremental.delete(hex(it.next().getKey().substring(2)));
        }
        assertArrayEquals(MerklePatriciaTrie.EMPTY_ROOT, incremental.rootHash());
        assertEquals(0, incremental.size());
    }

    @Test
    void shouldKeepACopyIndependentOfLaterChanges()
    {
        final MerklePatriciaTrie parent = new MerklePatriciaTrie();
        parent.put(bytesOf("dog"), bytesOf("puppy"));
        parent.put(bytesOf("doge"), bytesOf("coin"));
        final byte[] parentRoot = parent.rootHash();

        final MerklePatriciaTrie child = parent.copy();
        child.put(bytesOf("do"), bytesOf("verb"));
        child.delete(bytesOf("dog"));

        assertArrayEquals(parentRoot, parent.rootHash());
        assertArrayEquals(bytesOf("puppy"), parent.get(bytesOf("dog")));
        assertNull(child.get(bytesOf("dog")));
        assertFalse(java.util.Arrays.equals(parentRoot, child.rootHash()));
    }

    @Test
    void shouldTreatAnEmptyValueAsADeleteAndIgnoreAbsentKeys()
    {
        final MerklePatriciaTrie trie = new MerklePatriciaTrie();
        trie.put(bytesOf("a"), bytesOf("1"));
        trie.delete(bytesOf("b"));
        trie.put(bytesOf("a"), new byte[0]);

        assertArrayEquals(MerklePatriciaTrie.EMPTY_ROOT, trie.rootHash());
        assertEquals(0, trie.size());
    }
}
