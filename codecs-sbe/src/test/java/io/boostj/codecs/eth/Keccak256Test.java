package io.boostj.codecs.eth;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import io.boostj.codecs.hex.Hex;
import org.agrona.concurrent.UnsafeBuffer;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class Keccak256Test
{
    private final Keccak256 keccak = new Keccak256();

    private String hex(final byte[] input)
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[40]);
        keccak.hash(new UnsafeBuffer(input), 0, input.length, out, 3);
        final byte[] hash = new byte[32];
        out.getBytes(3, hash);
        return Hex.toHexString(hash);
    }

    private static byte[] reference(final byte[] input)
    {
        final KeccakDigest digest = new KeccakDigest(256);
        digest.update(input, 0, input.length);
        final byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    @Test
    void shouldHashTheKnownVectors()
    {
        assertEquals("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", hex(new byte[0]));
        assertEquals("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
            hex("abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(BlockHeader.EMPTY_OMMERS_HASH_HEX, hex(new byte[]{ (byte)0xC0 }));
        assertEquals(OrderedTrieRoot.EMPTY_ROOT_HEX, hex(new byte[]{ (byte)0x80 }));
    }

    @Test
    void shouldAgreeWithBouncyCastleForEveryLengthAndChunking()
    {
        final Random random = new Random(42);
        final byte[] result = new byte[32];
        for (int length = 0; length <= 1100; length++)
        {
            final byte[] input = new byte[length];
            random.nextBytes(input);
            final byte[] padded = new byte[length + 11];
            System.arraycopy(input, 0, padded, 7, length);
            final UnsafeBuffer src = new UnsafeBuffer(padded);

            int p = 0;
            while (p < length)
            {
                final int n = Math.min(length - p, random.nextInt(3) == 0 ? 1 : random.nextInt(300));
                if (n == 1 && random.nextBoolean())
                {
                    keccak.update(input[p]);
                }
                else if (random.nextBoolean())
                {
                    keccak.update(src, 7 + p, n);
                }
                else
                {
                    keccak.update(input, p, n);
                }
                p += n;
            }
            keccak.digest(result, 0);
            assertArrayEquals(reference(input), result, "length " + length);
        }
    }

    @Test
    void shouldResetForTheNextInput()
    {
        final byte[] out = new byte[32];
        keccak.update(new byte[]{ 1, 2, 3 }, 0, 3);
        keccak.reset();
        keccak.digest(out, 0);
        assertArrayEquals(reference(new byte[0]), out);
        keccak.update(new byte[]{ 1, 2, 3 }, 0, 3).digest(out, 0);
        assertArrayEquals(reference(new byte[]{ 1, 2, 3 }), out);
    }

    @Test
    void shouldNotAllocate()
    {
        final UnsafeBuffer src = new UnsafeBuffer(new byte[1000]);
        final UnsafeBuffer dst = new UnsafeBuffer(new byte[32]);
        final byte[] array = new byte[100];
        AllocationProbe.assertNoAllocation(() ->
        {
            keccak.hash(src, 0, 1000, dst, 0);
            keccak.update(array, 0, 100).update((byte)1).digest(dst, 0);
        }, 20_000, 1_000);
    }
}
