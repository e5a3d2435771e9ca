/**
 * Recursive Length Prefix (RLP) encoding into Agrona buffers.
 */
package io.boostj.codecs.rlp;
