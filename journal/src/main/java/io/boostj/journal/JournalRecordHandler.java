package io.boostj.journal;

/**
 * Receives records from {@link JournalReader#poll(JournalRecordHandler, int)}.
 */
@FunctionalInterface
public interface JournalRecordHandler
{
    /**
     * One record. The flyweight and its body buffer are reused and valid only during the call: copy what must outlive
     * it. If the handler throws, the record is not consumed and the exception propagates out of {@code poll}.
     *
     * @param record the record, positioned on the current document.
     */
    void onRecord(JournalRecord record);
}
