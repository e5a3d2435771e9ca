package io.boostj.core.sidecar;

import io.boostj.codecs.eth.PayloadBlockHasher;
import io.boostj.codecs.flashblocks.FlashblockAssembler;
import io.boostj.codecs.json.JsonException;
import io.boostj.codecs.json.JsonScanner;
import io.boostj.sbe.HashCheckOutcome;
import io.boostj.codecs.flashblocks.PayloadEnvelopeVersion;
import io.boostj.core.json.JsonRpcBodyWriter;
import io.boostj.sbe.AssemblyOutcome;
import io.boostj.sbe.BlockDecisionEncoder;
import io.boostj.sbe.DecisionReason;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.ExecutionModeCode;
import io.boostj.sbe.GetPayloadRequestDecoder;
import io.boostj.sbe.HealthCause;
import io.boostj.sbe.HealthCode;
import io.boostj.sbe.PayloadSource;
import io.boostj.sbe.PayloadStatus;
import io.boostj.sbe.Target;
import io.boostj.sbe.UpstreamReplyDecoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * {@code engine_getPayloadV3/V4/V5} (reference §1.4). L2's getPayload and the builder leg run in parallel:
 * <pre>
 *   builder leg: L2 id --map--&gt; builder id (none: builder_api_failed)
 *                -&gt; builder getPayload(builder id)        (error/timeout: builder_api_failed)
 *                -&gt; L2 newPayload(builder block)         (anything but VALID: builder_api_failed)
 *             or -&gt; external state root: L2 FCU(attrs with the builder's txs, noTxPool) -&gt; L2 getPayload
 * </pre>
 * When both are done: L2 failed gives an error and 503; otherwise health is 206 if the builder API failed, else
 * 200, and the builder block is returned when present, unless dry-run or the gas-used policy picks L2's. Disabled
 * mode calls L2 only (health from L2 alone). With {@code getPayloadDeadlineMs} the round ends early, with L2's
 * payload and 206, once the deadline passes with L2's payload in hand. Every answer emits a {@code BlockDecision}.
 * <p>
 * With flashblocks (reference §3.4), the builder leg first tries the round's flashblocks for the builder id: when
 * they assemble into a block, that block is validated as if the builder had returned it, and a finalising
 * getPayload is sent to the builder without waiting for it (the builder keeps its executed block cached for it);
 * otherwise the builder's own getPayload is asked for, as without flashblocks. Either way a {@code FlashblockAssembly}
 * says what happened.
 */
final class GetPayloadHandler implements CallOwner, TimerQueue.Handler
{
    private static final int LEG_L2 = 0;
    private static final int PAYLOAD_ID_LENGTH = 8;
    private static final int HASH_LENGTH = 32;
    private static final byte[] EMPTY_ARRAY = JsonRpcBodyWriter.ascii("[]");
    private static final byte[] EMPTY_VERSIONED_HASHES = JsonRpcBodyWriter.ascii(",[],");

    private final EngineContext ctx;
    private final ObjectPool<GetPayloadRound> pool = new ObjectPool<>(GetPayloadRound::new, 2);
    private final ExternalStateRootRequest externalStateRoot = new ExternalStateRootRequest();
    private final FlashblockAssembler assembler = new FlashblockAssembler();
    private final UnsafeBuffer assembledFields = new UnsafeBuffer(new byte[3 * HASH_LENGTH]);
    private final PayloadBlockHasher hasher = new PayloadBlockHasher();
    private final JsonScanner envelopeScanner = new JsonScanner();
    private final UnsafeBuffer checkedHashes = new UnsafeBuffer(new byte[2 * HASH_LENGTH]);
    private static final byte[] NO_DETAIL = new byte[0];

    GetPayloadHandler(final EngineContext ctx)
    {
        this.ctx = ctx;
    }

    void onRequest(final GetPayloadRequestDecoder decoder)
    {
        final DirectBuffer buffer = decoder.buffer();
        final long requestId = decoder.requestId();
        final EngineMethod method = versionOf(decoder.methodRaw());
        final long l2PayloadId = buffer.getLong(
            decoder.offset() + GetPayloadRequestDecoder.payloadIdEncodingOffset(), ByteOrder.BIG_ENDIAN);
        final int rpcIdOffset = decoder.limit() + GetPayloadRequestDecoder.rpcIdHeaderLength();
        final int rpcIdLength = decoder.skipRpcId();
        final int paramsOffset = decoder.limit() + GetPayloadRequestDecoder.rawParamsHeaderLength();
        final int paramsLength = decoder.skipRawParams();

        final GetPayloadRound round = pool.acquire();
        round.reset();
        round.start(requestId, decoder.recvTimeNs(), buffer, rpcIdOffset, rpcIdLength);
        round.recvTimeNs = ctx.nowNs();
        round.method = method;
        round.l2PayloadId = l2PayloadId;

        final JsonRpcBodyWriter l2Call = ctx.calls.begin(Target.L2, method, ctx.config.l2TimeoutMs(), false, requestId);
        if (0 == paramsLength)
        {
            l2Call.raw((byte)'[').quotedHex(l2PayloadId).raw((byte)']');
        }
        else
        {
            l2Call.raw(buffer, paramsOffset, paramsLength);
        }
        round.l2CallId = ctx.calls.commit(this, round, LEG_L2);

        if (ctx.isDisabled())
        {
            round.disabled = true;
            round.builderLegDone(false, false, DecisionReason.MODE_DISABLED);
            return;
        }

        final int slot = ctx.payloadIds.find(l2PayloadId);
        if (slot < 0 || !ctx.payloadIds.hasBuilderId(slot))
        {
            round.builderLegDone(
                false,
                true,
                ctx.skipUnhealthyBuilder() ? DecisionReason.UNHEALTHY_BUILDER_SKIPPED : DecisionReason.NO_BUILDER_PAYLOAD_ID);
            return;
        }

        round.hasBuilderPayloadId = true;
        round.builderPayloadId = ctx.payloadIds.builderPayloadId(slot);
        if (!ctx.config.flashblocks() || !tryFlashblocks(round))
        {
            ctx.calls.begin(Target.BUILDER, method, ctx.config.builderTimeoutMs(), false, requestId)
                .raw((byte)'[').quotedHex(round.builderPayloadId).raw((byte)']');
            round.builderStage = GetPayloadRound.BUILDER_GET_PAYLOAD;
            round.builderCallId = ctx.calls.commit(this, round, GetPayloadRound.BUILDER_GET_PAYLOAD);
        }

        final int deadlineMs = ctx.config.getPayloadDeadlineMs();
        if (deadlineMs > 0)
        {
            round.deadlineTimer = ctx.timers.schedule(
                round.recvTimeNs + deadlineMs * EngineContext.NANOS_PER_MILLI, this, round, requestId);
        }
    }

    /**
     * Upstream {@code get_best_payload}: the round's flashblocks for this builder id, assembled into the envelope the
     * method asks for, then validated like a builder block.
     *
     * @return true if the builder leg now validates an assembled block; false to ask the builder for its payload.
     */
    private boolean tryFlashblocks(final GetPayloadRound round)
    {
        final FlashblockList flashblocks = ctx.flashblocks.take(round.builderPayloadId);
        AssemblyOutcome outcome = AssemblyOutcome.ASSEMBLED;
        int envelopeLength = 0;
        if (null == flashblocks)
        {
            outcome = AssemblyOutcome.MISSING_PAYLOAD;
        }
        else if (0 == flashblocks.size())
        {
            outcome = AssemblyOutcome.MISSING_BASE;
        }
        else
        {
            assembler.reset(round.builderPayloadId);
            for (int i = 0; i < flashblocks.size(); i++)
            {
                final int code = assembler.tryAppend(flashblocks.buffer(), flashblocks.offset(i), flashblocks.length(i));
                if (FlashblockAssembler.OK != code)
                {
                    outcome = AssemblyOutcome.FAILED;
                    break;
                }
            }
            if (AssemblyOutcome.ASSEMBLED == outcome)
            {
                envelopeLength = assembler.tryWriteEnvelope(envelopeVersion(round.method),
                    round.builderBody.mutableBuffer(), 0);
                if (envelopeLength < 0)
                {
                    outcome = AssemblyOutcome.FAILED;
                }
            }
        }

        final boolean assembled = AssemblyOutcome.ASSEMBLED == outcome;
        if (assembled)
        {
            assembler.getBlockHash(assembledFields, 0);
            assembler.getStateRoot(assembledFields, HASH_LENGTH);
            assembler.getParentBeaconBlockRoot(assembledFields, 2 * HASH_LENGTH);
        }
        ctx.commands.flashblockAssembly(
            round.requestId,
            round.builderPayloadId,
            outcome,
            assembled ? assembler.count() : 0,
            ctx.flashblocks.maxFlashblocks(),
            assembled ? assembler.txCount() : 0,
            assembled ? assembler.blockNumber() : 0,
            assembled ? assembledFields : null,
            0);
        if (!assembled)
        {
            return false;
        }

        round.builderBody.length(envelopeLength);
        round.builderSummary.capture(assembledFields, 0, HASH_LENGTH, assembler.blockNumber(), assembler.gasUsed(),
            assembler.txCount(), EngineMethod.GET_PAYLOAD_V3 != round.method);
        round.fromFlashblocks = true;

        ctx.calls.begin(Target.BUILDER, round.method, ctx.config.builderTimeoutMs(), true, round.requestId)
            .raw((byte)'[').quotedHex(round.builderPayloadId).raw((byte)']');
        ctx.calls.commitFireAndForget();

        validate(
            round,
            round.builderBody.buffer(),
            assembler.executionPayloadOffset(),
            assembler.executionPayloadLength(),
            assembledFields,
            2 * HASH_LENGTH,
            0,
            0);
        return true;
    }

    private static PayloadEnvelopeVersion envelopeVersion(final EngineMethod method)
    {
        if (EngineMethod.GET_PAYLOAD_V4 == method)
        {
            return PayloadEnvelopeVersion.V4;
        }
        if (EngineMethod.GET_PAYLOAD_V5 == method)
        {
            return PayloadEnvelopeVersion.V5;
        }
        return PayloadEnvelopeVersion.V3;
    }

    /**
     * {@inheritDoc}
     */
    public void onCallComplete(final Object context, final int leg, final long callId, final UpstreamReplyView reply)
    {
        final GetPayloadRound round = (GetPayloadRound)context;
        switch (leg)
        {
            case LEG_L2:
                round.l2CallId = 0;
                round.l2Done = true;
                round.l2.capture(reply, ctx.scratchWriter);
                if (round.l2.ok)
                {
                    round.l2Summary.capture(reply);
                }
                break;

            case GetPayloadRound.BUILDER_GET_PAYLOAD:
                onBuilderPayload(round, reply);
                break;

            case GetPayloadRound.BUILDER_VALIDATE:
                onValidation(round, reply);
                break;

            case GetPayloadRound.BUILDER_ESR_FCU:
                onExternalStateRootFcu(round, reply);
                break;

            case GetPayloadRound.BUILDER_ESR_GET_PAYLOAD:
                if (reply.isOk())
                {
                    round.builderBody.copy(reply.buffer(), reply.resultOffset(), reply.resultLength());
                    round.builderSummary.capture(reply);
                    round.builderLegDone(true, false, DecisionReason.BUILDER_VALID);
                }
                else
                {
                    round.builderLegDone(false, false, DecisionReason.VALIDATION_FAILED);
                }
                break;

            default:
                throw new IllegalStateException("unknown getPayload leg " + leg);
        }

        if (round.l2Done && (round.builderDone || round.deadlinePassed))
        {
            finish(round);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onTimer(final Object context, final long requestId)
    {
        final GetPayloadRound round = (GetPayloadRound)context;
        round.deadlineTimer = null;
        round.deadlinePassed = true;
        if (round.l2Done && !round.builderDone)
        {
            finish(round);
        }
    }

    private void onBuilderPayload(final GetPayloadRound round, final UpstreamReplyView reply)
    {
        round.builderCallId = 0;
        if (!reply.isOk() || 0 == reply.executionPayloadLength())
        {
            round.builderLegDone(
                false, true, reply.timedOut() ? DecisionReason.BUILDER_TIMEOUT : DecisionReason.BUILDER_CALL_FAILED);
            return;
        }

        round.builderBody.copy(reply.buffer(), reply.resultOffset(), reply.resultLength());
        round.builderSummary.capture(reply);

        if (ctx.config.externalStateRoot())
        {
            startExternalStateRoot(round, reply);
            return;
        }

        final DirectBuffer buffer = reply.buffer();
        validate(
            round,
            buffer,
            reply.executionPayloadOffset(),
            reply.executionPayloadLength(),
            buffer,
            reply.fieldOffset(UpstreamReplyDecoder.parentBeaconBlockRootEncodingOffset()),
            reply.executionRequestsOffset(),
            reply.executionRequestsLength());
    }

    /**
     * Sends the builder's block to L2's newPayload (reference §2.5: no versioned hashes, the envelope's parent beacon
     * block root, and for V4 its execution requests or {@code []}).
     *
     * @param buffer                holding the payload and the execution requests.
     * @param payloadOffset         where the executionPayload object starts.
     * @param payloadLength         its length.
     * @param beaconRoot            holding the 32 raw bytes of the parent beacon block root.
     * @param beaconRootOffset      where they are.
     * @param executionRequestsOffset where the raw JSON array of execution requests starts.
     * @param executionRequestsLength its length, 0 for none.
     */
    private void validate(
        final GetPayloadRound round,
        final DirectBuffer buffer,
        final int payloadOffset,
        final int payloadLength,
        final DirectBuffer beaconRoot,
        final int beaconRootOffset,
        final int executionRequestsOffset,
        final int executionRequestsLength)
    {
        if (ctx.config.blockHashCheck() && provablyWrongHash(round))
        {
            round.builderLegDone(false, true, DecisionReason.BUILDER_HASH_MISMATCH);
            return;
        }
        final EngineMethod newPayload = EngineMethods.newPayloadFor(round.method);
        final JsonRpcBodyWriter w = ctx.calls.begin(
            Target.L2, newPayload, ctx.config.l2TimeoutMs(), false, round.requestId);
        w.raw((byte)'[')
            .raw(buffer, payloadOffset, payloadLength)
            .raw(EMPTY_VERSIONED_HASHES)
            .quotedHex(beaconRoot, beaconRootOffset, HASH_LENGTH);
        if (EngineMethod.NEW_PAYLOAD_V4 == newPayload)
        {
            w.raw((byte)',');
            if (executionRequestsLength > 0)
            {
                w.raw(buffer, executionRequestsOffset, executionRequestsLength);
            }
            else
            {
                w.raw(EMPTY_ARRAY);
            }
        }
        w.raw((byte)']');
        round.builderStage = GetPayloadRound.BUILDER_VALIDATE;
        round.builderCallId = ctx.calls.commit(this, round, GetPayloadRound.BUILDER_VALIDATE);
    }

    /**
     * Beyond upstream: recomputes the builder block's hash from its contents (header by fork, transaction and
     * withdrawal roots) before an L2 round trip is spent on it. Only a computed hash that differs from the claimed one
     * refuses the block; a block the hasher cannot judge (unknown fork or field, malformed) goes on to L2 as before.
     *
     * @return true if the block must be refused.
     */
    private boolean provablyWrongHash(final GetPayloadRound round)
    {
        final ByteSlot body = round.builderBody;
        int result;
        try
        {
            envelopeScanner.wrap(body.buffer(), 0, body.length());
            final int payloadPos = envelopeScanner.member(0, "executionPayload");
            final int beaconRootPos = envelopeScanner.member(0, "parentBeaconBlockRoot");
            final int requestsPos = envelopeScanner.member(0, "executionRequests");
            result = payloadPos < 0 ? PayloadBlockHasher.MISSING_FIELD : hasher.verify(
                envelopeScanner, payloadPos, beaconRootPos, requestsPos < 0 || envelopeScanner.isNull(requestsPos) ?
                -1 : requestsPos);
        }
        catch (final JsonException ex)
        {
            result = PayloadBlockHasher.MALFORMED;
        }

        final HashCheckOutcome outcome;
        if (PayloadBlockHasher.MATCH == result)
        {
            outcome = HashCheckOutcome.MATCH;
        }
        else if (PayloadBlockHasher.MISMATCH == result)
        {
            outcome = HashCheckOutcome.MISMATCH;
        }
        else
        {
            outcome = HashCheckOutcome.CANNOT_JUDGE;
        }
        checkedHashes.putBytes(0, round.builderSummary.hashes, PayloadSummary.blockHashOffset(), HASH_LENGTH);
        if (PayloadBlockHasher.isJudged(result))
        {
            checkedHashes.putBytes(HASH_LENGTH, hasher.computedHash(), 0, HASH_LENGTH);
        }
        else
        {
            checkedHashes.setMemory(HASH_LENGTH, HASH_LENGTH, (byte)0);
        }
        final String reason = HashCheckOutcome.CANNOT_JUDGE == outcome ? hasher.reason() : null;
        ctx.commands.blockHashCheck(
            round.requestId,
            outcome,
            round.builderSummary.blockNumber,
            checkedHashes,
            0,
            HASH_LENGTH,
            null == reason ? NO_DETAIL : reason.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return HashCheckOutcome.MISMATCH == outcome;
    }

    /**
     * Upstream (#492): only an explicit VALID accepts the builder's block.
     */
    private void onValidation(final GetPayloadRound round, final UpstreamReplyView reply)
    {
        round.builderCallId = 0;
        if (!reply.isResult())
        {
            round.builderLegDone(false, true, DecisionReason.VALIDATION_FAILED);
            return;
        }

        final short status = reply.payloadStatusRaw();
        if (PayloadStatus.VALID.value() == status)
        {
            round.builderLegDone(true, false, DecisionReason.BUILDER_VALID);
        }
        else if (PayloadStatus.INVALID.value() == status || PayloadStatus.INVALID_BLOCK_HASH.value() == status)
        {
            round.builderLegDone(false, true, DecisionReason.BUILDER_INVALID);
        }
        else
        {
            round.builderLegDone(false, true, DecisionReason.BUILDER_NOT_VALID_STATUS);
        }
    }

    /**
     * Reference §1.7: no cached FCU means no builder payload but no API failure (health stays 200).
     */
    private void startExternalStateRoot(final GetPayloadRound round, final UpstreamReplyView reply)
    {
        final int slot = ctx.fcuParams.find(round.l2PayloadId);
        if (slot < 0)
        {
            round.builderLegDone(false, false, DecisionReason.VALIDATION_FAILED);
            return;
        }

        final ByteSlot params = ctx.fcuParams.params(slot);
        final boolean prepared = externalStateRoot.prepare(
            params.buffer(), 0, params.length(),
            reply.buffer(), reply.executionPayloadOffset(), reply.executionPayloadLength());
        if (!prepared)
        {
            ctx.fcuParams.remove(slot);
            round.builderLegDone(false, true, DecisionReason.VALIDATION_FAILED);
            return;
        }

        final JsonRpcBodyWriter w = ctx.calls.begin(
            Target.L2, EngineMethod.FORKCHOICE_UPDATED_V3, ctx.config.l2TimeoutMs(), false, round.requestId);
        externalStateRoot.write(w);
        ctx.fcuParams.remove(slot);
        round.builderStage = GetPayloadRound.BUILDER_ESR_FCU;
        round.builderCallId = ctx.calls.commit(this, round, GetPayloadRound.BUILDER_ESR_FCU);
    }

    private void onExternalStateRootFcu(final GetPayloadRound round, final UpstreamReplyView reply)
    {
        round.builderCallId = 0;
        if (!reply.isOk())
        {
            round.builderLegDone(false, true, DecisionReason.VALIDATION_FAILED);
            return;
        }
        if (!reply.hasPayloadId())
        {
            round.builderLegDone(false, false, DecisionReason.VALIDATION_FAILED);
            return;
        }

        ctx.calls.begin(Target.L2, round.method, ctx.config.l2TimeoutMs(), false, round.requestId)
            .raw((byte)'[').quotedHex(reply.payloadId()).raw((byte)']');
        round.builderStage = GetPayloadRound.BUILDER_ESR_GET_PAYLOAD;
        round.builderCallId = ctx.calls.commit(this, round, GetPayloadRound.BUILDER_ESR_GET_PAYLOAD);
    }

    private void finish(final GetPayloadRound round)
    {
        if (0 != round.l2CallId)
        {
            ctx.calls.cancel(round.l2CallId);
            round.l2CallId = 0;
        }
        if (0 != round.builderCallId)
        {
            ctx.calls.cancel(round.builderCallId);
            round.builderCallId = 0;
        }
        ctx.timers.cancel(round.deadlineTimer);
        round.deadlineTimer = null;

        if (!round.l2.ok)
        {
            ctx.health.set(HealthCode.SERVICE_UNAVAILABLE, HealthCause.REQUEST_PATH);
            decision(round, PayloadSource.L2, DecisionReason.L2_FAILED, round.l2Summary);
            ctx.replies.outcome(round, round.l2);
            pool.release(round);
            return;
        }

        PayloadSource source = PayloadSource.L2;
        final DecisionReason reason;
        if (round.disabled)
        {
            ctx.health.set(HealthCode.HEALTHY, HealthCause.REQUEST_PATH);
            reason = DecisionReason.MODE_DISABLED;
        }
        else if (!round.builderDone)
        {
            ctx.health.set(HealthCode.PARTIAL_CONTENT, HealthCause.REQUEST_PATH);
            reason = DecisionReason.DEADLINE;
        }
        else
        {
            ctx.health.set(
                round.builderApiFailed ? HealthCode.PARTIAL_CONTENT : HealthCode.HEALTHY, HealthCause.REQUEST_PATH);
            if (!round.builderPayloadPresent)
            {
                reason = round.builderReason;
            }
            else if (ExecutionModeCode.DRY_RUN == ctx.executionMode)
            {
                reason = DecisionReason.DRY_RUN;
            }
            else if (ctx.config.selectionPolicyGasUsed() &&
                gasUsedPolicyPrefersL2(round.builderSummary.gasUsed, round.l2Summary.gasUsed))
            {
                reason = DecisionReason.SELECTION_POLICY;
            }
            else
            {
                source = PayloadSource.BUILDER;
                reason = DecisionReason.BUILDER_VALID;
            }
        }

        final boolean fromBuilder = PayloadSource.BUILDER == source;
        final PayloadSummary selected = fromBuilder ? round.builderSummary : round.l2Summary;
        decision(round, source, reason, selected);

        final boolean v3 = EngineMethod.GET_PAYLOAD_V3 == round.method;
        if (v3 && selected.hasExecutionRequests)
        {
            ctx.replies.error(round, ReplyErrors.INVALID_REQUEST, ReplyErrors.PAYLOAD_V4_NOT_SUPPORTED);
        }
        else if (!v3 && !selected.hasExecutionRequests)
        {
            ctx.replies.error(round, ReplyErrors.INVALID_REQUEST, ReplyErrors.PAYLOAD_V3_NOT_SUPPORTED);
        }
        else
        {
            final ByteSlot body = fromBuilder ? round.builderBody : round.l2.body;
            ctx.replies.result(round, body.buffer(), 0, body.length());
        }
        pool.release(round);
    }

    /**
     * Upstream {@code BlockSelectionPolicy::GasUsed}: {@code builder < 0.1 * l2} picks L2, in exact integer form.
     */
    static boolean gasUsedPolicyPrefersL2(final long builderGasUsed, final long l2GasUsed)
    {
        if (Long.compareUnsigned(builderGasUsed, Long.divideUnsigned(-1L, 10)) > 0)
        {
            return false;
        }
        return Long.compareUnsigned(builderGasUsed * 10, l2GasUsed) < 0;
    }

    private void decision(
        final GetPayloadRound round,
        final PayloadSource source,
        final DecisionReason reason,
        final PayloadSummary selected)
    {
        final BlockDecisionEncoder encoder = ctx.commands.beginBlockDecision();
        final MutableDirectBuffer buffer = encoder.buffer();
        final int offset = encoder.offset();
        encoder.requestId(round.requestId);
        buffer.putLong(
            offset + BlockDecisionEncoder.payloadIdEncodingOffset(), round.l2PayloadId, ByteOrder.BIG_ENDIAN);
        buffer.putLong(
            offset + BlockDecisionEncoder.builderPayloadIdEncodingOffset(),
            round.hasBuilderPayloadId ? round.builderPayloadId : 0,
            ByteOrder.BIG_ENDIAN);
        encoder.source(source)
            .reason(reason)
            .blockNumber(selected.blockNumber)
            .putBlockHash(selected.hashes, PayloadSummary.blockHashOffset(), HASH_LENGTH)
            .putStateRoot(selected.hashes, PayloadSummary.stateRootOffset(), HASH_LENGTH)
            .l2GasUsed(round.l2Summary.gasUsed)
            .builderGasUsed(round.builderSummary.gasUsed)
            .l2TxCount(round.l2Summary.txCount)
            .builderTxCount(round.builderSummary.txCount)
            .elapsedNs(ctx.nowNs() - round.recvTimeNs);
        ctx.commands.commitBlockDecision();
    }

    private static EngineMethod versionOf(final short methodRaw)
    {
        if (EngineMethod.GET_PAYLOAD_V4.value() == methodRaw)
        {
            return EngineMethod.GET_PAYLOAD_V4;
        }
        if (EngineMethod.GET_PAYLOAD_V5.value() == methodRaw)
        {
            return EngineMethod.GET_PAYLOAD_V5;
        }
        return EngineMethod.GET_PAYLOAD_V3;
    }

    int inFlight()
    {
        return pool.inUse();
    }
}
