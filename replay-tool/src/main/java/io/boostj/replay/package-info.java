/**
 * {@code bin/replay-tool}: forensics over the journal, offline and read-only. {@link io.boostj.replay.ReplayTool} is
 * the command line ({@code describe}, {@code dump}, {@code verify}; {@code assemble} rebuilds a getPayload envelope
 * from flashblocks, see {@link io.boostj.replay.AssembleCommand}); {@link io.boostj.replay.JournalReplayer} is the
 * deterministic replay behind {@code verify}, reusable by golden replay tests; {@link io.boostj.replay.EngineMessages}
 * names and decodes the engine's SBE messages for display. Depends on the journal, builder-core and codecs-sbe, never
 * on engine-io: no sockets.
 */
package io.boostj.replay;
