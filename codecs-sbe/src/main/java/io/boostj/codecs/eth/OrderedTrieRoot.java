package io.boostj.codecs.eth;

import io.boostj.codecs.hex.Hex;
import io.boostj.codecs.rlp.Rlp;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Root of the Merkle-Patricia trie that maps {@code rlp(i)} to the i-th value of a list: the {@code transactionsRoot}
 * (values: the raw transaction bytes, typed envelope or legacy RLP), {@code receiptsRoot} (values: the receipt
 * encodings, see {@link ReceiptEncoder}) and {@code withdrawalsRoot} (values: {@link Withdrawal} RLP) of a block header.
 * <p>
 * Values are appended after a {@link #reset()}, either copied with {@link #add(DirectBuffer, int, int)} or written in
 * place with {@link #claim(int)} and {@link #commit(int)}; {@link #root(MutableDirectBuffer, int)} then computes the
 * root. The keys {@code rlp(i)} are prefix-free and their sorted order is known ({@code 1..127, 0, 128, 129, ...}), so
 * the trie is built bottom-up in one recursive pass over the sorted positions, without materialising nodes: leaves and
 * branches are RLP-encoded into a reusable scratch stack, nodes of 32 bytes or more are replaced by their Keccak-256
 * hash, and a leaf's value is hashed straight from the value storage. Allocation-free once the storage has grown to the
 * largest list seen. Not thread safe.
 */
public final class OrderedTrieRoot
{
    /**
     * Root of the empty trie, {@code keccak256(rlp(""))}, in hex.
     */
    public static final String EMPTY_ROOT_HEX = "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421";

    /**
     * Largest number of values; keys up to {@code rlp(2^24 - 1)} are supported.
     */
    public static final int MAX_VALUES = 1 << 24;

    private static final byte[] EMPTY_ROOT = Hex.fromHexString(EMPTY_ROOT_HEX);
    private static final int HASH_REF_LENGTH = 33;
    private static final int BRANCH_PAYLOAD_MAX = 16 * HASH_REF_LENGTH + 1;
    private static final int FRAME_LENGTH = Rlp.MAX_HEADER_LENGTH + BRANCH_PAYLOAD_MAX;
    private static final int MAX_DEPTH = 2 * 4 + 2;

    private final Keccak256 keccak = new Keccak256();
    private final ExpandableArrayBuffer values = new ExpandableArrayBuffer(64 * 1024);
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[(MAX_DEPTH + 2) * 2 * FRAME_LENGTH]);
    private final UnsafeBuffer header = new UnsafeBuffer(new byte[16]);
    private int[] offsets = new int[1024];
    private int[] lengths = new int[1024];
    private int count;
    private int valuesLimit;
    private int claimOffset = -1;

    /**
     * Writes the empty-trie root.
     *
     * @param dst    destination.
     * @param offset where to write the 32 bytes.
     * @return {@link Keccak256#HASH_LENGTH}.
     */
    public static int putEmptyRoot(final MutableDirectBuffer dst, final int offset)
    {
        dst.putBytes(offset, EMPTY_ROOT);
        return Keccak256.HASH_LENGTH;
    }

    /**
     * Forgets all values.
     *
     * @return this for a fluent API.
     */
    public OrderedTrieRoot reset()
    {
        count = 0;
        valuesLimit = 0;
        claimOffset = -1;
        return this;
    }

    /**
     * Number of values added since the last {@link #reset()}.
     *
     * @return the count.
     */
    public int count()
    {
        return count;
    }

    /**
     * Appends a copy of a value.
     *
     * @param src    the value's bytes.
     * @param offset index of its first byte.
     * @param length its length.
     * @return the value's index in the list.
     * @throws IllegalStateException if more than {@link #MAX_VALUES} values are added or a claim is pending.
     */
    public int add(final DirectBuffer src, final int offset, final int length)
    {
        final int at = claim(length);
        values.putBytes(at, src, offset, length);
        return commit(length);
    }

    /**
     * Reserves room for a value that the caller writes in place into {@link #valueBuffer()}, for instance hex-decoded
     * straight from JSON. Must be followed by {@link #commit(int)} (or {@link #abort()}).
     *
     * @param maxLength the most bytes that will be written.
     * @return the index in {@link #valueBuffer()} at which to write the value.
     * @throws IllegalStateException if a claim is already pending or the list is full.
     */
    public int claim(final int maxLength)
    {
        if (claimOffset >= 0)
        {
            throw new IllegalStateException("a claimed value is not committed");
        }
        if (count == MAX_VALUES)
        {
            throw new IllegalStateException("more than " + MAX_VALUES + " values");
        }
        values.checkLimit(valuesLimit + Math.max(maxLength, 0));
        claimOffset = valuesLimit;
        return claimOffset;
    }

    /**
     * Completes the pending {@link #claim(int)}.
     *
     * @param length the number of bytes written at the claimed index.
     * @return the value's index in the list.
     * @throws IllegalStateException if no claim is pending.
     */
    public int commit(final int length)
    {
        if (claimOffset < 0)
        {
            throw new IllegalStateException("no claimed value");
        }
        if (count == offsets.length)
        {
            offsets = java.util.Arrays.copyOf(offsets, count << 1);
            lengths = java.util.Arrays.copyOf(lengths, count << 1);
        }
        offsets[count] = claimOffset;
        lengths[count] = length;
        valuesLimit = claimOffset + length;
        claimOffset = -1;
        return count++;
    }

    /**
     * Drops the pending {@link #claim(int)}, if any.
     */
    public void abort()
    {
        claimOffset = -1;
    }

    /**
     * The storage the values live in; valid until the next {@link #claim(int)}, which may grow it.
     *
     * @return the buffer.
     */
    public MutableDirectBuffer valueBuffer()
    {
        return values;
    }

    /**
     * Index of a value in {@link #valueBuffer()}.
     *
     * @param index the value's position in the list.
     * @return the index of its first byte.
     */
    public int valueOffset(final int index)
    {
        return offsets[index];
    }

    /**
     * Length of a value.
     *
     * @param index the value's position in the list.
     * @return its length in bytes.
     */
    public int valueLength(final int index)
    {
        return lengths[index];
    }

    /**
     * Computes the trie root of the values added since the last {@link #reset()}.
     *
     * @param dst    destination.
     * @param offset where to write the 32-byte root.
     * @return {@link Keccak256#HASH_LENGTH}.
     */
    public int root(final MutableDirectBuffer dst, final int offset)
    {
        if (count == 0)
        {
            return putEmptyRoot(dst, offset);
        }
        final int refLength = encodeNode(0, count, 0, 0, true);
        if (refLength != HASH_REF_LENGTH)
        {
            throw new IllegalStateException("root must be hashed");
        }
        dst.putBytes(offset, scratch, 1, Keccak256.HASH_LENGTH);
        return Keccak256.HASH_LENGTH;
    }

    /*
     * Position k of the sorted key order holds value index: 1..m-1, then 0, then m.. where m = min(count, 128).
     */
    private int indexAt(final int position)
    {
        final int m = Math.min(count, 128);
        if (position < m - 1)
        {
            return position + 1;
        }
        return position == m - 1 ? 0 : position;
    }

    private static int keyLength(final int index)
    {
        if (index < 128)
        {
            return 1;
        }
        return 1 + (index < 0x100 ? 1 : index < 0x10000 ? 2 : 3);
    }

    private static int keyByte(final int index, final int i)
    {
        if (index == 0)
        {
            return 0x80;
        }
        if (index < 128)
        {
            return index;
        }
        final int length = keyLength(index) - 1;
        if (i == 0)
        {
            return 0x80 + length;
        }
        return (index >>> ((length - i) << 3)) & 0xFF;
    }

    private static int nibble(final int index, final int depth)
    {
        final int b = keyByte(index, depth >>> 1);
        return (depth & 1) == 0 ? b >>> 4 : b & 0xF;
    }

    /*
     * Encodes the node for sorted positions [lo, hi) whose keys agree on the first `depth` nibbles, and writes its
     * reference (the node itself when shorter than 32 bytes, else 0xa0 + hash) at `out` in the scratch buffer.
     * Returns the reference length. The frame for this node's own encoding starts at out + HASH_REF_LENGTH.
     */
    private int encodeNode(final int lo, final int hi, final int depth, final int out, final boolean forceHash)
    {
        if (hi - lo == 1)
        {
            return encodeLeaf(indexAt(lo), depth, out, forceHash);
        }

        final int first = indexAt(lo);
        final int last = indexAt(hi - 1);
        int common = depth;
        while (nibble(first, common) == nibble(last, common))
        {
            common++;
        }
        if (common == depth)
        {
            return encodeBranch(lo, hi, depth, out, forceHash);
        }

        // extension: [hp(path, false), childRef]
        final int frame = out + HASH_REF_LENGTH;
        final int payloadStart = frame + Rlp.MAX_HEADER_LENGTH;
        int p = payloadStart;
        p += putPath(first, depth, common, false, p);
        p += encodeBranch(lo, hi, common, p, false);
        return finishNode(frame, payloadStart, p, out, forceHash);
    }

    private int encodeBranch(final int lo, final int hi, final int depth, final int out, final boolean forceHash)
    {
        final int frame = out + HASH_REF_LENGTH;
        final int payloadStart = frame + Rlp.MAX_HEADER_LENGTH;
        int p = payloadStart;
        int slot = 0;
        int k = lo;
        while (k < hi)
        {
            final int v = nibble(indexAt(k), depth);
            int j = k + 1;
            while (j < hi && nibble(indexAt(j), depth) == v)
            {
                j++;
            }
            while (slot < v)
            {
                scratch.putByte(p++, Rlp.EMPTY_STRING);
                slot++;
            }
            p += encodeNode(k, j, depth + 1, p, false);
            slot++;
            k = j;
        }
        while (slot < 17)
        {
            scratch.putByte(p++, Rlp.EMPTY_STRING);
            slot++;
        }
        return finishNode(frame, payloadStart, p, out, forceHash);
    }

    private int encodeLeaf(final int index, final int depth, final int out, final boolean forceHash)
    {
        final int valueOffset = offsets[index];
        final int valueLength = lengths[index];
        final int pathStart = out + HASH_REF_LENGTH;
        final int pathLength = putPath(index, depth, keyLength(index) << 1, true, pathStart);
        final int valueHeaderLength = valueLength == 1 && (values.getByte(valueOffset) & 0xFF) < 0x80 ?
            0 : Rlp.headerLength(valueLength);
        final int payloadLength = pathLength + valueHeaderLength + valueLength;
        final int total = Rlp.listLength(payloadLength);

        if (total < Keccak256.HASH_LENGTH && !forceHash)
        {
            int p = out;
            p += Rlp.putListHeader(scratch, p, payloadLength);
            scratch.putBytes(p, scratch, pathStart, pathLength);
            p += pathLength;
            p += Rlp.putBytes(scratch, p, values, valueOffset, valueLength);
            return p - out;
        }

        final int listHeaderLength = Rlp.putListHeader(header, 0, payloadLength);
        keccak.update(header, 0, listHeaderLength);
        keccak.update(scratch, pathStart, pathLength);
        if (valueHeaderLength > 0)
        {
            Rlp.putStringHeader(header, 0, valueLength);
            keccak.update(header, 0, valueHeaderLength);
        }
        keccak.update(values, valueOffset, valueLength);
        scratch.putByte(out, (byte)(0x80 + Keccak256.HASH_LENGTH));
        keccak.digest(scratch, out + 1);
        return HASH_REF_LENGTH;
    }

    private int finishNode(
        final int frame, final int payloadStart, final int payloadEnd, final int out, final boolean forceHash)
    {
        final int payloadLength = payloadEnd - payloadStart;
        final int start = Rlp.putListHeaderBefore(scratch, payloadStart, payloadLength);
        final int total = payloadEnd - start;
        if (total < Keccak256.HASH_LENGTH && !forceHash)
        {
            scratch.putBytes(out, scratch, start, total);
            return total;
        }
        keccak.update(scratch, start, total);
        scratch.putByte(out, (byte)(0x80 + Keccak256.HASH_LENGTH));
        keccak.digest(scratch, out + 1);
        return HASH_REF_LENGTH;
    }

    /*
     * Writes the RLP string of the hex-prefix encoding of nibbles [from, to) of a key at `at`; returns its length.
     */
    private int putPath(final int index, final int from, final int to, final boolean leaf, final int at)
    {
        final int nibbles = to - from;
        final int flag = leaf ? 2 : 0;
        final int pathBytes = 1 + (nibbles >>> 1);
        int p = at;
        if (pathBytes > 1)
        {
            scratch.putByte(p++, (byte)(0x80 + pathBytes));
        }
        int n = from;
        if ((nibbles & 1) != 0)
        {
            scratch.putByte(p++, (byte)(((flag + 1) << 4) | nibble(index, n++)));
        }
        else
        {
            scratch.putByte(p++, (byte)(flag << 4));
        }
        while (n < to)
        {
            scratch.putByte(p++, (byte)((nibble(index, n) << 4) | nibble(index, n + 1)));
            n += 2;
        }
        return p - at;
    }
}
