/**
 * builder-core: the deterministic engines of boostj, pure logic with no I/O.
 * <p>
 * Engines receive SBE-encoded events (see {@code codecs-sbe}'s {@code engine-messages.xml}) and emit SBE-encoded
 * commands through a {@link io.boostj.core.CommandSink}. They know neither Netty nor Chronicle; time arrives inside
 * events. See {@link io.boostj.core.sidecar} for the sidecar engine and its determinism contract.
 */
package io.boostj.core;
