package io.boostj.core;

import org.agrona.DirectBuffer;

/**
 * Receives the commands a deterministic engine emits, one SBE message (with its message header) per call.
 * <p>
 * The buffer is only valid for the duration of the call: an implementation that keeps the bytes must copy them
 * (for example into an outbound ring slot or the journal).
 */
@FunctionalInterface
public interface CommandSink
{
    /**
     * One command, encoded as an SBE message with its header.
     *
     * @param buffer holding the message.
     * @param offset of the message header in the buffer.
     * @param length of the header plus the message body.
     */
    void onCommand(DirectBuffer buffer, int offset, int length);
}
