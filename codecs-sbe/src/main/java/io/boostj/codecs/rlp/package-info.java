/**
 * Recursive Length Prefix (RLP) encoding into, and strict decoding from, Agrona buffers.
 */
package io.boostj.codecs.rlp;
