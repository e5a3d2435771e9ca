/**
 * bin/flashblocks-rpc: a JSON-RPC proxy in front of an ordinary L2 node that answers {@code pending} queries from a
 * flashblocks feed and passes everything else through. See docs/FLASHBLOCKS-RPC.md.
 */
package io.boostj.rpc;
