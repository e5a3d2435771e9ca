package io.boostj.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * One flashblock from the feed, validated and decoded, ready to apply: owned by nobody, shared read-only.
 *
 * @param payloadId    the payload id.
 * @param index        the flashblock index.
 * @param blockNumber  the block it belongs to ({@code base.block_number} on index 0, {@code metadata.block_number}
 *                     on the others).
 * @param base         the header fields of {@code base} in JSON-RPC names (index 0 only, else null).
 * @param diffHeader   the cumulative header fields of {@code diff} in JSON-RPC names (stateRoot, receiptsRoot,
 *                     logsBloom, gasUsed, hash, withdrawalsRoot, blobGasUsed).
 * @param transactions the transactions new in this flashblock.
 * @param receipts     {@code metadata.receipts} by transaction hash (normalized to internally tagged), null when the
 *                     feed carries none.
 * @param balances     {@code metadata.new_account_balances} (lower-case address to QUANTITY), null when absent.
 * @param recvTimeNs   when the message arrived.
 */
public record DecodedFlashblock(
    long payloadId,
    long index,
    long blockNumber,
    ObjectNode base,
    ObjectNode diffHeader,
    List<PendingTransaction> transactions,
    Map<String, ObjectNode> receipts,
    Map<String, String> balances,
    long recvTimeNs)
{
}
