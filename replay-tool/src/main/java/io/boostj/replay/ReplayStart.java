package io.boostj.replay;

/**
 * Where a replay begins: at a process start ({@code EngineConfig}, {@link #snapshot()} null) or at a journaled engine
 * snapshot. From a snapshot, the replay feeds the events journaled after its {@code SnapshotRequest}
 * ({@link #skipEventsThrough()}) and compares the commands journaled after the snapshot's own record
 * ({@link #skipCommandsThrough()}). Events and commands are journaled by different threads, so either record may come
 * first; the replay reads from just after the earlier of the two.
 *
 * @param readFromIndex       the first record the replay reads.
 * @param snapshot            the {@code EngineSnapshot} message (SBE header included), or null at a process start.
 * @param snapshotId          the snapshot's id, -1 at a process start.
 * @param skipEventsThrough   events at or before this index precede the start and are not replayed; -1 for none.
 * @param skipCommandsThrough commands at or before this index precede the start and are not compared; -1 for none.
 */
public record ReplayStart(
    long readFromIndex, byte[] snapshot, long snapshotId, long skipEventsThrough, long skipCommandsThrough)
{
    /**
     * @param requestIndex  of the {@code SnapshotRequest}.
     * @param snapshotIndex of the TAKEN {@code EngineSnapshot}.
     * @param snapshotId    its id.
     * @param snapshot      the message, SBE header included.
     * @return a start at that snapshot.
     */
    static ReplayStart atSnapshot(
        final long requestIndex, final long snapshotIndex, final long snapshotId, final byte[] snapshot)
    {
        return new ReplayStart(
            Math.min(requestIndex, snapshotIndex) + 1, snapshot, snapshotId, requestIndex, snapshotIndex);
    }

    /**
     * @param index of an {@code EngineConfig} record.
     * @return a start at that process start.
     */
    static ReplayStart atEngineConfig(final long index)
    {
        return new ReplayStart(index, null, -1, -1, -1);
    }

    /**
     * @return true when the replay starts from a snapshot.
     */
    public boolean isSnapshot()
    {
        return null != snapshot;
    }
}
