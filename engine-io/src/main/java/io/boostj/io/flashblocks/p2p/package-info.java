/**
 * Upstream rollup-boost's flashblocks P2P authorization mode ({@code --flashblocks-p2p}, reference §3.6): instead of
 * relaying flashblocks, the sidecar authorizes the builder to publish them on the P2P network by sending each FCU with
 * attributes as {@code flashblocks_forkchoiceUpdatedV3} with an ed25519-signed authorization. Done at the I/O edge
 * (the egress), so the secret key never enters the deterministic engine or its journal.
 */
package io.boostj.io.flashblocks.p2p;
