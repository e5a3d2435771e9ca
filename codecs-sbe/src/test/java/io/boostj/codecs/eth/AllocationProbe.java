package io.boostj.codecs.eth;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Measures the bytes the current thread allocates while running a task, using the HotSpot per-thread allocation
 * counter, after a warm-up so that class loading and JIT compilation do not count.
 */
final class AllocationProbe
{
    private AllocationProbe()
    {
    }

    static void assertNoAllocation(final Runnable task, final int warmUpRuns, final int measuredRuns)
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "HotSpot thread allocation counter unavailable");
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        for (int i = 0; i < warmUpRuns; i++)
        {
            task.run();
        }
        long allocated = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5 && allocated != 0; attempt++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < measuredRuns; i++)
            {
                task.run();
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        assertEquals(0, allocated, "bytes allocated by " + measuredRuns + " warm runs");
    }
}
