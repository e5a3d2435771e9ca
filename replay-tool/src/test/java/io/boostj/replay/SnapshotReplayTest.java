package io.boostj.replay;

import io.boostj.journal.Direction;
import io.boostj.journal.Journal;
import io.boostj.journal.JournalContext;
import io.boostj.journal.JournalReader;
import io.boostj.sbe.EngineSnapshotDecoder;
import io.boostj.sbe.ExecutionModeCode;
import io.boostj.sbe.MessageHeaderDecoder;
import io.boostj.sbe.SnapshotStatus;
import org.agrona.concurrent.EpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays that start mid-journal from engine snapshots: {@code verify --from}, and a journal whose start was deleted.
 */
class SnapshotReplayTest
{
    private static final long START_MS = 1_700_000_000_000L;

    @TempDir
    File tmp;

    private final ToolRun tool = new ToolRun();
    private final AtomicLong nowMs = new AtomicLong(START_MS);
    private long midSnapshotIndex;

    private record SnapshotRecord(long index, long snapshotId, SnapshotStatus status)
    {
    }

    @Test
    void shouldVerifyTheWholeJournalWithItsSnapshotsAndFromEachOfThem()
    {
        final File dir = new File(tmp, "journal");
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            final SidecarScenario scenario = new SidecarScenario(journal, 5).snapshotEverySteps(7);
            scenario.start(SidecarScenario.config());
            scenario.run(400);
            scenario.start(SidecarScenario.config().executionMode(ExecutionModeCode.DRY_RUN));
            scenario.run(300);
            scenario.finish();
        }

        try (Journal journal = Journal.open(new JournalContext().directory(dir).readOnly(true)))
        {
            final ReplayResult whole = new JournalReplayer().replay(journal);
            assertNull(whole.divergence(), () -> String.valueOf(whole.divergence()));
            assertFalse(whole.start().isSnapshot(), "a journal that has its start replays from it");

            final List<SnapshotRecord> snapshots = snapshots(journal);
            final long taken = snapshots.stream().filter((s) -> SnapshotStatus.TAKEN == s.status()).count();
            assertTrue(taken >= 10, "snapshots taken: " + taken);
            assertTrue(snapshots.size() > taken, "some requests met a busy engine");

            final List<Long> outIndexes = outIndexes(journal);
            int checked = 0;
            for (final SnapshotRecord snapshot : snapshots)
            {
                if (SnapshotStatus.TAKEN != snapshot.status())
                {
                    continue;
                }
                final ReplayResult fromSnapshot = new JournalReplayer().replayFrom(journal, snapshot.index());
                assertNull(fromSnapshot.divergence(), () -> String.valueOf(fromSnapshot.divergence()));
                if (!fromSnapshot.start().isSnapshot())
                {
                    continue;
                }
                checked++;
                final long after = outIndexes.stream().filter((i) -> i > fromSnapshot.start().skipCommandsThrough())
                    .count();
                assertEquals(after, fromSnapshot.matchedCommands() + fromSnapshot.unjournaledCommands() -
                    (fromSnapshot.commands() - fromSnapshot.matchedCommands() - fromSnapshot.unjournaledCommands()),
                    "every command journaled after snapshot " + snapshot.snapshotId() + " is compared");
                assertEquals(after, fromSnapshot.matchedCommands());
            }
            assertTrue(checked >= 5, "replays started from snapshots: " + checked);
            midSnapshotIndex = snapshots.stream().filter((s) -> SnapshotStatus.TAKEN == s.status())
                .skip(taken / 2).findFirst().orElseThrow().index();
        }

        final long midIndex = midSnapshotIndex;
        assertEquals(0, tool.run("verify", "--journal-dir", dir.getPath(), "--from", Long.toString(midIndex)),
            () -> tool.out() + tool.err());
        assertTrue(tool.out().startsWith("started from engine snapshot "), tool.out());
        assertTrue(tool.out().contains("\nnote: the "), tool.out());
        assertTrue(tool.out().contains("\nOK "), tool.out());
    }

    @Test
    void shouldStartAtTheFirstSnapshotWhenTheJournalLostItsStart()
    {
        final File dir = new File(tmp, "journal");
        final EpochClock clock = nowMs::get;
        final SidecarScenario scenario;
        try (Journal journal = Journal.open(context(dir).epochClock(clock)))
        {
            scenario = new SidecarScenario(journal, 9).snapshotEverySteps(5);
            scenario.start(SidecarScenario.config());
            scenario.run(200);
            nowMs.addAndGet(1_000);
            scenario.run(300);
            scenario.finish();
            assertEquals(2, journal.cycleFiles().size(), "one process spread over two cycle files");
        }
        final File first;
        try (Journal journal = Journal.open(context(dir).readOnly(true)))
        {
            first = journal.cycleFiles().get(0);
        }
        assertTrue(first.delete(), "retention's job, done by hand: " + first);

        assertEquals(0, tool.run("verify", "--journal-dir", dir.getPath()), () -> tool.out() + tool.err());
        assertTrue(tool.out().startsWith("started from engine snapshot "), tool.out());
        assertTrue(tool.out().contains("\nOK "), tool.out());

        assertEquals(0, tool.run("verify", "--journal-dir", dir.getPath(), "--format", "json"));
        assertTrue(tool.out().contains("\"status\":\"OK\""), tool.out());
        assertFalse(tool.out().contains("\"startSnapshotId\":-1"), tool.out());
    }

    @Test
    void shouldSayWhenNothingAtOrBeforeTheIndexCanStartAnEngine()
    {
        final File dir = new File(tmp, "journal");
        final EpochClock clock = nowMs::get;
        try (Journal journal = Journal.open(context(dir).epochClock(clock)))
        {
            final SidecarScenario scenario = new SidecarScenario(journal, 3);
            scenario.start(SidecarScenario.config());
            scenario.run(100);
            nowMs.addAndGet(1_000);
            scenario.run(100);
            scenario.finish();
        }
        final File first;
        final long lastIndex;
        try (Journal journal = Journal.open(context(dir).readOnly(true)))
        {
            first = journal.cycleFiles().get(0);
            lastIndex = journal.lastIndex();
        }
        assertTrue(first.delete());

        assertEquals(1, tool.run("verify", "--journal-dir", dir.getPath()));
        assertTrue(tool.out().contains("RECORD_BEFORE_CONFIG"), () -> tool.out() + tool.err());
        assertEquals(1, tool.run("verify", "--journal-dir", dir.getPath(), "--from", Long.toString(lastIndex)));
        assertTrue(tool.out().contains("no EngineConfig and no taken engine snapshot at or before index " + lastIndex),
            tool.out());
    }

    @Test
    void shouldShowSnapshotsInDump()
    {
        final File dir = new File(tmp, "journal");
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            final SidecarScenario scenario = new SidecarScenario(journal, 5).snapshotEverySteps(7);
            scenario.start(SidecarScenario.config());
            scenario.run(100);
            scenario.finish();
        }
        assertEquals(0, tool.run("dump", "--journal-dir", dir.getPath()), tool.err());
        assertTrue(tool.out().contains("SnapshotRequest"), tool.out());
        assertTrue(tool.out().contains("snapshotId=1|status=BUSY|"), tool.out());
        assertTrue(tool.out().contains("|status=TAKEN|"), tool.out());
        assertTrue(tool.out().contains("|payloadIds="), tool.out());
    }

    private JournalContext context(final File dir)
    {
        return new JournalContext().directory(dir).rollCycle("TEST_SECONDLY");
    }

    private static List<SnapshotRecord> snapshots(final Journal journal)
    {
        final List<SnapshotRecord> snapshots = new ArrayList<>();
        final EngineSnapshotDecoder decoder = new EngineSnapshotDecoder();
        try (JournalReader reader = journal.newReader())
        {
            while (reader.poll((record) ->
            {
                if (Direction.OUT == record.direction() && EngineSnapshotDecoder.TEMPLATE_ID == record.templateId())
                {
                    decoder.wrap(record.buffer(), record.bodyOffset() + MessageHeaderDecoder.ENCODED_LENGTH,
                        EngineSnapshotDecoder.BLOCK_LENGTH, EngineSnapshotDecoder.SCHEMA_VERSION);
                    snapshots.add(new SnapshotRecord(record.index(), decoder.snapshotId(), decoder.status()));
                }
            }, 1_000) > 0)
            {
                Thread.onSpinWait();
            }
        }
        return snapshots;
    }

    private static List<Long> outIndexes(final Journal journal)
    {
        final List<Long> indexes = new ArrayList<>();
        try (JournalReader reader = journal.newReader())
        {
            while (reader.poll((record) ->
            {
                if (Direction.OUT == record.direction())
                {
                    indexes.add(record.index());
                }
            }, 1_000) > 0)
            {
                Thread.onSpinWait();
            }
        }
        return indexes;
    }
}
