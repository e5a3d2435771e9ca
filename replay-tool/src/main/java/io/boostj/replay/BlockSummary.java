package io.boostj.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * One block as the HTML report draws it: its decision, the moments op-node's calls arrived and were answered, the
 * upstream calls as spans from send to reply, the flashblocks as arrival ticks, all in journal time (epoch ns).
 */
final class BlockSummary
{
    /** A moment on a lane, with what it was. */
    record Mark(long timeNs, String label, String kind)
    {
    }

    /** An upstream call: sent, answered (0 if never), how it ended. */
    static final class Span
    {
        final String target;
        final String method;
        final long sendNs;
        final boolean fireAndForget;
        long replyNs;
        long latencyNs;
        String outcome = "NO_REPLY";
        String status = "";

        Span(final String target, final String method, final long sendNs, final boolean fireAndForget)
        {
            this.target = target;
            this.method = method;
            this.sendNs = sendNs;
            this.fireAndForget = fireAndForget;
        }
    }

    final TimelineRecord decision;
    final List<Mark> opNode = new ArrayList<>();
    final List<Mark> sidecar = new ArrayList<>();
    final List<Mark> flashblocks = new ArrayList<>();
    final List<Span> calls = new ArrayList<>();
    long startNs = Long.MAX_VALUE;
    long endNs = Long.MIN_VALUE;
    String health = "";

    BlockSummary(final TimelineRecord decision)
    {
        this.decision = decision;
    }

    void saw(final long timeNs)
    {
        startNs = Math.min(startNs, timeNs);
        endNs = Math.max(endNs, timeNs);
    }

    long blockNumber()
    {
        return decision.longField("blockNumber");
    }

    String source()
    {
        return decision.field("source");
    }

    String reason()
    {
        return decision.field("reason");
    }

    long spanNs()
    {
        return Long.MAX_VALUE == startNs ? 0 : endNs - startNs;
    }

    /**
     * @param target  L2 or BUILDER.
     * @param prefix  the method's enum prefix, e.g. {@code GET_PAYLOAD}.
     * @return the first such call's latency in ns, or -1.
     */
    long latencyNs(final String target, final String prefix)
    {
        for (final Span s : calls)
        {
            if (s.target.equals(target) && s.method.startsWith(prefix) && s.replyNs > 0)
            {
                return s.latencyNs > 0 ? s.latencyNs : s.replyNs - s.sendNs;
            }
        }
        return -1;
    }
}
