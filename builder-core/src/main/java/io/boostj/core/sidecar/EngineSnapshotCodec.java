package io.boostj.core.sidecar;

import io.boostj.sbe.BooleanType;
import io.boostj.sbe.EngineSnapshotDecoder;
import io.boostj.sbe.EngineSnapshotEncoder;
import io.boostj.sbe.MessageHeaderDecoder;
import io.boostj.sbe.SnapshotStatus;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The engine's state as an {@code EngineSnapshot} command, and back. A snapshot is taken only at a quiet point (no
 * upstream call, request or timer in flight but the health probe's), so what it holds is small and plain: the event
 * clock and id counters, health, execution mode, the payload-id map and FCU params cache in eviction order, the open
 * flashblock round with its flashblocks, the probe timer, and the configuration. Restoring replays none of the
 * commands that built that state.
 */
final class EngineSnapshotCodec
{
    /** {@code probeTimerDeadlineNs} when no probe is scheduled. */
    static final long NO_TIMER = Long.MIN_VALUE;

    private final EngineContext ctx;
    private final HealthProbe probe;
    private final ExpandableArrayBuffer configBuffer = new ExpandableArrayBuffer(256);
    private final int configLength;

    EngineSnapshotCodec(final EngineContext ctx, final HealthProbe probe)
    {
        this.ctx = ctx;
        this.probe = probe;
        configLength = ctx.config.encode(configBuffer, 0, 0);
    }

    void writeBusy(final long snapshotId, final long eventsApplied)
    {
        final EngineSnapshotEncoder e = ctx.commands.beginEngineSnapshot();
        e.snapshotId(snapshotId)
            .status(SnapshotStatus.BUSY)
            .nowNs(ctx.nowNs())
            .eventsApplied(eventsApplied)
            .started(BooleanType.TRUE)
            .nextCallId(ctx.calls.nextCallId())
            .nextTimerSequence(ctx.timers.nextSequence())
            .probeTimerDeadlineNs(NO_TIMER)
            .probeTimerSequence(0)
            .health(ctx.health.health())
            .executionMode(ctx.executionMode)
            .roundHasPayloadId(BooleanType.FALSE)
            .roundPayloadId(0)
            .roundAwaitingBuilder(BooleanType.FALSE)
            .roundTaken(BooleanType.FALSE)
            .roundMaxFlashblocks(0);
        e.payloadIdsCount(0);
        e.fcuParamsCount(0);
        e.acceptedFlashblocksCount(0);
        e.pendingFlashblocksCount(0);
        e.putEngineConfig(configBuffer, 0, 0);
        ctx.commands.commitEngineSnapshot();
    }

    void writeTaken(final long snapshotId, final boolean started, final long eventsApplied)
    {
        final FlashblockRound round = ctx.flashblocks;
        final TimerQueue.Timer timer = probe.timer();
        final EngineSnapshotEncoder e = ctx.commands.beginEngineSnapshot();
        e.snapshotId(snapshotId)
            .status(SnapshotStatus.TAKEN)
            .nowNs(ctx.nowNs())
            .eventsApplied(eventsApplied)
            .started(bool(started))
            .nextCallId(ctx.calls.nextCallId())
            .nextTimerSequence(ctx.timers.nextSequence())
            .probeTimerDeadlineNs(null == timer ? NO_TIMER : timer.deadlineNs)
            .probeTimerSequence(null == timer ? 0 : timer.sequence)
            .health(ctx.health.health())
            .executionMode(ctx.executionMode)
            .roundHasPayloadId(bool(round.hasPayloadId()))
            .roundPayloadId(round.payloadId())
            .roundAwaitingBuilder(bool(round.awaitingBuilder()))
            .roundTaken(bool(round.taken()))
            .roundMaxFlashblocks(round.maxFlashblocks());

        writePayloadIds(e.payloadIdsCount(ctx.payloadIds.size()));
        writeFcuParams(e.fcuParamsCount(ctx.fcuParams.size()));
        final FlashblockList accepted = round.accepted();
        final EngineSnapshotEncoder.AcceptedFlashblocksEncoder acceptedEncoder =
            e.acceptedFlashblocksCount(accepted.size());
        for (int i = 0; i < accepted.size(); i++)
        {
            acceptedEncoder.next()
                .payloadId(accepted.payloadId(i))
                .index(accepted.index(i))
                .hasBase(bool(accepted.hasBase(i)))
                .putJson(accepted.buffer(), accepted.offset(i), accepted.length(i));
        }
        final FlashblockList pending = round.pending();
        final EngineSnapshotEncoder.PendingFlashblocksEncoder pendingEncoder =
            e.pendingFlashblocksCount(pending.size());
        for (int i = 0; i < pending.size(); i++)
        {
            pendingEncoder.next()
                .payloadId(pending.payloadId(i))
                .index(pending.index(i))
                .hasBase(bool(pending.hasBase(i)))
                .putJson(pending.buffer(), pending.offset(i), pending.length(i));
        }
        e.putEngineConfig(configBuffer, 0, configLength);
        ctx.commands.commitEngineSnapshot();
    }

    private void writePayloadIds(final EngineSnapshotEncoder.PayloadIdsEncoder encoder)
    {
        final PayloadIdMap map = ctx.payloadIds;
        for (int slot = map.oldestSlot(); -1 != slot; slot = map.nextNewerSlot(slot))
        {
            encoder.next()
                .l2PayloadId(map.l2PayloadId(slot))
                .builderPayloadId(map.builderPayloadId(slot))
                .hasBuilderId(bool(map.hasBuilderId(slot)))
                .putParentHash(map.parentHashes(), PayloadIdMap.parentHashOffset(slot), 32);
        }
    }

    private void writeFcuParams(final EngineSnapshotEncoder.FcuParamsEncoder encoder)
    {
        final FcuParamsCache cache = ctx.fcuParams;
        for (int slot = cache.oldestSlot(); -1 != slot; slot = cache.nextNewerSlot(slot))
        {
            final ByteSlot params = cache.params(slot);
            encoder.next().l2PayloadId(cache.l2PayloadId(slot)).putParams(params.buffer(), 0, params.length());
        }
    }

    /**
     * Applies a TAKEN snapshot to this (fresh) engine's context.
     *
     * @param d the snapshot, positioned after its root block.
     */
    void restore(final EngineSnapshotDecoder d)
    {
        ctx.clock.restore(d.nowNs());
        ctx.calls.restoreNextCallId(d.nextCallId());
        ctx.health.restore(d.health());
        ctx.executionMode = d.executionMode();
        if (NO_TIMER != d.probeTimerDeadlineNs())
        {
            probe.restoreTimer(d.probeTimerDeadlineNs(), d.probeTimerSequence(), d.nextTimerSequence());
        }
        else
        {
            ctx.timers.restoreNextSequence(d.nextTimerSequence());
        }

        final FlashblockRound round = ctx.flashblocks;
        round.restore(
            isTrue(d.roundHasPayloadId()), d.roundPayloadId(), isTrue(d.roundAwaitingBuilder()),
            isTrue(d.roundTaken()), d.roundMaxFlashblocks());

        final UnsafeBuffer hash = new UnsafeBuffer(new byte[32]);
        for (final EngineSnapshotDecoder.PayloadIdsDecoder entry : d.payloadIds())
        {
            entry.getParentHash(hash.byteArray(), 0, 32);
            ctx.payloadIds.put(
                entry.l2PayloadId(), isTrue(entry.hasBuilderId()), entry.builderPayloadId(), hash, 0);
        }
        final ExpandableArrayBuffer bytes = new ExpandableArrayBuffer(1024);
        for (final EngineSnapshotDecoder.FcuParamsDecoder entry : d.fcuParams())
        {
            final long l2PayloadId = entry.l2PayloadId();
            final int length = entry.getParams(bytes, 0, entry.paramsLength());
            ctx.fcuParams.put(l2PayloadId, bytes, 0, length);
        }
        for (final EngineSnapshotDecoder.AcceptedFlashblocksDecoder entry : d.acceptedFlashblocks())
        {
            final long payloadId = entry.payloadId();
            final long index = entry.index();
            final boolean hasBase = isTrue(entry.hasBase());
            final int length = entry.getJson(bytes, 0, entry.jsonLength());
            round.accepted().tryAdd(payloadId, index, hasBase, bytes, 0, length);
        }
        for (final EngineSnapshotDecoder.PendingFlashblocksDecoder entry : d.pendingFlashblocks())
        {
            final long payloadId = entry.payloadId();
            final long index = entry.index();
            final boolean hasBase = isTrue(entry.hasBase());
            final int length = entry.getJson(bytes, 0, entry.jsonLength());
            round.pending().tryAdd(payloadId, index, hasBase, bytes, 0, length);
        }
    }

    /**
     * Wraps a journaled {@code EngineSnapshot} (with its message header), refusing anything that cannot be restored.
     *
     * @return the decoder, positioned after the root block.
     * @throws IllegalArgumentException naming what is wrong with it.
     */
    static EngineSnapshotDecoder wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            throw new IllegalArgumentException("not an EngineSnapshot: " + length + " bytes");
        }
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, offset);
        if (MessageHeaderDecoder.SCHEMA_ID != header.schemaId() ||
            EngineSnapshotDecoder.TEMPLATE_ID != header.templateId())
        {
            throw new IllegalArgumentException(
                "not an EngineSnapshot: schema " + header.schemaId() + " template " + header.templateId());
        }
        final EngineSnapshotDecoder decoder = new EngineSnapshotDecoder().wrap(
            buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        if (SnapshotStatus.TAKEN != decoder.status())
        {
            throw new IllegalArgumentException(
                "snapshot " + decoder.snapshotId() + " was not taken (" + decoder.status() + ")");
        }
        return decoder;
    }

    /**
     * The configuration a snapshot carries; consumes the decoder (it must be wrapped again to restore).
     *
     * @param d the snapshot.
     * @return the configuration.
     */
    static SidecarConfig config(final EngineSnapshotDecoder d)
    {
        for (final EngineSnapshotDecoder.PayloadIdsDecoder ignored : d.payloadIds())
        {
            ignored.sbeSkip();
        }
        for (final EngineSnapshotDecoder.FcuParamsDecoder entry : d.fcuParams())
        {
            entry.skipParams();
        }
        for (final EngineSnapshotDecoder.AcceptedFlashblocksDecoder entry : d.acceptedFlashblocks())
        {
            entry.skipJson();
        }
        for (final EngineSnapshotDecoder.PendingFlashblocksDecoder entry : d.pendingFlashblocks())
        {
            entry.skipJson();
        }
        final int length = d.engineConfigLength();
        final ExpandableArrayBuffer bytes = new ExpandableArrayBuffer(Math.max(length, 64));
        d.getEngineConfig(bytes, 0, length);
        return SidecarConfig.decode(bytes, 0, length);
    }

    private static BooleanType bool(final boolean value)
    {
        return value ? BooleanType.TRUE : BooleanType.FALSE;
    }

    private static boolean isTrue(final BooleanType value)
    {
        return BooleanType.TRUE == value;
    }
}
