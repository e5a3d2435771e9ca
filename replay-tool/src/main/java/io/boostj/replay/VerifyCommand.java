package io.boostj.replay;

import io.boostj.journal.Journal;
import io.boostj.journal.JournalCorruptException;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * {@code verify}: deterministic replay of the journal, compared byte for byte with the journaled commands.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
        "Replay every event of the journal through a fresh sidecar engine (a new one at every EngineConfig record, " +
        "i.e. every process start) and compare the commands it emits with the journaled ones, in order, byte for " +
        "byte.",
        "A journal whose first record is not an EngineConfig (retention deleted the start) is replayed from its " +
        "first engine snapshot; --from starts at the last process start or snapshot at or before an index.",
        "Prints 'OK <n> events, <m> commands', or the first divergence (index, expected vs actual) and exits 1." })
public final class VerifyCommand implements Callable<Integer>
{
    @Mixin
    JournalOptions options;

    @Option(names = "--strict",
        description = "Also fail when the replay produces commands at the end of a segment that the journal does " +
        "not hold (by default they are counted: a process that stopped before journaling its last commands).")
    boolean strict;

    @Option(names = "--from", paramLabel = "INDEX",
        description = "Check from this journal index on: the replay starts at the last EngineConfig or taken engine " +
        "snapshot at or before it (see describe/dump for indexes).")
    Long fromIndex;

    private final PrintStream out;
    private final PrintStream err;

    VerifyCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        return verify(out, err, options.journalDir, options.format, strict, fromIndex);
    }

    /**
     * Verify a journal.
     *
     * @param out        where the verdict goes.
     * @param err        where errors go.
     * @param journalDir the journal directory.
     * @param format     text or JSON.
     * @param strict     fail on trailing unjournaled commands too.
     * @return 0 if the replay agrees with the journal, 1 on a divergence or a damaged journal.
     */
    public static int verify(
        final PrintStream out, final PrintStream err, final File journalDir, final OutputFormat format,
        final boolean strict)
    {
        return verify(out, err, journalDir, format, strict, null);
    }

    /**
     * Verify a journal from a given index on.
     *
     * @param out        where the verdict goes.
     * @param err        where errors go.
     * @param journalDir the journal directory.
     * @param format     text or JSON.
     * @param strict     fail on trailing unjournaled commands too.
     * @param fromIndex  the first index to check, null for the whole journal.
     * @return 0 if the replay agrees with the journal, 1 on a divergence or a damaged journal.
     */
    public static int verify(
        final PrintStream out, final PrintStream err, final File journalDir, final OutputFormat format,
        final boolean strict, final Long fromIndex)
    {
        final long uncheckedRecords;
        final ReplayResult result;
        try (Journal journal = ReplayTool.openReadOnly(err, journalDir))
        {
            if (null == journal)
            {
                return 1;
            }
            final JournalReplayer replayer = new JournalReplayer(strict);
            result = null == fromIndex ? replayer.replay(journal) : replayer.replayFrom(journal, fromIndex);
            uncheckedRecords = result.startIndex() > journal.firstIndex() ?
                journal.countRecords(journal.firstIndex(), result.startIndex()) - 1 : 0;
        }
        catch (final JournalCorruptException ex)
        {
            if (OutputFormat.JSON == format)
            {
                out.println(new Json().field("status", "DAMAGED").field("error", ex.getMessage()).end());
            }
            err.println("error: " + ex.getMessage());
            return 1;
        }

        if (OutputFormat.JSON == format)
        {
            out.println(json(result, uncheckedRecords));
        }
        else
        {
            text(out, result, uncheckedRecords);
        }

        return result.isOk() ? 0 : 1;
    }

    private static void text(final PrintStream out, final ReplayResult result, final long uncheckedRecords)
    {
        final ReplayStart start = result.start();
        if (null != start && start.isSnapshot())
        {
            out.printf("started from engine snapshot %d (journaled at index %d), replaying from index %d%n",
                start.snapshotId(), start.skipCommandsThrough(), start.readFromIndex());
        }
        if (uncheckedRecords > 0)
        {
            out.printf("note: the %d records before index %d were not checked%n", uncheckedRecords, result.startIndex());
        }
        final Divergence divergence = result.divergence();
        if (null == divergence)
        {
            out.printf("OK %d events, %d commands%n", result.events(), result.commands());
            if (result.unjournaledCommands() > 0)
            {
                out.printf("note: %d trailing commands were not journaled (process stopped before journaling them)%n",
                    result.unjournaledCommands());
            }
            return;
        }

        final EngineMessages messages = new EngineMessages();
        out.printf("DIVERGED at index %d: %s%n", divergence.index(), divergence.kind());
        out.printf("  %s%n", divergence.message());
        out.printf("  expected %s%n", describe(messages, divergence.expected()));
        out.printf("  actual   %s%n", describe(messages, divergence.actual()));
        out.printf("after %d events, %d commands (%d matched)%n",
            result.events(), result.commands(), result.matchedCommands());
    }

    private static String json(final ReplayResult result, final long uncheckedRecords)
    {
        final ReplayStart start = result.start();
        final Json json = new Json()
            .field("status", result.isOk() ? "OK" : "DIVERGED")
            .field("events", result.events())
            .field("commands", result.commands())
            .field("matchedCommands", result.matchedCommands())
            .field("unjournaledCommands", result.unjournaledCommands())
            .field("engineStarts", result.engineStarts())
            .field("startIndex", result.startIndex())
            .field("startSnapshotId", null == start ? -1 : start.snapshotId())
            .field("uncheckedRecords", uncheckedRecords);
        final Divergence divergence = result.divergence();
        if (null != divergence)
        {
            final EngineMessages messages = new EngineMessages();
            json.raw("divergence", new Json()
                .field("kind", divergence.kind().name())
                .field("index", divergence.index())
                .field("eventIndex", divergence.eventIndex())
                .field("segment", divergence.segment())
                .field("commandNumber", divergence.commandNumber())
                .field("firstDifferentByte", divergence.firstDifferentByte())
                .field("message", divergence.message())
                .field("expected", null == divergence.expected() ? null : describe(messages, divergence.expected()))
                .field("actual", null == divergence.actual() ? null : describe(messages, divergence.actual()))
                .end());
        }
        return json.end();
    }

    private static String describe(final EngineMessages messages, final byte[] message)
    {
        if (null == message)
        {
            return "(none)";
        }
        return messages.toText(new UnsafeBuffer(message), 0, message.length);
    }
}
