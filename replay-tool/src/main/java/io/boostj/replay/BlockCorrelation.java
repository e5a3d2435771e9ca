package io.boostj.replay;

import org.agrona.collections.Long2LongHashMap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What ties the journal's records to blocks, gathered in one pass: an upstream call names the request that caused it,
 * a reply names its call, the L2's and the builder's forkchoiceUpdated replies carry the payload ids, a newPayload names
 * its block hash, and the forkchoiceUpdated without attributes that follows names the new head. With these a
 * getPayload decision leads to every request, call and flashblock of its block.
 */
final class BlockCorrelation implements Consumer<TimelineRecord>
{
    /** No such request or call. */
    static final long NONE = -1;

    private final Long2LongHashMap causeByCallId = new Long2LongHashMap(NONE);
    private final Map<String, Long> fcuByL2PayloadId = new HashMap<>();
    private final Map<String, Long> fcuByBuilderPayloadId = new HashMap<>();
    private final Map<Long, String> builderIdByFcu = new HashMap<>();
    private final Map<String, Long> newPayloadByBlockHash = new HashMap<>();
    private final Map<Long, String> newPayloadByBlockNumber = new HashMap<>();
    private final Map<String, Long> headFcuByBlockHash = new HashMap<>();
    private final Map<String, Integer> latestEpochByPayloadId = new HashMap<>();
    private final List<TimelineRecord> decisions = new ArrayList<>();

    /**
     * Takes one record of the first pass.
     *
     * @param r the record.
     */
    public void accept(final TimelineRecord r)
    {
        switch (r.name())
        {
            case "UpstreamCall":
                causeByCallId.put(r.key("callId"), r.key("causeRequestId"));
                break;
            case "UpstreamReply":
                if (r.isTrue("hasPayloadId") && "FORKCHOICE_UPDATED_V3".equals(r.field("method")))
                {
                    final long fcu = causeByCallId.get(r.key("callId"));
                    latestEpochByPayloadId.put(r.field("payloadId"), r.epoch());
                    final String id = scoped(r.epoch(), r.field("payloadId"));
                    if ("L2".equals(r.field("target")))
                    {
                        fcuByL2PayloadId.put(id, fcu);
                    }
                    else
                    {
                        fcuByBuilderPayloadId.put(id, fcu);
                        builderIdByFcu.put(fcu, r.field("payloadId"));
                    }
                }
                break;
            case "NewPayloadRequest":
                newPayloadByBlockHash.putIfAbsent(scoped(r.epoch(), r.field("blockHash")), r.key("requestId"));
                newPayloadByBlockNumber.put(r.longField("blockNumber"), scoped(r.epoch(), r.field("blockHash")));
                break;
            case "ForkchoiceUpdatedRequest":
                if (!r.isTrue("hasAttributes"))
                {
                    headFcuByBlockHash.putIfAbsent(scoped(r.epoch(), r.field("headBlockHash")), r.key("requestId"));
                }
                break;
            case "BlockDecision":
                decisions.add(r);
                break;
            default:
                break;
        }
    }

    /** @return every getPayload decision, in journal order. */
    List<TimelineRecord> decisions()
    {
        return decisions;
    }

    /**
     * @param callId an upstream call.
     * @return the request that caused it, or {@link #NONE}.
     */
    long causeOf(final long callId)
    {
        return causeByCallId.get(callId);
    }

    /**
     * @param payloadId a payload id.
     * @return the latest process start (epoch) in which an FCU produced it, or -1.
     */
    int latestEpochOf(final String payloadId)
    {
        return latestEpochByPayloadId.getOrDefault(payloadId, -1);
    }

    /**
     * @param epoch     a process start.
     * @param payloadId op-node's (L2's) or the builder's payload id.
     * @return the forkchoiceUpdated request of that start that produced it, or {@link #NONE}.
     */
    long fcuOf(final int epoch, final String payloadId)
    {
        final String key = scoped(epoch, payloadId);
        final Long fcu = null != fcuByL2PayloadId.get(key) ? fcuByL2PayloadId.get(key) :
            fcuByBuilderPayloadId.get(key);
        return null == fcu ? NONE : fcu;
    }

    /**
     * @param epoch     a process start.
     * @param payloadId a payload id.
     * @return whether L2 gave it (it is op-node's) in that start.
     */
    boolean isL2PayloadId(final int epoch, final String payloadId)
    {
        return fcuByL2PayloadId.containsKey(scoped(epoch, payloadId));
    }

    /**
     * @param epoch       a process start.
     * @param l2PayloadId op-node's payload id.
     * @return the builder's id for the same FCU, or null.
     */
    String builderIdOf(final int epoch, final String l2PayloadId)
    {
        final Long fcu = fcuByL2PayloadId.get(scoped(epoch, l2PayloadId));
        return null == fcu ? null : builderIdByFcu.get(fcu);
    }

    /**
     * @param epoch     a process start.
     * @param blockHash a block hash.
     * @return that start's first newPayload request for it, or {@link #NONE}.
     */
    long newPayloadOf(final int epoch, final String blockHash)
    {
        final Long id = newPayloadByBlockHash.get(scoped(epoch, blockHash));
        return null == id ? NONE : id;
    }

    /**
     * @param epoch     a process start.
     * @param blockHash a block hash.
     * @return that start's first forkchoiceUpdated without attributes that made it the head, or {@link #NONE}.
     */
    long headFcuOf(final int epoch, final String blockHash)
    {
        final Long id = headFcuByBlockHash.get(scoped(epoch, blockHash));
        return null == id ? NONE : id;
    }

    /**
     * @param number a block number.
     * @return {@code epoch:hash} of the last block op-node sent newPayload for at that height, or null.
     */
    String lastNewPayloadAt(final long number)
    {
        return newPayloadByBlockNumber.get(number);
    }

    static String scoped(final int epoch, final String value)
    {
        return epoch + ":" + value;
    }

    static boolean isZeroId(final String id)
    {
        return null == id || id.isEmpty() || "0x0000000000000000".equals(id);
    }
}
