package io.boostj.core.sidecar;

import io.boostj.sbe.CallOutcome;
import io.boostj.sbe.PayloadStatus;
import io.boostj.sbe.UpstreamReplyDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * The end of one upstream call as the handlers see it: either an {@code UpstreamReply} event (a flyweight over the
 * event bytes, valid only during the callback) or a timeout that the engine declared itself.
 * <p>
 * Fixed fields are read through {@link #decoder()}; the var-data fields are located once so that handlers can
 * splice them by (buffer, offset, length) in any order.
 */
final class UpstreamReplyView
{
    private final UpstreamReplyDecoder decoder = new UpstreamReplyDecoder();
    private boolean timedOut;
    private DirectBuffer buffer;
    private int errorMessageOffset;
    private int errorMessageLength;
    private int resultOffset;
    private int resultLength;
    private int executionPayloadOffset;
    private int executionPayloadLength;
    private int executionRequestsOffset;
    private int executionRequestsLength;

    void wrap(final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        timedOut = false;
        this.buffer = buffer;
        decoder.wrap(buffer, offset, blockLength, version);

        errorMessageOffset = decoder.limit() + UpstreamReplyDecoder.errorMessageHeaderLength();
        errorMessageLength = decoder.skipErrorMessage();
        resultOffset = decoder.limit() + UpstreamReplyDecoder.resultHeaderLength();
        resultLength = decoder.skipResult();
        executionPayloadOffset = decoder.limit() + UpstreamReplyDecoder.executionPayloadHeaderLength();
        executionPayloadLength = decoder.skipExecutionPayload();
        executionRequestsOffset = decoder.limit() + UpstreamReplyDecoder.executionRequestsHeaderLength();
        executionRequestsLength = decoder.skipExecutionRequests();
    }

    void timeout()
    {
        timedOut = true;
        buffer = null;
        errorMessageLength = 0;
        resultLength = 0;
        executionPayloadLength = 0;
        executionRequestsLength = 0;
    }

    UpstreamReplyDecoder decoder()
    {
        return decoder;
    }

    boolean timedOut()
    {
        return timedOut;
    }

    /**
     * A JSON-RPC result arrived (whatever it says).
     *
     * @return true if the outcome is RESULT.
     */
    boolean isResult()
    {
        return !timedOut && CallOutcome.RESULT.value() == decoder.outcomeRaw();
    }

    /**
     * A result whose payload status is INVALID: upstream's client turns it into an error (code 13).
     *
     * @return true for a RESULT with status INVALID.
     */
    boolean isInvalidStatus()
    {
        return isResult() && PayloadStatus.INVALID.value() == decoder.payloadStatusRaw();
    }

    /**
     * The call succeeded in upstream's client sense: a result, not an INVALID payload status.
     *
     * @return true if the result can be used.
     */
    boolean isOk()
    {
        return isResult() && PayloadStatus.INVALID.value() != decoder.payloadStatusRaw();
    }

    short outcomeRaw()
    {
        return decoder.outcomeRaw();
    }

    short payloadStatusRaw()
    {
        return timedOut ? PayloadStatus.NONE.value() : decoder.payloadStatusRaw();
    }

    boolean hasPayloadId()
    {
        return !timedOut && 1 == decoder.hasPayloadIdRaw();
    }

    /**
     * The 8-byte payload id, big-endian in a long.
     *
     * @return the payload id.
     */
    long payloadId()
    {
        return buffer.getLong(decoder.offset() + UpstreamReplyDecoder.payloadIdEncodingOffset(), ByteOrder.BIG_ENDIAN);
    }

    boolean hasExecutionRequests()
    {
        return !timedOut && 1 == decoder.hasExecutionRequestsRaw();
    }

    int fieldOffset(final int encodingOffset)
    {
        return decoder.offset() + encodingOffset;
    }

    DirectBuffer buffer()
    {
        return buffer;
    }

    int errorMessageOffset()
    {
        return errorMessageOffset;
    }

    int errorMessageLength()
    {
        return errorMessageLength;
    }

    int resultOffset()
    {
        return resultOffset;
    }

    int resultLength()
    {
        return resultLength;
    }

    int executionPayloadOffset()
    {
        return executionPayloadOffset;
    }

    int executionPayloadLength()
    {
        return executionPayloadLength;
    }

    int executionRequestsOffset()
    {
        return executionRequestsOffset;
    }

    int executionRequestsLength()
    {
        return executionRequestsLength;
    }
}
