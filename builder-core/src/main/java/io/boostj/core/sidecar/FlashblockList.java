package io.boostj.core.sidecar;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * A bounded, reusable list of flashblocks kept as copies of their JSON bytes in one growable arena, with the fields
 * the round logic needs (payload id, index, base presence). Grows to the largest round seen, then stops allocating.
 */
final class FlashblockList
{
    private final int capacity;
    private final ExpandableArrayBuffer arena = new ExpandableArrayBuffer(64 * 1024);
    private final long[] payloadIds;
    private final long[] indexes;
    private final boolean[] hasBase;
    private final int[] offsets;
    private final int[] lengths;
    private int size;
    private int arenaLimit;

    FlashblockList(final int capacity)
    {
        this.capacity = capacity;
        payloadIds = new long[capacity];
        indexes = new long[capacity];
        hasBase = new boolean[capacity];
        offsets = new int[capacity];
        lengths = new int[capacity];
    }

    /**
     * @return false when the list is full (nothing is added).
     */
    boolean tryAdd(
        final long payloadId,
        final long index,
        final boolean withBase,
        final DirectBuffer json,
        final int jsonOffset,
        final int jsonLength)
    {
        if (size == capacity)
        {
            return false;
        }
        arena.putBytes(arenaLimit, json, jsonOffset, jsonLength);
        payloadIds[size] = payloadId;
        indexes[size] = index;
        hasBase[size] = withBase;
        offsets[size] = arenaLimit;
        lengths[size] = jsonLength;
        arenaLimit += jsonLength;
        size++;
        return true;
    }

    void clear()
    {
        size = 0;
        arenaLimit = 0;
    }

    int size()
    {
        return size;
    }

    boolean isFull()
    {
        return size == capacity;
    }

    long payloadId(final int i)
    {
        return payloadIds[i];
    }

    long index(final int i)
    {
        return indexes[i];
    }

    boolean hasBase(final int i)
    {
        return hasBase[i];
    }

    DirectBuffer buffer()
    {
        return arena;
    }

    int offset(final int i)
    {
        return offsets[i];
    }

    int length(final int i)
    {
        return lengths[i];
    }

    /**
     * Moves the entries with this payload id to {@code dst} (cleared first), ordered by index; duplicates of an index
     * keep their arrival order. Insertion sort: the buffer holds at most a block's worth of flashblocks.
     */
    void takeSorted(final long payloadId, final FlashblockList dst)
    {
        dst.clear();
        for (int i = 0; i < size; i++)
        {
            if (payloadIds[i] == payloadId)
            {
                dst.tryAdd(payloadIds[i], indexes[i], hasBase[i], arena, offsets[i], lengths[i]);
                int j = dst.size - 1;
                while (j > 0 && Long.compareUnsigned(dst.indexes[j - 1], dst.indexes[j]) > 0)
                {
                    dst.swap(j - 1, j);
                    j--;
                }
            }
        }
        clear();
    }

    private void swap(final int a, final int b)
    {
        final long id = payloadIds[a];
        payloadIds[a] = payloadIds[b];
        payloadIds[b] = id;
        final long index = indexes[a];
        indexes[a] = indexes[b];
        indexes[b] = index;
        final boolean base = hasBase[a];
        hasBase[a] = hasBase[b];
        hasBase[b] = base;
        final int offset = offsets[a];
        offsets[a] = offsets[b];
        offsets[b] = offset;
        final int length = lengths[a];
        lengths[a] = lengths[b];
        lengths[b] = length;
    }
}
