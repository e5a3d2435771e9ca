package io.boostj.io.runtime;

import io.boostj.core.sidecar.SidecarConfig;
import io.boostj.journal.Journal;
import io.boostj.journal.JournalContext;
import io.boostj.journal.JournalSyncMode;
import io.boostj.journal.JournalWriter;
import io.boostj.ring.MessageSlot;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InboundJournalTest
{
    @TempDir
    Path dir;

    @Test
    void shouldSyncOnceAtTheEndOfEachBatchInSyncMode()
    {
        try (Journal journal = open(JournalSyncMode.SYNC); JournalWriter writer = journal.newWriter())
        {
            final JournalEventHandler consumer =
                new JournalEventHandler(new InboundJournal(writer, new SystemEpochNanoClock(), JournalSyncMode.SYNC));
            final MessageSlot slot = event();
            consumer.onMessage(0, slot, false);
            consumer.onMessage(1, slot, false);
            assertEquals(0, writer.syncCount(), "no sync inside a batch");
            consumer.onMessage(2, slot, true);
            assertEquals(1, writer.syncCount(), "one sync at the batch end");
            consumer.onMessage(3, slot, true);
            assertEquals(2, writer.syncCount(), "a batch of one is synced too");
            assertEquals(4, journal.countRecords(journal.firstIndex(), journal.lastIndex()));
        }
    }

    @ParameterizedTest
    @EnumSource(value = JournalSyncMode.class, names = {"NONE", "ASYNC"})
    void shouldNeverSyncInTheOtherModes(final JournalSyncMode mode)
    {
        try (Journal journal = open(mode); JournalWriter writer = journal.newWriter())
        {
            final InboundJournal inbound = new InboundJournal(writer, new SystemEpochNanoClock(), mode);
            inbound.append(event(), true);
            inbound.append(event(), true);
            assertEquals(0, inbound.syncCount());
            assertEquals(2, journal.countRecords(journal.firstIndex(), journal.lastIndex()));
        }
    }

    @Test
    void shouldSyncAtABatchEndEvenWhenTheLastSlotIsEmpty()
    {
        try (Journal journal = open(JournalSyncMode.SYNC); JournalWriter writer = journal.newWriter())
        {
            final InboundJournal inbound = new InboundJournal(writer, new SystemEpochNanoClock(), JournalSyncMode.SYNC);
            inbound.append(event(), false);
            inbound.append(new MessageSlot(64), true);
            assertEquals(1, inbound.syncCount());
            assertEquals(1, journal.countRecords(journal.firstIndex(), journal.lastIndex()));
        }
    }

    private Journal open(final JournalSyncMode mode)
    {
        return Journal.open(new JournalContext().directory(dir.toFile()).syncMode(mode));
    }

    private static MessageSlot event()
    {
        final MessageSlot slot = new MessageSlot(256);
        slot.length(new SidecarConfig().encode(slot.buffer(), 0, System.nanoTime()));
        return slot;
    }
}
