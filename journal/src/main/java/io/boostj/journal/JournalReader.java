package io.boostj.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.File;

/**
 * Reads records in index order: one reader per reading thread, wrapping a Chronicle {@link ExcerptTailer}. A new
 * reader is positioned at the start (or, if named, where it stopped last time).
 * {@link #poll(JournalRecordHandler, int)} never blocks: it returns 0 when there is nothing more to read yet, so the
 * same reader follows a live journal.
 * <p>
 * <b>Damage.</b> Chronicle cannot tell a damaged document header from the end of the data: a zeroed, garbled or
 * "not complete" header simply looks like the place where the next record will be written. So damage shows in two
 * ways:
 * <ul>
 *   <li>{@code poll} throws {@link JournalCorruptException} when a document exists but cannot be read: it runs past the
 *       end of a truncated file, its envelope disagrees with its length or with the SBE header, or Chronicle fails
 *       to parse the file;</li>
 *   <li>{@code poll} returns 0 although records exist beyond the reader's position. {@link #checkAtEnd()} tells the
 *       two apart: call it when the reader is expected to be at the end (an offline tool after the last poll; a
 *       follower that has been idle for a while) and it throws if the journal holds records this reader cannot
 *       reach.</li>
 * </ul>
 * In both cases the exception names the cycle file and byte position; every record before it has been delivered,
 * and the reader stays where it is (polling again reports the same damage).
 */
public final class JournalReader implements AutoCloseable
{
    /**
     * Length of the header Chronicle puts in front of every document.
     */
    static final int CHRONICLE_HEADER_LENGTH = 4;

    /**
     * Chronicle starts every document header on a 4-byte boundary.
     */
    static final int CHRONICLE_HEADER_ALIGNMENT = 4;

    private final Journal journal;
    private final ExcerptTailer tailer;
    private final String name;
    private final JournalRecord record = new JournalRecord();
    private volatile long publishedNextIndex;
    private long lastIndexRead = -1;
    private long lastGoodEndPosition = -1;
    private int knownCycle = Integer.MIN_VALUE;
    private long knownFileLength = -1;
    private File knownFile;
    private boolean isClosed;

    JournalReader(final Journal journal, final ExcerptTailer tailer, final String name)
    {
        this.journal = journal;
        this.tailer = tailer;
        this.name = name;
        tailer.singleThreadedCheckDisabled(true);
        publishPosition();
    }

    /**
     * Deliver up to {@code limit} records to the handler.
     *
     * @param handler receives each record.
     * @param limit   maximum number of records to deliver.
     * @return the number of records delivered; 0 if none is available yet.
     * @throws JournalCorruptException if the next record exists but cannot be read.
     */
    public int poll(final JournalRecordHandler handler, final int limit)
    {
        int count = 0;
        try
        {
            while (count < limit)
            {
                final DocumentContext dc = openNext();
                try
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    wrapRecord(dc);
                    handler.onRecord(record);
                }
                catch (final RuntimeException | Error ex)
                {
                    dc.rollbackOnClose();
                    throw ex;
                }
                finally
                {
                    dc.close();
                }

                lastIndexRead = record.index();
                lastGoodEndPosition = alignHeader(record.position() + CHRONICLE_HEADER_LENGTH + record.recordLength());
                count++;
            }
        }
        finally
        {
            publishPosition();
        }

        return count;
    }

    /**
     * Check that nothing the journal holds lies beyond this reader's position, i.e. that a {@code poll} returning 0
     * means "end of data" and not "damaged header". Race-free against a live writer: the journal's extent is
     * observed first, then the next record is looked for (and left unconsumed if found).
     *
     * @return true if the reader is at the end, false if a record is readable (poll again).
     * @throws JournalCorruptException if records exist beyond the reader's position but cannot be reached.
     */
    public boolean checkAtEnd()
    {
        final long nextIndex = tailer.index();
        final int cycle = lastIndexRead >= 0 ? journal.cycle(lastIndexRead) : Integer.MIN_VALUE;
        long writePosition = -1;
        long lastIndex = -1;
        Throwable extentFailure = null;
        try
        {
            if (lastIndexRead >= 0)
            {
                writePosition = journal.writePosition(cycle);
            }
            lastIndex = journal.queue().lastIndex();
        }
        catch (final RuntimeException | InternalError ex)
        {
            extentFailure = ex;
        }

        final DocumentContext dc = openNext();
        try
        {
            if (dc.isPresent())
            {
                dc.rollbackOnClose();
                return false;
            }
        }
        finally
        {
            dc.close();
        }

        if (null != extentFailure)
        {
            throw corrupt("cannot find the extent of the journal after index " + lastIndexRead, extentFailure);
        }
        if (lastIndexRead >= 0 && writePosition >= lastGoodEndPosition)
        {
            throw new JournalCorruptException(
                "cycle " + cycle + " holds records up to position " + writePosition +
                " but the document header after index " + lastIndexRead + " is unreadable",
                journal.cycleFile(cycle), lastGoodEndPosition, lastIndexRead, null);
        }
        if (lastIndex >= 0 && (0 == nextIndex || nextIndex <= lastIndex))
        {
            final long missingIndex = 0 == nextIndex ? journal.firstIndex() : nextIndex;
            final File file = lastIndexRead >= 0 ?
                journal.cycleFile(cycle) : journal.cycleFile(journal.cycle(missingIndex));
            throw new JournalCorruptException(
                "the journal holds records up to index " + lastIndex + " but index " + missingIndex +
                " is unreadable", file, lastIndexRead >= 0 ? lastGoodEndPosition : -1, lastIndexRead, null);
        }

        return true;
    }

    /**
     * Move to the first record of the journal.
     *
     * @return this.
     */
    public JournalReader moveToStart()
    {
        try
        {
            final long firstIndex = journal.firstIndex();
            if (firstIndex < 0 || !tailer.moveToIndex(firstIndex))
            {
                tailer.toStart();
            }
        }
        catch (final RuntimeException | InternalError ex)
        {
            throw corrupt("cannot move to the start of the journal", ex);
        }
        resetPosition();
        return this;
    }

    /**
     * Move past the last record: the next poll returns only records appended from now on.
     *
     * @return this.
     */
    public JournalReader moveToEnd()
    {
        try
        {
            tailer.toEnd();
        }
        catch (final RuntimeException | InternalError ex)
        {
            throw corrupt("cannot move to the end of the journal", ex);
        }
        resetPosition();
        return this;
    }

    /**
     * Move so that the next record delivered is the one with this index.
     *
     * @param index of a record.
     * @return true if the record exists (or is the next to be written), false if the index is not in the journal.
     */
    public boolean moveToIndex(final long index)
    {
        final boolean found;
        try
        {
            found = tailer.moveToIndex(index);
        }
        catch (final RuntimeException | InternalError ex)
        {
            throw corrupt("cannot move to index " + index, ex);
        }
        resetPosition();
        return found;
    }

    /**
     * @return the index of the next record this reader will deliver.
     */
    public long nextIndex()
    {
        return tailer.index();
    }

    /**
     * @return the index of the last record delivered, or -1 if none since the last move.
     */
    public long lastIndexRead()
    {
        return lastIndexRead;
    }

    /**
     * @return the name of a restartable reader, or null if anonymous.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the journal read.
     */
    public Journal journal()
    {
        return journal;
    }

    long publishedNextIndex()
    {
        return publishedNextIndex;
    }

    /**
     * Release the tailer. Idempotent.
     */
    public void close()
    {
        if (!isClosed)
        {
            isClosed = true;
            tailer.close();
            journal.onClosed(this);
        }
    }

    private DocumentContext openNext()
    {
        try
        {
            return tailer.readingDocument();
        }
        catch (final RuntimeException | InternalError ex)
        {
            throw corrupt("cannot read the document after index " + lastIndexRead, ex);
        }
    }

    private void wrapRecord(final DocumentContext dc)
    {
        final long index = dc.index();
        final long position;
        final int length;
        final long address;
        try
        {
            final Bytes<?> bytes = dc.wire().bytes();
            position = bytes.readPosition();
            length = (int)bytes.readRemaining();
            checkInsideFile(index, position, length);
            address = length > 0 ? bytes.addressForRead(position, length) : 0;
        }
        catch (final JournalCorruptException ex)
        {
            throw ex;
        }
        catch (final RuntimeException | InternalError ex)
        {
            throw corrupt("cannot map the document after index " + lastIndexRead, ex);
        }

        record.wrap(index, address, length, position - CHRONICLE_HEADER_LENGTH);
        final String problem = record.validate();
        if (null != problem)
        {
            throw new JournalCorruptException(
                "record at index " + index + ": " + problem,
                currentFile(), position - CHRONICLE_HEADER_LENGTH, lastIndexRead, null);
        }
    }

    private void checkInsideFile(final long index, final long position, final int length)
    {
        final long end = position + length;
        final int cycle = tailer.cycle();
        if (cycle != knownCycle || end > knownFileLength)
        {
            knownCycle = cycle;
            knownFile = currentFile();
            knownFileLength = null == knownFile ? Long.MAX_VALUE : knownFile.length();
            if (end > knownFileLength)
            {
                throw new JournalCorruptException(
                    "record at index " + index + " of " + length + " bytes runs past the end of the file (" +
                    knownFileLength + " bytes): the file is truncated",
                    knownFile, position - CHRONICLE_HEADER_LENGTH, lastIndexRead, null);
            }
        }
    }

    private static long alignHeader(final long position)
    {
        return (position + CHRONICLE_HEADER_ALIGNMENT - 1) & -CHRONICLE_HEADER_ALIGNMENT;
    }

    private JournalCorruptException corrupt(final String reason, final Throwable cause)
    {
        final File file = currentFile();
        final long fileLength = null == file ? -1 : file.length();
        final String truncated = lastGoodEndPosition >= 0 && fileLength >= 0 && fileLength <= lastGoodEndPosition ?
            " (file is " + fileLength + " bytes: truncated)" : "";

        return new JournalCorruptException(
            reason + truncated + ": " + cause, file, lastGoodEndPosition, lastIndexRead, cause);
    }

    private File currentFile()
    {
        try
        {
            return tailer.currentFile();
        }
        catch (final RuntimeException ex)
        {
            return knownFile;
        }
    }

    private void resetPosition()
    {
        lastIndexRead = -1;
        lastGoodEndPosition = -1;
        publishPosition();
    }

    private void publishPosition()
    {
        try
        {
            publishedNextIndex = tailer.index();
        }
        catch (final RuntimeException ignore)
        {
            // a closed or damaged tailer keeps its last published position
        }
    }
}
