package io.boostj.core.sidecar;

import io.boostj.core.CommandSink;
import io.boostj.core.json.JsonRpcBodyWriter;
import io.boostj.sbe.BlockDecisionEncoder;
import io.boostj.sbe.BooleanType;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.ExecutionModeCode;
import io.boostj.sbe.ExecutionModeUpdateEncoder;
import io.boostj.sbe.HealthCause;
import io.boostj.sbe.HealthCode;
import io.boostj.sbe.HealthUpdateEncoder;
import io.boostj.sbe.MessageHeaderEncoder;
import io.boostj.sbe.RpcReplyEncoder;
import io.boostj.sbe.Target;
import io.boostj.sbe.UpstreamCallEncoder;
import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteOrder;

/**
 * Encodes the engine's commands into one reusable buffer and hands each to the {@link CommandSink}.
 * <p>
 * Commands with a JSON body follow a claim/commit pattern: {@code begin...} encodes the fixed fields and returns a
 * {@link JsonRpcBodyWriter} positioned where the body's var-data goes, so the body is written once, in place;
 * {@code commit...} writes its length and emits the message. One command at a time.
 */
final class CommandProxy
{
    private static final int HTTP_OK = 200;

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 * 1024);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final UpstreamCallEncoder upstreamCall = new UpstreamCallEncoder();
    private final RpcReplyEncoder rpcReply = new RpcReplyEncoder();
    private final HealthUpdateEncoder healthUpdate = new HealthUpdateEncoder();
    private final BlockDecisionEncoder blockDecision = new BlockDecisionEncoder();
    private final ExecutionModeUpdateEncoder executionModeUpdate = new ExecutionModeUpdateEncoder();
    private final JsonRpcBodyWriter body = new JsonRpcBodyWriter();
    private final CommandSink sink;
    private int bodyLengthIndex;

    CommandProxy(final CommandSink sink)
    {
        this.sink = sink;
    }

    /**
     * Starts an {@code UpstreamCall}; the caller writes the whole JSON-RPC body and calls
     * {@link #commitUpstreamCall()}.
     */
    JsonRpcBodyWriter beginUpstreamCall(
        final long callId,
        final long causeRequestId,
        final Target target,
        final EngineMethod method,
        final int timeoutMs,
        final boolean fireAndForget)
    {
        upstreamCall.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .callId(callId)
            .causeRequestId(causeRequestId)
            .target(target)
            .method(method)
            .timeoutMs(timeoutMs)
            .fireAndForget(fireAndForget ? BooleanType.TRUE : BooleanType.FALSE);
        bodyLengthIndex = upstreamCall.limit();
        return body.wrap(buffer, bodyLengthIndex + UpstreamCallEncoder.bodyHeaderLength());
    }

    void commitUpstreamCall()
    {
        final int length = body.length();
        buffer.putInt(bodyLengthIndex, length, ByteOrder.LITTLE_ENDIAN);
        upstreamCall.limit(bodyLengthIndex + UpstreamCallEncoder.bodyHeaderLength() + length);
        sink.onCommand(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + upstreamCall.encodedLength());
    }

    /**
     * Starts an {@code RpcReply} (HTTP 200: JSON-RPC results and errors alike); the caller writes the whole body and
     * calls {@link #commitRpcReply()}.
     */
    JsonRpcBodyWriter beginRpcReply(final long requestId)
    {
        rpcReply.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .requestId(requestId)
            .httpStatus(HTTP_OK);
        bodyLengthIndex = rpcReply.limit();
        return body.wrap(buffer, bodyLengthIndex + RpcReplyEncoder.bodyHeaderLength());
    }

    void commitRpcReply()
    {
        final int length = body.length();
        buffer.putInt(bodyLengthIndex, length, ByteOrder.LITTLE_ENDIAN);
        rpcReply.limit(bodyLengthIndex + RpcReplyEncoder.bodyHeaderLength() + length);
        sink.onCommand(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + rpcReply.encodedLength());
    }

    void healthUpdate(final HealthCode health, final HealthCause cause)
    {
        healthUpdate.wrapAndApplyHeader(buffer, 0, headerEncoder).health(health).cause(cause);
        sink.onCommand(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + healthUpdate.encodedLength());
    }

    void executionModeUpdate(final ExecutionModeCode mode)
    {
        executionModeUpdate.wrapAndApplyHeader(buffer, 0, headerEncoder).mode(mode);
        sink.onCommand(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + executionModeUpdate.encodedLength());
    }

    /**
     * Starts a {@code BlockDecision}: the caller sets every field on the returned encoder and calls
     * {@link #commitBlockDecision()}.
     */
    BlockDecisionEncoder beginBlockDecision()
    {
        return blockDecision.wrapAndApplyHeader(buffer, 0, headerEncoder);
    }

    void commitBlockDecision()
    {
        sink.onCommand(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + blockDecision.encodedLength());
    }
}
