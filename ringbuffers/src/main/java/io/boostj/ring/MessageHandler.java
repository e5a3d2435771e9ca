package io.boostj.ring;

/**
 * Consumes messages from a {@link MessageRing}, in ring order, on the ring's consumer thread.
 */
@FunctionalInterface
public interface MessageHandler
{
    /**
     * @param sequence   the ring sequence of the message.
     * @param slot       the message: {@code slot.buffer()} from offset 0 for {@code slot.length()} bytes; valid only
     *                   during the call. A length of 0 marks a slot a producer abandoned; skip it.
     * @param endOfBatch true when no further message is immediately available.
     */
    void onMessage(long sequence, MessageSlot slot, boolean endOfBatch);
}
