package io.boostj.journal;

import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged cycle files: the reader delivers every record before the damage, then reports the file and position.
 */
class JournalCorruptionTest
{
    private static final int RECORDS = 100;
    private static final int DAMAGED = 50;

    @TempDir
    File dir;

    private final List<Long> indexes = new ArrayList<>();
    private final List<Long> positions = new ArrayList<>();
    private final List<File> files = new ArrayList<>();

    @Test
    void shouldReportATruncatedFileAndKeepEarlierRecordsReadable() throws IOException
    {
        writeJournal(new JournalContext().directory(dir));
        final File file = files.get(DAMAGED);
        try (RandomAccessFile raf = new RandomAccessFile(file, "rw"))
        {
            raf.setLength(positions.get(DAMAGED) + 20);
        }

        try (Journal journal = Journal.open(new JournalContext().directory(dir).readOnly(true)))
        {
            final JournalReader reader = journal.newReader();
            final List<Long> read = new ArrayList<>();
            final JournalCorruptException ex = assertThrows(
                JournalCorruptException.class, () -> readUntilEnd(reader, read));

            assertEquals(indexes.subList(0, DAMAGED), read);
            assertDamageAt(ex, file, positions.get(DAMAGED), indexes.get(DAMAGED - 1));
            assertTrue(ex.getMessage().contains("truncated"), ex.getMessage());
            assertThrows(JournalCorruptException.class, () -> reader.poll((record) -> { }, 10));
        }
    }

    @Test
    void shouldReportATruncatedFileReopenedForWriting() throws IOException
    {
        writeJournal(new JournalContext().directory(dir));
        final File file = files.get(DAMAGED);
        try (RandomAccessFile raf = new RandomAccessFile(file, "rw"))
        {
            raf.setLength(positions.get(DAMAGED) + 20);
        }

        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            final List<Long> read = new ArrayList<>();
            final JournalCorruptException ex = assertThrows(
                JournalCorruptException.class, () -> readUntilEnd(journal.newReader(), read));

            assertEquals(indexes.subList(0, DAMAGED), read);
            assertDamageAt(ex, file, positions.get(DAMAGED), indexes.get(DAMAGED - 1));
        }
    }

    @Test
    void shouldReportAnEnvelopeThatDisagreesWithItsDocument() throws IOException
    {
        writeJournal(new JournalContext().directory(dir));
        final File file = files.get(DAMAGED);
        overwrite(file, positions.get(DAMAGED) + 4 + JournalEnvelope.BODY_LENGTH_OFFSET, new byte[] { 99, 0, 0, 0 });

        try (Journal journal = Journal.open(new JournalContext().directory(dir).readOnly(true)))
        {
            final List<Long> read = new ArrayList<>();
            final JournalCorruptException ex = assertThrows(
                JournalCorruptException.class, () -> readUntilEnd(journal.newReader(), read));

            assertEquals(indexes.subList(0, DAMAGED), read);
            assertDamageAt(ex, file, positions.get(DAMAGED), indexes.get(DAMAGED - 1));
            assertTrue(ex.getMessage().contains("bodyLength 99"), ex.getMessage());
        }
    }

    @Test
    void shouldReportAGarbledHeaderWhenCheckingTheEnd() throws IOException
    {
        writeJournal(new JournalContext().directory(dir));
        final File file = files.get(DAMAGED);
        overwrite(file, positions.get(DAMAGED), new byte[] { (byte)0xFF, (byte)0xFF, (byte)0xFF, (byte)0xFF });

        try (Journal journal = Journal.open(new JournalContext().directory(dir).readOnly(true)))
        {
            final JournalReader reader = journal.newReader();
            final List<Long> read = new ArrayList<>();
            readUntilEnd(reader, read);
            assertEquals(indexes.subList(0, DAMAGED), read);

            final JournalCorruptException ex = assertThrows(JournalCorruptException.class, reader::checkAtEnd);
            assertDamageAt(ex, file, positions.get(DAMAGED), indexes.get(DAMAGED - 1));
        }
    }

    @Test
    void shouldReportAZeroedHeaderInAnOlderCycle() throws IOException
    {
        final AtomicLong nowMs = new AtomicLong(1_700_000_000_000L);
        final JournalContext context = new JournalContext().directory(dir).rollCycle("TEST_SECONDLY")
            .epochClock(nowMs::get);
        writeJournal(context, () -> nowMs.addAndGet(1_000));
        assertNotEquals(files.get(0), files.get(RECORDS - 1));

        final int damaged = DAMAGED / 2;
        final File file = files.get(damaged);
        overwrite(file, positions.get(damaged), new byte[4]);

        try (Journal journal = Journal.open(new JournalContext().directory(dir).readOnly(true)))
        {
            final JournalReader reader = journal.newReader();
            final List<Long> read = new ArrayList<>();
            readUntilEnd(reader, read);
            assertEquals(indexes.subList(0, damaged), read);

            final JournalCorruptException ex = assertThrows(JournalCorruptException.class, reader::checkAtEnd);
            assertDamageAt(ex, file, positions.get(damaged), indexes.get(damaged - 1));
        }
    }

    @Test
    void shouldReportAnUnreadableFirstRecord() throws IOException
    {
        writeJournal(new JournalContext().directory(dir));
        overwrite(files.get(0), positions.get(0), new byte[4]);

        try (Journal journal = Journal.open(new JournalContext().directory(dir).readOnly(true)))
        {
            final JournalReader reader = journal.newReader();
            assertEquals(0, reader.poll((record) -> { }, 10));
            final JournalCorruptException ex = assertThrows(JournalCorruptException.class, reader::checkAtEnd);
            assertEquals(files.get(0), ex.file());
            assertTrue(ex.getMessage().contains(files.get(0).getPath()), ex.getMessage());
        }
    }

    @Test
    void shouldNotReportAnIntactJournal()
    {
        writeJournal(new JournalContext().directory(dir));
        try (Journal journal = Journal.open(new JournalContext().directory(dir).readOnly(true)))
        {
            final JournalReader reader = journal.newReader();
            assertFalse(reader.checkAtEnd());
            final List<Long> read = new ArrayList<>();
            readUntilEnd(reader, read);
            assertEquals(indexes, read);
            assertTrue(reader.checkAtEnd());
        }
    }

    private void writeJournal(final JournalContext context)
    {
        writeJournal(context, () -> { });
    }

    private void writeJournal(final JournalContext context, final Runnable atHalf)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        try (Journal journal = Journal.open(context))
        {
            final JournalWriter writer = journal.newWriter();
            for (int i = 0; i < RECORDS; i++)
            {
                if (DAMAGED == i)
                {
                    atHalf.run();
                }
                indexes.add(writer.append(i, Direction.IN, buffer, 0, TestMessages.encodeTick(buffer, 0, i)));
            }

            final JournalReader reader = journal.newReader();
            reader.poll(
                (record) ->
                {
                    positions.add(record.position());
                    files.add(journal.cycleFile(journal.cycle(record.index())));
                },
                RECORDS);
        }
        assertEquals(RECORDS, positions.size());
    }

    private static void readUntilEnd(final JournalReader reader, final List<Long> read)
    {
        while (reader.poll((record) -> read.add(record.index()), 1_000) > 0)
        {
            Thread.onSpinWait();
        }
    }

    private static void overwrite(final File file, final long position, final byte[] bytes) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file, "rw"))
        {
            raf.seek(position);
            raf.write(bytes);
        }
    }

    private static void assertDamageAt(
        final JournalCorruptException ex, final File file, final long position, final long lastGoodIndex)
    {
        assertEquals(file, ex.file(), ex.getMessage());
        assertEquals(position, ex.position(), ex.getMessage());
        assertEquals(lastGoodIndex, ex.lastGoodIndex(), ex.getMessage());
        assertTrue(ex.getMessage().contains(file.getPath()), ex.getMessage());
        assertTrue(ex.getMessage().contains("position " + position), ex.getMessage());
    }
}
