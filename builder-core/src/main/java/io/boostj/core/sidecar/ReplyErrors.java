package io.boostj.core.sidecar;

import io.boostj.core.json.JsonBytes;
import io.boostj.core.json.JsonRpcBodyWriter;
import io.boostj.sbe.CallOutcome;
import org.agrona.DirectBuffer;

import static io.boostj.core.json.JsonRpcBodyWriter.ascii;

/**
 * The JSON-RPC errors the sidecar answers with, as upstream rollup-boost produces them (reference §1.12): JSON-RPC
 * call errors from an upstream pass through unchanged; every other failure (transport, timeout, HTTP, malformed
 * reply, INVALID payload status) becomes code 13 with a message.
 */
final class ReplyErrors
{
    /** Upstream's {@code INTERNAL_ERROR}, used for every client failure that is not a JSON-RPC call error. */
    static final int INTERNAL_ERROR = 13;
    /** JSON-RPC invalid request. */
    static final int INVALID_REQUEST = -32600;
    /** JSON-RPC method not found. */
    static final int METHOD_NOT_FOUND = -32601;
    /** JSON-RPC invalid params. */
    static final int INVALID_PARAMS = -32602;

    static final byte[] METHOD_NOT_FOUND_MESSAGE = ascii("Method not found");
    static final byte[] INVALID_PARAMS_MESSAGE = ascii("Invalid params");
    static final byte[] PAYLOAD_V4_NOT_SUPPORTED = ascii("Payload version 4 not supported");
    static final byte[] PAYLOAD_V3_NOT_SUPPORTED = ascii("Payload version 3 not supported");

    private static final byte[] REQUEST_TIMEOUT = ascii("Request timeout");
    private static final byte[] INVALID_PAYLOAD = ascii("Invalid payload: INVALID");
    private static final byte[] VALIDATION_ERROR_KEY = ascii("\"validationError\"");
    private static final byte[] COLON_SPACE = ascii(": ");
    private static final byte[] TRANSPORT_ERROR = ascii("Networking or low-level protocol error");
    private static final byte[] HTTP_ERROR = ascii("Networking or low-level protocol error: HTTP status ");
    private static final byte[] MALFORMED = ascii("Parse error");

    private ReplyErrors()
    {
    }

    /**
     * Writes the error object op-node receives when an upstream call failed. Call only when
     * {@link UpstreamReplyView#isOk()} is false. For RPC_ERROR the raw error object (code, message and data) is
     * spliced as it is; other failures carry an unescaped {@code errorMessage} (reason and body excerpt) that is
     * escaped here.
     *
     * @param w     positioned where the error object goes (after {@code "error":}).
     * @param reply the failed call.
     */
    static void writeUpstreamError(final JsonRpcBodyWriter w, final UpstreamReplyView reply)
    {
        if (reply.timedOut())
        {
            w.errorObject(INTERNAL_ERROR, REQUEST_TIMEOUT);
            return;
        }

        if (reply.isInvalidStatus())
        {
            writeInvalidPayload(w, reply);
            return;
        }

        final DirectBuffer buffer = reply.buffer();
        final short outcome = reply.outcomeRaw();
        if (CallOutcome.RPC_ERROR.value() == outcome)
        {
            final int start = JsonBytes.skipWhitespace(
                buffer, reply.resultOffset(), reply.resultOffset() + reply.resultLength());
            if (reply.resultLength() > 0 && start < reply.resultOffset() + reply.resultLength() &&
                '{' == buffer.getByte(start))
            {
                w.raw(buffer, reply.resultOffset(), reply.resultLength());
            }
            else
            {
                // engine-io puts the raw, still escaped, content of error.message in errorMessage for RPC_ERROR
                w.beginErrorObject(reply.decoder().errorCode())
                    .raw(buffer, reply.errorMessageOffset(), reply.errorMessageLength())
                    .endErrorObject();
            }
            return;
        }

        w.beginErrorObject(INTERNAL_ERROR);
        if (reply.errorMessageLength() > 0)
        {
            w.escaped(buffer, reply.errorMessageOffset(), reply.errorMessageLength());
        }
        else if (CallOutcome.HTTP_ERROR.value() == outcome)
        {
            w.raw(HTTP_ERROR).number(reply.decoder().httpStatus());
        }
        else if (CallOutcome.MALFORMED.value() == outcome)
        {
            w.raw(MALFORMED);
        }
        else
        {
            w.raw(TRANSPORT_ERROR);
        }
        w.endErrorObject();
    }

    /**
     * {@code {"code":13,"message":"Invalid payload: INVALID: <validationError>"}}, as upstream's client turns an
     * INVALID payload status into an error. The validation error is spliced still escaped from the raw result.
     */
    private static void writeInvalidPayload(final JsonRpcBodyWriter w, final UpstreamReplyView reply)
    {
        w.beginErrorObject(INTERNAL_ERROR).raw(INVALID_PAYLOAD);
        final long found = JsonBytes.findStringMember(
            reply.buffer(), reply.resultOffset(), reply.resultLength(), VALIDATION_ERROR_KEY);
        if (JsonBytes.NOT_FOUND != found)
        {
            w.raw(COLON_SPACE).raw(reply.buffer(), JsonBytes.foundOffset(found), JsonBytes.foundLength(found));
        }
        w.endErrorObject();
    }
}
