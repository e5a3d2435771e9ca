package io.boostj.ring;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.Sequence;

/**
 * A consumer of a {@link MessageRing} without a thread of its own: whoever owns it calls {@link #poll} (an event loop,
 * an agent's duty cycle). Used by the shared threading mode, where the engine runs on the Netty event loop and a
 * hand-off costs no thread wake-up.
 */
public final class MessagePoller
{
    private final EventPoller<MessageSlot> poller;
    private MessageHandler handler;
    private final EventPoller.Handler<MessageSlot> adapter =
        (slot, sequence, endOfBatch) ->
        {
            handler.onMessage(sequence, slot, endOfBatch);
            return true;
        };

    MessagePoller(final EventPoller<MessageSlot> poller)
    {
        this.poller = poller;
    }

    /**
     * Processes every message available now.
     *
     * @param handler gets each message in order.
     * @return true if at least one message was processed.
     * @throws Exception whatever the handler throws (the message is then counted as processed).
     */
    public boolean poll(final MessageHandler handler) throws Exception
    {
        this.handler = handler;
        return EventPoller.PollState.PROCESSING == poller.poll(adapter);
    }

    /**
     * @return how far this consumer has processed.
     */
    public Sequence sequence()
    {
        return poller.getSequence();
    }
}
