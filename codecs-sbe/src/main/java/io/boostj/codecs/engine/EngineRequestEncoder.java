package io.boostj.codecs.engine;

import io.boostj.codecs.json.JsonException;
import io.boostj.codecs.json.JsonScanner;
import io.boostj.sbe.BooleanType;
import io.boostj.sbe.EngineCallRequestEncoder;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.ForkchoiceUpdatedRequestEncoder;
import io.boostj.sbe.GetPayloadRequestEncoder;
import io.boostj.sbe.MessageHeaderEncoder;
import io.boostj.sbe.NewPayloadRequestEncoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes an inbound JSON-RPC Engine API request (the HTTP body from op-node) into the SBE event the engine consumes:
 * {@code ForkchoiceUpdatedRequest}, {@code GetPayloadRequest}, {@code NewPayloadRequest} or {@code EngineCallRequest},
 * each preceded by a message header.
 * <p>
 * The request's raw {@code id} and {@code params} bytes are copied into the {@code rpcId} and {@code rawParams} var
 * fields exactly as received, so they can be echoed and spliced into upstream calls byte for byte. Only the fields the
 * engine decides on are decoded; everything else is left for the upstream EL to judge.
 * <p>
 * Allocation-free on success and on failure. Not thread safe: one instance per thread.
 */
public final class EngineRequestEncoder
{
    /**
     * Invalid JSON (JSON-RPC -32700).
     */
    public static final int PARSE_ERROR = JsonRpcError.PARSE_ERROR;

    /**
     * Not a request object, {@code jsonrpc} not {@code "2.0"}, no string method, bad id or params type (-32600).
     */
    public static final int INVALID_REQUEST = JsonRpcError.INVALID_REQUEST;

    /**
     * Params of the wrong shape for the method: missing, wrong types, wrong hash lengths (-32602).
     */
    public static final int INVALID_PARAMS = JsonRpcError.INVALID_PARAMS;

    /**
     * The destination buffer cannot hold the encoded event (-32603, internal error); size it with
     * {@link #maxEncodedLength(int)}.
     */
    public static final int BUFFER_TOO_SMALL = JsonRpcError.INTERNAL_ERROR;

    /**
     * Not an error: the request is a well-formed call of a method the engine does not handle
     * ({@link MethodRouting#MIRRORED} or {@link MethodRouting#PASSTHROUGH}); nothing was encoded and
     * {@link #routing()} says how to forward it.
     */
    public static final int NOT_ENGINE_METHOD = -1;

    private static final String MSG_PARSE = "Parse error: invalid JSON";
    private static final String MSG_NOT_ENGINE = "not an engine method: forward it";
    private static final String MSG_TOO_SMALL = "encoded event does not fit the destination buffer";
    private static final String MSG_PARAMS_ARRAY = "params must be an array";
    private static final String MSG_FORKCHOICE_STATE = "params[0] must be a forkchoice state object";
    private static final String MSG_HEAD = "headBlockHash must be 32 bytes of 0x hex";
    private static final String MSG_SAFE = "safeBlockHash must be 32 bytes of 0x hex";
    private static final String MSG_FINALIZED = "finalizedBlockHash must be 32 bytes of 0x hex";
    private static final String MSG_ATTRIBUTES = "params[1] must be a payload attributes object or null";
    private static final String MSG_NO_TX_POOL = "noTxPool must be a boolean or null";
    private static final String MSG_TIMESTAMP = "payload attributes timestamp must be a QUANTITY";
    private static final String MSG_PAYLOAD_ID = "params[0] must be an 8-byte 0x hex payload id";
    private static final String MSG_PAYLOAD = "params[0] must be an execution payload object";
    private static final String MSG_BLOCK_HASH = "executionPayload.blockHash must be 32 bytes of 0x hex";
    private static final String MSG_PARENT_HASH = "executionPayload.parentHash must be 32 bytes of 0x hex";
    private static final String MSG_BLOCK_NUMBER = "executionPayload.blockNumber must be a QUANTITY";
    private static final String MSG_VERSIONED_HASHES = "params[1] must be an array of blob versioned hashes";
    private static final String MSG_BEACON_ROOT = "params[2] must be a 32-byte parentBeaconBlockRoot";
    private static final String MSG_EXECUTION_REQUESTS = "params[3] must be an array of execution requests";
    private static final String MSG_MALFORMED = "malformed params";

    private static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int VAR_HEADER_LENGTH = 4;
    private static final int MAX_BLOCK_LENGTH = Math.max(
        Math.max(ForkchoiceUpdatedRequestEncoder.BLOCK_LENGTH, GetPayloadRequestEncoder.BLOCK_LENGTH),
        Math.max(NewPayloadRequestEncoder.BLOCK_LENGTH, EngineCallRequestEncoder.BLOCK_LENGTH));

    private final JsonScanner ownScanner = new JsonScanner();
    private JsonScanner scanner = ownScanner;
    private final JsonRpcRequestView request = new JsonRpcRequestView();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final ForkchoiceUpdatedRequestEncoder forkchoiceEncoder = new ForkchoiceUpdatedRequestEncoder();
    private final GetPayloadRequestEncoder getPayloadEncoder = new GetPayloadRequestEncoder();
    private final NewPayloadRequestEncoder newPayloadEncoder = new NewPayloadRequestEncoder();
    private final EngineCallRequestEncoder engineCallEncoder = new EngineCallRequestEncoder();
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[32]);
    private MethodRouting routing;
    private String errorMessage;
    private String fieldError;

    /**
     * An upper bound of the encoded length of any request of {@code jsonLength} bytes: size the destination with it.
     *
     * @param jsonLength length of the JSON-RPC request body.
     * @return header + largest block + three var-data headers + {@code jsonLength} (the var fields are disjoint spans
     * of the request).
     */
    public static int maxEncodedLength(final int jsonLength)
    {
        return HEADER_LENGTH + MAX_BLOCK_LENGTH + 3 * VAR_HEADER_LENGTH + jsonLength;
    }

    /**
     * Encodes one JSON-RPC request.
     *
     * @param src        buffer holding the request body.
     * @param srcOffset  absolute index of the body's first byte.
     * @param srcLength  length of the body.
     * @param requestId  the engine-io id of this request, echoed in the engine's reply command.
     * @param recvTimeNs when engine-io received the request.
     * @param dst        destination buffer.
     * @param dstOffset  where to write the message header.
     * @return the encoded length (header included), or a negative code: {@link #PARSE_ERROR}, {@link #INVALID_REQUEST},
     * {@link #INVALID_PARAMS}, {@link #BUFFER_TOO_SMALL} or {@link #NOT_ENGINE_METHOD}; {@link #errorMessage()} says
     * why.
     */
    public int encode(
        final DirectBuffer src,
        final int srcOffset,
        final int srcLength,
        final long requestId,
        final long recvTimeNs,
        final MutableDirectBuffer dst,
        final int dstOffset)
    {
        routing = null;
        errorMessage = null;
        fieldError = MSG_MALFORMED;

        scanner = ownScanner;
        scanner.wrap(src, srcOffset, srcLength);
        if (scanner.validate() != JsonScanner.VALID)
        {
            return fail(PARSE_ERROR, MSG_PARSE);
        }
        return encodeRequest(srcOffset, requestId, recvTimeNs, dst, dstOffset);
    }

    /**
     * Encodes one JSON-RPC request that the caller has already validated with {@code validated}, so large payloads
     * are not scanned twice.
     *
     * @param validated  a scanner wrapping the body, on which {@link JsonScanner#validate()} returned VALID.
     * @param requestPos absolute index at or before the request object (e.g. an element of a batch).
     * @param requestId  the engine-io id of this request.
     * @param recvTimeNs when engine-io received the request.
     * @param dst        destination buffer.
     * @param dstOffset  where to write the message header.
     * @return as {@link #encode}, never {@link #PARSE_ERROR}.
     */
    public int encodeValidated(
        final JsonScanner validated,
        final int requestPos,
        final long requestId,
        final long recvTimeNs,
        final MutableDirectBuffer dst,
        final int dstOffset)
    {
        routing = null;
        errorMessage = null;
        fieldError = MSG_MALFORMED;
        scanner = validated;
        return encodeRequest(requestPos, requestId, recvTimeNs, dst, dstOffset);
    }

    private int encodeRequest(
        final int requestPos, final long requestId, final long recvTimeNs, final MutableDirectBuffer dst,
        final int dstOffset)
    {
        if (request.wrap(scanner, requestPos) != JsonRpcRequestView.OK)
        {
            return fail(INVALID_REQUEST, request.errorMessage());
        }
        routing = request.routing();

        try
        {
            switch (routing)
            {
                case ENGINE_FORKCHOICE_UPDATED_V3:
                    return encodeForkchoiceUpdated(requestId, recvTimeNs, dst, dstOffset);

                case ENGINE_GET_PAYLOAD_V3:
                case ENGINE_GET_PAYLOAD_V4:
                case ENGINE_GET_PAYLOAD_V5:
                    return encodeGetPayload(requestId, recvTimeNs, dst, dstOffset);

                case ENGINE_NEW_PAYLOAD_V3:
                case ENGINE_NEW_PAYLOAD_V4:
                    return encodeNewPayload(requestId, recvTimeNs, dst, dstOffset);

                case ENGINE_EXCHANGE_CAPABILITIES:
                case ENGINE_UNSUPPORTED:
                    return encodeEngineCall(requestId, recvTimeNs, dst, dstOffset);

                default:
                    return fail(NOT_ENGINE_METHOD, MSG_NOT_ENGINE);
            }
        }
        catch (final JsonException ex)
        {
            return fail(INVALID_PARAMS, fieldError);
        }
    }

    /**
     * Why the last {@link #encode} returned a negative code.
     *
     * @return a constant message, or null after a success.
     */
    public String errorMessage()
    {
        return errorMessage;
    }

    /**
     * The route of the last request, available whenever its envelope was valid (including {@link #NOT_ENGINE_METHOD}
     * and {@link #INVALID_PARAMS} results).
     *
     * @return the route, or null after {@link #PARSE_ERROR} or {@link #INVALID_REQUEST}.
     */
    public MethodRouting routing()
    {
        return routing;
    }

    /**
     * The envelope of the last request: its id span (to echo in an error reply), method and params spans. Valid until
     * the next {@link #encode} and while the source buffer is unchanged; meaningless after {@link #PARSE_ERROR}.
     *
     * @return the view.
     */
    public JsonRpcRequestView request()
    {
        return request;
    }

    private int encodeForkchoiceUpdated(
        final long requestId, final long recvTimeNs, final MutableDirectBuffer dst, final int dstOffset)
    {
        final int params = paramsArray();
        if (params < 0)
        {
            return fail(INVALID_PARAMS, MSG_PARAMS_ARRAY);
        }
        final int state = scanner.element(params, 0);
        if (state < 0 || scanner.kind(state) != JsonScanner.OBJECT)
        {
            return fail(INVALID_PARAMS, MSG_FORKCHOICE_STATE);
        }
        final int attributes = scanner.nextElement(state);
        if (!scanner.isAbsentOrNull(attributes) && scanner.kind(attributes) != JsonScanner.OBJECT)
        {
            return fail(INVALID_PARAMS, MSG_ATTRIBUTES);
        }
        if (!fits(dst, dstOffset, ForkchoiceUpdatedRequestEncoder.BLOCK_LENGTH, 2, 0))
        {
            return fail(BUFFER_TOO_SMALL, MSG_TOO_SMALL);
        }

        final ForkchoiceUpdatedRequestEncoder encoder = forkchoiceEncoder
            .wrapAndApplyHeader(dst, dstOffset, headerEncoder)
            .requestId(requestId)
            .recvTimeNs(recvTimeNs);
        final int base = encoder.offset();

        fieldError = MSG_HEAD;
        scanner.hexBytes(
            scanner.member(state, "headBlockHash"),
            dst,
            base + ForkchoiceUpdatedRequestEncoder.headBlockHashEncodingOffset(),
            32);
        fieldError = MSG_SAFE;
        scanner.hexBytes(
            scanner.member(state, "safeBlockHash"),
            dst,
            base + ForkchoiceUpdatedRequestEncoder.safeBlockHashEncodingOffset(),
            32);
        fieldError = MSG_FINALIZED;
        scanner.hexBytes(
            scanner.member(state, "finalizedBlockHash"),
            dst,
            base + ForkchoiceUpdatedRequestEncoder.finalizedBlockHashEncodingOffset(),
            32);

        if (scanner.isAbsentOrNull(attributes))
        {
            encoder.hasAttributes(BooleanType.FALSE).noTxPool(BooleanType.FALSE).timestamp(0);
        }
        else
        {
            fieldError = MSG_NO_TX_POOL;
            final int noTxPool = scanner.member(attributes, "noTxPool");
            final boolean isNoTxPool = !scanner.isAbsentOrNull(noTxPool) && scanner.booleanValue(noTxPool);
            fieldError = MSG_TIMESTAMP;
            final long timestamp = scanner.quantity(scanner.member(attributes, "timestamp"));
            encoder
                .hasAttributes(BooleanType.TRUE)
                .noTxPool(isNoTxPool ? BooleanType.TRUE : BooleanType.FALSE)
                .timestamp(timestamp);
        }

        encoder.putRpcId(scanner.buffer(), idOffset(), request.idLength());
        encoder.putRawParams(scanner.buffer(), request.paramsStart(), request.paramsLength());
        return HEADER_LENGTH + encoder.encodedLength();
    }

    private int encodeGetPayload(
        final long requestId, final long recvTimeNs, final MutableDirectBuffer dst, final int dstOffset)
    {
        final int params = paramsArray();
        if (params < 0)
        {
            return fail(INVALID_PARAMS, MSG_PARAMS_ARRAY);
        }
        if (!fits(dst, dstOffset, GetPayloadRequestEncoder.BLOCK_LENGTH, 2, 0))
        {
            return fail(BUFFER_TOO_SMALL, MSG_TOO_SMALL);
        }

        final GetPayloadRequestEncoder encoder = getPayloadEncoder
            .wrapAndApplyHeader(dst, dstOffset, headerEncoder)
            .requestId(requestId)
            .recvTimeNs(recvTimeNs)
            .method(routing.engineMethod());

        fieldError = MSG_PAYLOAD_ID;
        scanner.hexBytes(
            scanner.element(params, 0), dst, encoder.offset() + GetPayloadRequestEncoder.payloadIdEncodingOffset(), 8);

        encoder.putRpcId(scanner.buffer(), idOffset(), request.idLength());
        encoder.putRawParams(scanner.buffer(), request.paramsStart(), request.paramsLength());
        return HEADER_LENGTH + encoder.encodedLength();
    }

    private int encodeNewPayload(
        final long requestId, final long recvTimeNs, final MutableDirectBuffer dst, final int dstOffset)
    {
        final int params = paramsArray();
        if (params < 0)
        {
            return fail(INVALID_PARAMS, MSG_PARAMS_ARRAY);
        }
        final int payload = scanner.element(params, 0);
        if (payload < 0 || scanner.kind(payload) != JsonScanner.OBJECT)
        {
            return fail(INVALID_PARAMS, MSG_PAYLOAD);
        }
        final int versionedHashes = scanner.nextElement(payload);
        if (versionedHashes < 0 || scanner.kind(versionedHashes) != JsonScanner.ARRAY)
        {
            return fail(INVALID_PARAMS, MSG_VERSIONED_HASHES);
        }
        final int beaconRoot = scanner.nextElement(versionedHashes);
        fieldError = MSG_BEACON_ROOT;
        scanner.hexBytes(beaconRoot, scratch, 0, 32);
        if (routing == MethodRouting.ENGINE_NEW_PAYLOAD_V4)
        {
            final int executionRequests = scanner.nextElement(beaconRoot);
            if (executionRequests < 0 || scanner.kind(executionRequests) != JsonScanner.ARRAY)
            {
                return fail(INVALID_PARAMS, MSG_EXECUTION_REQUESTS);
            }
        }
        if (!fits(dst, dstOffset, NewPayloadRequestEncoder.BLOCK_LENGTH, 2, 0))
        {
            return fail(BUFFER_TOO_SMALL, MSG_TOO_SMALL);
        }

        final NewPayloadRequestEncoder encoder = newPayloadEncoder
            .wrapAndApplyHeader(dst, dstOffset, headerEncoder)
            .requestId(requestId)
            .recvTimeNs(recvTimeNs)
            .method(routing.engineMethod());
        final int base = encoder.offset();

        fieldError = MSG_PARENT_HASH;
        scanner.hexBytes(
            scanner.member(payload, "parentHash"), dst, base + NewPayloadRequestEncoder.parentHashEncodingOffset(), 32);
        fieldError = MSG_BLOCK_NUMBER;
        encoder.blockNumber(scanner.quantity(scanner.member(payload, "blockNumber")));
        fieldError = MSG_BLOCK_HASH;
        scanner.hexBytes(
            scanner.member(payload, "blockHash"), dst, base + NewPayloadRequestEncoder.blockHashEncodingOffset(), 32);

        encoder.putRpcId(scanner.buffer(), idOffset(), request.idLength());
        encoder.putRawParams(scanner.buffer(), request.paramsStart(), request.paramsLength());
        return HEADER_LENGTH + encoder.encodedLength();
    }

    private int encodeEngineCall(
        final long requestId, final long recvTimeNs, final MutableDirectBuffer dst, final int dstOffset)
    {
        final int methodLength = request.methodEnd() - request.methodStart();
        if (!fits(dst, dstOffset, EngineCallRequestEncoder.BLOCK_LENGTH, 3, methodLength))
        {
            return fail(BUFFER_TOO_SMALL, MSG_TOO_SMALL);
        }
        final EngineMethod method = routing.engineMethod();
        final EngineCallRequestEncoder encoder = engineCallEncoder
            .wrapAndApplyHeader(dst, dstOffset, headerEncoder)
            .requestId(requestId)
            .recvTimeNs(recvTimeNs)
            .method(method);
        encoder.putRpcId(scanner.buffer(), idOffset(), request.idLength());
        encoder.putMethodName(scanner.buffer(), request.methodStart(), methodLength);
        encoder.putRawParams(scanner.buffer(), paramsOffset(), request.paramsLength());
        return HEADER_LENGTH + encoder.encodedLength();
    }

    private int paramsArray()
    {
        final int params = request.paramsStart();
        return params >= 0 && scanner.kind(params) == JsonScanner.ARRAY ? params : -1;
    }

    private boolean fits(
        final MutableDirectBuffer dst, final int dstOffset, final int blockLength, final int varFields, final int extra)
    {
        final long required = (long)HEADER_LENGTH + blockLength + (long)varFields * VAR_HEADER_LENGTH +
            request.idLength() + request.paramsLength() + extra;
        return dstOffset >= 0 && dstOffset + required <= dst.capacity();
    }

    private int idOffset()
    {
        return request.hasId() ? request.idStart() : scanner.offset();
    }

    private int paramsOffset()
    {
        return request.hasParams() ? request.paramsStart() : scanner.offset();
    }

    private int fail(final int code, final String message)
    {
        errorMessage = message;
        return code;
    }
}
