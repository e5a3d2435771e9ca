package io.boostj.journal;

import java.nio.ByteOrder;

/**
 * The fixed envelope that precedes every SBE body in a journal record. One Chronicle Queue document holds exactly one
 * record; the document is written with Chronicle's low-level bytes (not self-describing wire) so an append is a handful
 * of stores plus one {@code memcpy}. The Chronicle index of the document is the record's sequence number; it is not
 * stored in the envelope.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                       recvTimeNs (int64)                      |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     correlationId (int64)                     |  8
 *  |                                                               |
 *  +-------------------------------+-------------------------------+
 *  |       schemaId (uint16)       |      templateId (uint16)      | 16
 *  +-------------------------------+---------------+---------------+
 *  |        version (uint16)       | direction (8) | envelopeVer(8)| 20
 *  +-------------------------------+---------------+---------------+
 *  |                       bodyLength (int32)                      | 24
 *  +---------------------------------------------------------------+
 *  |   SBE body: messageHeader (8 bytes) + root block + var data  ...  28
 *  +---------------------------------------------------------------+
 * </pre>
 * All fields are little-endian. {@code direction} is {@link Direction#IN} or {@link Direction#OUT};
 * {@code correlationId} is {@link CorrelationIds#of(org.agrona.DirectBuffer, int, int)} of the body (0 when the message
 * has none); {@code schemaId}, {@code templateId} and {@code version} repeat the body's SBE header so a reader can
 * filter without touching the body; {@code envelopeVer} is {@link #ENVELOPE_VERSION} and lets the envelope evolve.
 * The document length Chronicle records in its own 4-byte header is always {@code HEADER_LENGTH + bodyLength}; a
 * reader that finds otherwise reports the record as corrupt.
 */
public final class JournalEnvelope
{
    /**
     * Byte order of every envelope field.
     */
    public static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;

    /**
     * Version of the envelope layout written by this code.
     */
    public static final byte ENVELOPE_VERSION = 1;

    /**
     * Offset of {@code recvTimeNs}.
     */
    public static final int RECV_TIME_NS_OFFSET = 0;

    /**
     * Offset of {@code correlationId}.
     */
    public static final int CORRELATION_ID_OFFSET = 8;

    /**
     * Offset of {@code schemaId}.
     */
    public static final int SCHEMA_ID_OFFSET = 16;

    /**
     * Offset of {@code templateId}.
     */
    public static final int TEMPLATE_ID_OFFSET = 18;

    /**
     * Offset of {@code version}.
     */
    public static final int VERSION_OFFSET = 20;

    /**
     * Offset of {@code direction}.
     */
    public static final int DIRECTION_OFFSET = 22;

    /**
     * Offset of {@code envelopeVer}.
     */
    public static final int ENVELOPE_VERSION_OFFSET = 23;

    /**
     * Offset of {@code bodyLength}.
     */
    public static final int BODY_LENGTH_OFFSET = 24;

    /**
     * Length of the envelope; the SBE body starts here.
     */
    public static final int HEADER_LENGTH = 28;

    private JournalEnvelope()
    {
    }
}
