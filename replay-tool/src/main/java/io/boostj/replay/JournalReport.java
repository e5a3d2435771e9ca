package io.boostj.replay;

import io.boostj.journal.Journal;
import io.boostj.journal.JournalCorruptException;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every decided block of a journal, summarised for drawing ({@link BlockSummary}), and the health changes: the first
 * pass correlates ({@link BlockCorrelation}), the second gives each record to its block.
 */
final class JournalReport
{
    /** A health change. */
    record HealthChange(long timeNs, String health, String cause)
    {
    }

    private final List<BlockSummary> blocks = new ArrayList<>();
    private final List<HealthChange> health = new ArrayList<>();
    private final Map<String, Integer> recordsByType = new HashMap<>();
    private long firstNs = Long.MAX_VALUE;
    private long lastNs = Long.MIN_VALUE;
    private long records;

    /**
     * @param journal the journal.
     * @return the report's model.
     * @throws JournalCorruptException if the journal is damaged.
     */
    static JournalReport of(final Journal journal)
    {
        final BlockCorrelation correlation = new BlockCorrelation();
        BlockTimeline.scan(journal, correlation);
        final JournalReport report = new JournalReport();
        final Long2ObjectHashMap<BlockSummary> byRequest = new Long2ObjectHashMap<>();
        final Map<String, BlockSummary> byBuilderPayloadId = new HashMap<>();
        final Map<String, BlockSummary> byNumber = new HashMap<>();
        for (final TimelineRecord d : correlation.decisions())
        {
            final BlockSummary block = new BlockSummary(d);
            final BlockSummary earlier = byNumber.put(Long.toString(block.blockNumber()), block);
            if (null != earlier)
            {
                report.blocks.remove(earlier);
            }
            report.blocks.add(block);
            final String payloadId = d.field("payloadId");
            final String blockHash = d.field("blockHash");
            final int epoch = d.epoch();
            String builderId = d.field("builderPayloadId");
            if (BlockCorrelation.isZeroId(builderId))
            {
                builderId = correlation.builderIdOf(epoch, payloadId);
            }
            if (null != builderId)
            {
                byBuilderPayloadId.put(BlockCorrelation.scoped(epoch, builderId), block);
            }
            for (final long request : new long[]{correlation.fcuOf(epoch, payloadId), d.key("requestId"),
                correlation.newPayloadOf(epoch, blockHash), correlation.headFcuOf(epoch, blockHash)})
            {
                if (BlockCorrelation.NONE != request)
                {
                    byRequest.put(request, block);
                }
            }
        }
        final Long2ObjectHashMap<BlockSummary.Span> spans = new Long2ObjectHashMap<>();
        BlockTimeline.scan(journal, r -> report.take(r, correlation, byRequest, byBuilderPayloadId, spans));
        report.blocks.sort((a, b) -> Long.compare(a.blockNumber(), b.blockNumber()));
        return report;
    }

    private void take(final TimelineRecord r, final BlockCorrelation correlation,
        final Long2ObjectHashMap<BlockSummary> byRequest, final Map<String, BlockSummary> byBuilderPayloadId,
        final Long2ObjectHashMap<BlockSummary.Span> spans)
    {
        records++;
        recordsByType.merge(r.name(), 1, Integer::sum);
        firstNs = Math.min(firstNs, r.timeNs());
        lastNs = Math.max(lastNs, r.timeNs());
        switch (r.name())
        {
            case "HealthUpdate":
                health.add(new HealthChange(r.timeNs(), r.field("health"), r.field("cause")));
                return;
            case "UpstreamCall":
            {
                final BlockSummary block = byRequest.get(r.key("causeRequestId"));
                if (null != block)
                {
                    final BlockSummary.Span span = new BlockSummary.Span(r.field("target"), r.field("method"),
                        r.timeNs(), r.isTrue("fireAndForget"));
                    block.calls.add(span);
                    block.saw(r.timeNs());
                    spans.put(r.key("callId"), span);
                }
                return;
            }
            case "UpstreamReply":
            {
                final BlockSummary.Span span = spans.remove(r.key("callId"));
                final BlockSummary block = byRequest.get(correlation.causeOf(r.key("callId")));
                if (null != span && null != block)
                {
                    span.replyNs = r.timeNs();
                    span.latencyNs = r.longField("latencyNs");
                    span.outcome = r.field("outcome");
                    span.status = r.field("payloadStatus");
                    block.saw(r.timeNs());
                }
                return;
            }
            case "FlashblockReceived":
            case "FlashblockDecision":
            {
                final BlockSummary block = byBuilderPayloadId.get(BlockCorrelation.scoped(r.epoch(),
                    r.field("payloadId")));
                if (null != block)
                {
                    final boolean received = "FlashblockReceived".equals(r.name());
                    block.flashblocks.add(new BlockSummary.Mark(r.timeNs(), "#" + r.field("index") +
                        (received ? " received" : " " + r.field("verdict")), received ? "received" :
                        r.field("verdict")));
                    block.saw(r.timeNs());
                }
                return;
            }
            default:
                break;
        }
        final BlockSummary block = byRequest.get(r.key("requestId"));
        if (null == block)
        {
            return;
        }
        block.saw(r.timeNs());
        switch (r.name())
        {
            case "ForkchoiceUpdatedRequest":
                block.opNode.add(new BlockSummary.Mark(r.timeNs(), r.isTrue("hasAttributes") ?
                    "forkchoiceUpdated with attributes" : "forkchoiceUpdated (new head)",
                    r.isTrue("hasAttributes") ? "fcu" : "head"));
                break;
            case "GetPayloadRequest":
                block.opNode.add(new BlockSummary.Mark(r.timeNs(), "getPayload " + r.field("payloadId"), "get"));
                break;
            case "NewPayloadRequest":
                block.opNode.add(new BlockSummary.Mark(r.timeNs(), "newPayload", "new"));
                break;
            case "RpcReply":
                block.opNode.add(new BlockSummary.Mark(r.timeNs(), "answered HTTP " + r.field("httpStatus"),
                    "reply"));
                break;
            case "BlockDecision":
                block.sidecar.add(new BlockSummary.Mark(r.timeNs(), "decision " + r.field("source") + " (" +
                    r.field("reason") + ")", "decision-" + r.field("source")));
                block.health = currentHealth();
                break;
            case "BlockHashCheck":
                block.sidecar.add(new BlockSummary.Mark(r.timeNs(), "hash check " + r.field("outcome"),
                    "hash-" + r.field("outcome")));
                break;
            case "FlashblockAssembly":
                block.sidecar.add(new BlockSummary.Mark(r.timeNs(), "assembly " + r.field("outcome") + " (" +
                    r.field("flashblockCount") + " flashblocks)", "assembly"));
                break;
            default:
                break;
        }
    }

    private String currentHealth()
    {
        return health.isEmpty() ? "HEALTHY" : health.get(health.size() - 1).health();
    }

    List<BlockSummary> blocks()
    {
        return blocks;
    }

    List<HealthChange> health()
    {
        return health;
    }

    Map<String, Integer> recordsByType()
    {
        return recordsByType;
    }

    long records()
    {
        return records;
    }

    long firstNs()
    {
        return firstNs;
    }

    long lastNs()
    {
        return lastNs;
    }
}
