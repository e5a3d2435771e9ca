package io.boostj.replay;

import io.boostj.journal.Direction;
import io.boostj.journal.Journal;
import io.boostj.journal.JournalReader;
import io.boostj.journal.JournalRecord;
import io.boostj.sbe.EngineConfigDecoder;
import io.boostj.sbe.EngineSnapshotDecoder;
import io.boostj.sbe.MessageHeaderDecoder;
import io.boostj.sbe.SnapshotRequestDecoder;
import io.boostj.sbe.SnapshotStatus;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Finds where a replay can begin by reading only record envelopes (and snapshot ids): a process start
 * ({@code EngineConfig}), or a {@code SnapshotRequest} whose {@code EngineSnapshot} answer was TAKEN. Snapshot ids
 * are numbered per process, so a request is matched with its answer inside one process's records.
 */
final class ReplayStartFinder
{
    private static final int BATCH = 1024;

    private final EngineSnapshotDecoder snapshotDecoder = new EngineSnapshotDecoder();
    private final SnapshotRequestDecoder requestDecoder = new SnapshotRequestDecoder();
    private final Long2LongHashMap requestIndexById = new Long2LongHashMap(-1);
    private final Long2ObjectHashMap<PendingSnapshot> snapshotById = new Long2ObjectHashMap<>();

    private record PendingSnapshot(long index, byte[] message)
    {
    }

    private long limitIndex;
    private boolean stopAtFirst;
    private ReplayStart found;
    private boolean done;

    /**
     * The first start point of the journal: its first record when that is an {@code EngineConfig}, else (the start
     * was deleted by retention, or the journal was cut) the first TAKEN snapshot.
     *
     * @param journal the journal.
     * @return the start, or null when the journal has neither.
     */
    ReplayStart first(final Journal journal)
    {
        return scan(journal, Long.MAX_VALUE, true);
    }

    /**
     * The last start point whose replay begins at or before {@code index}, so that the record at {@code index} is
     * replayed with the engine state it met.
     *
     * @param journal the journal.
     * @param index   the record the replay must cover.
     * @return the start, or null when there is none at or before the index.
     */
    ReplayStart lastAtOrBefore(final Journal journal, final long index)
    {
        return scan(journal, index, false);
    }

    private ReplayStart scan(final Journal journal, final long limitIndex, final boolean stopAtFirst)
    {
        this.limitIndex = limitIndex;
        this.stopAtFirst = stopAtFirst;
        found = null;
        done = false;
        requestIndexById.clear();
        snapshotById.clear();
        try (JournalReader reader = journal.newReader())
        {
            reader.moveToStart();
            while (!done)
            {
                if (0 == reader.poll(this::onRecord, BATCH) && reader.checkAtEnd())
                {
                    break;
                }
            }
        }
        return found;
    }

    private void onRecord(final JournalRecord record)
    {
        if (done || MessageHeaderDecoder.SCHEMA_ID != record.schemaId())
        {
            return;
        }
        final long index = record.index();
        final int templateId = record.templateId();
        if (Direction.IN == record.direction())
        {
            if (index > limitIndex)
            {
                done = requestIndexById.isEmpty() || EngineConfigDecoder.TEMPLATE_ID == templateId;
                return;
            }
            if (EngineConfigDecoder.TEMPLATE_ID == templateId)
            {
                requestIndexById.clear();
                snapshotById.clear();
                found(ReplayStart.atEngineConfig(index));
            }
            else if (SnapshotRequestDecoder.TEMPLATE_ID == templateId)
            {
                requestDecoder.wrap(record.buffer(), record.bodyOffset() + MessageHeaderDecoder.ENCODED_LENGTH,
                    SnapshotRequestDecoder.BLOCK_LENGTH, SnapshotRequestDecoder.SCHEMA_VERSION);
                final long snapshotId = requestDecoder.snapshotId();
                final PendingSnapshot snapshot = snapshotById.remove(snapshotId);
                if (null == snapshot)
                {
                    requestIndexById.put(snapshotId, index);
                }
                else if (null != snapshot.message())
                {
                    found(ReplayStart.atSnapshot(index, snapshot.index(), snapshotId, snapshot.message()));
                }
            }
        }
        else if (EngineSnapshotDecoder.TEMPLATE_ID == templateId)
        {
            onSnapshot(record, index);
        }
    }

    private void onSnapshot(final JournalRecord record, final long index)
    {
        final DirectBuffer buffer = record.buffer();
        final int offset = record.bodyOffset();
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, offset);
        snapshotDecoder.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
            header.version());
        final long snapshotId = snapshotDecoder.snapshotId();
        final boolean taken = SnapshotStatus.TAKEN == snapshotDecoder.status();
        final byte[] message = taken ? new byte[record.bodyLength()] : null;
        if (taken)
        {
            buffer.getBytes(offset, message);
        }
        final long requestIndex = requestIndexById.remove(snapshotId);
        if (-1 == requestIndex)
        {
            snapshotById.put(snapshotId, new PendingSnapshot(index, message));
        }
        else if (taken)
        {
            found(ReplayStart.atSnapshot(requestIndex, index, snapshotId, message));
        }
        if (index > limitIndex && requestIndexById.isEmpty())
        {
            done = true;
        }
    }

    private void found(final ReplayStart start)
    {
        found = start;
        if (stopAtFirst)
        {
            done = true;
        }
    }
}
