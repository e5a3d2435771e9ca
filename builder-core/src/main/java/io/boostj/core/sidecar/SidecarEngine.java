package io.boostj.core.sidecar;

import io.boostj.core.CommandSink;
import io.boostj.sbe.BooleanType;
import io.boostj.sbe.EngineCallRequestDecoder;
import io.boostj.sbe.ExecutionModeCode;
import io.boostj.sbe.ExecutionModeRequestDecoder;
import io.boostj.sbe.FlashblockReceivedDecoder;
import io.boostj.sbe.ForkchoiceUpdatedRequestDecoder;
import io.boostj.sbe.GetPayloadRequestDecoder;
import io.boostj.sbe.HealthCode;
import io.boostj.sbe.MessageHeaderDecoder;
import io.boostj.sbe.NewPayloadRequestDecoder;
import io.boostj.sbe.EngineSnapshotDecoder;
import io.boostj.sbe.SnapshotRequestDecoder;
import io.boostj.sbe.TickDecoder;
import io.boostj.sbe.UpstreamReplyDecoder;
import org.agrona.DirectBuffer;

/**
 * The sidecar's deterministic, single-threaded decision engine: upstream rollup-boost's routing, multiplexing,
 * payload selection, health and execution mode (reference §1.2 to §1.12), as a function from SBE events to SBE
 * commands.
 * <p>
 * Events ({@code ForkchoiceUpdatedRequest}, {@code GetPayloadRequest}, {@code NewPayloadRequest},
 * {@code EngineCallRequest}, {@code FlashblockReceived}, {@code UpstreamReply}, {@code Tick},
 * {@code ExecutionModeRequest}, {@code SnapshotRequest}) go in through
 * {@link #onEvent(DirectBuffer, int, int)}; commands ({@code UpstreamCall}, {@code RpcReply}, {@code HealthUpdate},
 * {@code BlockDecision}, {@code ExecutionModeUpdate}, {@code FlashblockDecision}, {@code FlashblockAssembly},
 * {@code BlockHashCheck}, {@code EngineSnapshot}) come out through the {@link CommandSink}, synchronously, in a
 * deterministic order. {@code EngineConfig} events and messages of other schemas are ignored.
 * <p>
 * Each event first advances event time to its {@code recvTimeNs} (never backwards) and fires the timers due by
 * then (call timeouts, the getPayload deadline, the health probe), then is handled. {@link #nextDeadlineNs()} tells
 * the I/O side when to send a {@code Tick} if nothing else happens.
 * <p>
 * Not thread safe: one thread calls {@link #onEvent}; only {@link #nextDeadlineNs()} may be read from another.
 * See the package documentation for the determinism contract.
 */
public final class SidecarEngine
{
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final ForkchoiceUpdatedRequestDecoder forkchoiceDecoder = new ForkchoiceUpdatedRequestDecoder();
    private final GetPayloadRequestDecoder getPayloadDecoder = new GetPayloadRequestDecoder();
    private final NewPayloadRequestDecoder newPayloadDecoder = new NewPayloadRequestDecoder();
    private final EngineCallRequestDecoder engineCallDecoder = new EngineCallRequestDecoder();
    private final ExecutionModeRequestDecoder executionModeDecoder = new ExecutionModeRequestDecoder();
    private final TickDecoder tickDecoder = new TickDecoder();
    private final SnapshotRequestDecoder snapshotRequestDecoder = new SnapshotRequestDecoder();
    private final FlashblockReceivedDecoder flashblockDecoder = new FlashblockReceivedDecoder();
    private final UpstreamReplyView replyView = new UpstreamReplyView();

    private final EngineContext ctx;
    private final ForkchoiceHandler forkchoiceHandler;
    private final GetPayloadHandler getPayloadHandler;
    private final NewPayloadHandler newPayloadHandler;
    private final EngineCallHandler engineCallHandler;
    private final ExecutionModeHandler executionModeHandler;
    private final HealthProbe healthProbe;
    private final EngineSnapshotCodec snapshots;
    private boolean started;
    private long eventsApplied;
    private volatile long nextDeadlineNs = Long.MAX_VALUE;

    /**
     * An engine in its initial state: health 200, the configured execution mode, nothing in flight.
     *
     * @param config the configuration (read at construction and on every event; do not change it afterwards).
     * @param sink   receives every command, synchronously, from the thread calling {@link #onEvent}.
     */
    public SidecarEngine(final SidecarConfig config, final CommandSink sink)
    {
        ctx = new EngineContext(config, sink);
        forkchoiceHandler = new ForkchoiceHandler(ctx);
        getPayloadHandler = new GetPayloadHandler(ctx);
        newPayloadHandler = new NewPayloadHandler(ctx);
        engineCallHandler = new EngineCallHandler(ctx);
        executionModeHandler = new ExecutionModeHandler(ctx);
        healthProbe = new HealthProbe(ctx);
        snapshots = new EngineSnapshotCodec(ctx, healthProbe);
    }

    /**
     * An engine in the state a journaled {@code EngineSnapshot} describes, built with the configuration the snapshot
     * carries: fed the events journaled after the snapshot's {@code SnapshotRequest}, it emits exactly the commands
     * journaled after the snapshot.
     *
     * @param buffer holding the snapshot message (with its SBE header).
     * @param offset of the header.
     * @param length of header plus body.
     * @param sink   receives every command.
     * @return the restored engine.
     * @throws IllegalArgumentException if the message is not a TAKEN {@code EngineSnapshot}.
     */
    public static SidecarEngine fromSnapshot(
        final DirectBuffer buffer, final int offset, final int length, final CommandSink sink)
    {
        final SidecarConfig config = EngineSnapshotCodec.config(EngineSnapshotCodec.wrap(buffer, offset, length));
        final SidecarEngine engine = new SidecarEngine(config, sink);
        final EngineSnapshotDecoder decoder = EngineSnapshotCodec.wrap(buffer, offset, length);
        engine.started = BooleanType.TRUE == decoder.started();
        engine.eventsApplied = decoder.eventsApplied();
        engine.snapshots.restore(decoder);
        engine.nextDeadlineNs = engine.ctx.timers.nextDeadlineNs();
        return engine;
    }

    /**
     * Handles one event.
     *
     * @param buffer holding the event.
     * @param offset of its SBE message header.
     * @param length of header plus body.
     */
    public void onEvent(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return;
        }
        headerDecoder.wrap(buffer, offset);
        if (MessageHeaderDecoder.SCHEMA_ID != headerDecoder.schemaId())
        {
            return;
        }

        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = headerDecoder.blockLength();
        final int version = headerDecoder.version();
        switch (headerDecoder.templateId())
        {
            case UpstreamReplyDecoder.TEMPLATE_ID:
                replyView.wrap(buffer, bodyOffset, blockLength, version);
                beginEvent(replyView.decoder().recvTimeNs());
                ctx.calls.onReply(replyView.decoder().callId(), replyView);
                break;

            case ForkchoiceUpdatedRequestDecoder.TEMPLATE_ID:
                forkchoiceDecoder.wrap(buffer, bodyOffset, blockLength, version);
                beginEvent(forkchoiceDecoder.recvTimeNs());
                forkchoiceHandler.onRequest(forkchoiceDecoder);
                break;

            case GetPayloadRequestDecoder.TEMPLATE_ID:
                getPayloadDecoder.wrap(buffer, bodyOffset, blockLength, version);
                beginEvent(getPayloadDecoder.recvTimeNs());
                getPayloadHandler.onRequest(getPayloadDecoder);
                break;

            case NewPayloadRequestDecoder.TEMPLATE_ID:
                newPayloadDecoder.wrap(buffer, bodyOffset, blockLength, version);
                beginEvent(newPayloadDecoder.recvTimeNs());
                newPayloadHandler.onRequest(newPayloadDecoder);
                break;

            case EngineCallRequestDecoder.TEMPLATE_ID:
                engineCallDecoder.wrap(buffer, bodyOffset, blockLength, version);
                beginEvent(engineCallDecoder.recvTimeNs());
                engineCallHandler.onRequest(engineCallDecoder);
                break;

            case FlashblockReceivedDecoder.TEMPLATE_ID:
                flashblockDecoder.wrap(buffer, bodyOffset, blockLength, version);
                beginEvent(flashblockDecoder.recvTimeNs());
                onFlashblock();
                break;

            case TickDecoder.TEMPLATE_ID:
                tickDecoder.wrap(buffer, bodyOffset, blockLength, version);
                beginEvent(tickDecoder.recvTimeNs());
                break;

            case SnapshotRequestDecoder.TEMPLATE_ID:
                snapshotRequestDecoder.wrap(buffer, bodyOffset, blockLength, version);
                beginEvent(snapshotRequestDecoder.recvTimeNs());
                onSnapshotRequest(snapshotRequestDecoder.snapshotId());
                break;

            case ExecutionModeRequestDecoder.TEMPLATE_ID:
                executionModeDecoder.wrap(buffer, bodyOffset, blockLength, version);
                beginEvent(executionModeDecoder.recvTimeNs());
                executionModeHandler.onRequest(executionModeDecoder);
                break;

            default:
                return;
        }

        nextDeadlineNs = ctx.timers.nextDeadlineNs();
    }

    /**
     * The earliest pending timer, in event time: when to send a {@code Tick} if no other event arrives. Safe to read
     * from any thread (a hint: it may be stale by one event).
     *
     * @return the deadline in event-time nanoseconds, or {@link Long#MAX_VALUE} if no timer is pending.
     */
    public long nextDeadlineNs()
    {
        return nextDeadlineNs;
    }

    /**
     * The current health as the HTTP status {@code /healthz} answers.
     *
     * @return 200 (healthy), 206 (partial content: builder trouble) or 503 (service unavailable: L2 trouble).
     */
    public int healthCode()
    {
        return HealthMonitor.httpStatus(ctx.health.health());
    }

    /**
     * The current execution mode.
     *
     * @return enabled, dry-run or disabled.
     */
    public ExecutionModeCode executionMode()
    {
        return ctx.executionMode;
    }

    HealthCode health()
    {
        return ctx.health.health();
    }

    long nowNs()
    {
        return ctx.nowNs();
    }

    int pendingCalls()
    {
        return ctx.calls.size();
    }

    int pendingTimers()
    {
        return ctx.timers.size();
    }

    int payloadIdMapSize()
    {
        return ctx.payloadIds.size();
    }

    int fcuParamsCacheSize()
    {
        return ctx.fcuParams.size();
    }

    int requestsInFlight()
    {
        return forkchoiceHandler.inFlight() + getPayloadHandler.inFlight() + newPayloadHandler.inFlight() +
            engineCallHandler.inFlight() + ctx.calls.pooledInUse();
    }

    private void onFlashblock()
    {
        final FlashblockReceivedDecoder d = flashblockDecoder;
        final DirectBuffer buffer = d.buffer();
        final long payloadId = buffer.getLong(
            d.offset() + FlashblockReceivedDecoder.payloadIdEncodingOffset(), java.nio.ByteOrder.BIG_ENDIAN);
        final long index = d.index();
        final boolean hasBase = 1 == d.hasBaseRaw();
        final int jsonOffset = d.limit() + FlashblockReceivedDecoder.jsonHeaderLength();
        final int jsonLength = d.jsonLength();
        d.skipJson();
        if (ctx.config.flashblocks())
        {
            ctx.flashblocks.onFlashblock(payloadId, index, hasBase, buffer, jsonOffset, jsonLength);
        }
    }

    int flashblocksAccepted()
    {
        return ctx.flashblocks.acceptedCount();
    }

    int flashblocksPending()
    {
        return ctx.flashblocks.pendingCount();
    }

    private void onSnapshotRequest(final long snapshotId)
    {
        final int probeTimers = null == healthProbe.timer() ? 0 : 1;
        if (0 == requestsInFlight() && 0 == ctx.calls.size() && probeTimers == ctx.timers.size())
        {
            snapshots.writeTaken(snapshotId, started, eventsApplied);
        }
        else
        {
            snapshots.writeBusy(snapshotId, eventsApplied);
        }
    }

    /**
     * @return the events handled since this engine was built (from a snapshot: since its segment's start).
     */
    public long eventsApplied()
    {
        return eventsApplied;
    }

    private void beginEvent(final long recvTimeNs)
    {
        eventsApplied++;
        ctx.clock.advance(recvTimeNs);
        if (!started)
        {
            started = true;
            healthProbe.start();
        }
        ctx.timers.poll(ctx.nowNs());
    }
}
