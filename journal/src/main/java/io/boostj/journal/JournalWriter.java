package io.boostj.journal;

import io.boostj.sbe.MessageHeaderDecoder;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

import static io.boostj.journal.JournalEnvelope.ENVELOPE_VERSION;
import static io.boostj.journal.JournalEnvelope.HEADER_LENGTH;

/**
 * Appends records to the journal: one writer per writing thread, each wrapping its own Chronicle
 * {@link ExcerptAppender} (from {@code createAppender()}). Several writers, in several threads, may append to the same
 * journal; Chronicle serialises them with its write lock and every record gets the next index. A writer is not
 * thread-safe. It may be created on one thread and handed to another before its first append.
 * <p>
 * An append is allocation-free once the appender has mapped the current cycle: the envelope fields are stored with
 * Chronicle's low-level bytes and the SBE body is copied with one {@code memcpy} (see {@link JournalEnvelope}).
 */
public final class JournalWriter implements AutoCloseable
{
    private final Journal journal;
    private final ExcerptAppender appender;
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private long syncCount;
    private boolean isClosed;

    JournalWriter(final Journal journal, final ExcerptAppender appender)
    {
        this.journal = journal;
        this.appender = appender;
        appender.singleThreadedCheckDisabled(true);
    }

    /**
     * Append one record.
     *
     * @param recvTimeNs when the message was received (IN) or emitted (OUT), epoch nanoseconds.
     * @param direction  {@link Direction#IN} or {@link Direction#OUT}.
     * @param buffer     holding the SBE message, header included.
     * @param offset     of the SBE message header in {@code buffer}.
     * @param length     of the SBE message, header included.
     * @return the index of the new record.
     * @throws IllegalArgumentException if the direction is invalid or the message is shorter than an SBE header.
     */
    public long append(
        final long recvTimeNs, final byte direction, final DirectBuffer buffer, final int offset, final int length)
    {
        if (!Direction.isValid(direction))
        {
            throw new IllegalArgumentException("invalid direction: " + direction);
        }
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            throw new IllegalArgumentException("message of " + length + " bytes has no SBE header");
        }
        buffer.boundsCheck(offset, length);
        headerDecoder.wrap(buffer, offset);
        final long correlationId = CorrelationIds.of(buffer, offset, length);

        final DocumentContext dc = appender.writingDocument();
        try
        {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.writeLong(recvTimeNs);
            bytes.writeLong(correlationId);
            bytes.writeUnsignedShort(headerDecoder.schemaId());
            bytes.writeUnsignedShort(headerDecoder.templateId());
            bytes.writeUnsignedShort(headerDecoder.version());
            bytes.writeByte(direction);
            bytes.writeByte(ENVELOPE_VERSION);
            bytes.writeInt(length);

            final byte[] array = buffer.byteArray();
            if (null != array)
            {
                bytes.unsafeWriteObject(array, (int)(buffer.addressOffset() + offset), length);
            }
            else
            {
                bytes.unsafeWrite(buffer.addressOffset() + offset, length);
            }
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

        return appender.lastIndexAppended();
    }

    /**
     * Ask the OS to write everything appended so far by this writer to the device, according to the journal's
     * {@link JournalSyncMode}: with {@code SYNC} this blocks until the data is durable; with {@code ASYNC} it only
     * schedules write-back; with {@code NONE} it does nothing. Call it at batch boundaries, not per record.
     */
    public void sync()
    {
        appender.sync();
        syncCount++;
    }

    /**
     * @return how many times {@link #sync()} has returned on this writer (read it on the writing thread, or as a
     *     metric that may lag by a few calls).
     */
    public long syncCount()
    {
        return syncCount;
    }

    /**
     * @return the index of the last record this writer appended, or -1 if none yet.
     */
    public long lastIndexAppended()
    {
        try
        {
            return appender.lastIndexAppended();
        }
        catch (final IllegalStateException ex)
        {
            return -1;
        }
    }

    /**
     * @return the journal this writer appends to.
     */
    public Journal journal()
    {
        return journal;
    }

    /**
     * Release the appender. Idempotent.
     */
    public void close()
    {
        if (!isClosed)
        {
            isClosed = true;
            appender.close();
            journal.onClosed(this);
        }
    }
}
