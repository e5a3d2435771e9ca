/**
 * Zero-copy JSON scanning over Agrona buffers: validation and navigation without allocation.
 */
package io.boostj.codecs.json;
