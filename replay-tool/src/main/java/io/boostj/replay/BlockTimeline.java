package io.boostj.replay;

import io.boostj.journal.Journal;
import io.boostj.journal.JournalCorruptException;
import io.boostj.journal.JournalReader;
import io.boostj.journal.JournalRecordHandler;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The life of one block in the journal: op-node's forkchoiceUpdated that started it, the calls to L2 and the builder
 * it caused and their answers, the flashblocks of the builder's round, the getPayload decision and its reason, the
 * newPayload and forkchoiceUpdated that made it the head, and any health or mode change in between.
 * <p>
 * Two passes over the journal: the first finds the block (by number, or by L2 or builder payload id) and the requests
 * that belong to it, following the correlation the engine journals (an upstream call names the request that caused it,
 * a reply names its call, an FCU's reply carries the payload id); the second collects their records in journal order.
 */
final class BlockTimeline
{
    private static final long NONE = -1;

    private final Long2LongHashMap causeByCallId = new Long2LongHashMap(NONE);
    private final Map<String, Long> fcuByL2PayloadId = new HashMap<>();
    private final Map<String, Long> fcuByBuilderPayloadId = new HashMap<>();
    private final Map<String, String> builderIdByL2Id = new HashMap<>();
    private final Map<String, Long> newPayloadByBlockHash = new HashMap<>();
    private final Map<String, Long> headFcuByBlockHash = new HashMap<>();
    private final Map<Long, Long> blockNumberByNewPayload = new HashMap<>();
    private final List<TimelineRecord> events = new ArrayList<>();
    private final LongHashSet requestIds = new LongHashSet();
    private final LongHashSet callIds = new LongHashSet();

    private TimelineRecord decision;
    private long blockNumber = NONE;
    private String blockHash;
    private String payloadId;
    private String builderPayloadId;
    private long fcuRequestId = NONE;

    /**
     * Finds the block by number.
     *
     * @param journal the journal.
     * @param number  the block number.
     * @return the timeline, or null if the journal holds no such block.
     * @throws JournalCorruptException if the journal is damaged.
     */
    static BlockTimeline forBlock(final Journal journal, final long number)
    {
        final BlockTimeline t = new BlockTimeline();
        t.index(journal, r -> "BlockDecision".equals(r.name()) && r.longField("blockNumber") == number);
        if (null == t.decision)
        {
            t.blockNumber = number;
            t.blockHash = t.blockHashOfNewPayload(number);
            if (null == t.blockHash)
            {
                return null;
            }
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
        t.index(journal, r -> "BlockDecision".equals(r.name()) &&
            (wanted.equals(r.field("payloadId")) || wanted.equals(r.field("builderPayloadId"))));
        if (null == t.decision)
        {
            final Long fcu = null != t.fcuByL2PayloadId.get(wanted) ? t.fcuByL2PayloadId.get(wanted) :
                t.fcuByBuilderPayloadId.get(wanted);
            if (null == fcu)
            {
                return null;
            }
            t.fcuRequestId = fcu;
            t.payloadId = t.fcuByL2PayloadId.containsKey(wanted) ? wanted : null;
            t.builderPayloadId = null != t.payloadId ? t.builderIdByL2Id.get(wanted) : wanted;
        }
        t.collect(journal);
        return t;
    }

    private interface Match
    {
        boolean test(TimelineRecord record);
    }

    private void index(final Journal journal, final Match isDecision)
    {
        final Map<Long, String> l2IdByFcu = new HashMap<>();
        final Map<Long, String> builderIdByFcu = new HashMap<>();
        scan(journal, r ->
        {
            switch (r.name())
            {
                case "UpstreamCall":
                    causeByCallId.put(r.longField("callId"), r.longField("causeRequestId"));
                    break;
                case "UpstreamReply":
                    if (r.isTrue("hasPayloadId") && "FORKCHOICE_UPDATED_V3".equals(r.field("method")))
                    {
                        final long fcu = causeByCallId.get(r.longField("callId"));
                        final String id = r.field("payloadId");
                        if ("L2".equals(r.field("target")))
                        {
                            fcuByL2PayloadId.put(id, fcu);
                            l2IdByFcu.put(fcu, id);
                        }
                        else
                        {
                            fcuByBuilderPayloadId.put(id, fcu);
                            builderIdByFcu.put(fcu, id);
                        }
                    }
                    break;
                case "NewPayloadRequest":
                    newPayloadByBlockHash.putIfAbsent(r.field("blockHash"), r.longField("requestId"));
                    blockNumberByNewPayload.put(r.longField("requestId"), r.longField("blockNumber"));
                    break;
                case "ForkchoiceUpdatedRequest":
                    if (!r.isTrue("hasAttributes"))
                    {
                        headFcuByBlockHash.putIfAbsent(r.field("headBlockHash"), r.longField("requestId"));
                    }
                    break;
                case "BlockDecision":
                    if (isDecision.test(r))
                    {
                        decision = r;
                    }
                    break;
                default:
                    break;
            }
        });
        l2IdByFcu.forEach((fcu, l2Id) ->
        {
            final String builderId = builderIdByFcu.get(fcu);
            if (null != builderId)
            {
                builderIdByL2Id.put(l2Id, builderId);
            }
        });
        if (null != decision)
        {
            blockNumber = decision.longField("blockNumber");
            blockHash = decision.field("blockHash");
            payloadId = decision.field("payloadId");
            final String builderId = decision.field("builderPayloadId");
            builderPayloadId = isZeroId(builderId) ? builderIdByL2Id.get(payloadId) : builderId;
            final Long fcu = fcuByL2PayloadId.get(payloadId);
            fcuRequestId = null == fcu ? NONE : fcu;
        }
    }

    private String blockHashOfNewPayload(final long number)
    {
        for (final Map.Entry<String, Long> e : newPayloadByBlockHash.entrySet())
        {
            if (blockNumberByNewPayload.getOrDefault(e.getValue(), NONE) == number)
            {
                return e.getKey();
            }
        }
        return null;
    }

    private void collect(final Journal journal)
    {
        if (NONE != fcuRequestId)
        {
            requestIds.add(fcuRequestId);
        }
        if (null != decision)
        {
            requestIds.add(decision.longField("requestId"));
        }
        if (null != blockHash)
        {
            final Long newPayload = newPayloadByBlockHash.get(blockHash);
            if (null != newPayload)
            {
                requestIds.add(newPayload);
            }
            final Long headFcu = headFcuByBlockHash.get(blockHash);
            if (null != headFcu)
            {
                requestIds.add(headFcu);
            }
        }
        causeByCallId.forEach((callId, cause) ->
        {
            if (requestIds.contains(cause))
            {
                callIds.add(callId);
            }
        });
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

    private boolean belongs(final TimelineRecord r)
    {
        switch (r.name())
        {
            case "UpstreamCall":
            case "UpstreamReply":
                return callIds.contains(r.longField("callId"));
            case "FlashblockReceived":
            case "FlashblockDecision":
                return null != builderPayloadId && builderPayloadId.equals(r.field("payloadId"));
            case "ForkchoiceUpdatedRequest":
            case "GetPayloadRequest":
            case "NewPayloadRequest":
            case "RpcReply":
            case "BlockDecision":
            case "FlashblockAssembly":
            case "BlockHashCheck":
                return requestIds.contains(r.longField("requestId"));
            default:
                return false;
        }
    }

    private static boolean isZeroId(final String id)
    {
        return null == id || id.isEmpty() || "0x0000000000000000".equals(id);
    }

    private static void scan(final Journal journal, final java.util.function.Consumer<TimelineRecord> consumer)
    {
        final EngineMessages messages = new EngineMessages();
        final JournalRecordHandler handler = record -> consumer.accept(TimelineRecord.of(record.index(),
            record.recvTimeNs(), record.direction(),
            messages.decode(record.buffer(), record.bodyOffset(), record.bodyLength())));
        try (JournalReader reader = journal.newReader())
        {
            reader.moveToStart();
            while (true)
            {
                if (reader.poll(handler, 1024) > 0)
                {
                    continue;
                }
                if (reader.checkAtEnd())
                {
                    return;
                }
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
