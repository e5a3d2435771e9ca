package io.boostj.replay;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One journal record as the timeline keeps it: where and when it was journaled, its direction, message type and
 * decoded fields by name (hashes and ids in hex, enums by name, var data as text).
 *
 * @param index     the journal index.
 * @param timeNs    the journal (receive) time, epoch ns.
 * @param direction {@link io.boostj.journal.Direction#IN} or {@link io.boostj.journal.Direction#OUT}.
 * @param name      the message type, e.g. {@code UpstreamCall}.
 * @param fields    decoded fields in schema order.
 */
record TimelineRecord(long index, long timeNs, byte direction, String name, Map<String, String> fields, int epoch)
{
    private static final int EPOCH_SHIFT = 40;

    static TimelineRecord of(final long index, final long timeNs, final byte direction,
        final EngineMessages.Decoded decoded, final int epoch)
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        final List<EngineMessages.Field> list = decoded.fields();
        for (final EngineMessages.Field f : list)
        {
            fields.put(f.name(), f.value());
        }
        return new TimelineRecord(index, timeNs, direction, decoded.name(), fields, epoch);
    }

    /**
     * A request or call id made unique across process starts: each start (an EngineConfig record) begins an epoch and
     * numbers its requests and calls from 1 again.
     *
     * @param field an id field ({@code requestId}, {@code callId}, {@code causeRequestId}).
     * @return the id within this record's epoch.
     */
    long key(final String field)
    {
        return ((long)epoch << EPOCH_SHIFT) | (longField(field) & ((1L << EPOCH_SHIFT) - 1));
    }

    String field(final String field)
    {
        final String value = fields.get(field);
        return null == value ? "" : value;
    }

    long longField(final String field)
    {
        final String value = fields.get(field);
        if (null == value || value.isEmpty())
        {
            return 0;
        }
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            return 0;
        }
    }

    boolean isTrue(final String field)
    {
        return "TRUE".equals(fields.get(field));
    }
}
