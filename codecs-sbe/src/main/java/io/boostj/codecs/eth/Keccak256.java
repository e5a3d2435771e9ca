package io.boostj.codecs.eth;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Keccak-256, the hash Ethereum calls {@code keccak256} (the original Keccak submission with padding byte 0x01, not
 * FIPS-202 SHA3-256): a reusable, allocation-free incremental hasher over Agrona buffers and byte arrays.
 * <p>
 * Feed input with the {@code update} methods and finish with a {@code digest} method, which writes the 32-byte hash and
 * resets the hasher for the next input. The keccak-f[1600] permutation is unrolled over local variables and full
 * 136-byte blocks are absorbed eight bytes at a time straight from the source buffer, without copying.
 * <p>
 * Not thread safe: use one instance per thread.
 */
public final class Keccak256
{
    /**
     * Length of a Keccak-256 hash in bytes.
     */
    public static final int HASH_LENGTH = 32;

    /**
     * Rate (block size) of Keccak-256 in bytes: 1600 - 2 * 256 bits.
     */
    public static final int RATE = 136;

    private static final int RATE_LANES = RATE / 8;
    private static final int ROUNDS = 24;
    private static final long[] ROUND_CONSTANTS =
    {
        0x0000000000000001L,
        0x0000000000008082L,
        0x800000000000808AL,
        0x8000000080008000L,
        0x000000000000808BL,
        0x0000000080000001L,
        0x8000000080008081L,
        0x8000000000008009L,
        0x000000000000008AL,
        0x0000000000000088L,
        0x0000000080008009L,
        0x000000008000000AL,
        0x000000008000808BL,
        0x800000000000008BL,
        0x8000000000008089L,
        0x8000000000008003L,
        0x8000000000008002L,
        0x8000000000000080L,
        0x000000000000800AL,
        0x800000008000000AL,
        0x8000000080008081L,
        0x8000000000008080L,
        0x0000000080000001L,
        0x8000000080008008L
    };

    private final long[] state = new long[25];
    private final byte[] block = new byte[RATE];
    private final UnsafeBuffer blockBuffer = new UnsafeBuffer(block);
    private final UnsafeBuffer arrayView = new UnsafeBuffer(0, 0);
    private int blockLength;

    /**
     * Discards any input given since the last digest.
     *
     * @return this for a fluent API.
     */
    public Keccak256 reset()
    {
        java.util.Arrays.fill(state, 0L);
        blockLength = 0;
        return this;
    }

    /**
     * Absorbs one byte.
     *
     * @param b the byte.
     * @return this for a fluent API.
     */
    public Keccak256 update(final byte b)
    {
        block[blockLength++] = b;
        if (blockLength == RATE)
        {
            absorb(blockBuffer, 0);
            blockLength = 0;
        }
        return this;
    }

    /**
     * Absorbs a range of a buffer.
     *
     * @param src    bytes to hash.
     * @param offset index of the first byte.
     * @param length number of bytes.
     * @return this for a fluent API.
     */
    public Keccak256 update(final DirectBuffer src, final int offset, final int length)
    {
        int pos = offset;
        int remaining = length;
        if (blockLength > 0)
        {
            final int n = Math.min(RATE - blockLength, remaining);
            src.getBytes(pos, block, blockLength, n);
            blockLength += n;
            pos += n;
            remaining -= n;
            if (blockLength < RATE)
            {
                return this;
            }
            absorb(blockBuffer, 0);
            blockLength = 0;
        }
        while (remaining >= RATE)
        {
            absorb(src, pos);
            pos += RATE;
            remaining -= RATE;
        }
        if (remaining > 0)
        {
            src.getBytes(pos, block, 0, remaining);
            blockLength = remaining;
        }
        return this;
    }

    /**
     * Absorbs a range of a byte array.
     *
     * @param src    bytes to hash.
     * @param offset index of the first byte.
     * @param length number of bytes.
     * @return this for a fluent API.
     */
    public Keccak256 update(final byte[] src, final int offset, final int length)
    {
        arrayView.wrap(src);
        update(arrayView, offset, length);
        arrayView.wrap(0, 0);
        return this;
    }

    /**
     * Pads, finishes the hash, writes it and resets for the next input.
     *
     * @param dst    destination.
     * @param offset where to write the {@link #HASH_LENGTH} bytes.
     */
    public void digest(final MutableDirectBuffer dst, final int offset)
    {
        finish();
        for (int i = 0; i < 4; i++)
        {
            dst.putLong(offset + (i << 3), state[i], ByteOrder.LITTLE_ENDIAN);
        }
        reset();
    }

    /**
     * Pads, finishes the hash, writes it and resets for the next input.
     *
     * @param dst    destination.
     * @param offset where to write the {@link #HASH_LENGTH} bytes.
     */
    public void digest(final byte[] dst, final int offset)
    {
        arrayView.wrap(dst);
        digest(arrayView, offset);
        arrayView.wrap(0, 0);
    }

    /**
     * One-shot hash of a range of a buffer (any input absorbed before is discarded).
     *
     * @param src       bytes to hash.
     * @param offset    index of the first byte.
     * @param length    number of bytes.
     * @param dst       destination.
     * @param dstOffset where to write the {@link #HASH_LENGTH} bytes.
     */
    public void hash(
        final DirectBuffer src, final int offset, final int length, final MutableDirectBuffer dst, final int dstOffset)
    {
        reset();
        update(src, offset, length);
        digest(dst, dstOffset);
    }

    private void finish()
    {
        java.util.Arrays.fill(block, blockLength, RATE, (byte)0);
        block[blockLength] ^= 0x01;
        block[RATE - 1] ^= (byte)0x80;
        absorb(blockBuffer, 0);
        blockLength = 0;
    }

    private void absorb(final DirectBuffer src, final int offset)
    {
        final long[] state = this.state;
        for (int i = 0; i < RATE_LANES; i++)
        {
            state[i] ^= src.getLong(offset + (i << 3), ByteOrder.LITTLE_ENDIAN);
        }
        permute(state);
    }

    private static void permute(final long[] state)
    {
        long a0 = state[0];
        long a1 = state[1];
        long a2 = state[2];
        long a3 = state[3];
        long a4 = state[4];
        long a5 = state[5];
        long a6 = state[6];
        long a7 = state[7];
        long a8 = state[8];
        long a9 = state[9];
        long a10 = state[10];
        long a11 = state[11];
        long a12 = state[12];
        long a13 = state[13];
        long a14 = state[14];
        long a15 = state[15];
        long a16 = state[16];
        long a17 = state[17];
        long a18 = state[18];
        long a19 = state[19];
        long a20 = state[20];
        long a21 = state[21];
        long a22 = state[22];
        long a23 = state[23];
        long a24 = state[24];

        for (int round = 0; round < ROUNDS; round++)
        {
                final long c0 = a0 ^ a5 ^ a10 ^ a15 ^ a20;
                final long c1 = a1 ^ a6 ^ a11 ^ a16 ^ a21;
                final long c2 = a2 ^ a7 ^ a12 ^ a17 ^ a22;
                final long c3 = a3 ^ a8 ^ a13 ^ a18 ^ a23;
                final long c4 = a4 ^ a9 ^ a14 ^ a19 ^ a24;
                final long d0 = c4 ^ Long.rotateLeft(c1, 1);
                final long d1 = c0 ^ Long.rotateLeft(c2, 1);
                final long d2 = c1 ^ Long.rotateLeft(c3, 1);
                final long d3 = c2 ^ Long.rotateLeft(c4, 1);
                final long d4 = c3 ^ Long.rotateLeft(c0, 1);
                final long b0 = a0 ^ d0;
                final long b1 = Long.rotateLeft(a6 ^ d1, 44);
                final long b2 = Long.rotateLeft(a12 ^ d2, 43);
                final long b3 = Long.rotateLeft(a18 ^ d3, 21);
                final long b4 = Long.rotateLeft(a24 ^ d4, 14);
                final long b5 = Long.rotateLeft(a3 ^ d3, 28);
                final long b6 = Long.rotateLeft(a9 ^ d4, 20);
                final long b7 = Long.rotateLeft(a10 ^ d0, 3);
                final long b8 = Long.rotateLeft(a16 ^ d1, 45);
                final long b9 = Long.rotateLeft(a22 ^ d2, 61);
                final long b10 = Long.rotateLeft(a1 ^ d1, 1);
                final long b11 = Long.rotateLeft(a7 ^ d2, 6);
                final long b12 = Long.rotateLeft(a13 ^ d3, 25);
                final long b13 = Long.rotateLeft(a19 ^ d4, 8);
                final long b14 = Long.rotateLeft(a20 ^ d0, 18);
                final long b15 = Long.rotateLeft(a4 ^ d4, 27);
                final long b16 = Long.rotateLeft(a5 ^ d0, 36);
                final long b17 = Long.rotateLeft(a11 ^ d1, 10);
                final long b18 = Long.rotateLeft(a17 ^ d2, 15);
                final long b19 = Long.rotateLeft(a23 ^ d3, 56);
                final long b20 = Long.rotateLeft(a2 ^ d2, 62);
                final long b21 = Long.rotateLeft(a8 ^ d3, 55);
                final long b22 = Long.rotateLeft(a14 ^ d4, 39);
                final long b23 = Long.rotateLeft(a15 ^ d0, 41);
                final long b24 = Long.rotateLeft(a21 ^ d1, 2);
                a0 = b0 ^ (~b1 & b2);
                a1 = b1 ^ (~b2 & b3);
                a2 = b2 ^ (~b3 & b4);
                a3 = b3 ^ (~b4 & b0);
                a4 = b4 ^ (~b0 & b1);
                a5 = b5 ^ (~b6 & b7);
                a6 = b6 ^ (~b7 & b8);
                a7 = b7 ^ (~b8 & b9);
                a8 = b8 ^ (~b9 & b5);
                a9 = b9 ^ (~b5 & b6);
                a10 = b10 ^ (~b11 & b12);
                a11 = b11 ^ (~b12 & b13);
                a12 = b12 ^ (~b13 & b14);
                a13 = b13 ^ (~b14 & b10);
                a14 = b14 ^ (~b10 & b11);
                a15 = b15 ^ (~b16 & b17);
                a16 = b16 ^ (~b17 & b18);
                a17 = b17 ^ (~b18 & b19);
                a18 = b18 ^ (~b19 & b15);
                a19 = b19 ^ (~b15 & b16);
                a20 = b20 ^ (~b21 & b22);
                a21 = b21 ^ (~b22 & b23);
                a22 = b22 ^ (~b23 & b24);
                a23 = b23 ^ (~b24 & b20);
                a24 = b24 ^ (~b20 & b21);
                a0 ^= ROUND_CONSTANTS[round];
        }

        state[0] = a0;
        state[1] = a1;
        state[2] = a2;
        state[3] = a3;
        state[4] = a4;
        state[5] = a5;
        state[6] = a6;
        state[7] = a7;
        state[8] = a8;
        state[9] = a9;
        state[10] = a10;
        state[11] = a11;
        state[12] = a12;
        state[13] = a13;
        state[14] = a14;
        state[15] = a15;
        state[16] = a16;
        state[17] = a17;
        state[18] = a18;
        state[19] = a19;
        state[20] = a20;
        state[21] = a21;
        state[22] = a22;
        state[23] = a23;
        state[24] = a24;
    }
}
