package io.boostj.codecs.eth;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.boostj.codecs.hex.Hex;
import io.boostj.codecs.test.TestData;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OrderedTrieRootTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OrderedTrieRoot trie = new OrderedTrieRoot();

    private byte[] root(final List<byte[]> values)
    {
        trie.reset();
        for (final byte[] value : values)
        {
            if ((value.length & 1) == 0)
            {
                trie.add(new UnsafeBuffer(value), 0, value.length);
            }
            else
            {
                final int at = trie.claim(value.length + 10);
                trie.valueBuffer().putBytes(at, value);
                trie.commit(value.length);
            }
        }
        assertEquals(values.size(), trie.count());
        final UnsafeBuffer out = new UnsafeBuffer(new byte[40]);
        assertEquals(32, trie.root(out, 5));
        final byte[] root = new byte[32];
        out.getBytes(5, root);
        return root;
    }

    @Test
    void shouldGiveTheEmptyRootForNoValues()
    {
        assertEquals(OrderedTrieRoot.EMPTY_ROOT_HEX, Hex.toHexString(root(new ArrayList<>())));
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 2, 3, 15, 16, 17, 127, 128, 129, 130, 255, 256, 257, 1000, 4097 })
    void shouldAgreeWithAReferenceTrie(final int count)
    {
        final Random random = new Random(count);
        final List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final int kind = random.nextInt(4);
            final int length = kind == 0 ? 1 : kind == 1 ? 1 + random.nextInt(20) : 1 + random.nextInt(300);
            final byte[] value = new byte[length];
            random.nextBytes(value);
            values.add(value);
        }
        assertArrayEquals(ReferenceTrie.orderedRoot(values), root(values), "count " + count);
    }

    @Test
    void shouldAgreeWithAReferenceTrieBeyondTwoByteKeys()
    {
        final List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < 65_600; i++)
        {
            values.add(new byte[]{ (byte)(i & 0x7F) });
        }
        assertArrayEquals(ReferenceTrie.orderedRoot(values), root(values));
    }

    @Test
    void shouldReproduceTheTransactionsRootOfARealBlock() throws Exception
    {
        final JsonNode block = MAPPER.readTree(TestData.bytes("flashblocks/unichain_sepolia_35535698_final_rpc_block.json"));
        final List<byte[]> values = new ArrayList<>();
        final JsonNode fb = MAPPER.readTree("[" + TestData.text("flashblocks/unichain_sepolia_35535698_with_metadata.ndjson")
            .trim().replace("\n", ",") + "]");
        for (final JsonNode flashblock : fb)
        {
            for (final JsonNode tx : flashblock.get("diff").get("transactions"))
            {
                values.add(Hex.fromHexString(tx.asText()));
            }
        }
        assertEquals(6, values.size());
        assertEquals(block.get("transactionsRoot").asText(), Hex.toHexString(root(values)));
    }

    @Test
    void shouldRefuseAClaimWhileAnotherIsPending()
    {
        trie.reset();
        trie.claim(10);
        assertThrows(IllegalStateException.class, () -> trie.claim(10));
        trie.abort();
        assertThrows(IllegalStateException.class, () -> trie.commit(1));
    }

    @Test
    void shouldNotAllocateOnceWarm()
    {
        final UnsafeBuffer value = new UnsafeBuffer(new byte[200]);
        final UnsafeBuffer out = new UnsafeBuffer(new byte[32]);
        AllocationProbe.assertNoAllocation(() ->
        {
            trie.reset();
            for (int i = 0; i < 300; i++)
            {
                value.putInt(0, i);
                trie.add(value, 0, 20 + (i % 180));
            }
            trie.root(out, 0);
        }, 300, 20);
    }
}
