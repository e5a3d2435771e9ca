package io.boostj.io.runtime;

import io.boostj.ring.MessageHandler;
import io.boostj.ring.MessageSlot;

/**
 * The inbound ring's journal consumer, in parallel with the engine: appends every event before or while the engine
 * processes it (syncing at batch ends in sync mode, see {@link InboundJournal}). Its ring sequence tells egress which
 * events are journaled.
 */
final class JournalEventHandler implements MessageHandler
{
    private final InboundJournal journal;

    JournalEventHandler(final InboundJournal journal)
    {
        this.journal = journal;
    }

    @Override
    public void onMessage(final long sequence, final MessageSlot slot, final boolean endOfBatch)
    {
        journal.append(slot, endOfBatch);
    }
}
