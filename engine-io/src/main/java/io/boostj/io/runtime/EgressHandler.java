package io.boostj.io.runtime;

import io.boostj.io.http.ByteBufViews;
import io.boostj.io.http.HttpResponses;
import io.boostj.io.flashblocks.FlashblockOutlet;
import io.boostj.io.metrics.FlashblocksMetrics;
import io.boostj.io.metrics.SidecarMetrics;
import io.boostj.io.tracing.SidecarTracing;
import io.boostj.io.upstream.UpstreamClient;
import io.boostj.io.upstream.UpstreamListener;
import io.boostj.journal.JournalWriter;
import io.boostj.ring.MessageHandler;
import io.boostj.ring.MessageSlot;
import io.boostj.sbe.AssemblyOutcome;
import io.boostj.sbe.BlockDecisionDecoder;
import io.boostj.sbe.BlockHashCheckDecoder;
import io.boostj.sbe.EngineSnapshotDecoder;
import io.boostj.sbe.SnapshotStatus;
import io.boostj.sbe.FlashblockAssemblyDecoder;
import io.boostj.sbe.FlashblockDecisionDecoder;
import io.boostj.sbe.FlashblockVerdict;
import io.boostj.sbe.HashCheckOutcome;
import io.boostj.sbe.BooleanType;
import io.boostj.sbe.DecisionReason;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.ExecutionModeUpdateDecoder;
import io.boostj.sbe.HealthUpdateDecoder;
import io.boostj.sbe.MessageHeaderDecoder;
import io.boostj.sbe.PayloadSource;
import io.boostj.sbe.RpcReplyDecoder;
import io.boostj.sbe.Target;
import io.boostj.sbe.UpstreamCallDecoder;
import io.netty.buffer.ByteBuf;
import io.opentelemetry.api.common.Attributes;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderValues;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import com.lmax.disruptor.Sequence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound ring's consumer: carries out each engine command (call an upstream, answer a request, publish health,
 * log and count a block decision), then journals it. A reply waits until the event that caused it is journaled, so
 * nothing is acknowledged that a {@code kill -9} could lose from the journal.
 */
final class EgressHandler implements MessageHandler
{
    private static final Logger LOG = LoggerFactory.getLogger(EgressHandler.class);
    /** Journal direction of commands. */
    static final byte OUT = io.boostj.journal.Direction.OUT;
    private static final long JOURNAL_GATE_TIMEOUT_NS = 100_000_000L;
    private static final long TRANSPORT_TIMEOUT_MARGIN_MS = 100;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final UpstreamCallDecoder call = new UpstreamCallDecoder();
    private final RpcReplyDecoder reply = new RpcReplyDecoder();
    private final HealthUpdateDecoder healthUpdate = new HealthUpdateDecoder();
    private final BlockDecisionDecoder decision = new BlockDecisionDecoder();
    private final ExecutionModeUpdateDecoder modeUpdate = new ExecutionModeUpdateDecoder();
    private final FlashblockDecisionDecoder flashblockDecision = new FlashblockDecisionDecoder();
    private final FlashblockAssemblyDecoder flashblockAssembly = new FlashblockAssemblyDecoder();
    private final BlockHashCheckDecoder blockHashCheck = new BlockHashCheckDecoder();
    private final EngineSnapshotDecoder snapshot = new EngineSnapshotDecoder();
    private final UnsafeBuffer varView = new UnsafeBuffer(0, 0);
    private FlashblockOutlet flashblockOutlet;
    private FlashblocksMetrics flashblocksMetrics;
    private io.boostj.io.flashblocks.p2p.FlashblocksP2pEgress flashblocksP2p;

    private final UpstreamClient l2;
    private final UpstreamClient builder;
    private final PendingRequests pending;
    private final HealthState health;
    private final SidecarMetrics metrics;
    private final JournalWriter journal;
    private final Sequence journalSequence;
    private final EpochNanoClock clock;
    private final ReplyPublisher[][] listeners;
    private final SidecarTracing tracing;
    private volatile long journalGateTimeouts;

    EgressHandler(
        final UpstreamClient l2,
        final UpstreamClient builder,
        final InboundPublisher inbound,
        final PendingRequests pending,
        final HealthState health,
        final SidecarMetrics metrics,
        final JournalWriter journal,
        final Sequence journalSequence,
        final EpochNanoClock clock,
        final SidecarTracing tracing)
    {
        this.tracing = tracing;
        this.l2 = l2;
        this.builder = builder;
        this.pending = pending;
        this.health = health;
        this.metrics = metrics;
        this.journal = journal;
        this.journalSequence = journalSequence;
        this.clock = clock;
        final Target[] targets = {Target.L2, Target.BUILDER};
        final EngineMethod[] methods = EngineMethod.values();
        listeners = new ReplyPublisher[targets.length][methods.length];
        for (final Target target : targets)
        {
            for (final EngineMethod method : methods)
            {
                listeners[target.ordinal()][method.ordinal()] = new ReplyPublisher(inbound, metrics, target, method);
            }
        }
    }

    /**
     * Turns on the flashblocks commands' effects; call before traffic starts.
     *
     * @param outlet  where accepted flashblocks go.
     * @param metrics the flashblocks metrics.
     */
    void flashblocks(final FlashblockOutlet outlet, final FlashblocksMetrics metrics)
    {
        flashblockOutlet = outlet;
        flashblocksMetrics = metrics;
    }

    /**
     * Turns on {@code --flashblocks-p2p}: awaited builder FCUs get an authorization; call before traffic starts.
     *
     * @param p2p the P2P authorization edge.
     */
    void flashblocksP2p(final io.boostj.io.flashblocks.p2p.FlashblocksP2pEgress p2p)
    {
        flashblocksP2p = p2p;
    }

    @Override
    public void onMessage(final long sequence, final MessageSlot slot, final boolean endOfBatch)
    {
        final int length = slot.length();
        if (0 == length)
        {
            return;
        }
        final DirectBuffer buffer = slot.buffer();
        header.wrap(buffer, 0);
        final int bodyOffset = MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        try
        {
            switch (header.templateId())
            {
                case UpstreamCallDecoder.TEMPLATE_ID:
                    call.wrap(buffer, bodyOffset, blockLength, version);
                    onUpstreamCall();
                    break;
                case RpcReplyDecoder.TEMPLATE_ID:
                    awaitJournaled(slot.causeSequence());
                    reply.wrap(buffer, bodyOffset, blockLength, version);
                    onReply();
                    break;
                case HealthUpdateDecoder.TEMPLATE_ID:
                    healthUpdate.wrap(buffer, bodyOffset, blockLength, version);
                    final int status = health.set(healthUpdate.health());
                    metrics.health(status);
                    LOG.info("health is now {} ({}, set by {})", status, healthUpdate.health(), healthUpdate.cause());
                    break;
                case BlockDecisionDecoder.TEMPLATE_ID:
                    decision.wrap(buffer, bodyOffset, blockLength, version);
                    onDecision();
                    break;
                case ExecutionModeUpdateDecoder.TEMPLATE_ID:
                    modeUpdate.wrap(buffer, bodyOffset, blockLength, version);
                    metrics.executionMode(modeUpdate.mode().value());
                    if (null != flashblocksP2p)
                    {
                        flashblocksP2p.executionMode(modeUpdate.mode());
                    }
                    LOG.info("execution mode is now {}", modeUpdate.mode());
                    break;
                case FlashblockDecisionDecoder.TEMPLATE_ID:
                    flashblockDecision.wrap(buffer, bodyOffset, blockLength, version);
                    onFlashblockDecision(buffer);
                    break;
                case FlashblockAssemblyDecoder.TEMPLATE_ID:
                    flashblockAssembly.wrap(buffer, bodyOffset, blockLength, version);
                    onFlashblockAssembly(buffer);
                    break;
                case EngineSnapshotDecoder.TEMPLATE_ID:
                    snapshot.wrap(buffer, bodyOffset, blockLength, version);
                    metrics.journalSnapshot(SnapshotStatus.TAKEN == snapshot.status() ? "taken" : "busy");
                    LOG.debug("engine snapshot {} {} ({} bytes)", snapshot.snapshotId(), snapshot.status(), length);
                    break;
                case BlockHashCheckDecoder.TEMPLATE_ID:
                    blockHashCheck.wrap(buffer, bodyOffset, blockLength, version);
                    onBlockHashCheck();
                    break;
                default:
                    LOG.error("unknown command template {} at outbound sequence {}", header.templateId(), sequence);
            }
        }
        finally
        {
            journal.append(clock.nanoTime(), OUT, buffer, 0, length);
        }
    }

    private void onUpstreamCall()
    {
        final long callId = call.callId();
        final Target target = call.target();
        final EngineMethod method = call.method();
        final int timeoutMs = call.timeoutMs();
        final boolean fireAndForget = BooleanType.TRUE == call.fireAndForget();
        final int bodyLength = call.bodyLength();
        ByteBuf body = PooledByteBufAllocator.DEFAULT.directBuffer(bodyLength);
        call.getBody(copyTarget(body, bodyLength), 0, bodyLength);
        if (null != flashblocksP2p && Target.BUILDER == target && EngineMethod.FORKCHOICE_UPDATED_V3 == method &&
            !fireAndForget)
        {
            body = flashblocksP2p.onBuilderForkchoice(body);
        }
        final UpstreamClient client = Target.L2 == target ? l2 : builder;
        final long transportTimeoutMs = (timeoutMs > 0 ? timeoutMs : 1000) + TRANSPORT_TIMEOUT_MARGIN_MS;
        if (LOG.isDebugEnabled())
        {
            LOG.debug("call {} {} {}{}", callId, target, method, fireAndForget ? " (fire and forget)" : "");
        }
        client.send(body, transportTimeoutMs, listeners[target.ordinal()][method.ordinal()], callId);
    }

    private org.agrona.MutableDirectBuffer copyTarget(final ByteBuf body, final int length)
    {
        body.writerIndex(length);
        varView.wrap(body.nioBuffer(0, length));
        return varView;
    }

    private void onReply()
    {
        final long requestId = reply.requestId();
        final int status = reply.httpStatus();
        final int bodyLength = reply.bodyLength();
        final PendingRequests.Pending p = pending.remove(requestId);
        if (null == p)
        {
            reply.skipBody();
            LOG.warn("reply to unknown request {} dropped (connection gone?)", requestId);
            return;
        }
        final ByteBuf body = PooledByteBufAllocator.DEFAULT.directBuffer(bodyLength);
        reply.getBody(copyTarget(body, bodyLength), 0, bodyLength);
        HttpResponses.write(p.ctx, status, HttpHeaderValues.APPLICATION_JSON, body, p.keepAlive);
        final long durationNs = System.nanoTime() - p.startNs;
        metrics.methodDuration(p.methodLabel, durationNs);
        if (null != tracing)
        {
            tracing.callSpan(p.methodLabel, p.startEpochNs, p.startEpochNs + durationNs,
                Attributes.of(SidecarTracing.METHOD, p.methodLabel));
        }
    }

    private void onDecision()
    {
        if (DecisionReason.L2_FAILED == decision.reason())
        {
            metrics.getPayloadFailed();
            LOG.warn("getPayload failed: l2 could not provide a payload (request {}); op-node got an error",
                decision.requestId());
            return;
        }
        final String source = PayloadSource.BUILDER == decision.source() ? "builder" : "l2";
        metrics.blockCreated(source);
        final StringBuilder hash = new StringBuilder(66).append("0x");
        final StringBuilder stateRoot = new StringBuilder(66).append("0x");
        final StringBuilder payloadId = new StringBuilder(18).append("0x");
        final StringBuilder builderPayloadId = new StringBuilder(18).append("0x");
        for (int i = 0; i < 32; i++)
        {
            appendHex(hash, decision.blockHash(i));
            appendHex(stateRoot, decision.stateRoot(i));
        }
        for (int i = 0; i < 8; i++)
        {
            appendHex(payloadId, decision.payloadId(i));
            appendHex(builderPayloadId, decision.builderPayloadId(i));
        }
        LOG.info("returning block hash={} number={} state_root={} context={} payload_id={} builder_payload_id={} " +
            "reason={} l2_gas_used={} builder_gas_used={} elapsed_ms={}",
            hash, decision.blockNumber(), stateRoot, source, payloadId, builderPayloadId, decision.reason(),
            decision.l2GasUsed(), decision.builderGasUsed(), decision.elapsedNs() / 1_000_000.0);
        if (null != tracing)
        {
            final long endNs = clock.nanoTime();
            tracing.callSpan("get_payload_decision", endNs - decision.elapsedNs(), endNs, Attributes.builder()
                .put(SidecarTracing.PAYLOAD_ID, payloadId.toString())
                .put(SidecarTracing.BUILDER_PAYLOAD_ID, builderPayloadId.toString())
                .put(SidecarTracing.PAYLOAD_SOURCE, source)
                .put(SidecarTracing.REASON, decision.reason().name().toLowerCase(java.util.Locale.ROOT))
                .put(SidecarTracing.BLOCK_HASH, hash.toString())
                .put(SidecarTracing.BLOCK_NUMBER, decision.blockNumber())
                .build());
        }
    }

    private void onFlashblockDecision(final DirectBuffer buffer)
    {
        final FlashblockVerdict verdict = flashblockDecision.verdict();
        final int jsonLength = flashblockDecision.jsonLength();
        if (jsonLength > 0 && null != flashblockOutlet)
        {
            flashblockOutlet.publish(
                buffer, flashblockDecision.limit() + FlashblockDecisionDecoder.jsonHeaderLength(), jsonLength);
        }
        flashblockDecision.skipJson();
        if (null != flashblocksMetrics)
        {
            flashblocksMetrics.verdict(verdict);
        }
        if (FlashblockVerdict.PUBLISHED != verdict && FlashblockVerdict.ADOPTED != verdict &&
            FlashblockVerdict.BUFFERED != verdict && LOG.isWarnEnabled())
        {
            LOG.warn("flashblock payload_id=0x{} index={} not published: {} (round payload_id=0x{})",
                hexLong(buffer.getLong(
                    flashblockDecision.offset() + FlashblockDecisionDecoder.payloadIdEncodingOffset(),
                    java.nio.ByteOrder.BIG_ENDIAN)),
                flashblockDecision.index(), verdict,
                hexLong(buffer.getLong(
                    flashblockDecision.offset() + FlashblockDecisionDecoder.roundPayloadIdEncodingOffset(),
                    java.nio.ByteOrder.BIG_ENDIAN)));
        }
    }

    private void onFlashblockAssembly(final DirectBuffer buffer)
    {
        final AssemblyOutcome outcome = flashblockAssembly.outcome();
        final boolean assembled = AssemblyOutcome.ASSEMBLED == outcome;
        if (null != flashblocksMetrics)
        {
            flashblocksMetrics.assembly(outcome.name().toLowerCase(java.util.Locale.ROOT),
                flashblockAssembly.flashblockCount(), flashblockAssembly.maxFlashblockCount(), assembled);
        }
        final String builderPayloadId = hexLong(buffer.getLong(
            flashblockAssembly.offset() + FlashblockAssemblyDecoder.builderPayloadIdEncodingOffset(),
            java.nio.ByteOrder.BIG_ENDIAN));
        if (assembled)
        {
            final StringBuilder hash = new StringBuilder(66).append("0x");
            for (int i = 0; i < 32; i++)
            {
                appendHex(hash, flashblockAssembly.blockHash(i));
            }
            LOG.info("assembled builder block from {} flashblocks: number={} hash={} txs={} builder_payload_id=0x{}",
                flashblockAssembly.flashblockCount(), flashblockAssembly.blockNumber(), hash,
                flashblockAssembly.txCount(), builderPayloadId);
        }
        else
        {
            LOG.warn("no flashblocks block for builder_payload_id=0x{} ({}): asking the builder for its payload",
                builderPayloadId, outcome);
        }
    }

    private void onBlockHashCheck()
    {
        final HashCheckOutcome outcome = blockHashCheck.outcome();
        if (null != flashblocksMetrics)
        {
            flashblocksMetrics.hashCheck(outcome);
        }
        if (HashCheckOutcome.MATCH == outcome)
        {
            return;
        }
        final StringBuilder claimed = new StringBuilder(66).append("0x");
        final StringBuilder computed = new StringBuilder(66).append("0x");
        for (int i = 0; i < 32; i++)
        {
            appendHex(claimed, blockHashCheck.claimedHash(i));
            appendHex(computed, blockHashCheck.computedHash(i));
        }
        final byte[] detail = new byte[blockHashCheck.detailLength()];
        blockHashCheck.getDetail(detail, 0, detail.length);
        if (HashCheckOutcome.MISMATCH == outcome)
        {
            LOG.warn("builder block {} refused: its hash is wrong (claimed {}, computed {}); l2's block is used",
                blockHashCheck.blockNumber(), claimed, computed);
        }
        else
        {
            LOG.info("builder block {} hash {} not checked: {}", blockHashCheck.blockNumber(), claimed,
                new String(detail, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static String hexLong(final long value)
    {
        final String digits = Long.toHexString(value);
        return "0000000000000000".substring(digits.length()) + digits;
    }

    private static void appendHex(final StringBuilder b, final short unsignedByte)
    {
        b.append(Character.forDigit((unsignedByte >> 4) & 0xF, 16)).append(Character.forDigit(unsignedByte & 0xF, 16));
    }

    private void awaitJournaled(final long causeSequence)
    {
        if (null == journalSequence || causeSequence < 0 || journalSequence.get() >= causeSequence)
        {
            return;
        }
        final long deadlineNs = System.nanoTime() + JOURNAL_GATE_TIMEOUT_NS;
        while (journalSequence.get() < causeSequence)
        {
            if (System.nanoTime() > deadlineNs)
            {
                journalGateTimeouts++;
                LOG.error("journal is more than 100 ms behind (sequence {} < {}); answering anyway",
                    journalSequence.get(), causeSequence);
                return;
            }
            Thread.onSpinWait();
        }
    }

    long journalGateTimeouts()
    {
        return journalGateTimeouts;
    }

    /**
     * Publishes the end of one upstream call back into the inbound ring, on the client's event loop.
     */
    static final class ReplyPublisher implements UpstreamListener
    {
        private static final ThreadLocal<ByteBufViews> VIEWS = ThreadLocal.withInitial(ByteBufViews::new);
        private final InboundPublisher inbound;
        private final SidecarMetrics metrics;
        private final Target target;
        private final EngineMethod method;
        private final String targetLabel;
        private final String methodLabel;

        ReplyPublisher(final InboundPublisher inbound, final SidecarMetrics metrics, final Target target,
            final EngineMethod method)
        {
            this.inbound = inbound;
            this.metrics = metrics;
            this.target = target;
            this.method = method;
            this.targetLabel = Target.L2 == target ? "l2" : "builder";
            this.methodLabel = method.name().toLowerCase(java.util.Locale.ROOT);
        }

        public void onResponse(final long callId, final FullHttpResponse response, final long latencyNs)
        {
            metrics.upstreamCall(targetLabel, methodLabel, latencyNs);
            final ByteBuf content = response.content();
            final DirectBuffer body = VIEWS.get().wrap(content);
            if (!inbound.publishUpstreamReply(callId, target, method, response.status().code(), body, 0,
                content.readableBytes(), latencyNs))
            {
                LOG.error("inbound ring full: reply to call {} from {} lost (the engine will time it out)",
                    callId, targetLabel);
            }
        }

        public void onFailure(final long callId, final String reason, final long latencyNs)
        {
            metrics.upstreamFailure(targetLabel);
            LOG.warn("call {} to {} ({}) failed: {}", callId, targetLabel, methodLabel, reason);
            if (!inbound.publishUpstreamFailure(callId, target, method, reason, latencyNs))
            {
                LOG.error("inbound ring full: failure of call {} to {} lost (the engine will time it out)",
                    callId, targetLabel);
            }
        }
    }
}
