package io.boostj.core.sidecar;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PayloadIdMapTest
{
    private static UnsafeBuffer hash(final int seed)
    {
        return new UnsafeBuffer(SidecarHarness.hash(seed));
    }

    @Test
    void shouldTranslateL2IdToBuilderId()
    {
        final PayloadIdMap map = new PayloadIdMap(4);
        map.put(1, true, 101, hash(1), 0);
        map.put(2, false, 0, hash(1), 0);
        assertEquals(101, map.builderPayloadId(map.find(1)));
        assertTrue(map.hasBuilderId(map.find(1)));
        assertFalse(map.hasBuilderId(map.find(2)));
        assertEquals(-1, map.find(3));
    }

    @Test
    void shouldEvictOldestFirstWhenFull()
    {
        final PayloadIdMap map = new PayloadIdMap(3);
        map.put(1, true, 101, hash(1), 0);
        map.put(2, true, 102, hash(1), 0);
        map.put(3, true, 103, hash(1), 0);
        map.put(1, true, 111, hash(1), 0);
        map.put(4, true, 104, hash(1), 0);
        assertEquals(3, map.size());
        assertEquals(-1, map.find(2), "2 is now the oldest: evicted");
        assertEquals(111, map.builderPayloadId(map.find(1)), "re-inserting 1 made it the newest");
        map.put(5, true, 105, hash(1), 0);
        assertEquals(-1, map.find(3));
        assertEquals(104, map.builderPayloadId(map.find(4)));
        assertEquals(105, map.builderPayloadId(map.find(5)));
    }

    @Test
    void shouldRemoveEveryEntryBuiltOnParent()
    {
        final PayloadIdMap map = new PayloadIdMap(8);
        map.put(1, true, 101, hash(1), 0);
        map.put(2, true, 102, hash(2), 0);
        map.put(3, true, 103, hash(1), 0);
        assertEquals(2, map.removeByParentHash(hash(1), 0));
        assertEquals(1, map.size());
        assertEquals(-1, map.find(1));
        assertEquals(102, map.builderPayloadId(map.find(2)));
        assertEquals(0, map.removeByParentHash(hash(1), 0));
    }

    @Test
    void shouldIterateInInsertionOrderAndReuseSlots()
    {
        final BoundedSlotIndex index = new BoundedSlotIndex(3);
        index.insert(30);
        index.insert(10);
        index.insert(20);
        index.remove(10);
        index.insert(40);
        index.insert(Long.MIN_VALUE);
        final List<Long> keys = new ArrayList<>();
        for (int slot = index.oldest(); slot != -1; slot = index.nextNewer(slot))
        {
            keys.add(index.key(slot));
        }
        assertEquals(List.of(20L, 40L, Long.MIN_VALUE), keys);
        assertThrows(IllegalArgumentException.class, () -> new BoundedSlotIndex(0));
    }
}
