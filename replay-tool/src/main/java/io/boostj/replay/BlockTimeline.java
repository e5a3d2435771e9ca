package io.boostj.replay;

import io.boostj.journal.Journal;
import io.boostj.journal.JournalCorruptException;
import io.boostj.journal.JournalReader;
import io.boostj.journal.JournalRecordHandler;
import org.agrona.collections.LongHashSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The life of one block in the journal: op-node's forkchoiceUpdated that started it, the calls to L2 and the builder
 * it caused and their answers, the flashblocks of the builder's round, the getPayload decision and its reason, the
 * newPayload and forkchoiceUpdated that made it the head, and any health or mode change in between.
 * <p>
 * Two passes over the journal: the first ({@link BlockCorrelation}) finds the block, by number or by L2 or builder
 * payload id, and the requests that belong to it; the second collects their records in journal order.
 */
final class BlockTimeline
{
    private final BlockCorrelation correlation = new BlockCorrelation();
    private final List<TimelineRecord> events = new ArrayList<>();
    private final LongHashSet requestIds = new LongHashSet();
    private TimelineRecord decision;
    private long blockNumber = BlockCorrelation.NONE;
    private String blockHash;
    private String payloadId;
    private String builderPayloadId;
    private long fcuRequestId = BlockCorrelation.NONE;
    private int epoch = -1;

    /**
     * Finds the block by number (the last getPayload decision for it).
     *
     * @param journal the journal.
     * @param number  the block number.
     * @return the timeline, or null if the journal holds no such block.
     * @throws JournalCorruptException if the journal is damaged.
     */
    static BlockTimeline forBlock(final Journal journal, final long number)
    {
        final BlockTimeline t = new BlockTimeline();
        scan(journal, t.correlation);
        t.decide(d -> d.longField("blockNumber") == number);
        if (null == t.decision)
        {
            final String scopedHash = t.correlation.lastNewPayloadAt(number);
            if (null == scopedHash)
            {
                return null;
            }
            t.blockNumber = number;
            t.epoch = Integer.parseInt(scopedHash.substring(0, scopedHash.indexOf(':')));
            t.blockHash = scopedHash.substring(scopedHash.indexOf(':') + 1);
        }
        t.collect(journal);
        return t;
    }

    /**
     * Finds the block by payload id: op-node's (L2's) id or the builder's.
     *
     * @param journal the journal.
     * @param id      0x-prefixed 8-byte payload id.
     * @return the timeline, or null if no FCU in the journal produced that id.
     * @throws JournalCorruptException if the journal is damaged.
     */
    static BlockTimeline forPayloadId(final Journal journal, final String id)
    {
        final String wanted = id.toLowerCase(Locale.ROOT);
        final BlockTimeline t = new BlockTimeline();
        scan(journal, t.correlation);
        t.decide(d -> wanted.equals(d.field("payloadId")) || wanted.equals(d.field("builderPayloadId")));
        if (null == t.decision)
        {
            t.epoch = t.correlation.latestEpochOf(wanted);
            t.fcuRequestId = t.correlation.fcuOf(t.epoch, wanted);
            if (BlockCorrelation.NONE == t.fcuRequestId)
            {
                return null;
            }
            t.payloadId = t.correlation.isL2PayloadId(t.epoch, wanted) ? wanted : null;
            t.builderPayloadId = null != t.payloadId ? t.correlation.builderIdOf(t.epoch, wanted) : wanted;
        }
        t.collect(journal);
        return t;
    }

    private void decide(final Predicate<TimelineRecord> isDecision)
    {
        for (final TimelineRecord d : correlation.decisions())
        {
            if (isDecision.test(d))
            {
                decision = d;
            }
        }
        if (null != decision)
        {
            epoch = decision.epoch();
            blockNumber = decision.longField("blockNumber");
            blockHash = decision.field("blockHash");
            payloadId = decision.field("payloadId");
            final String builderId = decision.field("builderPayloadId");
            builderPayloadId = BlockCorrelation.isZeroId(builderId) ? correlation.builderIdOf(epoch, payloadId) :
                builderId;
            fcuRequestId = correlation.fcuOf(epoch, payloadId);
        }
    }

    private void collect(final Journal journal)
    {
        addRequest(fcuRequestId);
        if (null != decision)
        {
            addRequest(decision.key("requestId"));
        }
        if (null != blockHash)
        {
            addRequest(correlation.newPayloadOf(epoch, blockHash));
            addRequest(correlation.headFcuOf(epoch, blockHash));
        }
        final List<TimelineRecord> unscoped = new ArrayList<>();
        scan(journal, r ->
        {
            if (belongs(r))
            {
                events.add(r);
            }
            else if ("HealthUpdate".equals(r.name()) || "ExecutionModeUpdate".equals(r.name()))
            {
                unscoped.add(r);
            }
        });
        if (!events.isEmpty())
        {
            final long first = events.get(0).index();
            final long last = events.get(events.size() - 1).index();
            unscoped.removeIf(r -> r.index() < first || r.index() > last);
            events.addAll(unscoped);
            events.sort((a, b) -> Long.compare(a.index(), b.index()));
        }
    }

    private void addRequest(final long requestId)
    {
        if (BlockCorrelation.NONE != requestId)
        {
            requestIds.add(requestId);
        }
    }

    private boolean belongs(final TimelineRecord r)
    {
        switch (r.name())
        {
            case "UpstreamCall":
            case "UpstreamReply":
                return requestIds.contains(correlation.causeOf(r.key("callId")));
            case "FlashblockReceived":
            case "FlashblockDecision":
                return epoch == r.epoch() && null != builderPayloadId && builderPayloadId.equals(r.field("payloadId"));
            case "ForkchoiceUpdatedRequest":
            case "GetPayloadRequest":
            case "NewPayloadRequest":
            case "RpcReply":
            case "BlockDecision":
            case "FlashblockAssembly":
            case "BlockHashCheck":
                return requestIds.contains(r.key("requestId"));
            default:
                return false;
        }
    }

    /**
     * Reads the whole journal, decoding each record.
     *
     * @param journal  the journal.
     * @param consumer gets every record in order.
     * @throws JournalCorruptException if the journal is damaged (after the readable records).
     */
    static void scan(final Journal journal, final Consumer<TimelineRecord> consumer)
    {
        final EngineMessages messages = new EngineMessages();
        final int[] epoch = {0};
        final JournalRecordHandler handler = record ->
        {
            final EngineMessages.Decoded decoded = messages.decode(record.buffer(), record.bodyOffset(),
                record.bodyLength());
            if ("EngineConfig".equals(decoded.name()))
            {
                epoch[0]++;
            }
            consumer.accept(TimelineRecord.of(record.index(), record.recvTimeNs(), record.direction(), decoded,
                epoch[0]));
        };
        try (JournalReader reader = journal.newReader())
        {
            reader.moveToStart();
            while (reader.poll(handler, 1024) > 0 || !reader.checkAtEnd())
            {
                Thread.onSpinWait();
            }
        }
    }

    /** @return the records of this block in journal order. */
    List<TimelineRecord> events()
    {
        return events;
    }

    /** @return the getPayload decision, or null if none was journaled. */
    TimelineRecord decision()
    {
        return decision;
    }

    /** @return the block number, or -1 if unknown (no getPayload decided yet). */
    long blockNumber()
    {
        return blockNumber;
    }

    /** @return the block hash, or null. */
    String blockHash()
    {
        return blockHash;
    }

    /** @return op-node's (L2's) payload id, or null. */
    String payloadId()
    {
        return payloadId;
    }

    /** @return the builder's payload id, or null. */
    String builderPayloadId()
    {
        return builderPayloadId;
    }
}
