package io.boostj.journal;

import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalRetentionTest
{
    private static final long START_MS = 1_700_000_000_000L;

    @TempDir
    File dir;

    private final AtomicLong nowMs = new AtomicLong(START_MS);
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);

    @Test
    void shouldDeleteCycleFilesOlderThanTheRetentionOnRoll()
    {
        try (Journal journal = Journal.open(context().retentionCycles(2)))
        {
            final JournalWriter writer = journal.newWriter();
            writeCycles(writer, 5);

            awaitCycleFiles(journal, 2);
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (journal.deletedCycleFiles() < 3 && System.nanoTime() < deadlineNs)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            assertEquals(3, journal.deletedCycleFiles(), "files are unlinked before the counter moves, off-thread");
            assertEquals(0, journal.failedCycleFileDeletes());
            assertEquals(List.of(3_000L, 3_001L, 3_002L, 4_000L, 4_001L, 4_002L), readAll(journal));
            assertEquals(journal.cycle(journal.lastIndex()) - 1, journal.cycle(journal.firstIndex()));
        }
    }

    @Test
    void shouldApplyRetentionWhenAWriterStartsOnAnOldJournal()
    {
        try (Journal journal = Journal.open(context()))
        {
            writeCycles(journal.newWriter(), 4);
            assertEquals(4, journal.cycleFiles().size());
        }

        nowMs.addAndGet(1_000);
        try (Journal journal = Journal.open(context().retentionCycles(3)))
        {
            final JournalWriter writer = journal.newWriter();
            writer.append(9, Direction.IN, buffer, 0, TestMessages.encodeTick(buffer, 0, 9));

            awaitCycleFiles(journal, 3);
            assertEquals(List.of(2_000L, 2_001L, 2_002L, 3_000L, 3_001L, 3_002L, 9L), readAll(journal));
        }
    }

    @Test
    void shouldKeepEveryCycleWithZeroRetention()
    {
        try (Journal journal = Journal.open(context()))
        {
            writeCycles(journal.newWriter(), 4);
            assertEquals(4, journal.cycleFiles().size());
            assertEquals(0, journal.deletedCycleFiles());
            assertEquals(12, readAll(journal).size());
        }
    }

    @Test
    void shouldNeverDeleteFromAReadOnlyJournal()
    {
        try (Journal journal = Journal.open(context()))
        {
            writeCycles(journal.newWriter(), 4);
        }
        try (Journal journal = Journal.open(context().readOnly(true).retentionCycles(1)))
        {
            assertEquals(12, readAll(journal).size());
            assertEquals(4, journal.cycleFiles().size());
        }
    }

    @Test
    void shouldReadFromTheOldestRemainingCycleWhenFilesWereDeletedBehindAReadOnlyJournal()
    {
        try (Journal journal = Journal.open(context()))
        {
            writeCycles(journal.newWriter(), 3);
        }
        final List<File> files;
        try (Journal journal = Journal.open(context().readOnly(true)))
        {
            files = journal.cycleFiles();
        }
        assertTrue(files.get(0).delete());
        assertTrue(files.get(1).delete());

        try (Journal journal = Journal.open(context().readOnly(true)))
        {
            assertEquals(List.of(2_000L, 2_001L, 2_002L), readAll(journal), "the listing still names cycle 0");
            assertEquals(journal.cycle(journal.lastIndex()), journal.cycle(journal.firstIndex()));
            assertEquals(0, journal.sequenceInCycle(journal.firstIndex()));
        }
    }

    private static void awaitCycleFiles(final Journal journal, final int expected)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (journal.cycleFiles().size() != expected && System.nanoTime() < deadlineNs)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        assertEquals(expected, journal.cycleFiles().size(), () -> journal.cycleFiles().toString());
    }

    private JournalContext context()
    {
        return new JournalContext().directory(dir).rollCycle("TEST_SECONDLY").epochClock(nowMs::get);
    }

    private void writeCycles(final JournalWriter writer, final int cycles)
    {
        for (int cycle = 0; cycle < cycles; cycle++)
        {
            if (cycle > 0)
            {
                nowMs.addAndGet(1_000);
            }
            for (int i = 0; i < 3; i++)
            {
                final long stamp = cycle * 1_000L + i;
                writer.append(stamp, Direction.IN, buffer, 0, TestMessages.encodeTick(buffer, 0, stamp));
            }
        }
    }

    private static List<Long> readAll(final Journal journal)
    {
        final List<Long> times = new ArrayList<>();
        try (JournalReader reader = journal.newReader())
        {
            while (reader.poll((record) -> times.add(record.recvTimeNs()), 100) > 0)
            {
                Thread.onSpinWait();
            }
        }
        return times;
    }
}
