package io.boostj.core.sidecar;

import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * A fixed-capacity index from a long key (an 8-byte payload id) to a slot number in {@code [0, capacity)}, kept in
 * insertion order. Inserting into a full index evicts the oldest entry (FIFO), and re-inserting a key makes it the
 * newest. Callers keep their values in arrays indexed by slot. Lookups are O(1); iteration follows insertion order,
 * never hash order. Allocation-free after construction.
 */
final class BoundedSlotIndex
{
    private static final int NONE = -1;

    private final Long2LongHashMap slotByKey;
    private final long[] keys;
    private final int[] prev;
    private final int[] next;
    private final int[] freeSlots;
    private int freeCount;
    private int oldest = NONE;
    private int newest = NONE;
    private int size;

    BoundedSlotIndex(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        slotByKey = new Long2LongHashMap(capacity * 2, 0.65f, NONE);
        keys = new long[capacity];
        prev = new int[capacity];
        next = new int[capacity];
        freeSlots = new int[capacity];
        Arrays.fill(prev, NONE);
        Arrays.fill(next, NONE);
        for (int i = 0; i < capacity; i++)
        {
            freeSlots[i] = capacity - 1 - i;
        }
        freeCount = capacity;
    }

    /**
     * Finds a key.
     *
     * @param key to look up.
     * @return its slot, or -1.
     */
    int slotOf(final long key)
    {
        return (int)slotByKey.get(key);
    }

    /**
     * Inserts a key as the newest entry, evicting the oldest entry if full; an existing key keeps its slot and
     * becomes the newest.
     *
     * @param key to insert.
     * @return the slot now holding the key.
     */
    int insert(final long key)
    {
        int slot = (int)slotByKey.get(key);
        if (NONE != slot)
        {
            unlink(slot);
            link(slot);
            return slot;
        }

        if (0 == freeCount)
        {
            removeSlot(oldest);
        }
        slot = freeSlots[--freeCount];
        keys[slot] = key;
        slotByKey.put(key, slot);
        link(slot);
        size++;
        return slot;
    }

    /**
     * Removes the entry in a slot.
     *
     * @param slot occupied slot.
     */
    void removeSlot(final int slot)
    {
        slotByKey.remove(keys[slot]);
        unlink(slot);
        freeSlots[freeCount++] = slot;
        size--;
    }

    /**
     * Removes a key if present.
     *
     * @param key to remove.
     * @return the slot it occupied, or -1.
     */
    int remove(final long key)
    {
        final int slot = (int)slotByKey.get(key);
        if (NONE != slot)
        {
            removeSlot(slot);
        }
        return slot;
    }

    /**
     * The oldest entry's slot, to iterate in insertion order with {@link #nextNewer(int)}.
     *
     * @return a slot, or -1 when empty.
     */
    int oldest()
    {
        return oldest;
    }

    /**
     * The next newer entry after a slot.
     *
     * @param slot occupied slot.
     * @return the next slot, or -1.
     */
    int nextNewer(final int slot)
    {
        return next[slot];
    }

    long key(final int slot)
    {
        return keys[slot];
    }

    int size()
    {
        return size;
    }

    private void link(final int slot)
    {
        prev[slot] = newest;
        next[slot] = NONE;
        if (NONE == newest)
        {
            oldest = slot;
        }
        else
        {
            next[newest] = slot;
        }
        newest = slot;
    }

    private void unlink(final int slot)
    {
        final int p = prev[slot];
        final int n = next[slot];
        if (NONE == p)
        {
            oldest = n;
        }
        else
        {
            next[p] = n;
        }
        if (NONE == n)
        {
            newest = p;
        }
        else
        {
            prev[n] = p;
        }
        prev[slot] = NONE;
        next[slot] = NONE;
    }
}
