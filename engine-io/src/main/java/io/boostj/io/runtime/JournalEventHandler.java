package io.boostj.io.runtime;

import io.boostj.journal.JournalWriter;
import io.boostj.ring.MessageHandler;
import io.boostj.ring.MessageSlot;
import org.agrona.concurrent.EpochNanoClock;

/**
 * The inbound ring's journal consumer, in parallel with the engine: appends every event before or while the engine
 * processes it. Its ring sequence tells egress which events are journaled.
 */
final class JournalEventHandler implements MessageHandler
{
    /** Journal direction of inbound events. */
    static final byte IN = io.boostj.journal.Direction.IN;

    private final JournalWriter writer;
    private final EpochNanoClock clock;

    JournalEventHandler(final JournalWriter writer, final EpochNanoClock clock)
    {
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public void onMessage(final long sequence, final MessageSlot slot, final boolean endOfBatch)
    {
        if (0 != slot.length())
        {
            writer.append(clock.nanoTime(), IN, slot.buffer(), 0, slot.length());
        }
    }
}
