package io.boostj.journal;

import io.boostj.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.boostj.journal.JournalEnvelope.BODY_LENGTH_OFFSET;
import static io.boostj.journal.JournalEnvelope.BYTE_ORDER;
import static io.boostj.journal.JournalEnvelope.CORRELATION_ID_OFFSET;
import static io.boostj.journal.JournalEnvelope.DIRECTION_OFFSET;
import static io.boostj.journal.JournalEnvelope.ENVELOPE_VERSION_OFFSET;
import static io.boostj.journal.JournalEnvelope.HEADER_LENGTH;
import static io.boostj.journal.JournalEnvelope.RECV_TIME_NS_OFFSET;
import static io.boostj.journal.JournalEnvelope.SCHEMA_ID_OFFSET;
import static io.boostj.journal.JournalEnvelope.TEMPLATE_ID_OFFSET;
import static io.boostj.journal.JournalEnvelope.VERSION_OFFSET;

/**
 * Flyweight over one journal record, reused by a {@link JournalReader} for every record it delivers. The body buffer
 * points straight into the mapped cycle file (no copy) and is valid only during
 * {@link JournalRecordHandler#onRecord(JournalRecord)}. Layout: {@link JournalEnvelope}.
 */
public final class JournalRecord
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
    private long index;
    private long position = -1;

    JournalRecord()
    {
    }

    void wrap(final long index, final long address, final int length, final long position)
    {
        this.index = index;
        this.position = position;
        buffer.wrap(address, length);
    }

    /**
     * Wrap a record held in memory (for tests and tools that build records without a queue).
     *
     * @param index  the record's index.
     * @param source buffer holding an envelope followed by its body.
     * @param offset of the envelope.
     * @param length of envelope plus body.
     * @return this.
     */
    public JournalRecord wrap(final long index, final DirectBuffer source, final int offset, final int length)
    {
        this.index = index;
        this.position = -1;
        buffer.wrap(source, offset, length);
        return this;
    }

    /**
     * @return the Chronicle index of the record: its sequence number in the journal.
     */
    public long index()
    {
        return index;
    }

    /**
     * @return byte position of the record's Chronicle document header in its cycle file, -1 if not from a file.
     */
    public long position()
    {
        return position;
    }

    /**
     * @return the receive (or emit) time in epoch nanoseconds, as given to {@link JournalWriter#append}.
     */
    public long recvTimeNs()
    {
        return buffer.getLong(RECV_TIME_NS_OFFSET, BYTE_ORDER);
    }

    /**
     * @return {@link Direction#IN} or {@link Direction#OUT}.
     */
    public byte direction()
    {
        return buffer.getByte(DIRECTION_OFFSET);
    }

    /**
     * @return the requestId or callId of the body, 0 if none (see {@link CorrelationIds}).
     */
    public long correlationId()
    {
        return buffer.getLong(CORRELATION_ID_OFFSET, BYTE_ORDER);
    }

    /**
     * @return the SBE schema id of the body.
     */
    public int schemaId()
    {
        return buffer.getShort(SCHEMA_ID_OFFSET, BYTE_ORDER) & 0xFFFF;
    }

    /**
     * @return the SBE template id of the body.
     */
    public int templateId()
    {
        return buffer.getShort(TEMPLATE_ID_OFFSET, BYTE_ORDER) & 0xFFFF;
    }

    /**
     * @return the SBE schema version the body was encoded with.
     */
    public int version()
    {
        return buffer.getShort(VERSION_OFFSET, BYTE_ORDER) & 0xFFFF;
    }

    /**
     * @return the envelope layout version ({@link JournalEnvelope#ENVELOPE_VERSION}).
     */
    public int envelopeVersion()
    {
        return buffer.getByte(ENVELOPE_VERSION_OFFSET);
    }

    /**
     * @return the buffer holding the body; use with {@link #bodyOffset()} and {@link #bodyLength()}.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return offset of the SBE body (its message header) in {@link #buffer()}.
     */
    public int bodyOffset()
    {
        return HEADER_LENGTH;
    }

    /**
     * @return length of the SBE body, header included.
     */
    public int bodyLength()
    {
        return buffer.getInt(BODY_LENGTH_OFFSET, BYTE_ORDER);
    }

    /**
     * @return length of the envelope plus body.
     */
    public int recordLength()
    {
        return buffer.capacity();
    }

    /**
     * Check the envelope against the document length and the body's own SBE header.
     *
     * @return null if consistent, else what is wrong.
     */
    String validate()
    {
        final int capacity = buffer.capacity();
        if (capacity < HEADER_LENGTH)
        {
            return "record of " + capacity + " bytes is shorter than the " + HEADER_LENGTH + "-byte envelope";
        }

        final int bodyLength = bodyLength();
        if (bodyLength != capacity - HEADER_LENGTH)
        {
            return "envelope bodyLength " + bodyLength + " != document length " + capacity + " - " + HEADER_LENGTH;
        }
        if (!Direction.isValid(direction()))
        {
            return "invalid direction " + direction();
        }
        if (JournalEnvelope.ENVELOPE_VERSION != envelopeVersion())
        {
            return "unknown envelope version " + envelopeVersion();
        }
        if (bodyLength < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return "body of " + bodyLength + " bytes is shorter than an SBE message header";
        }

        final int bodySchemaId = bodyUint16(MessageHeaderDecoder.schemaIdEncodingOffset());
        final int bodyTemplateId = bodyUint16(MessageHeaderDecoder.templateIdEncodingOffset());
        final int bodyVersion = bodyUint16(MessageHeaderDecoder.versionEncodingOffset());
        if (bodySchemaId != schemaId() || bodyTemplateId != templateId() || bodyVersion != version())
        {
            return "envelope (schema " + schemaId() + ", template " + templateId() + ", version " + version() +
                ") disagrees with the body header (schema " + bodySchemaId + ", template " + bodyTemplateId +
                ", version " + bodyVersion + ")";
        }

        return null;
    }

    private int bodyUint16(final int headerFieldOffset)
    {
        return buffer.getShort(HEADER_LENGTH + headerFieldOffset, BYTE_ORDER) & 0xFFFF;
    }

    /**
     * Envelope fields, for debugging.
     *
     * @return a one-line description.
     */
    public String toString()
    {
        return "JournalRecord{index=" + index +
            ", recvTimeNs=" + recvTimeNs() +
            ", direction=" + Direction.name(direction()) +
            ", correlationId=" + correlationId() +
            ", schemaId=" + schemaId() +
            ", templateId=" + templateId() +
            ", version=" + version() +
            ", bodyLength=" + bodyLength() +
            '}';
    }
}
