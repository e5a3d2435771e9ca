package io.boostj.replay;

/**
 * What a {@link JournalReplayer} found.
 *
 * @param events              events (IN records other than {@code EngineConfig}) replayed.
 * @param commands            commands the replay produced.
 * @param engineStarts        {@code EngineConfig} records, i.e. engine segments.
 * @param matchedCommands     commands equal, byte for byte, to the journaled ones.
 * @param unjournaledCommands commands produced at the end of a segment that the journal does not hold (a process
 *                            that stopped before journaling its last commands); never compared.
 * @param divergence          the first divergence, or null if the replay agrees with the journal.
 * @param start               where the replay began (a process start or a snapshot), null if the journal offered none.
 */
public record ReplayResult(
    long events,
    long commands,
    int engineStarts,
    long matchedCommands,
    long unjournaledCommands,
    Divergence divergence,
    ReplayStart start)
{
    /**
     * @return the first record replayed, -1 when the replay had no start point.
     */
    public long startIndex()
    {
        return null == start ? -1 : start.readFromIndex();
    }

    /**
     * @return true if no divergence was found.
     */
    public boolean isOk()
    {
        return null == divergence;
    }
}
