/**
 * The flashblocks builder's deterministic core (issue 5): world state on a Merkle Patricia trie, the transfer
 * executor, the transaction pool, the payload builder that cuts flashblocks and seals, and {@link
 * io.boostj.core.builder.BuilderNode}, the builder as an execution client (FCU rounds, ticks, getPayload, newPayload
 * re-execution). Like the sidecar engine it reads no clock and no randomness: block times and ticks come in as
 * arguments, and the I/O layer ({@code builder-node}) calls it from one thread.
 */
package io.boostj.core.builder;
