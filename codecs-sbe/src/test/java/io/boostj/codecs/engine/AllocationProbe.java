package io.boostj.codecs.engine;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Measures the bytes the current thread allocates while running a task, using the HotSpot per-thread allocation
 * counter. The task is warmed up first so that class loading and JIT-compilation do not count.
 */
public final class AllocationProbe
{
    private AllocationProbe()
    {
    }

    /**
     * Fails unless 100 warm runs of {@code task} allocate nothing (skipped where the counter is unavailable).
     *
     * @param task the code under test.
     */
    public static void assertNoAllocation(final Runnable task)
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "HotSpot thread allocation counter unavailable");
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        for (int i = 0; i < 2_000; i++)
        {
            task.run();
        }
        long allocated = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5 && allocated != 0; attempt++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100; i++)
            {
                task.run();
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        assertEquals(0, allocated, "bytes allocated by 100 warm runs");
    }
}
