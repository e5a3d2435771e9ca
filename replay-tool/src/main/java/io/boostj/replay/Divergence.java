package io.boostj.replay;

/**
 * The first point where a replay disagrees with the journal.
 *
 * @param kind               what went wrong.
 * @param index              journal index of the record at fault: the journaled command for
 *                           {@link Kind#COMMAND_MISMATCH} and {@link Kind#MISSING_COMMAND}, the event that produced
 *                           the command for {@link Kind#EXTRA_COMMAND}, the offending record otherwise.
 * @param eventIndex         journal index of the event whose replay produced the actual command, or -1.
 * @param segment            engine segment (1 for the records after the first {@code EngineConfig}), 0 if none.
 * @param commandNumber      position of the command in its segment's command sequence (0-based), or -1.
 * @param expected           the journaled command (SBE with header), or null if none.
 * @param actual             the command the replay produced, or null if none.
 * @param firstDifferentByte offset of the first byte that differs between expected and actual, or -1.
 * @param message            a one-line explanation.
 */
public record Divergence(
    Kind kind,
    long index,
    long eventIndex,
    int segment,
    long commandNumber,
    byte[] expected,
    byte[] actual,
    int firstDifferentByte,
    String message)
{
    /**
     * Kinds of divergence.
     */
    public enum Kind
    {
        /**
         * The replay produced a command that differs from the journaled one at the same position.
         */
        COMMAND_MISMATCH,

        /**
         * The journal holds a command the replay did not produce (by the end of the engine segment).
         */
        MISSING_COMMAND,

        /**
         * The replay produced a command the journal does not hold (strict mode only: at the end of a segment this
         * is normally a command the process emitted but did not journal before it stopped).
         */
        EXTRA_COMMAND,

        /**
         * An event or command appears before any {@code EngineConfig}: there is no engine to replay it with.
         */
        RECORD_BEFORE_CONFIG,

        /**
         * The engine threw while handling an event, or its {@code EngineConfig} could not be decoded.
         */
        ENGINE_EXCEPTION
    }
}
