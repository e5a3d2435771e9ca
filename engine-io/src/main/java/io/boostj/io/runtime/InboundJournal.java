package io.boostj.io.runtime;

import io.boostj.journal.Direction;
import io.boostj.journal.JournalSyncMode;
import io.boostj.journal.JournalWriter;
import io.boostj.ring.MessageSlot;
import org.agrona.concurrent.EpochNanoClock;

/**
 * Appends inbound events to the journal, as the dedicated journal consumer and the shared driver both do, and with
 * {@link JournalSyncMode#SYNC} calls {@link JournalWriter#sync()} after the last event of each ring batch, before that
 * event reaches the engine: every record appended before a sync that returned is durable (see the policy on
 * {@code Journal}). The other modes never sync here: Chronicle and the kernel write back on their own schedule.
 */
final class InboundJournal
{
    private final JournalWriter writer;
    private final EpochNanoClock clock;
    private final boolean syncAtBatchEnd;

    InboundJournal(final JournalWriter writer, final EpochNanoClock clock, final JournalSyncMode syncMode)
    {
        this.writer = writer;
        this.clock = clock;
        this.syncAtBatchEnd = JournalSyncMode.SYNC == syncMode;
    }

    /**
     * @param slot       the event (an empty slot is skipped, but still ends a batch).
     * @param endOfBatch true for the last event the ring had available.
     */
    void append(final MessageSlot slot, final boolean endOfBatch)
    {
        if (0 != slot.length())
        {
            writer.append(clock.nanoTime(), Direction.IN, slot.buffer(), 0, slot.length());
        }
        if (endOfBatch && syncAtBatchEnd)
        {
            writer.sync();
        }
    }

    /**
     * @return syncs done so far.
     */
    long syncCount()
    {
        return writer.syncCount();
    }
}
