package io.boostj.core.sidecar;

import org.agrona.DirectBuffer;

/**
 * External-state-root mode (reference §1.7): the raw params of the FCU that started each L2 payload id, kept so
 * that getPayload can re-send them to L2 with the builder's transactions. Bounded with FIFO eviction; an entry is
 * removed when used.
 */
final class FcuParamsCache
{
    private final BoundedSlotIndex index;
    private final ByteSlot[] params;

    FcuParamsCache(final int capacity)
    {
        index = new BoundedSlotIndex(capacity);
        params = new ByteSlot[capacity];
    }

    void put(final long l2PayloadId, final DirectBuffer buffer, final int offset, final int length)
    {
        final int slot = index.insert(l2PayloadId);
        ByteSlot holder = params[slot];
        if (null == holder)
        {
            holder = new ByteSlot(1024);
            params[slot] = holder;
        }
        holder.copy(buffer, offset, length);
    }

    /**
     * Finds the params of an L2 payload id.
     *
     * @param l2PayloadId to look up.
     * @return a slot for {@link #params(int)} and {@link #remove(int)}, or -1.
     */
    int find(final long l2PayloadId)
    {
        return index.slotOf(l2PayloadId);
    }

    ByteSlot params(final int slot)
    {
        return params[slot];
    }

    void remove(final int slot)
    {
        index.removeSlot(slot);
    }

    int oldestSlot()
    {
        return index.oldest();
    }

    int nextNewerSlot(final int slot)
    {
        return index.nextNewer(slot);
    }

    long l2PayloadId(final int slot)
    {
        return index.key(slot);
    }

    int size()
    {
        return index.size();
    }
}
