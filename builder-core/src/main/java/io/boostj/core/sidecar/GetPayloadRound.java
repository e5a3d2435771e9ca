package io.boostj.core.sidecar;

import io.boostj.sbe.DecisionReason;
import io.boostj.sbe.EngineMethod;

/**
 * One getPayload in flight: the L2 leg (L2's getPayload) and the builder leg (translate the id, builder getPayload,
 * then L2 newPayload to validate, or the external-state-root rebuild) run in parallel; the round ends when both are
 * done, or at the deadline with L2's payload in hand.
 */
final class GetPayloadRound extends PendingRequest
{
    /** The builder leg is not running (done, skipped, or never started). */
    static final int BUILDER_IDLE = 0;
    /** Waiting for the builder's getPayload. */
    static final int BUILDER_GET_PAYLOAD = 1;
    /** Waiting for L2's newPayload of the builder's block. */
    static final int BUILDER_VALIDATE = 2;
    /** External state root: waiting for L2's FCU with the builder's transactions. */
    static final int BUILDER_ESR_FCU = 3;
    /** External state root: waiting for L2's getPayload of the rebuilt block. */
    static final int BUILDER_ESR_GET_PAYLOAD = 4;

    EngineMethod method;
    long l2PayloadId;
    boolean hasBuilderPayloadId;
    long builderPayloadId;
    boolean disabled;
    boolean fromFlashblocks;

    boolean l2Done;
    long l2CallId;
    final LegOutcome l2 = new LegOutcome(16 * 1024);
    final PayloadSummary l2Summary = new PayloadSummary();

    int builderStage;
    boolean builderDone;
    long builderCallId;
    boolean builderPayloadPresent;
    boolean builderApiFailed;
    DecisionReason builderReason;
    final ByteSlot builderBody = new ByteSlot(16 * 1024);
    final PayloadSummary builderSummary = new PayloadSummary();

    TimerQueue.Timer deadlineTimer;
    boolean deadlinePassed;

    void reset()
    {
        method = null;
        l2PayloadId = 0;
        hasBuilderPayloadId = false;
        builderPayloadId = 0;
        disabled = false;
        fromFlashblocks = false;
        l2Done = false;
        l2CallId = 0;
        l2.clear();
        l2Summary.clear();
        builderStage = BUILDER_IDLE;
        builderDone = false;
        builderCallId = 0;
        builderPayloadPresent = false;
        builderApiFailed = false;
        builderReason = null;
        builderBody.clear();
        builderSummary.clear();
        deadlineTimer = null;
        deadlinePassed = false;
    }

    /**
     * Ends the builder leg.
     *
     * @param payloadPresent whether a usable builder payload is in {@link #builderBody}.
     * @param apiFailed      upstream's {@code builder_api_failed}: health becomes 206.
     * @param reason         why, if the payload is not used.
     */
    void builderLegDone(final boolean payloadPresent, final boolean apiFailed, final DecisionReason reason)
    {
        builderStage = BUILDER_IDLE;
        builderCallId = 0;
        builderDone = true;
        builderPayloadPresent = payloadPresent;
        builderApiFailed = apiFailed;
        builderReason = reason;
    }
}
