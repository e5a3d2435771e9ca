package io.boostj.replay;

import io.boostj.journal.Journal;
import io.boostj.journal.JournalCorruptException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code timeline}: the life of one block, one line per event, with offsets from its first record and the lane it
 * happened in (op-node, sidecar, l2, builder).
 */
@Command(
    name = "timeline",
    mixinStandardHelpOptions = true,
    description = {
        "The life of one block: op-node's forkchoiceUpdated with attributes, the calls to L2 and the builder and " +
        "their answers with latencies, the builder's flashblocks (received, published or refused), the getPayload " +
        "decision and its reason, the newPayload and forkchoiceUpdated that made it the head, and health or mode " +
        "changes in between.",
        "Give the block number (as decided by getPayload) or a payload id (op-node's/L2's or the builder's).",
        "Exits 1 if the journal holds no such block or is damaged, 2 on bad usage." })
public final class TimelineCommand implements Callable<Integer>
{
    private static final Pattern PAYLOAD_ID = Pattern.compile("0x[0-9a-fA-F]{16}");

    @Mixin
    JournalOptions journalOptions;

    @ArgGroup(multiplicity = "1")
    Which which;

    static final class Which
    {
        @Option(names = "--block", paramLabel = "N", required = true, description = "The block number.")
        Long block;

        @Option(names = "--payload-id", paramLabel = "ID", required = true,
            description = "A payload id, 0x and 16 hex digits: op-node's (L2's) or the builder's.")
        String payloadId;
    }

    private final PrintStream out;
    private final PrintStream err;

    TimelineCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        if (null != which.payloadId && !PAYLOAD_ID.matcher(which.payloadId).matches())
        {
            err.println("error: --payload-id must be 0x and 16 hex digits, got '" + which.payloadId + "'");
            return 2;
        }
        if (null != which.block && which.block < 0)
        {
            err.println("error: --block must be >= 0, got " + which.block);
            return 2;
        }
        return timeline(out, err, journalOptions.journalDir, journalOptions.format, which.block, which.payloadId);
    }

    /**
     * Print one block's timeline.
     *
     * @param out        where it goes.
     * @param err        where errors go.
     * @param journalDir the journal.
     * @param format     text or JSON.
     * @param block      the block number, or null.
     * @param payloadId  the payload id, or null (exactly one of the two).
     * @return 0 found, 1 not found or damaged journal.
     */
    public static int timeline(final PrintStream out, final PrintStream err, final File journalDir,
        final OutputFormat format, final Long block, final String payloadId)
    {
        try (Journal journal = ReplayTool.openReadOnly(err, journalDir))
        {
            if (null == journal)
            {
                return 1;
            }
            final BlockTimeline timeline = null != block ? BlockTimeline.forBlock(journal, block) :
                BlockTimeline.forPayloadId(journal, payloadId);
            if (null == timeline || timeline.events().isEmpty())
            {
                err.println("error: no " + (null != block ? "block " + block : "payload id " + payloadId) +
                    " in " + journalDir);
                return 1;
            }
            if (OutputFormat.JSON == format)
            {
                printJson(out, timeline);
            }
            else
            {
                printText(out, timeline);
            }
            out.flush();
            return 0;
        }
        catch (final JournalCorruptException ex)
        {
            err.println("error: " + ex.getMessage());
            return 1;
        }
    }

    private static void printText(final PrintStream out, final BlockTimeline t)
    {
        final TimelineRecord decision = t.decision();
        out.println("block " + (t.blockNumber() < 0 ? "?" : Long.toString(t.blockNumber())) +
            (null == t.blockHash() ? "" : " " + t.blockHash()));
        out.println("  payload id " + nullToDash(t.payloadId()) + " (builder " + nullToDash(t.builderPayloadId()) +
            ")");
        out.println("  decision   " + (null == decision ? "none journaled" : decision.field("source") + " (" +
            decision.field("reason") + ")"));
        final long t0 = t.events().get(0).timeNs();
        final long end = t.events().get(t.events().size() - 1).timeNs();
        out.println("  span       " + TimelineEventText.millis(end - t0) + " from " + Times.iso(t0));
        for (final TimelineRecord r : t.events())
        {
            out.println(String.format(Locale.ROOT, "  %+10.3f ms  %-8s %s", (r.timeNs() - t0) / 1e6,
                TimelineEventText.lane(r), TimelineEventText.describe(r)));
        }
    }

    private static void printJson(final PrintStream out, final BlockTimeline t)
    {
        final TimelineRecord decision = t.decision();
        final long t0 = t.events().get(0).timeNs();
        final StringBuilder events = new StringBuilder("[");
        for (final TimelineRecord r : t.events())
        {
            if (events.length() > 1)
            {
                events.append(',');
            }
            events.append(new Json()
                .field("index", r.index())
                .field("time", Times.iso(r.timeNs()))
                .field("offsetNs", r.timeNs() - t0)
                .field("lane", TimelineEventText.lane(r))
                .field("type", r.name())
                .field("text", TimelineEventText.describe(r))
                .end());
        }
        events.append(']');
        out.println(new Json()
            .field("blockNumber", t.blockNumber())
            .field("blockHash", t.blockHash())
            .field("payloadId", t.payloadId())
            .field("builderPayloadId", t.builderPayloadId())
            .field("source", null == decision ? null : decision.field("source"))
            .field("reason", null == decision ? null : decision.field("reason"))
            .raw("events", events.toString())
            .end());
    }

    private static String nullToDash(final String s)
    {
        return null == s ? "-" : s;
    }
}
