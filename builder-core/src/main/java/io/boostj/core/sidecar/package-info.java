/**
 * The sidecar engine: upstream rollup-boost's decisions (routing, multiplexing, payload-id translation, payload
 * selection and validation, external state root, health, execution mode) as a deterministic state machine over SBE
 * events and commands. Entry point: {@link io.boostj.core.sidecar.SidecarEngine}.
 *
 * <h2>Determinism contract</h2>
 * Replaying the journal through a new engine built from the journaled {@code EngineConfig} must reproduce every
 * command byte for byte. To make that true, the engine:
 * <ul>
 *   <li>reads no clock: {@code now} is the largest {@code recvTimeNs} seen in events (a monotonic max); every timer
 *       (call timeouts, the getPayload deadline, the health probe period) is in that event time and fires when an
 *       event (a {@code Tick} if nothing else) carries a time at or past it, ordered by deadline then by scheduling
 *       order (for calls: call id order);</li>
 *   <li>uses no randomness, no system property, no environment, no I/O and no logging;</li>
 *   <li>numbers its upstream calls with a counter starting at 1, in the order it emits them;</li>
 *   <li>never lets iteration order depend on hash order: maps are used for lookups only, and the bounded
 *       payload-id map evicts and iterates in insertion order;</li>
 *   <li>treats a timed-out call exactly like a transport failure and ignores any later reply to it (unknown call
 *       id), so the moment a timer fired is fully determined by the event sequence.</li>
 * </ul>
 * Same configuration and same event sequence, therefore byte-identical command sequence.
 *
 * <h2>Latency and allocation</h2>
 * The steady state allocates nothing: SBE flyweights and JSON writers are reused, per-request state is pooled,
 * raw JSON (params, results, payloads) is spliced byte for byte into outbound bodies rather than re-serialised, and
 * buffers grow to the largest message seen and stay there. Exceptions are thrown only for bugs.
 */
package io.boostj.core.sidecar;
