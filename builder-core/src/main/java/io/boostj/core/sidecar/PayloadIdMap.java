package io.boostj.core.sidecar;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Upstream's {@code PayloadTraceContext} without the tracing: the L2 payload id (what op-node sees) to the
 * builder's own payload id, recorded at FCU and translated at getPayload (reference §1.6). Each entry also keeps the
 * FCU head block hash, because a newPayload removes every entry built on its parent.
 * <p>
 * Bounded (upstream: 100) with FIFO eviction of the oldest entry. An entry may say "no builder id" (noTxPool, or
 * the builder FCU failed): getPayload then skips the builder.
 */
final class PayloadIdMap
{
    private static final int HASH_LENGTH = 32;

    private final BoundedSlotIndex index;
    private final long[] builderIds;
    private final boolean[] hasBuilderId;
    private final UnsafeBuffer parentHashes;

    PayloadIdMap(final int capacity)
    {
        index = new BoundedSlotIndex(capacity);
        builderIds = new long[capacity];
        hasBuilderId = new boolean[capacity];
        parentHashes = new UnsafeBuffer(new byte[capacity * HASH_LENGTH]);
    }

    /**
     * Records what an FCU with attributes started.
     *
     * @param l2PayloadId      L2's payload id.
     * @param builderHasId     whether the builder returned a payload id.
     * @param builderPayloadId the builder's payload id, if any.
     * @param headHash         buffer holding the FCU's head block hash (the new block's parent).
     * @param headHashOffset   offset of the 32 bytes.
     */
    void put(
        final long l2PayloadId,
        final boolean builderHasId,
        final long builderPayloadId,
        final DirectBuffer headHash,
        final int headHashOffset)
    {
        final int slot = index.insert(l2PayloadId);
        builderIds[slot] = builderPayloadId;
        hasBuilderId[slot] = builderHasId;
        parentHashes.putBytes(slot * HASH_LENGTH, headHash, headHashOffset, HASH_LENGTH);
    }

    /**
     * Finds an L2 payload id.
     *
     * @param l2PayloadId to look up.
     * @return a slot for {@link #hasBuilderId(int)} and {@link #builderPayloadId(int)}, or -1.
     */
    int find(final long l2PayloadId)
    {
        return index.slotOf(l2PayloadId);
    }

    boolean hasBuilderId(final int slot)
    {
        return hasBuilderId[slot];
    }

    long builderPayloadId(final int slot)
    {
        return builderIds[slot];
    }

    /**
     * Removes every entry whose FCU head is this parent hash (upstream {@code remove_by_parent_hash} at newPayload).
     *
     * @param parentHash buffer holding the 32-byte parent hash.
     * @param offset     of the hash.
     * @return the number removed.
     */
    int removeByParentHash(final DirectBuffer parentHash, final int offset)
    {
        int removed = 0;
        int slot = index.oldest();
        while (-1 != slot)
        {
            final int next = index.nextNewer(slot);
            if (sameHash(parentHashes, slot * HASH_LENGTH, parentHash, offset))
            {
                index.removeSlot(slot);
                removed++;
            }
            slot = next;
        }
        return removed;
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

    DirectBuffer parentHashes()
    {
        return parentHashes;
    }

    static int parentHashOffset(final int slot)
    {
        return slot * HASH_LENGTH;
    }

    int size()
    {
        return index.size();
    }

    private static boolean sameHash(final DirectBuffer a, final int aOffset, final DirectBuffer b, final int bOffset)
    {
        for (int i = 0; i < HASH_LENGTH; i += 8)
        {
            if (a.getLong(aOffset + i) != b.getLong(bOffset + i))
            {
                return false;
            }
        }
        return true;
    }
}
