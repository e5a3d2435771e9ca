package io.boostj.system;

import io.boostj.devnet.BlockResult;
import io.boostj.journal.Direction;
import io.boostj.journal.Journal;
import io.boostj.journal.JournalContext;
import io.boostj.journal.JournalReader;
import io.boostj.replay.JournalReplayer;
import io.boostj.replay.ReplayResult;
import io.boostj.sbe.BlockDecisionDecoder;
import io.boostj.sbe.EngineSnapshotDecoder;
import io.boostj.sbe.SnapshotStatus;
import io.boostj.sbe.DecisionReason;
import io.boostj.sbe.EngineConfigDecoder;
import io.boostj.sbe.MessageHeaderDecoder;
import io.boostj.sbe.PayloadSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal contract (DESIGN.md "Journal first"): run the real sidecar through a scenario with faults (builder down,
 * a builder timeout, an invalid builder block, L2 refusing the builder's block, mode changes, a noTxPool block, a
 * process restart), then replay the journal through fresh engines: they must emit exactly the journaled commands, and
 * the journaled decisions must be the ones op-node saw.
 */
class GoldenReplaySystemTest extends SystemTestBase
{
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(io.boostj.io.runtime.ThreadingMode.class)
    void shouldReplayAFaultyRunToIdenticalDecisions(final io.boostj.io.runtime.ThreadingMode mode) throws Exception
    {
        final Path journalDir = tempDir.resolve("golden-journal");
        final List<String> seenByOpNode = new ArrayList<>();

        // first process
        start(o -> o.journalDir(journalDir).contextCustomizer(c -> c.threadingMode(mode).journalSnapshotIntervalMs(100))
            .engineConfig().healthCheckIntervalMs(200));
        record(seenByOpNode, produceFrom(2, "builder"));
        builder().stop();
        record(seenByOpNode, produceFrom(2, "l2"));
        builder().start();
        Thread.sleep(300);
        record(seenByOpNode, List.of(produceOk()));
        builder().faults().delay("engine_getPayload*", BUILDER_TIMEOUT_MS * 3L);
        record(seenByOpNode, produceFrom(1, "l2"));
        builder().faults().reset();
        builder().faults().zeroStateRoot(true);
        record(seenByOpNode, produceFrom(1, "l2"));
        builder().faults().reset();
        l2().faults().newPayloadStatusNext("SYNCING", 1);
        record(seenByOpNode, produceFrom(1, "l2"));
        devnet.setExecutionMode("dry_run");
        record(seenByOpNode, produceFrom(1, "l2"));
        devnet.setExecutionMode("disabled");
        record(seenByOpNode, produceFrom(2, "l2"));
        devnet.setExecutionMode("enabled");
        Thread.sleep(300);
        final BlockResult noTxPool = driver().produceBlock(true);
        assertTrue(noTxPool.ok(), noTxPool::toString);
        record(seenByOpNode, List.of(noTxPool));
        record(seenByOpNode, produceFrom(2, "builder"));
        postRaw(rpc("engine_exchangeCapabilities", "[[]]"));
        postRaw(rpc("engine_getPayloadV3", "[\"0x0300000000009999\"]"));
        devnet.close();
        devnet = null;

        // second process, same journal
        start(o -> o.journalDir(journalDir).contextCustomizer(c -> c.threadingMode(mode).journalSnapshotIntervalMs(100))
            .engineConfig().getPayloadDeadlineMs(150).builderTimeoutMs(5_000));
        record(seenByOpNode, produceFrom(1, "builder"));
        Thread.sleep(300);
        builder().faults().delay("engine_getPayload*", 3_000);
        record(seenByOpNode, produceFrom(1, "l2"));
        devnet.close();
        devnet = null;

        final ReplayResult result = new JournalReplayer().replay(journalDir.toFile());

        assertTrue(result.isOk(), () -> "replay diverged: " + result.divergence());
        assertEquals(2, result.engineStarts());
        final JournalSummary journal = summarise(journalDir);
        assertEquals(journal.commands, result.matchedCommands(),
            "every journaled command was reproduced byte for byte: " + result);
        assertEquals(journal.events, result.events());
        assertEquals(seenByOpNode, journal.decisions, "the journaled decisions are the blocks op-node got");
        assertEquals(1, journal.l2Failures, "the getPayload of an unknown id, which L2 refused");

        assertTrue(journal.snapshotsTaken.size() >= 3, "snapshots taken: " + journal.snapshotsTaken.size());
        try (Journal readOnly = Journal.open(new JournalContext().directory(journalDir.toFile()).readOnly(true)))
        {
            int fromSnapshot = 0;
            for (final long snapshotIndex : journal.snapshotsTaken)
            {
                final ReplayResult partial = new JournalReplayer().replayFrom(readOnly, snapshotIndex + 1);
                assertTrue(partial.isOk(), () -> "replay from the snapshot at " + snapshotIndex + " diverged: " +
                    partial.divergence());
                if (partial.start().isSnapshot())
                {
                    fromSnapshot++;
                    final long after = journal.commandIndexes.stream()
                        .filter((i) -> i > partial.start().skipCommandsThrough()).count();
                    assertEquals(after, partial.matchedCommands(), "every later command reproduced: " + partial);
                }
            }
            assertTrue(fromSnapshot >= 3, "replays started from a snapshot: " + fromSnapshot);
        }
    }

    private static void record(final List<String> seen, final List<BlockResult> blocks)
    {
        for (final BlockResult b : blocks)
        {
            seen.add(b.number() + ":" + b.source());
        }
    }

    private static JournalSummary summarise(final Path dir)
    {
        final JournalSummary s = new JournalSummary();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final BlockDecisionDecoder decision = new BlockDecisionDecoder();
        final EngineSnapshotDecoder snapshot = new EngineSnapshotDecoder();
        try (Journal journal = Journal.open(new JournalContext().directory(dir.toFile()).readOnly(true));
            JournalReader reader = journal.newReader())
        {
            reader.moveToStart();
            while (true)
            {
                final int n = reader.poll(record ->
                {
                    if (Direction.IN == record.direction())
                    {
                        if (EngineConfigDecoder.TEMPLATE_ID != record.templateId())
                        {
                            s.events++;
                        }
                        return;
                    }
                    s.commands++;
                    s.commandIndexes.add(record.index());
                    if (EngineSnapshotDecoder.TEMPLATE_ID == record.templateId())
                    {
                        header.wrap(record.buffer(), record.bodyOffset());
                        snapshot.wrap(record.buffer(), record.bodyOffset() + MessageHeaderDecoder.ENCODED_LENGTH,
                            header.blockLength(), header.version());
                        if (SnapshotStatus.TAKEN == snapshot.status())
                        {
                            s.snapshotsTaken.add(record.index());
                        }
                    }
                    if (BlockDecisionDecoder.TEMPLATE_ID == record.templateId())
                    {
                        header.wrap(record.buffer(), record.bodyOffset());
                        decision.wrap(record.buffer(), record.bodyOffset() + MessageHeaderDecoder.ENCODED_LENGTH,
                            header.blockLength(), header.version());
                        if (DecisionReason.L2_FAILED == decision.reason())
                        {
                            s.l2Failures++;
                            return;
                        }
                        s.decisions.add(decision.blockNumber() + ":" +
                            (PayloadSource.BUILDER == decision.source() ? "builder" : "l2"));
                    }
                }, 256);
                if (0 == n && reader.checkAtEnd())
                {
                    break;
                }
            }
        }
        return s;
    }

    private static final class JournalSummary
    {
        long events;
        long commands;
        long l2Failures;
        final List<String> decisions = new ArrayList<>();
        final List<Long> snapshotsTaken = new ArrayList<>();
        final List<Long> commandIndexes = new ArrayList<>();
    }
}
