package io.boostj.core.sidecar;

import io.boostj.core.CommandSink;
import io.boostj.sbe.AssemblyOutcome;
import io.boostj.sbe.BlockDecisionDecoder;
import io.boostj.sbe.BlockHashCheckDecoder;
import io.boostj.sbe.FlashblockAssemblyDecoder;
import io.boostj.sbe.FlashblockDecisionDecoder;
import io.boostj.sbe.FlashblockVerdict;
import io.boostj.sbe.HashCheckOutcome;
import io.boostj.sbe.DecisionReason;
import io.boostj.sbe.EngineSnapshotDecoder;
import io.boostj.sbe.SnapshotStatus;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.ExecutionModeCode;
import io.boostj.sbe.ExecutionModeUpdateDecoder;
import io.boostj.sbe.HealthCause;
import io.boostj.sbe.HealthCode;
import io.boostj.sbe.HealthUpdateDecoder;
import io.boostj.sbe.MessageHeaderDecoder;
import io.boostj.sbe.PayloadSource;
import io.boostj.sbe.RpcReplyDecoder;
import io.boostj.sbe.Target;
import io.boostj.sbe.UpstreamCallDecoder;
import org.agrona.DirectBuffer;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes and records every command, and keeps the raw bytes of the whole command stream.
 */
final class RecordingSink implements CommandSink
{
    interface Command
    {
    }

    record UpstreamCall(
        long callId, long causeRequestId, Target target, EngineMethod method, int timeoutMs, boolean fireAndForget,
        String body) implements Command
    {
    }

    record RpcReply(long requestId, int httpStatus, String body) implements Command
    {
    }

    record HealthUpdate(HealthCode health, HealthCause cause) implements Command
    {
    }

    record BlockDecision(
        long requestId, long payloadId, long builderPayloadId, PayloadSource source, DecisionReason reason,
        long blockNumber, byte[] blockHash, long l2GasUsed, long builderGasUsed, long l2TxCount, long builderTxCount,
        long elapsedNs) implements Command
    {
    }

    record ExecutionModeUpdate(ExecutionModeCode mode) implements Command
    {
    }

    record FlashblockDecision(long payloadId, long index, FlashblockVerdict verdict, long roundPayloadId, String json)
        implements Command
    {
    }

    record FlashblockAssembly(
        long requestId, long builderPayloadId, AssemblyOutcome outcome, long flashblockCount, long maxFlashblockCount,
        long txCount, long blockNumber, byte[] blockHash) implements Command
    {
    }

    record BlockHashCheck(
        long requestId, HashCheckOutcome outcome, long blockNumber, byte[] claimedHash, byte[] computedHash,
        String detail) implements Command
    {
    }

    /** An {@code EngineSnapshot}, with the whole message (header included) for restoring from it. */
    record EngineSnapshot(long snapshotId, SnapshotStatus status, long eventsApplied, byte[] message)
        implements Command
    {
    }

    private final EngineSnapshotDecoder engineSnapshot = new EngineSnapshotDecoder();
    private final List<byte[]> commandBytes = new ArrayList<>();
    private final FlashblockDecisionDecoder flashblockDecision = new FlashblockDecisionDecoder();
    private final FlashblockAssemblyDecoder flashblockAssembly = new FlashblockAssemblyDecoder();
    private final BlockHashCheckDecoder blockHashCheck = new BlockHashCheckDecoder();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final UpstreamCallDecoder upstreamCall = new UpstreamCallDecoder();
    private final RpcReplyDecoder rpcReply = new RpcReplyDecoder();
    private final HealthUpdateDecoder healthUpdate = new HealthUpdateDecoder();
    private final BlockDecisionDecoder blockDecision = new BlockDecisionDecoder();
    private final ExecutionModeUpdateDecoder executionModeUpdate = new ExecutionModeUpdateDecoder();
    private final List<Command> commands = new ArrayList<>();
    private final ByteArrayOutputStream stream = new ByteArrayOutputStream();

    public void onCommand(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        stream.writeBytes(bytes);
        commandBytes.add(bytes);

        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case UpstreamCallDecoder.TEMPLATE_ID:
            {
                upstreamCall.wrap(buffer, body, blockLength, version);
                final long callId = upstreamCall.callId();
                final long cause = upstreamCall.causeRequestId();
                final Target target = upstreamCall.target();
                final EngineMethod method = upstreamCall.method();
                final int timeoutMs = upstreamCall.timeoutMs();
                final boolean ff = 1 == upstreamCall.fireAndForgetRaw();
                final byte[] json = new byte[upstreamCall.bodyLength()];
                upstreamCall.getBody(json, 0, json.length);
                commands.add(new UpstreamCall(callId, cause, target, method, timeoutMs, ff, utf8(json)));
                break;
            }

            case RpcReplyDecoder.TEMPLATE_ID:
            {
                rpcReply.wrap(buffer, body, blockLength, version);
                final long requestId = rpcReply.requestId();
                final int status = rpcReply.httpStatus();
                final byte[] json = new byte[rpcReply.bodyLength()];
                rpcReply.getBody(json, 0, json.length);
                commands.add(new RpcReply(requestId, status, utf8(json)));
                break;
            }

            case HealthUpdateDecoder.TEMPLATE_ID:
                healthUpdate.wrap(buffer, body, blockLength, version);
                commands.add(new HealthUpdate(healthUpdate.health(), healthUpdate.cause()));
                break;

            case BlockDecisionDecoder.TEMPLATE_ID:
            {
                blockDecision.wrap(buffer, body, blockLength, version);
                final byte[] hash = new byte[32];
                blockDecision.getBlockHash(hash, 0, 32);
                commands.add(new BlockDecision(
                    blockDecision.requestId(),
                    buffer.getLong(body + BlockDecisionDecoder.payloadIdEncodingOffset(), ByteOrder.BIG_ENDIAN),
                    buffer.getLong(body + BlockDecisionDecoder.builderPayloadIdEncodingOffset(), ByteOrder.BIG_ENDIAN),
                    blockDecision.source(),
                    blockDecision.reason(),
                    blockDecision.blockNumber(),
                    hash,
                    blockDecision.l2GasUsed(),
                    blockDecision.builderGasUsed(),
                    blockDecision.l2TxCount(),
                    blockDecision.builderTxCount(),
                    blockDecision.elapsedNs()));
                break;
            }

            case ExecutionModeUpdateDecoder.TEMPLATE_ID:
                executionModeUpdate.wrap(buffer, body, blockLength, version);
                commands.add(new ExecutionModeUpdate(executionModeUpdate.mode()));
                break;

            case FlashblockDecisionDecoder.TEMPLATE_ID:
            {
                flashblockDecision.wrap(buffer, body, blockLength, version);
                final long payloadId = buffer.getLong(
                    body + FlashblockDecisionDecoder.payloadIdEncodingOffset(), ByteOrder.BIG_ENDIAN);
                final long roundId = buffer.getLong(
                    body + FlashblockDecisionDecoder.roundPayloadIdEncodingOffset(), ByteOrder.BIG_ENDIAN);
                final long index = flashblockDecision.index();
                final FlashblockVerdict verdict = flashblockDecision.verdict();
                final byte[] json = new byte[flashblockDecision.jsonLength()];
                flashblockDecision.getJson(json, 0, json.length);
                commands.add(new FlashblockDecision(payloadId, index, verdict, roundId, utf8(json)));
                break;
            }

            case FlashblockAssemblyDecoder.TEMPLATE_ID:
            {
                flashblockAssembly.wrap(buffer, body, blockLength, version);
                final byte[] hash = new byte[32];
                flashblockAssembly.getBlockHash(hash, 0, 32);
                commands.add(new FlashblockAssembly(
                    flashblockAssembly.requestId(),
                    buffer.getLong(body + FlashblockAssemblyDecoder.builderPayloadIdEncodingOffset(), ByteOrder.BIG_ENDIAN),
                    flashblockAssembly.outcome(),
                    flashblockAssembly.flashblockCount(),
                    flashblockAssembly.maxFlashblockCount(),
                    flashblockAssembly.txCount(),
                    flashblockAssembly.blockNumber(),
                    hash));
                break;
            }

            case BlockHashCheckDecoder.TEMPLATE_ID:
            {
                blockHashCheck.wrap(buffer, body, blockLength, version);
                final byte[] claimed = new byte[32];
                final byte[] computed = new byte[32];
                blockHashCheck.getClaimedHash(claimed, 0, 32);
                blockHashCheck.getComputedHash(computed, 0, 32);
                final long requestId = blockHashCheck.requestId();
                final HashCheckOutcome outcome = blockHashCheck.outcome();
                final long number = blockHashCheck.blockNumber();
                final byte[] detail = new byte[blockHashCheck.detailLength()];
                blockHashCheck.getDetail(detail, 0, detail.length);
                commands.add(new BlockHashCheck(requestId, outcome, number, claimed, computed, utf8(detail)));
                break;
            }

            case EngineSnapshotDecoder.TEMPLATE_ID:
                engineSnapshot.wrap(buffer, body, blockLength, version);
                commands.add(new EngineSnapshot(
                    engineSnapshot.snapshotId(), engineSnapshot.status(), engineSnapshot.eventsApplied(), bytes));
                break;

            default:
                throw new IllegalStateException("unexpected command template " + header.templateId());
        }
    }

    List<Command> commands()
    {
        return commands;
    }

    /** @return each command's bytes (header included), in emission order. */
    List<byte[]> commandBytes()
    {
        return commandBytes;
    }

    byte[] streamBytes()
    {
        return stream.toByteArray();
    }

    private static String utf8(final byte[] bytes)
    {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
