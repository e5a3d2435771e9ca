package io.boostj.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.File;

/**
 * Reads records in index order: one reader per reading thread, wrapping a Chronicle {@link ExcerptTailer}. A new
 * reader is positioned at the start (or, if named, where it stopped last time). {@link #poll(JournalRecordHandler, int)}
 * never blocks: it returns 0 when there is nothing more to read yet, so the same reader follows a live journal.
 * <p>
 * <b>Damage.</b> If a document cannot be parsed, or its envelope is inconsistent (see {@link JournalEnvelope}),
 * {@code poll} throws {@link JournalCorruptException} naming the cycle file and byte position; every record before
 * it has been delivered, and the reader stays positioned on the damaged record (polling again throws again).
 */
public final class JournalReader implements AutoCloseable
{
    /**
     * Length of the header Chronicle puts in front of every document.
     */
    static final int CHRONICLE_HEADER_LENGTH = 4;

    private final Journal journal;
    private final ExcerptTailer tailer;
    private final String name;
    private final JournalRecord record = new JournalRecord();
    private volatile long publishedNextIndex;
    private long lastIndexRead = -1;
    private long lastGoodEndPosition = -1;
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
     * @throws JournalCorruptException if the next record cannot be read.
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
                lastGoodEndPosition = record.position() + CHRONICLE_HEADER_LENGTH + record.recordLength();
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
     * Move to the first record of the journal.
     *
     * @return this.
     */
    public JournalReader moveToStart()
    {
        tailer.toStart();
        publishPosition();
        return this;
    }

    /**
     * Move past the last record: the next poll returns only records appended from now on.
     *
     * @return this.
     */
    public JournalReader moveToEnd()
    {
        tailer.toEnd();
        publishPosition();
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
        final boolean found = tailer.moveToIndex(index);
        publishPosition();
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
     * @return the index of the last record delivered, or -1 if none yet.
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
        catch (final RuntimeException ex)
        {
            throw new JournalCorruptException(
                "cannot read the document after index " + lastIndexRead + ": " + ex,
                currentFile(), lastGoodEndPosition, lastIndexRead, ex);
        }
    }

    private void wrapRecord(final DocumentContext dc)
    {
        final long position;
        final int length;
        final long address;
        try
        {
            final Bytes<?> bytes = dc.wire().bytes();
            position = bytes.readPosition();
            length = (int)bytes.readRemaining();
            address = length > 0 ? bytes.addressForRead(position, length) : 0;
        }
        catch (final RuntimeException ex)
        {
            throw new JournalCorruptException(
                "cannot map the document after index " + lastIndexRead + ": " + ex,
                currentFile(), lastGoodEndPosition, lastIndexRead, ex);
        }

        record.wrap(dc.index(), address, length, position - CHRONICLE_HEADER_LENGTH);
        final String problem = record.validate();
        if (null != problem)
        {
            throw new JournalCorruptException(
                "record at index " + dc.index() + ": " + problem,
                currentFile(), position - CHRONICLE_HEADER_LENGTH, lastIndexRead, null);
        }
    }

    private File currentFile()
    {
        try
        {
            return tailer.currentFile();
        }
        catch (final RuntimeException ex)
        {
            return null;
        }
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
