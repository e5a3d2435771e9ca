package io.boostj.core.sidecar;

import io.boostj.sbe.FlashblockVerdict;
import org.agrona.DirectBuffer;

/**
 * The flashblocks of the block being built (reference §3.4, upstream {@code FlashblocksService}): which builder payload
 * id is expected, which flashblocks extended it, and which wait for the builder's FCU answer.
 * <ul>
 *   <li>An FCU with attributes sent to the builder {@link #start(boolean, long) starts} a round with the payload id
 *       the builder is expected to assign, and holds flashblocks of other ids (up to
 *       {@link #MAX_PENDING_FLASHBLOCKS}) until the builder {@link #confirm(boolean, long) answers}; if it answers with
 *       a different id, the held flashblocks of that id are adopted in index order.</li>
 *   <li>A flashblock of the expected id extends the round when its index is the next one (0 carries the base, later
 *       ones never do); gaps and duplicates are refused and never published: no equivocation.</li>
 *   <li>An FCU without attributes leaves the round alone.</li>
 *   <li>getPayload {@link #take(long) takes} the round's flashblocks once.</li>
 * </ul>
 * Every flashblock gets a {@code FlashblockDecision} command saying what happened; published and adopted ones carry
 * their bytes for the subscribers.
 * <p>
 * Beyond upstream: an FCU answer that fails counts as "no id" (upstream keeps buffering until the next FCU), and
 * adoption skips a duplicate index instead of stopping at it.
 */
final class FlashblockRound
{
    /** Upstream's {@code MAX_PENDING_FLASHBLOCKS}. */
    static final int MAX_PENDING_FLASHBLOCKS = 1024;
    /** Most flashblocks one block may have. */
    static final int MAX_FLASHBLOCKS_PER_BLOCK = 1024;

    private final CommandProxy commands;
    private final FlashblockList accepted = new FlashblockList(MAX_FLASHBLOCKS_PER_BLOCK);
    private final FlashblockList pending = new FlashblockList(MAX_PENDING_FLASHBLOCKS);
    private final FlashblockList adopted = new FlashblockList(MAX_PENDING_FLASHBLOCKS);
    private boolean hasPayloadId;
    private long payloadId;
    private boolean awaitingBuilder;
    private boolean taken;
    private int maxFlashblocks;

    FlashblockRound(final CommandProxy commands)
    {
        this.commands = commands;
    }

    /**
     * An FCU with attributes is on its way to the builder.
     *
     * @param hasExpectedId     whether the builder's id could be computed from the attributes.
     * @param expectedPayloadId the id the builder is expected to assign.
     */
    void start(final boolean hasExpectedId, final long expectedPayloadId)
    {
        hasPayloadId = hasExpectedId;
        payloadId = hasExpectedId ? expectedPayloadId : 0;
        awaitingBuilder = true;
        taken = false;
        pending.clear();
        accepted.clear();
    }

    /**
     * The builder answered the FCU.
     *
     * @param builderHasId     whether the answer carried a payload id (false for an error).
     * @param builderPayloadId that id.
     */
    void confirm(final boolean builderHasId, final long builderPayloadId)
    {
        if (!awaitingBuilder)
        {
            return;
        }
        awaitingBuilder = false;
        if (!builderHasId || (hasPayloadId && builderPayloadId == payloadId))
        {
            pending.clear();
            return;
        }

        hasPayloadId = true;
        payloadId = builderPayloadId;
        accepted.clear();
        pending.takeSorted(builderPayloadId, adopted);
        final DirectBuffer arena = adopted.buffer();
        for (int i = 0; i < adopted.size(); i++)
        {
            final long index = adopted.index(i);
            final int offset = adopted.offset(i);
            final int length = adopted.length(i);
            final FlashblockVerdict verdict = extend(index, adopted.hasBase(i), arena, offset, length);
            if (FlashblockVerdict.PUBLISHED == verdict)
            {
                commands.flashblockDecision(
                    builderPayloadId, index, FlashblockVerdict.ADOPTED, payloadId, arena, offset, length);
            }
            else
            {
                commands.flashblockDecision(builderPayloadId, index, verdict, payloadId, arena, 0, 0);
            }
        }
        adopted.clear();
    }

    /**
     * One well-formed flashblock from the builder.
     */
    void onFlashblock(
        final long fbPayloadId,
        final long index,
        final boolean hasBase,
        final DirectBuffer json,
        final int jsonOffset,
        final int jsonLength)
    {
        final FlashblockVerdict verdict;
        if (!hasPayloadId && !awaitingBuilder)
        {
            verdict = FlashblockVerdict.NO_ROUND;
        }
        else if (!hasPayloadId || fbPayloadId != payloadId)
        {
            if (!awaitingBuilder)
            {
                verdict = FlashblockVerdict.PAYLOAD_ID_MISMATCH;
            }
            else if (pending.tryAdd(fbPayloadId, index, hasBase, json, jsonOffset, jsonLength))
            {
                verdict = FlashblockVerdict.BUFFERED;
            }
            else
            {
                verdict = FlashblockVerdict.BUFFER_FULL;
            }
        }
        else
        {
            verdict = extend(index, hasBase, json, jsonOffset, jsonLength);
        }

        final int publishLength = FlashblockVerdict.PUBLISHED == verdict ? jsonLength : 0;
        commands.flashblockDecision(
            fbPayloadId, index, verdict, hasPayloadId ? payloadId : 0, json, jsonOffset, publishLength);
    }

    private FlashblockVerdict extend(
        final long index, final boolean hasBase, final DirectBuffer json, final int offset, final int length)
    {
        if (taken)
        {
            return FlashblockVerdict.SEALED;
        }
        if (index != accepted.size())
        {
            return FlashblockVerdict.INVALID_INDEX;
        }
        if (0 == index && !hasBase)
        {
            return FlashblockVerdict.MISSING_BASE;
        }
        if (0 != index && hasBase)
        {
            return FlashblockVerdict.UNEXPECTED_BASE;
        }
        if (!accepted.tryAdd(payloadId, index, hasBase, json, offset, length))
        {
            return FlashblockVerdict.ROUND_FULL;
        }
        maxFlashblocks = Math.max(maxFlashblocks, accepted.size());
        return FlashblockVerdict.PUBLISHED;
    }

    /**
     * getPayload for this builder id: the flashblocks to assemble, at most once per round.
     *
     * @param builderPayloadId the builder's id for the block asked for.
     * @return the accepted flashblocks in index order (index 0 first), valid until the next round starts, or null if
     * the round is not for this id or was taken already; an empty list if nothing was accepted. Once taken, the
     * round is sealed: later flashblocks of this id are refused ({@code SEALED}), never published.
     */
    FlashblockList take(final long builderPayloadId)
    {
        if (!hasPayloadId || builderPayloadId != payloadId || taken)
        {
            return null;
        }
        taken = true;
        return accepted;
    }

    FlashblockList accepted()
    {
        return accepted;
    }

    FlashblockList pending()
    {
        return pending;
    }

    boolean taken()
    {
        return taken;
    }

    /** The round as a snapshot left it; the flashblock lists are filled by the caller through {@link #accepted()}. */
    void restore(
        final boolean hasPayloadId,
        final long payloadId,
        final boolean awaitingBuilder,
        final boolean taken,
        final int maxFlashblocks)
    {
        this.hasPayloadId = hasPayloadId;
        this.payloadId = payloadId;
        this.awaitingBuilder = awaitingBuilder;
        this.taken = taken;
        this.maxFlashblocks = maxFlashblocks;
        accepted.clear();
        pending.clear();
    }

    int maxFlashblocks()
    {
        return maxFlashblocks;
    }

    int pendingCount()
    {
        return pending.size();
    }

    int acceptedCount()
    {
        return accepted.size();
    }

    boolean awaitingBuilder()
    {
        return awaitingBuilder;
    }

    long payloadId()
    {
        return payloadId;
    }

    boolean hasPayloadId()
    {
        return hasPayloadId;
    }
}
