package io.boostj.codecs.engine;

import java.nio.charset.StandardCharsets;

import io.boostj.codecs.json.JsonException;
import io.boostj.codecs.json.JsonScanner;
import io.boostj.sbe.BooleanType;
import io.boostj.sbe.CallOutcome;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.MessageHeaderEncoder;
import io.boostj.sbe.PayloadStatus;
import io.boostj.sbe.Target;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes the end of an upstream call (the JSON-RPC response an execution client sent back, or a transport failure)
 * into an SBE {@code UpstreamReply} event, decoding once, at the edge, the few fields the engine decides on.
 * <p>
 * Outcomes:
 * <ul>
 *     <li>{@code RESULT}: a 2xx response with a {@code result} that decodes for the method. The {@code result} var
 *     holds the raw JSON of the result value; getPayload also fills {@code executionPayload} and
 *     {@code executionRequests}.</li>
 *     <li>{@code RPC_ERROR}: the body has a JSON-RPC {@code error} object (whatever the HTTP status):
 *     {@code errorCode}, {@code errorMessage} (raw content of {@code error.message}) and the raw error object in
 *     {@code result}.</li>
 *     <li>{@code HTTP_ERROR}: a non-2xx status without a JSON-RPC error object.</li>
 *     <li>{@code MALFORMED}: a 2xx response that is not JSON, not a response object, or whose result does not decode
 *     for the method ({@code errorMessage} says why; {@code result} still carries the raw result when there is
 *     one).</li>
 *     <li>{@code TRANSPORT_ERROR}: from {@link #encodeTransportFailure}: connection errors and timeouts.</li>
 * </ul>
 * Fixed fields that do not apply are zero ({@code NONE}, {@code FALSE}). Allocation-free; not thread safe.
 */
public final class UpstreamReplyEncoder
{
    /**
     * The destination cannot hold the event; size it with {@link #maxEncodedLength(int)}.
     */
    public static final int BUFFER_TOO_SMALL = JsonRpcError.INTERNAL_ERROR;

    /**
     * Most bytes of an unparsable body copied into {@code errorMessage} after the reason, for forensics.
     */
    public static final int MAX_BODY_EXCERPT_LENGTH = 256;

    /**
     * Most bytes of a transport failure message kept.
     */
    public static final int MAX_TRANSPORT_MESSAGE_LENGTH = 1024;

    private static final byte[] NOT_JSON = ascii("response body is not valid JSON");
    private static final byte[] EMPTY_BODY = ascii("empty response body");
    private static final byte[] NOT_RESPONSE = ascii("response is not a JSON-RPC response object");
    private static final byte[] BAD_ERROR = ascii("error member is not a JSON-RPC error object");
    private static final byte[] HTTP_STATUS = ascii("non-2xx HTTP status without a JSON-RPC error");
    private static final byte[] NO_RESULT = ascii("response has neither result nor error");
    private static final byte[] BAD_STATUS = ascii("result has no valid payload status");
    private static final byte[] BAD_PAYLOAD_ID = ascii("payloadId is not 8 bytes of 0x hex");
    private static final byte[] BAD_ENVELOPE = ascii("result is not an execution payload envelope");
    private static final byte[] BAD_PAYLOAD = ascii("executionPayload lacks a required field or has a malformed one");
    private static final byte[] BAD_BEACON_ROOT = ascii("parentBeaconBlockRoot is not 32 bytes of 0x hex");
    private static final byte[] BAD_REQUESTS = ascii("executionRequests is not an array");
    private static final byte[] NULL_BLOCK = ascii("block not found: result is null");
    private static final byte[] BAD_BLOCK = ascii("result is not a block with number, timestamp and hash");
    private static final byte[] SEPARATOR = ascii(": ");

    private static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int BLOCK_LENGTH = io.boostj.sbe.UpstreamReplyEncoder.BLOCK_LENGTH;
    private static final int VAR_HEADERS_LENGTH = 4 * 4;
    private static final int MAX_REASON_LENGTH = 128;
    private static final int DECODED_START = io.boostj.sbe.UpstreamReplyEncoder.errorCodeEncodingOffset();
    private static final int DECODED_END = io.boostj.sbe.UpstreamReplyEncoder.parentHashEncodingOffset() + 32;
    private static final int PAYLOAD_ID_OFFSET = io.boostj.sbe.UpstreamReplyEncoder.payloadIdEncodingOffset();
    private static final int BLOCK_HASH_OFFSET = io.boostj.sbe.UpstreamReplyEncoder.blockHashEncodingOffset();
    private static final int STATE_ROOT_OFFSET = io.boostj.sbe.UpstreamReplyEncoder.stateRootEncodingOffset();
    private static final int PARENT_HASH_OFFSET = io.boostj.sbe.UpstreamReplyEncoder.parentHashEncodingOffset();
    private static final int BEACON_ROOT_OFFSET =
        io.boostj.sbe.UpstreamReplyEncoder.parentBeaconBlockRootEncodingOffset();

    private static final int GAS_USED = 1;
    private static final int BLOCK_HASH = 2;
    private static final int STATE_ROOT = 4;
    private static final int TIMESTAMP = 8;
    private static final int PARENT_HASH = 16;
    private static final int BLOCK_NUMBER = 32;
    private static final int TRANSACTIONS = 64;
    private static final int ALL_PAYLOAD_FIELDS = 127;
    private static final int RESULT_FIELD = 0;
    private static final int PAYLOAD_FIELD = 1;
    private static final int REQUESTS_FIELD = 2;

    private final JsonScanner scanner = new JsonScanner();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final io.boostj.sbe.UpstreamReplyEncoder encoder = new io.boostj.sbe.UpstreamReplyEncoder();
    private final UnsafeBuffer message = new UnsafeBuffer(
        new byte[Math.max(MAX_REASON_LENGTH + 2 + MAX_BODY_EXCERPT_LENGTH, MAX_TRANSPORT_MESSAGE_LENGTH)]);
    private final UnsafeBuffer empty = new UnsafeBuffer(new byte[0]);

    private CallOutcome outcome;
    private byte[] reason;
    private int resultStart;
    private int resultEnd;
    private int payloadStart;
    private int payloadEnd;
    private int requestsStart;
    private int requestsEnd;

    /**
     * Upper bound of the encoded length of a reply with a body of {@code bodyLength} bytes (the var fields are spans of
     * the body, and {@code executionPayload}/{@code executionRequests} are inside {@code result}).
     *
     * @param bodyLength length of the HTTP response body.
     * @return bytes to reserve in the destination.
     */
    public static int maxEncodedLength(final int bodyLength)
    {
        return HEADER_LENGTH + BLOCK_LENGTH + VAR_HEADERS_LENGTH +
            Math.max(2 * bodyLength, MAX_REASON_LENGTH + 2 + MAX_BODY_EXCERPT_LENGTH + bodyLength);
    }

    /**
     * Upper bound of the encoded length of a transport failure.
     *
     * @return bytes to reserve in the destination.
     */
    public static int maxTransportFailureLength()
    {
        return HEADER_LENGTH + BLOCK_LENGTH + VAR_HEADERS_LENGTH + MAX_TRANSPORT_MESSAGE_LENGTH;
    }

    /**
     * Encodes the HTTP response of an upstream call.
     *
     * @param callId     id of the {@code UpstreamCall} this answers.
     * @param recvTimeNs when engine-io received the response.
     * @param target     which upstream answered.
     * @param method     the method that was called; selects how {@code result} is decoded.
     * @param httpStatus HTTP status code.
     * @param latencyNs  send-to-receive time measured by engine-io.
     * @param body       buffer holding the response body (may be null when {@code bodyLength} is 0).
     * @param bodyOffset absolute index of the body's first byte.
     * @param bodyLength body length, possibly 0.
     * @param dst        destination buffer.
     * @param dstOffset  where to write the message header.
     * @return encoded length (header included), or {@link #BUFFER_TOO_SMALL}.
     */
    public int encode(
        final long callId,
        final long recvTimeNs,
        final Target target,
        final EngineMethod method,
        final int httpStatus,
        final long latencyNs,
        final DirectBuffer body,
        final int bodyOffset,
        final int bodyLength,
        final MutableDirectBuffer dst,
        final int dstOffset)
    {
        outcome = null;
        if (dstOffset < 0 || (long)dstOffset + maxEncodedLength(bodyLength) > dst.capacity())
        {
            return BUFFER_TOO_SMALL;
        }
        final int base = begin(callId, recvTimeNs, target, method, httpStatus, latencyNs, dst, dstOffset);
        final boolean success = httpStatus >= 200 && httpStatus < 300;
        final CallOutcome failure = success ? CallOutcome.MALFORMED : CallOutcome.HTTP_ERROR;

        if (bodyLength <= 0)
        {
            return finishWithExcerpt(failure, EMPTY_BODY, null, 0, 0);
        }
        scanner.wrap(body, bodyOffset, bodyLength);
        if (scanner.validate() != JsonScanner.VALID)
        {
            return finishWithExcerpt(failure, NOT_JSON, body, bodyOffset, bodyLength);
        }
        final int root = scanner.valueStart(bodyOffset);
        if (scanner.kind(root) != JsonScanner.OBJECT)
        {
            return finishWithExcerpt(failure, NOT_RESPONSE, body, bodyOffset, bodyLength);
        }

        int error = -1;
        int result = -1;
        for (int name = scanner.firstMember(root); name >= 0; name = scanner.nextMember(name))
        {
            if (error < 0 && scanner.stringEquals(name, "error"))
            {
                error = scanner.memberValue(name);
            }
            else if (result < 0 && scanner.stringEquals(name, "result"))
            {
                result = scanner.memberValue(name);
            }
        }

        if (!scanner.isAbsentOrNull(error))
        {
            return encodeRpcError(error, failure, body, bodyOffset, bodyLength);
        }
        if (!success)
        {
            return finishWithExcerpt(CallOutcome.HTTP_ERROR, HTTP_STATUS, body, bodyOffset, bodyLength);
        }
        if (result < 0)
        {
            return finishWithExcerpt(CallOutcome.MALFORMED, NO_RESULT, body, bodyOffset, bodyLength);
        }

        resultStart = result;
        resultEnd = scanner.valueEnd(result);
        try
        {
            reason = decodeResult(method, result, base);
        }
        catch (final JsonException ex)
        {
            if (null == reason)
            {
                reason = BAD_PAYLOAD;
            }
        }
        if (null != reason)
        {
            encoder.buffer().setMemory(base + DECODED_START, DECODED_END - DECODED_START, (byte)0);
            payloadStart = payloadEnd = requestsStart = requestsEnd = 0;
            return finish(CallOutcome.MALFORMED, reason);
        }
        return finish(CallOutcome.RESULT, null);
    }

    /**
     * Encodes a call that ended without an HTTP response: connection refused or reset, timeout, TLS failure.
     *
     * @param callId     id of the {@code UpstreamCall} this answers.
     * @param recvTimeNs when engine-io observed the failure.
     * @param target     which upstream was called.
     * @param method     the method that was called.
     * @param latencyNs  send-to-failure time measured by engine-io.
     * @param message    description of the failure; characters above 0x7F are written as {@code ?}; truncated to
     *                   {@link #MAX_TRANSPORT_MESSAGE_LENGTH}.
     * @param dst        destination buffer.
     * @param dstOffset  where to write the message header.
     * @return encoded length (header included), or {@link #BUFFER_TOO_SMALL}.
     */
    public int encodeTransportFailure(
        final long callId,
        final long recvTimeNs,
        final Target target,
        final EngineMethod method,
        final long latencyNs,
        final CharSequence message,
        final MutableDirectBuffer dst,
        final int dstOffset)
    {
        outcome = null;
        if (dstOffset < 0 || (long)dstOffset + maxTransportFailureLength() > dst.capacity())
        {
            return BUFFER_TOO_SMALL;
        }
        begin(callId, recvTimeNs, target, method, 0, latencyNs, dst, dstOffset);
        final int length = null == message ? 0 : Math.min(message.length(), MAX_TRANSPORT_MESSAGE_LENGTH);
        for (int i = 0; i < length; i++)
        {
            final char c = message.charAt(i);
            this.message.putByte(i, c < 0x80 ? (byte)c : (byte)'?');
        }
        return finishWithMessage(CallOutcome.TRANSPORT_ERROR, length);
    }

    /**
     * Encodes a call that ended without an HTTP response, with the message as bytes (e.g. UTF-8).
     *
     * @param callId     id of the {@code UpstreamCall} this answers.
     * @param recvTimeNs when engine-io observed the failure.
     * @param target     which upstream was called.
     * @param method     the method that was called.
     * @param latencyNs  send-to-failure time measured by engine-io.
     * @param message    description of the failure, truncated to {@link #MAX_TRANSPORT_MESSAGE_LENGTH} bytes.
     * @param dst        destination buffer.
     * @param dstOffset  where to write the message header.
     * @return encoded length (header included), or {@link #BUFFER_TOO_SMALL}.
     */
    public int encodeTransportFailure(
        final long callId,
        final long recvTimeNs,
        final Target target,
        final EngineMethod method,
        final long latencyNs,
        final byte[] message,
        final MutableDirectBuffer dst,
        final int dstOffset)
    {
        outcome = null;
        if (dstOffset < 0 || (long)dstOffset + maxTransportFailureLength() > dst.capacity())
        {
            return BUFFER_TOO_SMALL;
        }
        begin(callId, recvTimeNs, target, method, 0, latencyNs, dst, dstOffset);
        final int length = null == message ? 0 : Math.min(message.length, MAX_TRANSPORT_MESSAGE_LENGTH);
        if (length > 0)
        {
            this.message.putBytes(0, message, 0, length);
        }
        return finishWithMessage(CallOutcome.TRANSPORT_ERROR, length);
    }

    /**
     * The outcome of the last encode.
     *
     * @return the outcome, or null before the first encode or after {@link #BUFFER_TOO_SMALL}.
     */
    public CallOutcome outcome()
    {
        return outcome;
    }

    private int begin(
        final long callId,
        final long recvTimeNs,
        final Target target,
        final EngineMethod method,
        final int httpStatus,
        final long latencyNs,
        final MutableDirectBuffer dst,
        final int dstOffset)
    {
        outcome = null;
        reason = null;
        resultStart = resultEnd = payloadStart = payloadEnd = requestsStart = requestsEnd = 0;
        encoder.wrapAndApplyHeader(dst, dstOffset, headerEncoder);
        final int base = encoder.offset();
        dst.setMemory(base, BLOCK_LENGTH, (byte)0);
        encoder
            .callId(callId)
            .recvTimeNs(recvTimeNs)
            .target(target)
            .method(method)
            .httpStatus(httpStatus)
            .latencyNs(latencyNs);
        return base;
    }

    private byte[] decodeResult(final EngineMethod method, final int result, final int base)
    {
        switch (method)
        {
            case FORKCHOICE_UPDATED_V3:
                return decodeForkchoiceUpdated(result, base);

            case NEW_PAYLOAD_V3:
            case NEW_PAYLOAD_V4:
                return decodePayloadStatus(scanner.member(result, "status"));

            case GET_PAYLOAD_V3:
            case GET_PAYLOAD_V4:
            case GET_PAYLOAD_V5:
                return decodeEnvelope(result, base);

            case ETH_GET_BLOCK_BY_NUMBER:
                return decodeBlock(result, base);

            default:
                return null;
        }
    }

    private byte[] decodeForkchoiceUpdated(final int result, final int base)
    {
        final int payloadStatus = scanner.member(result, "payloadStatus");
        final byte[] statusError = decodePayloadStatus(scanner.member(payloadStatus, "status"));
        if (null != statusError)
        {
            return statusError;
        }
        final int payloadId = scanner.member(result, "payloadId");
        if (!scanner.isAbsentOrNull(payloadId))
        {
            reason = BAD_PAYLOAD_ID;
            scanner.hexBytes(payloadId, encoder.buffer(), base + PAYLOAD_ID_OFFSET, 8);
            reason = null;
            encoder.hasPayloadId(BooleanType.TRUE);
        }
        return null;
    }

    private byte[] decodePayloadStatus(final int status)
    {
        if (status < 0 || scanner.kind(status) != JsonScanner.STRING)
        {
            return BAD_STATUS;
        }
        final PayloadStatus payloadStatus;
        if (scanner.stringEquals(status, "VALID"))
        {
            payloadStatus = PayloadStatus.VALID;
        }
        else if (scanner.stringEquals(status, "INVALID"))
        {
            payloadStatus = PayloadStatus.INVALID;
        }
        else if (scanner.stringEquals(status, "SYNCING"))
        {
            payloadStatus = PayloadStatus.SYNCING;
        }
        else if (scanner.stringEquals(status, "ACCEPTED"))
        {
            payloadStatus = PayloadStatus.ACCEPTED;
        }
        else if (scanner.stringEquals(status, "INVALID_BLOCK_HASH"))
        {
            payloadStatus = PayloadStatus.INVALID_BLOCK_HASH;
        }
        else
        {
            return BAD_STATUS;
        }
        encoder.payloadStatus(payloadStatus);
        return null;
    }

    private byte[] decodeEnvelope(final int result, final int base)
    {
        int payload = -1;
        int beaconRoot = -1;
        int requests = -1;
        for (int name = scanner.firstMember(result); name >= 0; )
        {
            final int value = scanner.memberValue(name);
            final int valueEnd = scanner.valueEnd(value);
            if (payload < 0 && scanner.stringEquals(name, "executionPayload"))
            {
                payload = value;
                payloadStart = value;
                payloadEnd = valueEnd;
            }
            else if (beaconRoot < 0 && scanner.stringEquals(name, "parentBeaconBlockRoot"))
            {
                beaconRoot = value;
            }
            else if (requests < 0 && scanner.stringEquals(name, "executionRequests"))
            {
                requests = value;
                requestsStart = value;
                requestsEnd = valueEnd;
            }
            name = scanner.nextMemberFrom(valueEnd);
        }

        if (payload < 0 || scanner.kind(payload) != JsonScanner.OBJECT)
        {
            return BAD_ENVELOPE;
        }
        final byte[] payloadError = decodePayload(payload, base);
        if (null != payloadError)
        {
            return payloadError;
        }
        if (!scanner.isAbsentOrNull(beaconRoot))
        {
            reason = BAD_BEACON_ROOT;
            scanner.hexBytes(
                beaconRoot, encoder.buffer(), base + BEACON_ROOT_OFFSET, 32);
            reason = null;
        }
        if (scanner.isAbsentOrNull(requests))
        {
            requestsStart = requestsEnd = 0;
        }
        else
        {
            if (scanner.kind(requests) != JsonScanner.ARRAY)
            {
                return BAD_REQUESTS;
            }
            encoder.hasExecutionRequests(BooleanType.TRUE);
        }
        return null;
    }

    private byte[] decodePayload(final int payload, final int base)
    {
        final MutableDirectBuffer dst = encoder.buffer();
        int found = 0;
        int name = scanner.firstMember(payload);
        for (; name >= 0 && found != ALL_PAYLOAD_FIELDS; name = scanner.nextMember(name))
        {
            final int value = scanner.memberValue(name);
            if ((found & GAS_USED) == 0 && scanner.stringEquals(name, "gasUsed"))
            {
                encoder.gasUsed(scanner.quantity(value));
                found |= GAS_USED;
            }
            else if ((found & BLOCK_HASH) == 0 && scanner.stringEquals(name, "blockHash"))
            {
                scanner.hexBytes(value, dst, base + BLOCK_HASH_OFFSET, 32);
                found |= BLOCK_HASH;
            }
            else if ((found & STATE_ROOT) == 0 && scanner.stringEquals(name, "stateRoot"))
            {
                scanner.hexBytes(value, dst, base + STATE_ROOT_OFFSET, 32);
                found |= STATE_ROOT;
            }
            else if ((found & TIMESTAMP) == 0 && scanner.stringEquals(name, "timestamp"))
            {
                encoder.timestamp(scanner.quantity(value));
                found |= TIMESTAMP;
            }
            else if ((found & PARENT_HASH) == 0 && scanner.stringEquals(name, "parentHash"))
            {
                scanner.hexBytes(value, dst, base + PARENT_HASH_OFFSET, 32);
                found |= PARENT_HASH;
            }
            else if ((found & BLOCK_NUMBER) == 0 && scanner.stringEquals(name, "blockNumber"))
            {
                encoder.blockNumber(scanner.quantity(value));
                found |= BLOCK_NUMBER;
            }
            else if ((found & TRANSACTIONS) == 0 && scanner.stringEquals(name, "transactions"))
            {
                final int count = scanner.elementCount(value);
                if (count < 0)
                {
                    return BAD_PAYLOAD;
                }
                encoder.txCount(count);
                found |= TRANSACTIONS;
            }
        }
        return found == ALL_PAYLOAD_FIELDS ? null : BAD_PAYLOAD;
    }

    private byte[] decodeBlock(final int result, final int base)
    {
        if (scanner.isNull(result))
        {
            return NULL_BLOCK;
        }
        if (scanner.kind(result) != JsonScanner.OBJECT)
        {
            return BAD_BLOCK;
        }
        reason = BAD_BLOCK;
        final MutableDirectBuffer dst = encoder.buffer();
        encoder.blockNumber(scanner.quantity(scanner.member(result, "number")));
        encoder.timestamp(scanner.quantity(scanner.member(result, "timestamp")));
        scanner.hexBytes(
            scanner.member(result, "hash"), dst, base + BLOCK_HASH_OFFSET, 32);

        final int parentHash = scanner.member(result, "parentHash");
        if (!scanner.isAbsentOrNull(parentHash))
        {
            scanner.hexBytes(parentHash, dst, base + PARENT_HASH_OFFSET, 32);
        }
        final int stateRoot = scanner.member(result, "stateRoot");
        if (!scanner.isAbsentOrNull(stateRoot))
        {
            scanner.hexBytes(stateRoot, dst, base + STATE_ROOT_OFFSET, 32);
        }
        final int gasUsed = scanner.member(result, "gasUsed");
        if (!scanner.isAbsentOrNull(gasUsed))
        {
            encoder.gasUsed(scanner.quantity(gasUsed));
        }
        final int transactions = scanner.elementCount(scanner.member(result, "transactions"));
        if (transactions > 0)
        {
            encoder.txCount(transactions);
        }
        reason = null;
        return null;
    }

    private int encodeRpcError(
        final int error, final CallOutcome failure, final DirectBuffer body, final int bodyOffset, final int bodyLength)
    {
        int code = -1;
        int message = -1;
        for (int name = scanner.firstMember(error); name >= 0; name = scanner.nextMember(name))
        {
            if (code < 0 && scanner.stringEquals(name, "code"))
            {
                code = scanner.memberValue(name);
            }
            else if (message < 0 && scanner.stringEquals(name, "message"))
            {
                message = scanner.memberValue(name);
            }
        }
        if (code < 0 || scanner.kind(code) != JsonScanner.NUMBER)
        {
            return finishWithExcerpt(failure, BAD_ERROR, body, bodyOffset, bodyLength);
        }
        final long errorCode;
        try
        {
            errorCode = scanner.longValue(code);
        }
        catch (final JsonException ex)
        {
            return finishWithExcerpt(failure, BAD_ERROR, body, bodyOffset, bodyLength);
        }
        if (errorCode < Integer.MIN_VALUE || errorCode > Integer.MAX_VALUE)
        {
            return finishWithExcerpt(failure, BAD_ERROR, body, bodyOffset, bodyLength);
        }

        encoder.errorCode((int)errorCode);
        resultStart = scanner.valueStart(error);
        resultEnd = scanner.valueEnd(error);
        outcome = CallOutcome.RPC_ERROR;
        encoder.outcome(CallOutcome.RPC_ERROR);
        if (message >= 0 && scanner.kind(message) == JsonScanner.STRING)
        {
            final int start = scanner.stringContentStart(message);
            encoder.putErrorMessage(scanner.buffer(), start, scanner.stringContentEnd(message) - start);
        }
        else
        {
            encoder.putErrorMessage(empty, 0, 0);
        }
        return putSpans();
    }

    private int finish(final CallOutcome outcome, final byte[] reason)
    {
        this.outcome = outcome;
        encoder.outcome(outcome);
        if (null == reason)
        {
            encoder.putErrorMessage(empty, 0, 0);
        }
        else
        {
            encoder.putErrorMessage(reason, 0, reason.length);
        }
        return putSpans();
    }

    private int finishWithExcerpt(
        final CallOutcome outcome,
        final byte[] reason,
        final DirectBuffer body,
        final int bodyOffset,
        final int bodyLength)
    {
        int length = reason.length;
        message.putBytes(0, reason);
        final int excerpt = Math.min(bodyLength, MAX_BODY_EXCERPT_LENGTH);
        if (excerpt > 0)
        {
            message.putBytes(length, SEPARATOR);
            length += SEPARATOR.length;
            message.putBytes(length, body, bodyOffset, excerpt);
            length += excerpt;
        }
        resultStart = resultEnd = payloadStart = payloadEnd = requestsStart = requestsEnd = 0;
        return finishWithMessage(outcome, length);
    }

    private int finishWithMessage(final CallOutcome outcome, final int messageLength)
    {
        this.outcome = outcome;
        encoder.outcome(outcome);
        encoder.putErrorMessage(message, 0, messageLength);
        encoder.putResult(empty, 0, 0);
        encoder.putExecutionPayload(empty, 0, 0);
        encoder.putExecutionRequests(empty, 0, 0);
        return HEADER_LENGTH + encoder.encodedLength();
    }

    private int putSpans()
    {
        putSpan(resultStart, resultEnd, RESULT_FIELD);
        putSpan(payloadStart, payloadEnd, PAYLOAD_FIELD);
        putSpan(requestsStart, requestsEnd, REQUESTS_FIELD);
        return HEADER_LENGTH + encoder.encodedLength();
    }

    private void putSpan(final int start, final int end, final int field)
    {
        final DirectBuffer src = end > start ? scanner.buffer() : empty;
        final int offset = end > start ? start : 0;
        final int length = end > start ? end - start : 0;
        switch (field)
        {
            case RESULT_FIELD:
                encoder.putResult(src, offset, length);
                break;

            case PAYLOAD_FIELD:
                encoder.putExecutionPayload(src, offset, length);
                break;

            default:
                encoder.putExecutionRequests(src, offset, length);
                break;
        }
    }

    private static byte[] ascii(final String s)
    {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
