/**
 * Flashblocks: the JSON wire message ({@link io.boostj.codecs.flashblocks.FlashblockView}: zero-copy validation and
 * field positions), its canonical op-rbuilder serialisation
 * ({@link io.boostj.codecs.flashblocks.FlashblockJsonWriter}), its SBE form for a co-located builder
 * ({@link io.boostj.codecs.flashblocks.FlashblockSbeCodec}), frame decoding with brotli auto-detection
 * ({@link io.boostj.codecs.flashblocks.FlashblockFrames}) and the reconstruction of a getPayload envelope from a
 * payload's flashblocks ({@link io.boostj.codecs.flashblocks.FlashblockAssembler}, with the
 * {@link io.boostj.codecs.flashblocks.AssembledPayloadCheck} seam for a block-hash check).
 */
package io.boostj.codecs.flashblocks;
