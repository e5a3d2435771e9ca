package io.boostj.io.flashblocks;

import org.agrona.DirectBuffer;

/**
 * Where the egress sends each flashblock the round accepted: the outbound WebSocket stream (and, later, other fan-out
 * transports). An implementation copies the bytes before returning and never blocks.
 */
@FunctionalInterface
public interface FlashblockOutlet
{
    /**
     * Publishes one accepted flashblock to every subscriber.
     *
     * @param json   buffer holding the flashblock's JSON.
     * @param offset where it starts.
     * @param length its length.
     */
    void publish(DirectBuffer json, int offset, int length);
}
