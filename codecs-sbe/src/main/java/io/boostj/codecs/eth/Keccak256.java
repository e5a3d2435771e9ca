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
                a0 ^= d0; a5 ^= d0; a10 ^= d0; a15 ^= d0; a20 ^= d0;
                a1 ^= d1; a6 ^= d1; a11 ^= d1; a16 ^= d1; a21 ^= d1;
                a2 ^= d2; a7 ^= d2; a12 ^= d2; a17 ^= d2; a22 ^= d2;
                a3 ^= d3; a8 ^= d3; a13 ^= d3; a18 ^= d3; a23 ^= d3;
                a4 ^= d4; a9 ^= d4; a14 ^= d4; a19 ^= d4; a24 ^= d4;
                final long t = Long.rotateLeft(a1, 1);
                a1 = Long.rotateLeft(a6, 44);
                a6 = Long.rotateLeft(a9, 20);
                a9 = Long.rotateLeft(a22, 61);
                a22 = Long.rotateLeft(a14, 39);
                a14 = Long.rotateLeft(a20, 18);
                a20 = Long.rotateLeft(a2, 62);
                a2 = Long.rotateLeft(a12, 43);
                a12 = Long.rotateLeft(a13, 25);
                a13 = Long.rotateLeft(a19, 8);
                a19 = Long.rotateLeft(a23, 56);
                a23 = Long.rotateLeft(a15, 41);
                a15 = Long.rotateLeft(a4, 27);
                a4 = Long.rotateLeft(a24, 14);
                a24 = Long.rotateLeft(a21, 2);
                a21 = Long.rotateLeft(a8, 55);
                a8 = Long.rotateLeft(a16, 45);
                a16 = Long.rotateLeft(a5, 36);
                a5 = Long.rotateLeft(a3, 28);
                a3 = Long.rotateLeft(a18, 21);
                a18 = Long.rotateLeft(a17, 15);
                a17 = Long.rotateLeft(a11, 10);
                a11 = Long.rotateLeft(a7, 6);
                a7 = Long.rotateLeft(a10, 3);
                a10 = t;
                final long e0 = a0 ^ (~a1 & a2);
                final long e1 = a1 ^ (~a2 & a3);
                a2 ^= ~a3 & a4;
                a3 ^= ~a4 & a0;
                a4 ^= ~a0 & a1;
                a0 = e0;
                a1 = e1;
                final long e5 = a5 ^ (~a6 & a7);
                final long e6 = a6 ^ (~a7 & a8);
                a7 ^= ~a8 & a9;
                a8 ^= ~a9 & a5;
                a9 ^= ~a5 & a6;
                a5 = e5;
                a6 = e6;
                final long e10 = a10 ^ (~a11 & a12);
                final long e11 = a11 ^ (~a12 & a13);
                a12 ^= ~a13 & a14;
                a13 ^= ~a14 & a10;
                a14 ^= ~a10 & a11;
                a10 = e10;
                a11 = e11;
                final long e15 = a15 ^ (~a16 & a17);
                final long e16 = a16 ^ (~a17 & a18);
                a17 ^= ~a18 & a19;
                a18 ^= ~a19 & a15;
                a19 ^= ~a15 & a16;
                a15 = e15;
                a16 = e16;
                final long e20 = a20 ^ (~a21 & a22);
                final long e21 = a21 ^ (~a22 & a23);
                a22 ^= ~a23 & a24;
                a23 ^= ~a24 & a20;
                a24 ^= ~a20 & a21;
                a20 = e20;
                a21 = e21;
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
