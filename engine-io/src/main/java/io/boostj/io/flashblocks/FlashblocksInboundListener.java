package io.boostj.io.flashblocks;

import io.netty.buffer.ByteBuf;

/**
 * What a {@link FlashblocksInboundClient} reports, always on the client's event loop thread. Implementations must
 * return quickly and must not block: they hold up every other channel on that loop.
 */
public interface FlashblocksInboundListener
{
    /**
     * One complete WebSocket message from the builder (continuation frames already joined).
     *
     * @param content    the payload, readerIndex to writerIndex. Valid only during this call: do not retain, release
     *                   or keep a reference; copy what must outlive the call.
     * @param binary     true for a Binary message (JSON or brotli, the listener decides), false for a Text message.
     * @param recvTimeNs epoch-nanosecond receive time from the client's epoch clock.
     */
    void onMessage(ByteBuf content, boolean binary, long recvTimeNs);

    /**
     * The WebSocket handshake completed; the owner sets {@code connection_status} to 1.
     */
    void onConnected();

    /**
     * An attempt failed (refused, timed out) or an established connection ended (Close, stream end, pong timeout,
     * oversized frame, error). Called once per failed attempt or lost connection; the owner sets
     * {@code connection_status} to 0 and increments {@code reconnect_attempts}. Not called by {@code close()}.
     *
     * @param cause            what happened, for logs.
     * @param reconnectDelayMs the backoff before the next attempt.
     */
    void onDisconnected(String cause, long reconnectDelayMs);
}
