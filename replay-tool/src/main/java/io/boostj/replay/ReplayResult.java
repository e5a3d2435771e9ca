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
 */
public record ReplayResult(
    long events,
    long commands,
    int engineStarts,
    long matchedCommands,
    long unjournaledCommands,
    Divergence divergence)
{
    /**
     * @return true if no divergence was found.
     */
    public boolean isOk()
    {
        return null == divergence;
    }
}
