package io.boostj.journal;

import io.boostj.sbe.BlockDecisionEncoder;
import io.boostj.sbe.BooleanType;
import io.boostj.sbe.CallOutcome;
import io.boostj.sbe.DecisionReason;
import io.boostj.sbe.EngineCallRequestEncoder;
import io.boostj.sbe.EngineConfigEncoder;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.ExecutionModeCode;
import io.boostj.sbe.ExecutionModeRequestEncoder;
import io.boostj.sbe.ExecutionModeUpdateEncoder;
import io.boostj.sbe.ForkchoiceUpdatedRequestEncoder;
import io.boostj.sbe.GetPayloadRequestEncoder;
import io.boostj.sbe.HealthCause;
import io.boostj.sbe.HealthCode;
import io.boostj.sbe.HealthUpdateEncoder;
import io.boostj.sbe.MessageHeaderEncoder;
import io.boostj.sbe.NewPayloadRequestEncoder;
import io.boostj.sbe.PayloadSource;
import io.boostj.sbe.PayloadStatus;
import io.boostj.sbe.RpcReplyEncoder;
import io.boostj.sbe.Target;
import io.boostj.sbe.TickEncoder;
import io.boostj.sbe.UpstreamCallEncoder;
import io.boostj.sbe.UpstreamReplyEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One encoded sample of every engine message type, for journal tests.
 */
final class TestMessages
{
    record Sample(int templateId, byte direction, long correlationId, byte[] body)
    {
    }

    private static final MessageHeaderEncoder HEADER = new MessageHeaderEncoder();

    private TestMessages()
    {
    }

    static List<Sample> all()
    {
        final List<Sample> samples = new ArrayList<>();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
        final byte[] hash = new byte[32];
        Arrays.fill(hash, (byte)0xAB);
        final byte[] rpcId = bytes("7");
        final byte[] params = bytes("[{\"headBlockHash\":\"0xabab\"}]");

        final ForkchoiceUpdatedRequestEncoder fcu = new ForkchoiceUpdatedRequestEncoder();
        fcu.wrapAndApplyHeader(buffer, 0, HEADER).requestId(101).recvTimeNs(1_000)
            .putHeadBlockHash(hash, 0, 32).putSafeBlockHash(hash, 0, 32).putFinalizedBlockHash(hash, 0, 32)
            .hasAttributes(BooleanType.TRUE).noTxPool(BooleanType.FALSE).timestamp(1_700_000_000L)
            .putRpcId(rpcId, 0, rpcId.length).putRawParams(params, 0, params.length);
        samples.add(sample(
            ForkchoiceUpdatedRequestEncoder.TEMPLATE_ID, Direction.IN, 101, buffer, fcu.encodedLength()));

        final GetPayloadRequestEncoder getPayload = new GetPayloadRequestEncoder();
        getPayload.wrapAndApplyHeader(buffer, 0, HEADER).requestId(102).recvTimeNs(2_000)
            .method(EngineMethod.GET_PAYLOAD_V4).putPayloadId(new byte[8], 0, 8)
            .putRpcId(rpcId, 0, rpcId.length).putRawParams(params, 0, params.length);
        samples.add(sample(
            GetPayloadRequestEncoder.TEMPLATE_ID, Direction.IN, 102, buffer, getPayload.encodedLength()));

        final NewPayloadRequestEncoder newPayload = new NewPayloadRequestEncoder();
        newPayload.wrapAndApplyHeader(buffer, 0, HEADER).requestId(103).recvTimeNs(3_000)
            .method(EngineMethod.NEW_PAYLOAD_V4).putBlockHash(hash, 0, 32).putParentHash(hash, 0, 32).blockNumber(42)
            .putRpcId(rpcId, 0, rpcId.length).putRawParams(params, 0, params.length);
        samples.add(sample(
            NewPayloadRequestEncoder.TEMPLATE_ID, Direction.IN, 103, buffer, newPayload.encodedLength()));

        final EngineCallRequestEncoder engineCall = new EngineCallRequestEncoder();
        final byte[] methodName = bytes("engine_exchangeCapabilities");
        engineCall.wrapAndApplyHeader(buffer, 0, HEADER).requestId(104).recvTimeNs(4_000)
            .method(EngineMethod.EXCHANGE_CAPABILITIES).putRpcId(rpcId, 0, rpcId.length)
            .putMethodName(methodName, 0, methodName.length).putRawParams(params, 0, params.length);
        samples.add(sample(
            EngineCallRequestEncoder.TEMPLATE_ID, Direction.IN, 104, buffer, engineCall.encodedLength()));

        final UpstreamReplyEncoder reply = new UpstreamReplyEncoder();
        final byte[] result = bytes("{\"payloadStatus\":{\"status\":\"VALID\"}}");
        reply.wrapAndApplyHeader(buffer, 0, HEADER).callId(9_001).recvTimeNs(5_000).target(Target.BUILDER)
            .method(EngineMethod.FORKCHOICE_UPDATED_V3).outcome(CallOutcome.RESULT).httpStatus(200).errorCode(0)
            .payloadStatus(PayloadStatus.VALID).hasPayloadId(BooleanType.FALSE).putPayloadId(new byte[8], 0, 8)
            .putBlockHash(hash, 0, 32).blockNumber(42).gasUsed(21_000).timestamp(1_700_000_000L).txCount(1)
            .putParentBeaconBlockRoot(hash, 0, 32).hasExecutionRequests(BooleanType.FALSE)
            .putStateRoot(hash, 0, 32).putParentHash(hash, 0, 32).latencyNs(123_456)
            .putErrorMessage(new byte[0], 0, 0).putResult(result, 0, result.length)
            .putExecutionPayload(new byte[0], 0, 0).putExecutionRequests(new byte[0], 0, 0);
        samples.add(sample(UpstreamReplyEncoder.TEMPLATE_ID, Direction.IN, 9_001, buffer, reply.encodedLength()));

        final TickEncoder tick = new TickEncoder();
        tick.wrapAndApplyHeader(buffer, 0, HEADER).recvTimeNs(6_000);
        samples.add(sample(TickEncoder.TEMPLATE_ID, Direction.IN, 0, buffer, tick.encodedLength()));

        final ExecutionModeRequestEncoder modeRequest = new ExecutionModeRequestEncoder();
        modeRequest.wrapAndApplyHeader(buffer, 0, HEADER).requestId(107).recvTimeNs(7_000).set(BooleanType.TRUE)
            .mode(ExecutionModeCode.DRY_RUN).putRpcId(rpcId, 0, rpcId.length);
        samples.add(sample(
            ExecutionModeRequestEncoder.TEMPLATE_ID, Direction.IN, 107, buffer, modeRequest.encodedLength()));

        final UpstreamCallEncoder call = new UpstreamCallEncoder();
        final byte[] body = bytes("{\"jsonrpc\":\"2.0\",\"method\":\"engine_forkchoiceUpdatedV3\"}");
        call.wrapAndApplyHeader(buffer, 0, HEADER).callId(9_002).causeRequestId(101).target(Target.L2)
            .method(EngineMethod.FORKCHOICE_UPDATED_V3).timeoutMs(1_000).fireAndForget(BooleanType.FALSE)
            .putBody(body, 0, body.length);
        samples.add(sample(UpstreamCallEncoder.TEMPLATE_ID, Direction.OUT, 9_002, buffer, call.encodedLength()));

        final RpcReplyEncoder rpcReply = new RpcReplyEncoder();
        rpcReply.wrapAndApplyHeader(buffer, 0, HEADER).requestId(101).httpStatus(200).putBody(result, 0, result.length);
        samples.add(sample(RpcReplyEncoder.TEMPLATE_ID, Direction.OUT, 101, buffer, rpcReply.encodedLength()));

        final HealthUpdateEncoder health = new HealthUpdateEncoder();
        health.wrapAndApplyHeader(buffer, 0, HEADER).health(HealthCode.PARTIAL_CONTENT).cause(HealthCause.PROBE);
        samples.add(sample(HealthUpdateEncoder.TEMPLATE_ID, Direction.OUT, 0, buffer, health.encodedLength()));

        final BlockDecisionEncoder decision = new BlockDecisionEncoder();
        decision.wrapAndApplyHeader(buffer, 0, HEADER).requestId(102).putPayloadId(new byte[8], 0, 8)
            .putBuilderPayloadId(new byte[8], 0, 8).source(PayloadSource.BUILDER).reason(DecisionReason.BUILDER_VALID)
            .blockNumber(42).putBlockHash(hash, 0, 32).putStateRoot(hash, 0, 32).l2GasUsed(1).builderGasUsed(2)
            .l2TxCount(3).builderTxCount(4).elapsedNs(5);
        samples.add(sample(BlockDecisionEncoder.TEMPLATE_ID, Direction.OUT, 102, buffer, decision.encodedLength()));

        final ExecutionModeUpdateEncoder modeUpdate = new ExecutionModeUpdateEncoder();
        modeUpdate.wrapAndApplyHeader(buffer, 0, HEADER).mode(ExecutionModeCode.DISABLED);
        samples.add(sample(
            ExecutionModeUpdateEncoder.TEMPLATE_ID, Direction.OUT, 0, buffer, modeUpdate.encodedLength()));

        final EngineConfigEncoder config = new EngineConfigEncoder();
        final byte[] processInfo = bytes("boostj test");
        config.wrapAndApplyHeader(buffer, 0, HEADER).recvTimeNs(0).l2TimeoutMs(1_000).builderTimeoutMs(200)
            .executionMode(ExecutionModeCode.ENABLED).selectionPolicyGasUsed(BooleanType.FALSE)
            .externalStateRoot(BooleanType.FALSE).ignoreUnhealthyBuilders(BooleanType.FALSE)
            .healthCheckIntervalMs(60_000).maxUnsafeIntervalS(10).getPayloadDeadlineMs(500)
            .payloadIdCacheSize(1_000).flashblocks(BooleanType.FALSE)
            .putProcessInfo(processInfo, 0, processInfo.length);
        samples.add(sample(EngineConfigEncoder.TEMPLATE_ID, Direction.IN, 0, buffer, config.encodedLength()));

        return samples;
    }

    static int encodeTick(final MutableDirectBuffer buffer, final int offset, final long recvTimeNs)
    {
        final TickEncoder tick = new TickEncoder();
        tick.wrapAndApplyHeader(buffer, offset, new MessageHeaderEncoder()).recvTimeNs(recvTimeNs);
        return MessageHeaderEncoder.ENCODED_LENGTH + tick.encodedLength();
    }

    static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Sample sample(
        final int templateId,
        final byte direction,
        final long correlationId,
        final ExpandableArrayBuffer buffer,
        final int messageLength)
    {
        final byte[] body = new byte[MessageHeaderEncoder.ENCODED_LENGTH + messageLength];
        buffer.getBytes(0, body);
        return new Sample(templateId, direction, correlationId, body);
    }
}
