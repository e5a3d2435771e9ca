package io.boostj.devnet;

import org.HdrHistogram.Histogram;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a {@link TransactionGenerator} did: transactions due but not sent (with why), sent, accepted, refused (with the
 * endpoint's reason), included, and the inclusion latency from the intended send time to the block that held it.
 * Thread-safe; the reads are a consistent-enough snapshot for progress lines.
 */
public final class TransactionGeneratorStats
{
    private static final long MAX_LATENCY_US = 600_000_000L;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong notSent = new AtomicLong();
    private final AtomicLong included = new AtomicLong();
    private final Map<String, Long> refusalsByReason = new TreeMap<>();
    private final Map<String, Long> notSentByReason = new TreeMap<>();
    private final Histogram inclusionLatencyUs = new Histogram(MAX_LATENCY_US, 3);

    void onSent()
    {
        sent.incrementAndGet();
    }

    void onAccepted()
    {
        accepted.incrementAndGet();
    }

    void onRefused(final String reason)
    {
        refused.incrementAndGet();
        synchronized (refusalsByReason)
        {
            refusalsByReason.merge(reason, 1L, Long::sum);
        }
    }

    void onNotSent(final String reason)
    {
        notSent.incrementAndGet();
        synchronized (notSentByReason)
        {
            notSentByReason.merge(reason, 1L, Long::sum);
        }
    }

    void onIncluded(final long latencyNs)
    {
        included.incrementAndGet();
        synchronized (inclusionLatencyUs)
        {
            inclusionLatencyUs.recordValue(Math.max(0, Math.min(MAX_LATENCY_US, latencyNs / 1000)));
        }
    }

    /** @return transactions sent. */
    public long sent()
    {
        return sent.get();
    }

    /** @return transactions the endpoint accepted (answered with a hash). */
    public long accepted()
    {
        return accepted.get();
    }

    /** @return transactions refused (an error, a non-200 or a transport failure). */
    public long refused()
    {
        return refused.get();
    }

    /** @return transactions that were due but not sent. */
    public long notSent()
    {
        return notSent.get();
    }

    /** @return transactions seen in a block. */
    public long included()
    {
        return included.get();
    }

    /** @return refusals by reason (a copy). */
    public Map<String, Long> refusalsByReason()
    {
        synchronized (refusalsByReason)
        {
            return new TreeMap<>(refusalsByReason);
        }
    }

    /** @return due-but-not-sent by reason (a copy). */
    public Map<String, Long> notSentByReason()
    {
        synchronized (notSentByReason)
        {
            return new TreeMap<>(notSentByReason);
        }
    }

    /** @return a copy of the inclusion latency histogram, microseconds. */
    public Histogram inclusionLatencyUs()
    {
        synchronized (inclusionLatencyUs)
        {
            return inclusionLatencyUs.copy();
        }
    }

    /** @return one line: counts and inclusion latency percentiles. */
    public String summaryLine()
    {
        final Histogram h = inclusionLatencyUs();
        return String.format(Locale.ROOT,
            "txs sent %d accepted %d refused %d not-sent %d included %d; inclusion p50 %.0f ms p99 %.0f ms max %.0f ms",
            sent(), accepted(), refused(), notSent(), included(), h.getValueAtPercentile(50) / 1000.0,
            h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
    }
}
