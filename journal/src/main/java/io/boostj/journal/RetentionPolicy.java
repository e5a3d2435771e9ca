package io.boostj.journal;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.io.File;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deletes cycle files older than the retention window. Chronicle calls {@link #onAcquired(int, File)} whenever a store
 * is acquired, asynchronously on its {@code background~resource~releaser} thread (so never on the writer's thread).
 * The first time a cycle newer than any seen before is acquired (the writer opening its first cycle, then every roll),
 * every file of cycle {@code <= newCycle - retentionCycles} is deleted and the queue's directory listing is refreshed:
 * a directory listing and a few {@code unlink}s per cycle. Readers that have a deleted file mapped keep their mapping
 * (POSIX semantics); a reader positioned in a deleted cycle continues from the oldest remaining one.
 */
final class RetentionPolicy implements StoreFileListener
{
    private final File directory;
    private final int retentionCycles;
    private final AtomicLong deletedFiles = new AtomicLong();
    private final AtomicLong failedDeletes = new AtomicLong();
    private RollingResourcesCache resources;
    private SingleChronicleQueue queue;
    private int highestCycle = Integer.MIN_VALUE;

    RetentionPolicy(final File directory, final int retentionCycles)
    {
        this.directory = directory;
        this.retentionCycles = retentionCycles;
    }

    synchronized void queue(final SingleChronicleQueue queue, final RollCycle rollCycle)
    {
        this.queue = queue;
        this.resources = new RollingResourcesCache(
            rollCycle,
            queue.epoch(),
            (name) -> new File(directory, name + SingleChronicleQueue.SUFFIX),
            RetentionPolicy::baseName);
        if (Integer.MIN_VALUE != highestCycle)
        {
            deleteUpTo(highestCycle - retentionCycles);
        }
    }

    public synchronized void onAcquired(final int cycle, final File file)
    {
        if (cycle > highestCycle)
        {
            highestCycle = cycle;
            if (null != queue)
            {
                deleteUpTo(cycle - retentionCycles);
            }
        }
    }

    public void onReleased(final int cycle, final File file)
    {
    }

    long deletedFiles()
    {
        return deletedFiles.get();
    }

    long failedDeletes()
    {
        return failedDeletes.get();
    }

    private void deleteUpTo(final int lastCycleToDelete)
    {
        final File[] files = directory.listFiles((dir, name) -> name.endsWith(SingleChronicleQueue.SUFFIX));
        if (null == files)
        {
            return;
        }

        boolean deleted = false;
        for (final File file : files)
        {
            final int cycle;
            try
            {
                cycle = resources.parseCount(baseName(file));
            }
            catch (final RuntimeException ex)
            {
                continue;
            }

            if (cycle <= lastCycleToDelete)
            {
                if (file.delete())
                {
                    deletedFiles.incrementAndGet();
                    deleted = true;
                }
                else
                {
                    failedDeletes.incrementAndGet();
                }
            }
        }

        if (deleted)
        {
            queue.refreshDirectoryListing();
        }
    }

    private static String baseName(final File file)
    {
        final String name = file.getName();
        return name.endsWith(SingleChronicleQueue.SUFFIX) ?
            name.substring(0, name.length() - SingleChronicleQueue.SUFFIX.length()) : name;
    }
}
