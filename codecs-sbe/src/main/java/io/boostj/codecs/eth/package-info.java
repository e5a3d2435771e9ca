/**
 * Ethereum execution-layer primitives over Agrona buffers: {@link io.boostj.codecs.eth.Keccak256}, ordered
 * Merkle-Patricia trie roots ({@link io.boostj.codecs.eth.OrderedTrieRoot}) of transactions, receipts
 * ({@link io.boostj.codecs.eth.ReceiptEncoder}) and withdrawals ({@link io.boostj.codecs.eth.Withdrawal}),
 * transaction decoding and hashing ({@link io.boostj.codecs.eth.TransactionDecoder}), sender recovery
 * ({@link io.boostj.codecs.eth.SenderRecovery}), fork schedules ({@link io.boostj.codecs.eth.Fork},
 * {@link io.boostj.codecs.eth.ForkSchedule}), block headers ({@link io.boostj.codecs.eth.BlockHeader}) and the
 * recomputation of an execution payload's block hash ({@link io.boostj.codecs.eth.PayloadBlockHasher}).
 * <p>
 * Everything on the block-hash path is allocation-free once warm; sender recovery uses BouncyCastle's curve
 * arithmetic and allocates.
 */
package io.boostj.codecs.eth;
