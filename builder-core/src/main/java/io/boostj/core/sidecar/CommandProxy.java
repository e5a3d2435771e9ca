package io.boostj.core.sidecar;

import io.boostj.core.CommandSink;
import io.boostj.core.json.JsonRpcBodyWriter;
import io.boostj.sbe.AssemblyOutcome;
import io.boostj.sbe.BlockDecisionEncoder;
import io.boostj.sbe.BlockHashCheckEncoder;
import io.boostj.sbe.EngineSnapshotEncoder;
import io.boostj.sbe.FlashblockAssemblyEncoder;
import io.boostj.sbe.FlashblockDecisionEncoder;
import io.boostj.sbe.FlashblockVerdict;
import io.boostj.sbe.HashCheckOutcome;
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
import org.agrona.DirectBuffer;
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
    private final FlashblockDecisionEncoder flashblockDecision = new FlashblockDecisionEncoder();
    private final FlashblockAssemblyEncoder flashblockAssembly = new FlashblockAssemblyEncoder();
    private final BlockHashCheckEncoder blockHashCheck = new BlockHashCheckEncoder();
    private final EngineSnapshotEncoder engineSnapshot = new EngineSnapshotEncoder();
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

    EngineSnapshotEncoder beginEngineSnapshot()
    {
        return engineSnapshot.wrapAndApplyHeader(buffer, 0, headerEncoder);
    }

    void commitEngineSnapshot()
    {
        sink.onCommand(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + engineSnapshot.encodedLength());
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

    /**
     * Emits a {@code FlashblockDecision}; {@code jsonLength} is 0 unless the flashblock is to be published.
     */
    void flashblockDecision(
        final long payloadId,
        final long index,
        final FlashblockVerdict verdict,
        final long roundPayloadId,
        final DirectBuffer json,
        final int jsonOffset,
        final int jsonLength)
    {
        flashblockDecision.wrapAndApplyHeader(buffer, 0, headerEncoder);
        final int offset = flashblockDecision.offset();
        buffer.putLong(offset + FlashblockDecisionEncoder.payloadIdEncodingOffset(), payloadId, ByteOrder.BIG_ENDIAN);
        flashblockDecision.index(index).verdict(verdict);
        buffer.putLong(
            offset + FlashblockDecisionEncoder.roundPayloadIdEncodingOffset(), roundPayloadId, ByteOrder.BIG_ENDIAN);
        flashblockDecision.putJson(json, jsonOffset, jsonLength);
        sink.onCommand(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + flashblockDecision.encodedLength());
    }

    /**
     * Emits a {@code FlashblockAssembly}.
     */
    void flashblockAssembly(
        final long requestId,
        final long builderPayloadId,
        final AssemblyOutcome outcome,
        final int flashblockCount,
        final int maxFlashblockCount,
        final int txCount,
        final long blockNumber,
        final DirectBuffer blockHash,
        final int blockHashOffset)
    {
        flashblockAssembly.wrapAndApplyHeader(buffer, 0, headerEncoder).requestId(requestId);
        buffer.putLong(
            flashblockAssembly.offset() + FlashblockAssemblyEncoder.builderPayloadIdEncodingOffset(),
            builderPayloadId,
            ByteOrder.BIG_ENDIAN);
        flashblockAssembly.outcome(outcome)
            .flashblockCount(flashblockCount)
            .maxFlashblockCount(maxFlashblockCount)
            .txCount(txCount)
            .blockNumber(blockNumber);
        if (null == blockHash)
        {
            buffer.setMemory(flashblockAssembly.offset() + FlashblockAssemblyEncoder.blockHashEncodingOffset(), 32, (byte)0);
        }
        else
        {
            flashblockAssembly.putBlockHash(blockHash, blockHashOffset, 32);
        }
        sink.onCommand(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + flashblockAssembly.encodedLength());
    }

    /**
     * Emits a {@code BlockHashCheck}.
     */
    void blockHashCheck(
        final long requestId,
        final HashCheckOutcome outcome,
        final long blockNumber,
        final DirectBuffer hashes,
        final int claimedOffset,
        final int computedOffset,
        final byte[] detail)
    {
        blockHashCheck.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .requestId(requestId)
            .outcome(outcome)
            .blockNumber(blockNumber)
            .putClaimedHash(hashes, claimedOffset, 32)
            .putComputedHash(hashes, computedOffset, 32)
            .putDetail(detail, 0, detail.length);
        sink.onCommand(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + blockHashCheck.encodedLength());
    }
}
