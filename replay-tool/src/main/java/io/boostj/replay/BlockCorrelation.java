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
    private final Map<Long, String> l2IdByFcu = new HashMap<>();
    private final Map<Long, String> builderIdByFcu = new HashMap<>();
    private final Map<String, Long> newPayloadByBlockHash = new HashMap<>();
    private final Map<Long, Long> blockNumberByNewPayload = new HashMap<>();
    private final Map<String, Long> headFcuByBlockHash = new HashMap<>();
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
                newPayloadByBlockHash.put(r.field("blockHash"), r.key("requestId"));
                blockNumberByNewPayload.put(r.key("requestId"), r.longField("blockNumber"));
                break;
            case "ForkchoiceUpdatedRequest":
                if (!r.isTrue("hasAttributes"))
                {
                    headFcuByBlockHash.putIfAbsent(r.field("headBlockHash"), r.key("requestId"));
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
     * @param payloadId op-node's (L2's) or the builder's payload id.
     * @return the forkchoiceUpdated request that produced it, or {@link #NONE}.
     */
    long fcuOf(final String payloadId)
    {
        final Long fcu = null != fcuByL2PayloadId.get(payloadId) ? fcuByL2PayloadId.get(payloadId) :
            fcuByBuilderPayloadId.get(payloadId);
        return null == fcu ? NONE : fcu;
    }

    /**
     * @param payloadId a payload id.
     * @return whether it is one L2 gave (op-node's).
     */
    boolean isL2PayloadId(final String payloadId)
    {
        return fcuByL2PayloadId.containsKey(payloadId);
    }

    /**
     * @param l2PayloadId op-node's payload id.
     * @return the builder's id for the same FCU, or null.
     */
    String builderIdOf(final String l2PayloadId)
    {
        final Long fcu = fcuByL2PayloadId.get(l2PayloadId);
        return null == fcu ? null : builderIdByFcu.get(fcu);
    }

    /**
     * @param blockHash a block hash.
     * @return the first newPayload request for it, or {@link #NONE}.
     */
    long newPayloadOf(final String blockHash)
    {
        final Long id = newPayloadByBlockHash.get(blockHash);
        return null == id ? NONE : id;
    }

    /**
     * @param blockHash a block hash.
     * @return the first forkchoiceUpdated without attributes that made it the head, or {@link #NONE}.
     */
    long headFcuOf(final String blockHash)
    {
        final Long id = headFcuByBlockHash.get(blockHash);
        return null == id ? NONE : id;
    }

    /**
     * @param number a block number.
     * @return the hash of a block op-node sent newPayload for at that height, or null.
     */
    String newPayloadBlockHash(final long number)
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

    static boolean isZeroId(final String id)
    {
        return null == id || id.isEmpty() || "0x0000000000000000".equals(id);
    }
}
