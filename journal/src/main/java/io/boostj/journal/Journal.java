package io.boostj.journal;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;
import org.agrona.concurrent.EpochClock;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The journal: one Chronicle Queue holding every event that enters the engine ({@link Direction#IN}) and every command
 * it emits ({@link Direction#OUT}), each record an envelope plus the SBE bytes ({@link JournalEnvelope}). The Chronicle
 * index of a record is its sequence number; records are totally ordered by it.
 * <p>
 * <b>Threads.</b> A {@code Journal} is shared; each writing thread gets its own {@link #newWriter()} and each reading
 * thread its own {@link #newReader()}. The metric helpers ({@link #lastIndex()}, {@link #freeDiskBytes()},
 * {@link #lagRecords(JournalReader)}) may be called from a metrics thread; they create a short-lived Chronicle tailer
 * (a little garbage), so call them at scrape rate, never on the hot path.
 * <p>
 * <b>Restart.</b> Opening a directory that already holds a journal appends after its last record: indexes keep
 * growing (in a new cycle file if the cycle has rolled) and a reader sees the old and new records as one sequence.
 * <p>
 * <b>Durability policy.</b> Cycle files are memory-mapped; an append is a store into the page cache.
 * <ul>
 *   <li><b>kill -9, or a JVM crash</b>: loses nothing that {@link JournalWriter#append} returned from: the pages
 *       belong to the kernel and are written back after the process dies. A record being written at the instant
 *       of the kill is discarded: readers stop before it, and the next writer to open the journal finds the write
 *       lock held by a dead process, forces it and gives the next record that index. Records the process had not
 *       yet handed to {@code append} (still in a ring) are lost.</li>
 *   <li><b>power loss or kernel panic</b>: loses every record not yet written back to the device. With
 *       {@link JournalSyncMode#NONE} or {@link JournalSyncMode#ASYNC} (the default) that is up to the kernel's
 *       write-back interval ({@code vm.dirty_expire_centisecs}, 30 s by default) plus whatever the device cache
 *       holds. With {@link JournalSyncMode#SYNC}, every record appended before a {@link JournalWriter#sync()} that
 *       returned is durable; call it at batch ends (it costs a device flush, typically 0.1-10 ms) or on a timer.
 *       Chronicle also msyncs each chunk it unmaps and each file it rolls away from.</li>
 *   <li>Neither policy makes a reply wait for durability: the engine answers without waiting for the journal. A
 *       deployment that must never answer before the record is durable has to gate replies on {@code sync()}.</li>
 * </ul>
 * <b>Disk space.</b> Chronicle never back-pressures a writer; watch {@link #freeDiskBytes()} and use
 * {@link JournalContext#retentionCycles(int)}.
 */
public final class Journal implements AutoCloseable
{
    private final JournalContext context;
    private final SingleChronicleQueue queue;
    private final RetentionPolicy retentionPolicy;
    private final RollingResourcesCache resources;
    private final List<AutoCloseable> openResources = new ArrayList<>();
    private boolean isClosed;

    private Journal(final JournalContext context)
    {
        this.context = context;
        final File directory = context.directory();
        final RollCycle rollCycle = context.resolvedRollCycle();
        final EpochClock epochClock = context.epochClock();
        final SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.binary(directory)
            .rollCycle(rollCycle)
            .readOnly(context.readOnly())
            .syncMode(context.syncMode().chronicleMode())
            .timeProvider(epochClock::time);
        if (context.blockSizeBytes() > 0)
        {
            builder.blockSize(context.blockSizeBytes());
        }

        if (!context.readOnly() && context.retentionCycles() > 0)
        {
            retentionPolicy = new RetentionPolicy(directory, context.retentionCycles());
            builder.storeFileListener(retentionPolicy);
        }
        else
        {
            retentionPolicy = null;
        }

        queue = builder.build();
        resources = new RollingResourcesCache(
            queue.rollCycle(), queue.epoch(), (name) -> new File(directory, name + SingleChronicleQueue.SUFFIX),
            (file) -> file.getName());
        if (null != retentionPolicy)
        {
            retentionPolicy.queue(queue, queue.rollCycle());
        }
    }

    /**
     * Open (or create) the journal described by the context, concluding the context if needed.
     *
     * @param context the configuration.
     * @return the open journal.
     */
    public static Journal open(final JournalContext context)
    {
        if (!context.isConcluded())
        {
            context.conclude();
        }

        return new Journal(context);
    }

    /**
     * A writer for the calling thread (see {@link JournalWriter}).
     *
     * @return a new writer.
     * @throws IllegalStateException if the journal is read-only.
     */
    public JournalWriter newWriter()
    {
        ensureOpen();
        if (context.readOnly())
        {
            throw new IllegalStateException("journal is read-only: " + context.directory());
        }

        final JournalWriter writer = new JournalWriter(this, queue.createAppender());
        track(writer);
        return writer;
    }

    /**
     * An anonymous reader positioned at the start of the journal.
     *
     * @return a new reader.
     */
    public JournalReader newReader()
    {
        ensureOpen();
        final JournalReader reader = new JournalReader(this, queue.createTailer(), null);
        track(reader);
        return reader.moveToStart();
    }

    /**
     * A named (restartable) reader: Chronicle persists its position in the queue's metadata file each time a record
     * is consumed, so a reader opened again with the same name continues after the last record it consumed. Needs a
     * writable journal.
     *
     * @param name of the reader, unique among the journal's named readers.
     * @return a new reader at the persisted position (the start if new).
     */
    public JournalReader newReader(final String name)
    {
        ensureOpen();
        if (context.readOnly())
        {
            throw new IllegalStateException("named readers need a writable journal: " + context.directory());
        }

        final JournalReader reader = new JournalReader(this, queue.createTailer(name), name);
        track(reader);
        return reader;
    }

    /**
     * Index of the first record, or -1 if the journal is empty. A metric helper, safe from any thread.
     *
     * @return the first index.
     */
    public long firstIndex()
    {
        final long firstIndex = queue.firstIndex();
        if (Long.MAX_VALUE == firstIndex)
        {
            return -1;
        }
        if (!cycleFile(cycle(firstIndex)).exists())
        {
            final int cycle = firstCycleOnDisk();
            return cycle < 0 ? -1 : queue.rollCycle().toIndex(cycle, 0);
        }
        return firstIndex;
    }

    /**
     * The oldest cycle whose file exists. A read-only queue never refreshes its directory listing, so after cycle
     * files were deleted behind its back (retention in a writer process, an operator's clean-up) the listing still
     * names the deleted first cycle; the files on disk are the truth.
     */
    private int firstCycleOnDisk()
    {
        for (final File file : cycleFiles())
        {
            final String name = file.getName();
            try
            {
                return resources.parseCount(name.substring(0, name.length() - SingleChronicleQueue.SUFFIX.length()));
            }
            catch (final RuntimeException ex)
            {
                throw new JournalCorruptException("not a cycle file of roll cycle " + context.rollCycleName() + ": " +
                    name, file, -1, -1, ex);
            }
        }
        return -1;
    }

    /**
     * Index of the last record, or -1 if the journal is empty. A metric helper, safe from any thread.
     *
     * @return the last index.
     */
    public long lastIndex()
    {
        try
        {
            return queue.lastIndex();
        }
        catch (final RuntimeException | InternalError ex)
        {
            final List<File> files = cycleFiles();
            final File last = files.isEmpty() ? null : files.get(files.size() - 1);
            throw new JournalCorruptException("cannot find the last index: " + ex, last, -1, -1, ex);
        }
    }

    /**
     * Usable free space on the journal's file system. A metric helper, safe from any thread.
     *
     * @return free bytes available to this process.
     */
    public long freeDiskBytes()
    {
        return context.directory().getUsableSpace();
    }

    /**
     * How many records the reader has still to read: those after its position up to {@link #lastIndex()}.
     * May be called from a metrics thread while the reader polls on its own thread; the answer then reflects the
     * reader's position at the end of its last {@code poll} or move.
     *
     * @param reader a reader of this journal.
     * @return records behind, 0 if caught up.
     */
    public long lagRecords(final JournalReader reader)
    {
        final long lastIndex = lastIndex();
        if (lastIndex < 0)
        {
            return 0;
        }

        long nextIndex = reader.publishedNextIndex();
        final long firstIndex = firstIndex();
        if (nextIndex < firstIndex)
        {
            nextIndex = firstIndex;
        }
        if (nextIndex > lastIndex)
        {
            return 0;
        }

        return queue.countExcerpts(nextIndex, lastIndex) + 1;
    }

    /**
     * Number of records between two indexes, both included.
     *
     * @param fromIndex first index.
     * @param toIndex   last index.
     * @return the number of records.
     */
    public long countRecords(final long fromIndex, final long toIndex)
    {
        if (toIndex < fromIndex)
        {
            return 0;
        }

        return queue.countExcerpts(fromIndex, toIndex) + 1;
    }

    /**
     * The cycle files in the directory, oldest first.
     *
     * @return the {@code .cq4} files.
     */
    public List<File> cycleFiles()
    {
        final File[] files = context.directory().listFiles((dir, name) -> name.endsWith(SingleChronicleQueue.SUFFIX));
        if (null == files)
        {
            return List.of();
        }
        Arrays.sort(files);

        return List.of(files);
    }

    /**
     * @param index a record index.
     * @return the roll cycle number the index belongs to.
     */
    public int cycle(final long index)
    {
        return queue.rollCycle().toCycle(index);
    }

    /**
     * @param index a record index.
     * @return the sequence of the record within its cycle.
     */
    public long sequenceInCycle(final long index)
    {
        return queue.rollCycle().toSequenceNumber(index);
    }

    /**
     * @return cycle files deleted by retention since open.
     */
    public long deletedCycleFiles()
    {
        return null == retentionPolicy ? 0 : retentionPolicy.deletedFiles();
    }

    /**
     * @return cycle files retention failed to delete since open.
     */
    public long failedCycleFileDeletes()
    {
        return null == retentionPolicy ? 0 : retentionPolicy.failedDeletes();
    }

    /**
     * @return the queue directory.
     */
    public File directory()
    {
        return context.directory();
    }

    /**
     * @return the roll cycle actually in use (the one recorded in an existing queue wins over the configured one).
     */
    public String rollCycleName()
    {
        return ((Enum<?>)queue.rollCycle()).name();
    }

    /**
     * @return the concluded context.
     */
    public JournalContext context()
    {
        return context;
    }

    /**
     * The file of a cycle (whether or not it exists).
     *
     * @param cycle a roll cycle number, see {@link #cycle(long)}.
     * @return the cycle file.
     */
    public File cycleFile(final int cycle)
    {
        return resources.resourceFor(cycle).path;
    }

    /**
     * Position of the last document header Chronicle recorded in a cycle's store header.
     *
     * @param cycle the cycle.
     * @return the position, or -1 if the cycle has no file.
     */
    long writePosition(final int cycle)
    {
        final SingleChronicleQueueStore store = queue.storeForCycle(cycle, queue.epoch(), false, null);
        if (null == store)
        {
            return -1;
        }

        try
        {
            return store.writePosition();
        }
        finally
        {
            queue.closeStore(store);
        }
    }

    SingleChronicleQueue queue()
    {
        return queue;
    }

    /**
     * Close every writer and reader still open, then the queue. Idempotent.
     */
    public void close()
    {
        final List<AutoCloseable> toClose;
        synchronized (openResources)
        {
            if (isClosed)
            {
                return;
            }
            isClosed = true;
            toClose = new ArrayList<>(openResources);
            openResources.clear();
        }

        for (int i = toClose.size() - 1; i >= 0; i--)
        {
            try
            {
                toClose.get(i).close();
            }
            catch (final Exception ignore)
            {
                // closing on behalf of the owner: the queue close below must still happen
            }
        }
        queue.close();
    }

    void onClosed(final AutoCloseable resource)
    {
        synchronized (openResources)
        {
            openResources.remove(resource);
        }
    }

    private void ensureOpen()
    {
        synchronized (openResources)
        {
            if (isClosed)
            {
                throw new IllegalStateException("journal is closed");
            }
        }
    }

    private void track(final AutoCloseable resource)
    {
        synchronized (openResources)
        {
            if (isClosed)
            {
                throw new IllegalStateException("journal is closed");
            }
            openResources.add(resource);
        }
    }
}
