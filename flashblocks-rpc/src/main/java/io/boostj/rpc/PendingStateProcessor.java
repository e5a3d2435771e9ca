package io.boostj.rpc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The single writer of pending state: applies flashblocks by node-reth's sequence rules and reconciles with canonical
 * blocks; publishes an immutable {@link PendingState} that any thread may read. Call {@link #apply} and
 * {@link #onCanonicalBlock} from one thread only.
 */
public final class PendingStateProcessor
{
    private static final Logger LOG = LoggerFactory.getLogger(PendingStateProcessor.class);

    private final int maxPendingBlocksDepth;
    private final List<PendingStateListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<SequenceRule, AtomicLong> sequenceCounts = new EnumMap<>(SequenceRule.class);
    private final Map<Reconciliation, AtomicLong> reconcileCounts = new EnumMap<>(Reconciliation.class);
    private final AtomicLong staleFlashblocks = new AtomicLong();
    private final AtomicLong inconsistentFlashblocks = new AtomicLong();
    private volatile PendingState state = PendingState.EMPTY;
    private volatile long canonicalNumber = -1;
    private long sequence;
    private boolean hasLatest;
    private long latestBlock;
    private long latestIndex;

    /**
     * @param maxPendingBlocksDepth {@code --max-pending-blocks-depth}.
     */
    public PendingStateProcessor(final int maxPendingBlocksDepth)
    {
        this.maxPendingBlocksDepth = maxPendingBlocksDepth;
        for (final SequenceRule r : SequenceRule.values())
        {
            sequenceCounts.put(r, new AtomicLong());
        }
        for (final Reconciliation r : Reconciliation.values())
        {
            reconcileCounts.put(r, new AtomicLong());
        }
    }

    /** @param listener told of every change from now on. */
    public void addListener(final PendingStateListener listener)
    {
        listeners.add(listener);
    }

    /** @return the state published last; safe from any thread. */
    public PendingState state()
    {
        return state;
    }

    /** @return the newest canonical block number seen, -1 before the first. */
    public long canonicalNumber()
    {
        return canonicalNumber;
    }

    /**
     * @param rule a sequence rule.
     * @return how many flashblocks it classified.
     */
    public long count(final SequenceRule rule)
    {
        return sequenceCounts.get(rule).get();
    }

    /**
     * @param r a reconciliation outcome.
     * @return how many canonical blocks had it.
     */
    public long count(final Reconciliation r)
    {
        return reconcileCounts.get(r).get();
    }

    /** @return flashblocks ignored because their block is already canonical. */
    public long staleFlashblocks()
    {
        return staleFlashblocks.get();
    }

    /** @return flashblocks that broke a rule beyond numbering (payload id, base, parent): pending state cleared. */
    public long inconsistentFlashblocks()
    {
        return inconsistentFlashblocks.get();
    }

    /**
     * Applies one flashblock (or ignores, or clears, by the sequence rules).
     *
     * @param fb the flashblock.
     * @return the rule that applied.
     */
    public SequenceRule apply(final DecodedFlashblock fb)
    {
        final SequenceRule rule = SequenceRule.classify(hasLatest, latestBlock, latestIndex, fb.blockNumber(), fb.index());
        sequenceCounts.get(rule).incrementAndGet();
        if (rule.clears())
        {
            clear(rule.name().toLowerCase(java.util.Locale.ROOT) + " at block " + fb.blockNumber() + " index " +
                fb.index() + " after block " + latestBlock + " index " + latestIndex);
            return rule;
        }
        if (!rule.applies())
        {
            return rule;
        }
        if (fb.blockNumber() <= canonicalNumber)
        {
            staleFlashblocks.incrementAndGet();
            return rule;
        }
        final List<PendingBlock> blocks = new ArrayList<>(state.blocks());
        final PendingBlock block;
        if (SequenceRule.NEXT_IN_SEQUENCE == rule)
        {
            final PendingBlock last = blocks.get(blocks.size() - 1);
            if (fb.payloadId() != last.payloadId() || null != fb.base())
            {
                return inconsistent(fb, null != fb.base() ? "base on a non-zero index" : "payload id changed mid-block");
            }
            block = last.extend(fb);
            blocks.set(blocks.size() - 1, block);
        }
        else
        {
            if (null == fb.base())
            {
                return inconsistent(fb, "index 0 without base");
            }
            block = PendingBlock.start(fb);
            final PendingBlock parent = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
            if (null != parent && !parent.hash().equals(fb.base().path("parentHash").asText()))
            {
                blocks.clear();
                listeners.forEach(l -> l.onCleared("block " + fb.blockNumber() + " is not built on pending block " +
                    parent.number() + " " + parent.hash()));
            }
            blocks.add(block);
        }
        hasLatest = true;
        latestBlock = fb.blockNumber();
        latestIndex = fb.index();
        final PendingState next = new PendingState(List.copyOf(blocks), ++sequence);
        state = next;
        for (final PendingStateListener l : listeners)
        {
            try
            {
                l.onFlashblockApplied(next, block, fb);
            }
            catch (final RuntimeException ex)
            {
                LOG.error("pending state listener failed", ex);
            }
        }
        return rule;
    }

    private SequenceRule inconsistent(final DecodedFlashblock fb, final String why)
    {
        inconsistentFlashblocks.incrementAndGet();
        clear(why + " at block " + fb.blockNumber() + " index " + fb.index());
        return SequenceRule.INVALID_NEW_BLOCK;
    }

    /**
     * Reconciles pending state with a new canonical block.
     *
     * @param number   its number.
     * @param txHashes its transaction hashes, lower case, in order.
     * @return what was done.
     */
    public Reconciliation onCanonicalBlock(final long number, final List<String> txHashes)
    {
        if (number > canonicalNumber)
        {
            canonicalNumber = number;
        }
        final PendingState current = state;
        final PendingBlock same = current.block(number);
        final Reconciliation r = Reconciliation.classify(current.earliestNumber(), current.latestNumber(), number,
            null == same ? null : same.transactionHashes(), txHashes, maxPendingBlocksDepth);
        switch (r)
        {
            case CATCH_UP:
            case REORG:
            case DEPTH_LIMIT_EXCEEDED:
                clear(r.name().toLowerCase(java.util.Locale.ROOT) + " at canonical block " + number);
                break;
            default:
                break;
        }
        reconcileCounts.get(r).incrementAndGet();
        return r;
    }

    /**
     * Drops all pending state; nothing is applied until the next index 0.
     *
     * @param reason for the log and listeners.
     */
    public void clear(final String reason)
    {
        hasLatest = false;
        if (!state.isEmpty())
        {
            LOG.info("pending state cleared: {}", reason);
        }
        state = new PendingState(List.of(), ++sequence);
        for (final PendingStateListener l : listeners)
        {
            l.onCleared(reason);
        }
    }
}
