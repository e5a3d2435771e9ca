package io.boostj.io.runtime;

import io.boostj.core.CommandSink;
import io.boostj.ring.MessageRing;
import io.boostj.ring.MessageSlot;
import org.agrona.DirectBuffer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's command sink: copies each command into the outbound ring, stamped with the inbound sequence being
 * processed (so egress can hold a reply until its cause is journaled). Called only by the engine thread.
 * <p>
 * When the ring is full the engine waits here (or, in the shared mode, carries out commands inline): the core stops
 * draining its inbound ring, which then refuses new requests; nothing is dropped.
 */
public final class OutboundCommandSink implements CommandSink
{
    private final MessageRing outbound;
    private final AtomicLong fullWaits = new AtomicLong();
    private long causeSequence = -1;
    private Runnable onFull = Thread::onSpinWait;

    /**
     * @param outbound the outbound ring (single producer: the engine thread).
     */
    public OutboundCommandSink(final MessageRing outbound)
    {
        this.outbound = outbound;
    }

    /**
     * @param sequence the inbound sequence now being processed.
     */
    void causeSequence(final long sequence)
    {
        causeSequence = sequence;
    }

    /**
     * @param onFull what to do while the ring is full: spin (egress has its own thread) or drain it inline (egress
     *               runs on the engine's thread).
     */
    void onFull(final Runnable onFull)
    {
        this.onFull = onFull;
    }

    @Override
    public void onCommand(final DirectBuffer buffer, final int offset, final int length)
    {
        long seq = outbound.tryClaim();
        if (seq < 0)
        {
            fullWaits.incrementAndGet();
            while ((seq = outbound.tryClaim()) < 0)
            {
                onFull.run();
            }
        }
        final MessageSlot slot = outbound.slot(seq);
        slot.buffer().putBytes(0, buffer, offset, length);
        slot.length(length);
        slot.causeSequence(causeSequence);
        outbound.publish(seq);
    }

    /**
     * @return how many times the engine found the outbound ring full.
     */
    public long fullWaits()
    {
        return fullWaits.get();
    }
}
