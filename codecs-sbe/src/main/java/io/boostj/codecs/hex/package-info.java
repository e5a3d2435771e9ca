/**
 * Ethereum hex (DATA and QUANTITY) encoding and decoding over Agrona buffers.
 */
package io.boostj.codecs.hex;
