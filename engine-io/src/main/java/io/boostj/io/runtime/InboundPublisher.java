package io.boostj.io.runtime;

import io.boostj.codecs.engine.EngineRequestEncoder;
import io.boostj.codecs.engine.UpstreamReplyEncoder;
import io.boostj.codecs.json.JsonScanner;
import io.boostj.io.metrics.SidecarMetrics;
import io.boostj.ring.MessageRing;
import io.boostj.ring.MessageSlot;
import io.boostj.sbe.BooleanType;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.ExecutionModeCode;
import io.boostj.sbe.ExecutionModeRequestEncoder;
import io.boostj.sbe.FlashblockReceivedEncoder;
import io.boostj.sbe.FlashblockTransport;
import io.boostj.sbe.MessageHeaderEncoder;
import io.boostj.sbe.Target;
import io.boostj.sbe.SnapshotRequestEncoder;
import io.boostj.sbe.TickEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;

/**
 * Encodes what engine-io sees (op-node requests, upstream replies, ticks, mode requests) into SBE events on the
 * inbound ring. Called from Netty threads and the ticker; holds per-thread encoders. A full ring is reported to the
 * caller (and counted), never waited on.
 */
public final class InboundPublisher
{
    private final MessageRing ring;
    private final EpochNanoClock clock;
    private final SidecarMetrics metrics;
    private final ThreadLocal<Encoders> encoders = ThreadLocal.withInitial(Encoders::new);
    private Runnable afterPublish = () -> { };

    /**
     * @param ring    the inbound ring.
     * @param clock   the receive-time clock (epoch nanoseconds).
     * @param metrics where rejections are counted.
     */
    public InboundPublisher(final MessageRing ring, final EpochNanoClock clock, final SidecarMetrics metrics)
    {
        this.ring = ring;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * @param afterPublish called after every publish (the shared mode's drain signal); set before traffic starts.
     */
    void afterPublish(final Runnable afterPublish)
    {
        this.afterPublish = afterPublish;
    }

    /**
     * @return the receive-time clock.
     */
    public EpochNanoClock clock()
    {
        return clock;
    }

    /**
     * Encodes an op-node Engine API request into the ring.
     *
     * @param validated a scanner over the request body on which validate() succeeded.
     * @param offset    where the request object starts.
     * @param length    its length.
     * @param requestId the id the engine will answer.
     * @return the encoded length (&gt; 0), a negative JSON-RPC error code from {@link EngineRequestEncoder} when the
     * request is invalid, or {@link MessageRing#INSUFFICIENT_CAPACITY} (also negative) when the ring is full.
     */
    public int publishEngineRequest(final JsonScanner validated, final int offset, final int length, final long requestId)
    {
        final long seq = ring.tryClaim();
        if (seq < 0)
        {
            metrics.inboundRejected();
            return (int)MessageRing.INSUFFICIENT_CAPACITY;
        }
        final MessageSlot slot = ring.slot(seq);
        int result = 0;
        try
        {
            slot.buffer().checkLimit(EngineRequestEncoder.maxEncodedLength(length));
            result = encoders.get().request.encodeValidated(
                validated, offset, requestId, clock.nanoTime(), slot.buffer(), 0);
        }
        finally
        {
            slot.length(Math.max(0, result));
            ring.publish(seq);
            afterPublish.run();
        }
        return result;
    }

    /**
     * @return why this thread's last {@link #publishEngineRequest} failed, or null.
     */
    public String lastRequestError()
    {
        return encoders.get().request.errorMessage();
    }

    /**
     * Encodes an upstream's HTTP answer to an engine call.
     *
     * @param callId     the engine's call id.
     * @param target     which upstream.
     * @param method     the method called.
     * @param httpStatus the HTTP status.
     * @param body       the body bytes.
     * @param offset     where they start.
     * @param length     how many.
     * @param latencyNs  send to receive.
     * @return false when the ring was full (the reply is lost; the engine's timer covers it).
     */
    public boolean publishUpstreamReply(
        final long callId, final Target target, final EngineMethod method, final int httpStatus,
        final DirectBuffer body, final int offset, final int length, final long latencyNs)
    {
        final long seq = ring.tryClaim();
        if (seq < 0)
        {
            metrics.inboundRejected();
            return false;
        }
        final MessageSlot slot = ring.slot(seq);
        int result = 0;
        try
        {
            slot.buffer().checkLimit(UpstreamReplyEncoder.maxEncodedLength(length));
            result = encoders.get().reply.encode(
                callId, clock.nanoTime(), target, method, httpStatus, latencyNs, body, offset, length, slot.buffer(), 0);
        }
        finally
        {
            slot.length(Math.max(0, result));
            ring.publish(seq);
            afterPublish.run();
        }
        return true;
    }

    /**
     * Encodes the failure of an upstream call (refused, reset, timed out at the transport).
     *
     * @param callId    the engine's call id.
     * @param target    which upstream.
     * @param method    the method called.
     * @param reason    what happened.
     * @param latencyNs send to failure.
     * @return false when the ring was full.
     */
    public boolean publishUpstreamFailure(
        final long callId, final Target target, final EngineMethod method, final String reason, final long latencyNs)
    {
        final long seq = ring.tryClaim();
        if (seq < 0)
        {
            metrics.inboundRejected();
            return false;
        }
        final MessageSlot slot = ring.slot(seq);
        int result = 0;
        try
        {
            slot.buffer().checkLimit(UpstreamReplyEncoder.maxTransportFailureLength());
            result = encoders.get().reply.encodeTransportFailure(
                callId, clock.nanoTime(), target, method, latencyNs, reason, slot.buffer(), 0);
        }
        finally
        {
            slot.length(Math.max(0, result));
            ring.publish(seq);
            afterPublish.run();
        }
        return true;
    }

    /**
     * Publishes a request for a journal snapshot; the engine answers with an {@code EngineSnapshot} command.
     *
     * @param nowNs      epoch nanoseconds.
     * @param snapshotId the id the snapshot will carry.
     * @return false when the ring was full.
     */
    public boolean publishSnapshotRequest(final long nowNs, final long snapshotId)
    {
        final long seq = ring.tryClaim();
        if (seq < 0)
        {
            return false;
        }
        final MessageSlot slot = ring.slot(seq);
        final Encoders e = encoders.get();
        e.snapshotRequest.wrapAndApplyHeader(slot.buffer(), 0, e.header).recvTimeNs(nowNs).snapshotId(snapshotId);
        slot.length(MessageHeaderEncoder.ENCODED_LENGTH + e.snapshotRequest.encodedLength());
        ring.publish(seq);
        afterPublish.run();
        return true;
    }

    /**
     * Publishes a tick carrying the current time.
     *
     * @param nowNs epoch nanoseconds.
     * @return false when the ring was full.
     */
    public boolean publishTick(final long nowNs)
    {
        final long seq = ring.tryClaim();
        if (seq < 0)
        {
            return false;
        }
        final MessageSlot slot = ring.slot(seq);
        final Encoders e = encoders.get();
        e.tick.wrapAndApplyHeader(slot.buffer(), 0, e.header).recvTimeNs(nowNs);
        slot.length(MessageHeaderEncoder.ENCODED_LENGTH + e.tick.encodedLength());
        ring.publish(seq);
        afterPublish.run();
        return true;
    }

    /**
     * Publishes a debug API execution-mode request.
     *
     * @param requestId the id the engine will answer.
     * @param set       true to set, false to get.
     * @param mode      the mode to set (ignored for get).
     * @param rpcId     the raw JSON-RPC id bytes.
     * @return false when the ring was full.
     */
    public boolean publishModeRequest(final long requestId, final boolean set, final ExecutionModeCode mode,
        final byte[] rpcId)
    {
        final long seq = ring.tryClaim();
        if (seq < 0)
        {
            metrics.inboundRejected();
            return false;
        }
        final MessageSlot slot = ring.slot(seq);
        final Encoders e = encoders.get();
        e.mode.wrapAndApplyHeader(slot.buffer(), 0, e.header)
            .requestId(requestId)
            .recvTimeNs(clock.nanoTime())
            .set(set ? BooleanType.TRUE : BooleanType.FALSE)
            .mode(mode)
            .putRpcId(rpcId, 0, rpcId.length);
        slot.length(MessageHeaderEncoder.ENCODED_LENGTH + e.mode.encodedLength());
        ring.publish(seq);
        afterPublish.run();
        return true;
    }

    /**
     * Publishes one well-formed flashblock from the builder.
     *
     * @param payloadId its payload id.
     * @param index     its index.
     * @param hasBase   whether it carries the base.
     * @param transport how it arrived.
     * @param json      its JSON bytes (decompressed).
     * @param offset    where they start.
     * @param length    how many.
     * @return false when the ring was full.
     */
    public boolean publishFlashblock(
        final long payloadId,
        final long index,
        final boolean hasBase,
        final FlashblockTransport transport,
        final DirectBuffer json,
        final int offset,
        final int length)
    {
        final long seq = ring.tryClaim();
        if (seq < 0)
        {
            metrics.inboundRejected();
            return false;
        }
        final MessageSlot slot = ring.slot(seq);
        int encodedLength = 0;
        try
        {
            final Encoders e = encoders.get();
            slot.buffer().checkLimit(MessageHeaderEncoder.ENCODED_LENGTH + FlashblockReceivedEncoder.BLOCK_LENGTH +
                FlashblockReceivedEncoder.jsonHeaderLength() + length);
            e.flashblock.wrapAndApplyHeader(slot.buffer(), 0, e.header).recvTimeNs(clock.nanoTime());
            slot.buffer().putLong(e.flashblock.offset() + FlashblockReceivedEncoder.payloadIdEncodingOffset(),
                payloadId, java.nio.ByteOrder.BIG_ENDIAN);
            e.flashblock.index(index)
                .hasBase(hasBase ? BooleanType.TRUE : BooleanType.FALSE)
                .transport(transport)
                .putJson(json, offset, length);
            encodedLength = MessageHeaderEncoder.ENCODED_LENGTH + e.flashblock.encodedLength();
        }
        finally
        {
            slot.length(encodedLength);
            ring.publish(seq);
            afterPublish.run();
        }
        return true;
    }

    private static final class Encoders
    {
        final FlashblockReceivedEncoder flashblock = new FlashblockReceivedEncoder();
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final TickEncoder tick = new TickEncoder();
        final SnapshotRequestEncoder snapshotRequest = new SnapshotRequestEncoder();
        final ExecutionModeRequestEncoder mode = new ExecutionModeRequestEncoder();
        final EngineRequestEncoder request = new EngineRequestEncoder();
        final UpstreamReplyEncoder reply = new UpstreamReplyEncoder();
    }
}
