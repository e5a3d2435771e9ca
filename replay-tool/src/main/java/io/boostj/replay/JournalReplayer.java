package io.boostj.replay;

import io.boostj.core.CommandSink;
import io.boostj.core.sidecar.SidecarConfig;
import io.boostj.core.sidecar.SidecarEngine;
import io.boostj.journal.Direction;
import io.boostj.journal.Journal;
import io.boostj.journal.JournalContext;
import io.boostj.journal.JournalReader;
import io.boostj.journal.JournalRecord;
import io.boostj.journal.JournalRecordHandler;
import io.boostj.sbe.EngineConfigDecoder;
import io.boostj.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.util.ArrayDeque;

/**
 * Replays a journal through fresh {@link SidecarEngine}s and checks that they emit exactly the journaled commands.
 * <ul>
 *   <li>Every {@code EngineConfig} record (template 40, direction IN) is a process start: it ends the current engine
 *       segment and starts a new engine built with {@link SidecarConfig#decode(DirectBuffer, int, int)}. A record
 *       before the first {@code EngineConfig} is a divergence ({@link Divergence.Kind#RECORD_BEFORE_CONFIG}).</li>
 *   <li>Every other IN record is handed to the segment's engine; the commands it emits, in production order, are
 *       compared byte for byte with the segment's OUT records in journal order. OUT records are journaled by another
 *       thread, so they may sit before or after the IN records that caused them: only the two sequences are compared,
 *       not their interleaving.</li>
 *   <li>At the end of a segment, a journaled command the replay did not produce is a divergence; commands the replay
 *       produced that the journal does not hold are counted as {@link ReplayResult#unjournaledCommands()} (the process
 *       stopped before journaling them), or are a divergence in strict mode.</li>
 * <li>A replay need not start at the journal's first record: when that is not an {@code EngineConfig} (retention
 *     deleted the start of the process's records), it starts at the first engine snapshot the journal holds
 *     ({@code SnapshotRequest} in, {@code EngineSnapshot} TAKEN out), and {@link #replayFrom(Journal, long)} starts at
 *     the last process start or snapshot at or before a given index. From a snapshot, the engine is restored from it
 *     ({@link SidecarEngine#fromSnapshot}), fed the events after the request, and compared with the commands
 *     journaled after the snapshot.</li>
 * </ul>
 * Replay stops at the first divergence. Damage in the journal is not a divergence: it propagates as
 * {@link io.boostj.journal.JournalCorruptException}. One replayer replays one journal at a time.
 */
public final class JournalReplayer
{
    private static final int BATCH = 256;

    private final boolean strict;
    private final JournalRecordHandler recordHandler = this::onRecord;
    private final CommandSink sink = this::onCommand;
    private final ArrayDeque<Pending> expected = new ArrayDeque<>();
    private final ArrayDeque<Pending> actual = new ArrayDeque<>();
    private final UnsafeBuffer otherView = new UnsafeBuffer(new byte[0]);
    private SidecarEngine engine;
    private int segment;
    private long events;
    private long commands;
    private long matchedCommands;
    private long unjournaledCommands;
    private long segmentExpectedCount;
    private long segmentActualCount;
    private long currentEventIndex = -1;
    private long skipEventsThrough = -1;
    private long skipCommandsThrough = -1;
    private ReplayStart start;
    private Divergence divergence;

    private record Pending(byte[] bytes, long index, long commandNumber)
    {
    }

    /**
     * A lenient replayer: trailing unjournaled commands are counted, not reported.
     */
    public JournalReplayer()
    {
        this(false);
    }

    /**
     * @param strict true to report trailing commands the journal does not hold as a divergence.
     */
    public JournalReplayer(final boolean strict)
    {
        this.strict = strict;
    }

    /**
     * Open the journal read-only and replay it from its first record.
     *
     * @param journalDir the journal directory.
     * @return the result.
     */
    public ReplayResult replay(final File journalDir)
    {
        try (Journal journal = Journal.open(new JournalContext().directory(journalDir).readOnly(true)))
        {
            return replay(journal);
        }
    }

    /**
     * Replay an open journal from its first record.
     *
     * @param journal the journal.
     * @return the result.
     */
    public ReplayResult replay(final Journal journal)
    {
        return replay(journal, new ReplayStartFinder().first(journal));
    }

    /**
     * Replay an open journal from the last process start or snapshot at or before {@code index}, so that the record
     * there and everything after it is checked with the engine state it met.
     *
     * @param journal the journal.
     * @param index   the first record that must be covered.
     * @return the result; {@link Divergence.Kind#RECORD_BEFORE_CONFIG} if nothing at or before the index can start
     *         an engine.
     */
    public ReplayResult replayFrom(final Journal journal, final long index)
    {
        final ReplayStart found = new ReplayStartFinder().lastAtOrBefore(journal, index);
        if (null == found)
        {
            reset();
            divergence = new Divergence(Divergence.Kind.RECORD_BEFORE_CONFIG, index, -1, 0, -1, null, null, -1,
                "no EngineConfig and no taken engine snapshot at or before index " + index);
            return result();
        }
        return replay(journal, found);
    }

    private ReplayResult replay(final Journal journal, final ReplayStart from)
    {
        reset();
        start = from;
        try (JournalReader reader = journal.newReader())
        {
            if (null == from)
            {
                reader.moveToStart();
            }
            else
            {
                if (!reader.moveToIndex(from.readFromIndex()))
                {
                    reader.moveToStart();
                }
                if (from.isSnapshot())
                {
                    startFromSnapshot(from);
                }
            }
            while (null == divergence)
            {
                if (0 == reader.poll(recordHandler, BATCH) && reader.checkAtEnd())
                {
                    break;
                }
            }
        }

        if (null == divergence)
        {
            endSegment();
        }

        return result();
    }

    private ReplayResult result()
    {
        return new ReplayResult(events, commands, segment, matchedCommands, unjournaledCommands, divergence, start);
    }

    private void startFromSnapshot(final ReplayStart from)
    {
        segment++;
        skipEventsThrough = from.skipEventsThrough();
        skipCommandsThrough = from.skipCommandsThrough();
        final byte[] message = from.snapshot();
        try
        {
            engine = SidecarEngine.fromSnapshot(new UnsafeBuffer(message), 0, message.length, sink);
        }
        catch (final RuntimeException ex)
        {
            divergence = new Divergence(Divergence.Kind.ENGINE_EXCEPTION, from.skipCommandsThrough(), -1, segment, -1,
                null, null, -1, "cannot restore an engine from the snapshot at index " + from.skipCommandsThrough() +
                ": " + ex);
        }
    }

    private void reset()
    {
        engine = null;
        segment = 0;
        events = 0;
        commands = 0;
        matchedCommands = 0;
        unjournaledCommands = 0;
        segmentExpectedCount = 0;
        segmentActualCount = 0;
        currentEventIndex = -1;
        skipEventsThrough = -1;
        skipCommandsThrough = -1;
        start = null;
        divergence = null;
        expected.clear();
        actual.clear();
    }

    private void onRecord(final JournalRecord record)
    {
        if (null != divergence)
        {
            return;
        }

        final DirectBuffer buffer = record.buffer();
        final int offset = record.bodyOffset();
        final int length = record.bodyLength();
        if (Direction.IN == record.direction())
        {
            if (record.index() <= skipEventsThrough)
            {
                return;
            }
            if (MessageHeaderDecoder.SCHEMA_ID == record.schemaId() &&
                EngineConfigDecoder.TEMPLATE_ID == record.templateId())
            {
                startSegment(record, buffer, offset, length);
            }
            else if (null == engine)
            {
                divergence = new Divergence(Divergence.Kind.RECORD_BEFORE_CONFIG, record.index(), -1, 0, -1,
                    null, null, -1, "event at index " + record.index() + " comes before any EngineConfig");
            }
            else
            {
                events++;
                currentEventIndex = record.index();
                try
                {
                    engine.onEvent(buffer, offset, length);
                }
                catch (final RuntimeException ex)
                {
                    if (null == divergence)
                    {
                        divergence = new Divergence(Divergence.Kind.ENGINE_EXCEPTION, record.index(), record.index(),
                            segment, -1, null, null, -1, "engine threw on the event at index " + record.index() +
                            ": " + ex);
                    }
                }
            }
        }
        else if (record.index() > skipCommandsThrough)
        {
            if (null == engine)
            {
                divergence = new Divergence(Divergence.Kind.RECORD_BEFORE_CONFIG, record.index(), -1, 0, -1,
                    copy(buffer, offset, length), null, -1,
                    "command at index " + record.index() + " comes before any EngineConfig");
                return;
            }

            final long commandNumber = segmentExpectedCount++;
            if (actual.isEmpty())
            {
                expected.addLast(new Pending(copy(buffer, offset, length), record.index(), commandNumber));
            }
            else
            {
                final Pending produced = actual.pollFirst();
                compare(
                    record.index(), produced.index(), commandNumber, buffer, offset, length, produced.bytes(), true);
            }
        }
    }

    private void startSegment(final JournalRecord record, final DirectBuffer buffer, final int offset, final int length)
    {
        endSegment();
        if (null != divergence)
        {
            return;
        }

        segment++;
        segmentExpectedCount = 0;
        segmentActualCount = 0;
        try
        {
            engine = new SidecarEngine(SidecarConfig.decode(buffer, offset, length), sink);
        }
        catch (final RuntimeException ex)
        {
            engine = null;
            divergence = new Divergence(Divergence.Kind.ENGINE_EXCEPTION, record.index(), -1, segment, -1,
                null, null, -1, "cannot start an engine from the EngineConfig at index " + record.index() + ": " + ex);
        }
    }

    private void endSegment()
    {
        if (!expected.isEmpty())
        {
            final Pending missing = expected.peekFirst();
            divergence = new Divergence(Divergence.Kind.MISSING_COMMAND, missing.index(), -1, segment,
                missing.commandNumber(), missing.bytes(), null, -1,
                "the journal holds command #" + missing.commandNumber() + " of engine segment " + segment +
                " at index " + missing.index() + " but the replay produced only " + segmentActualCount + " commands");
        }
        else if (!actual.isEmpty())
        {
            final Pending extra = actual.peekFirst();
            if (strict)
            {
                divergence = new Divergence(Divergence.Kind.EXTRA_COMMAND, extra.index(), extra.index(), segment,
                    extra.commandNumber(), null, extra.bytes(), -1,
                    "the replay produced command #" + extra.commandNumber() + " of engine segment " + segment +
                    " (from the event at index " + extra.index() + ") but the journal holds only " +
                    segmentExpectedCount + " commands");
            }
            else
            {
                unjournaledCommands += actual.size();
            }
        }
        expected.clear();
        actual.clear();
    }

    private void onCommand(final DirectBuffer buffer, final int offset, final int length)
    {
        commands++;
        final long commandNumber = segmentActualCount++;
        if (null != divergence)
        {
            return;
        }

        if (expected.isEmpty())
        {
            actual.addLast(new Pending(copy(buffer, offset, length), currentEventIndex, commandNumber));
        }
        else
        {
            final Pending journaled = expected.pollFirst();
            compare(
                journaled.index(), currentEventIndex, commandNumber, buffer, offset, length, journaled.bytes(), false);
        }
    }

    private void compare(
        final long journalIndex,
        final long eventIndex,
        final long commandNumber,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final byte[] other,
        final boolean bufferIsJournal)
    {
        final int firstDifference = firstDifference(buffer, offset, length, other);
        if (firstDifference < 0)
        {
            matchedCommands++;
            return;
        }

        final byte[] fromBuffer = copy(buffer, offset, length);
        final byte[] expectedBytes = bufferIsJournal ? fromBuffer : other;
        final byte[] actualBytes = bufferIsJournal ? other : fromBuffer;
        divergence = new Divergence(Divergence.Kind.COMMAND_MISMATCH, journalIndex, eventIndex, segment, commandNumber,
            expectedBytes, actualBytes, firstDifference,
            "command #" + commandNumber + " of engine segment " + segment + " at index " + journalIndex +
            " differs from the replay (produced by the event at index " + eventIndex + ") at byte " + firstDifference);
    }

    private int firstDifference(
        final DirectBuffer buffer, final int offset, final int length, final byte[] other)
    {
        final int common = Math.min(length, other.length);
        otherView.wrap(other);
        int i = 0;
        for (final int wordsEnd = common & ~7; i < wordsEnd; i += 8)
        {
            if (buffer.getLong(offset + i) != otherView.getLong(i))
            {
                break;
            }
        }
        for (; i < common; i++)
        {
            if (buffer.getByte(offset + i) != other[i])
            {
                return i;
            }
        }
        return length == other.length ? -1 : common;
    }

    private static byte[] copy(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }
}
