package io.boostj.proxy.fanout;

import io.boostj.proxy.filter.FlashblockFacts;
import io.netty.buffer.ByteBuf;

/**
 * One upstream message as it goes to every client: the complete WebSocket frame, encoded (and compressed) once and
 * shared by all channels through duplicates, plus the facts filtered subscriptions match (null while none filters).
 */
final class OutgoingMessage
{
    final ByteBuf frame;
    final FlashblockFacts facts;

    OutgoingMessage(final ByteBuf frame, final FlashblockFacts facts)
    {
        this.frame = frame;
        this.facts = facts;
    }
}
