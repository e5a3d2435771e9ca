package io.boostj.replay;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The counters and the error log of a sidecar, read from its journal (a running sidecar's too: the journal is read
 * alongside the writer): decisions by source and reason, upstream calls by target and method with their outcomes and
 * latency percentiles, flashblocks by verdict, health changes, and one line per thing that went wrong (an upstream
 * call that failed or was refused, a non-200 or error reply to op-node, a hash mismatch, a flashblock refused).
 */
final class JournalStats implements Consumer<TimelineRecord>
{
    private static final int MAX_ERRORS = 10_000;
    private static final long MAX_LATENCY_NS = 3_600_000_000_000L;

    /** One error line. */
    record Problem(long index, long timeNs, String what)
    {
    }

    private final Map<String, Long> decisions = new TreeMap<>();
    private final Map<String, Long> callOutcomes = new TreeMap<>();
    private final Map<String, Histogram> callLatencies = new TreeMap<>();
    private final Map<String, Long> flashblockVerdicts = new TreeMap<>();
    private final Map<String, Long> health = new TreeMap<>();
    private final Map<String, Long> records = new TreeMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private long problemCount;
    private long engineStarts;
    private long firstNs = Long.MAX_VALUE;
    private long lastNs = Long.MIN_VALUE;

    /**
     * @param r one record.
     */
    public void accept(final TimelineRecord r)
    {
        records.merge(r.name(), 1L, Long::sum);
        firstNs = Math.min(firstNs, r.timeNs());
        lastNs = Math.max(lastNs, r.timeNs());
        switch (r.name())
        {
            case "EngineConfig":
                engineStarts++;
                break;
            case "BlockDecision":
                decisions.merge(r.field("source") + " " + r.field("reason"), 1L, Long::sum);
                break;
            case "UpstreamReply":
                upstreamReply(r);
                break;
            case "RpcReply":
                if (!"200".equals(r.field("httpStatus")) || r.field("body").contains("\"error\":{"))
                {
                    problem(r, "op-node request " + r.field("requestId") + " answered HTTP " + r.field("httpStatus") +
                        ": " + abbreviate(r.field("body")));
                }
                break;
            case "FlashblockDecision":
                flashblockVerdicts.merge(r.field("verdict"), 1L, Long::sum);
                if (!isAccepted(r.field("verdict")))
                {
                    problem(r, "flashblock " + r.field("payloadId") + " #" + r.field("index") + " " +
                        r.field("verdict") + " (round expects " + r.field("roundPayloadId") + ")");
                }
                break;
            case "BlockHashCheck":
                if ("MISMATCH".equals(r.field("outcome")))
                {
                    problem(r, "builder block " + r.field("blockNumber") + " claims " + r.field("claimedHash") +
                        " but hashes to " + r.field("computedHash"));
                }
                break;
            case "HealthUpdate":
                health.merge(r.field("health"), 1L, Long::sum);
                break;
            default:
                break;
        }
    }

    private void upstreamReply(final TimelineRecord r)
    {
        final String key = r.field("target") + " " + r.field("method");
        callOutcomes.merge(key + " " + r.field("outcome"), 1L, Long::sum);
        final long latencyNs = r.longField("latencyNs");
        if (latencyNs > 0)
        {
            callLatencies.computeIfAbsent(key, k -> new Histogram(MAX_LATENCY_NS, 3))
                .recordValue(Math.min(latencyNs, MAX_LATENCY_NS));
        }
        final String status = r.field("payloadStatus");
        if (!"RESULT".equals(r.field("outcome")))
        {
            problem(r, key + " call " + r.field("callId") + " " + r.field("outcome") +
                (r.field("errorCode").equals("0") ? "" : " " + r.field("errorCode")) +
                (r.field("errorMessage").isEmpty() ? "" : ": " + abbreviate(r.field("errorMessage"))));
        }
        else if ("INVALID".equals(status) || "INVALID_BLOCK_HASH".equals(status) || "SYNCING".equals(status))
        {
            problem(r, key + " call " + r.field("callId") + " answered " + status);
        }
    }

    private static boolean isAccepted(final String verdict)
    {
        return "PUBLISHED".equals(verdict) || "ADOPTED".equals(verdict) || "BUFFERED".equals(verdict);
    }

    private void problem(final TimelineRecord r, final String what)
    {
        problemCount++;
        if (problems.size() < MAX_ERRORS)
        {
            problems.add(new Problem(r.index(), r.timeNs(), what));
        }
    }

    private static String abbreviate(final String s)
    {
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }

    Map<String, Long> decisions()
    {
        return decisions;
    }

    Map<String, Long> callOutcomes()
    {
        return callOutcomes;
    }

    Map<String, Histogram> callLatencies()
    {
        return callLatencies;
    }

    Map<String, Long> flashblockVerdicts()
    {
        return flashblockVerdicts;
    }

    Map<String, Long> health()
    {
        return health;
    }

    Map<String, Long> records()
    {
        return records;
    }

    List<Problem> problems()
    {
        return problems;
    }

    long problemCount()
    {
        return problemCount;
    }

    long engineStarts()
    {
        return engineStarts;
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
