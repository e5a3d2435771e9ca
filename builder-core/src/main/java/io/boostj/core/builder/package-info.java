/**
 * The flashblocks builder's deterministic core (issue 5): world state on a Merkle Patricia trie, the transfer
 * executor, and (to come) the pool, the 200 ms flashblock loop and sealing. Like the sidecar engine it reads no clock
 * and no randomness: block times and ticks come in as arguments.
 */
package io.boostj.core.builder;
