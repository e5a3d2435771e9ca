/**
 * The journal: every event that enters the sidecar engine and every command it emits, in one Chronicle Queue, as an
 * envelope ({@link io.boostj.journal.JournalEnvelope}) around the SBE bytes.
 * <ul>
 *   <li>{@link io.boostj.journal.Journal} owns the queue: open it with a {@link io.boostj.journal.JournalContext}
 *       (directory, roll cycle, retention, read-only, sync mode); it hands out writers and readers and answers the
 *       metrics (last index, free disk, reader lag). Its javadoc states the durability policy.</li>
 *   <li>{@link io.boostj.journal.JournalWriter}: one per writing thread, allocation-free appends.</li>
 *   <li>{@link io.boostj.journal.JournalReader}: bounded, non-blocking {@code poll} of reusable
 *       {@link io.boostj.journal.JournalRecord} flyweights; positioning by index, start, end, or by name (restartable
 *       readers); damage is reported as {@link io.boostj.journal.JournalCorruptException} naming file and
 *       position.</li>
 * </ul>
 * The module knows SBE only through the message header and {@link io.boostj.journal.CorrelationIds}; it never
 * decodes message bodies.
 */
package io.boostj.journal;
