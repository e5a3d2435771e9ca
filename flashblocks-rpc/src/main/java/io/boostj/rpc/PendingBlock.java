package io.boostj.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pending block as the flashblocks applied so far describe it. Immutable: applying a flashblock makes a new one,
 * so RPC threads read a consistent block without locks.
 *
 * @param number          block number.
 * @param payloadId       the payload id of its flashblocks.
 * @param lastIndex       index of the last flashblock applied.
 * @param base            header fields from index 0's {@code base}.
 * @param diffHeader      cumulative header fields of the last flashblock's {@code diff}.
 * @param transactions    every transaction so far, in block order.
 * @param indexByHash     position of each transaction by hash.
 * @param receipts        metadata receipt by position (null entries where the feed gave none).
 * @param gasUsed         gas used by each transaction (-1 where unknown: no receipt for it or the one before).
 * @param firstLogIndex   block-wide index of each transaction's first log (-1 where unknown).
 * @param balances        {@code new_account_balances} merged over the block's flashblocks, later ones winning.
 * @param balancesComplete false when one of the block's flashblocks carried no balances (the feed strips them).
 * @param flashblockCount number of flashblocks applied.
 * @param transactionsRoot ordered trie root of {@code transactions}.
 */
public record PendingBlock(
    long number,
    long payloadId,
    long lastIndex,
    ObjectNode base,
    ObjectNode diffHeader,
    List<PendingTransaction> transactions,
    Map<String, Integer> indexByHash,
    List<ObjectNode> receipts,
    long[] gasUsed,
    int[] firstLogIndex,
    Map<String, String> balances,
    boolean balancesComplete,
    int flashblockCount,
    String transactionsRoot)
{
    /**
     * @param fb an index-0 flashblock (with base).
     * @return the block it starts.
     */
    public static PendingBlock start(final DecodedFlashblock fb)
    {
        return new PendingBlock(fb.blockNumber(), fb.payloadId(), -1, fb.base(), fb.diffHeader(), List.of(), Map.of(),
            List.of(), new long[0], new int[0], Map.of(), true, 0, null).extend(fb);
    }

    /**
     * @param fb the next flashblock of this block.
     * @return this block with it applied.
     */
    public PendingBlock extend(final DecodedFlashblock fb)
    {
        final int before = transactions.size();
        final int after = before + fb.transactions().size();
        final List<PendingTransaction> txs = new ArrayList<>(after);
        txs.addAll(transactions);
        txs.addAll(fb.transactions());
        final Map<String, Integer> byHash = new HashMap<>(indexByHash);
        final List<ObjectNode> rs = new ArrayList<>(after);
        rs.addAll(receipts);
        final long[] gas = java.util.Arrays.copyOf(gasUsed, after);
        final int[] logs = java.util.Arrays.copyOf(firstLogIndex, after);
        for (int i = before; i < after; i++)
        {
            final PendingTransaction tx = txs.get(i);
            byHash.put(tx.hash(), i);
            final ObjectNode receipt = null == fb.receipts() ? null : fb.receipts().get(tx.hash());
            rs.add(receipt);
            final long prevCumulative = 0 == i ? 0 : cumulativeGas(rs.get(i - 1));
            final long cumulative = cumulativeGas(receipt);
            gas[i] = cumulative < 0 || prevCumulative < 0 ? -1 : cumulative - prevCumulative;
            final int prevLogs = 0 == i ? 0 : logs[i - 1];
            logs[i] = prevLogs < 0 || (i > 0 && null == rs.get(i - 1)) ? -1 :
                prevLogs + (0 == i ? 0 : rs.get(i - 1).path("logs").size());
        }
        final Map<String, String> merged;
        if (null == fb.balances())
        {
            merged = balances;
        }
        else
        {
            merged = new HashMap<>(balances);
            merged.putAll(fb.balances());
        }
        return new PendingBlock(number, payloadId, fb.index(), base, fb.diffHeader(), Collections.unmodifiableList(txs),
            Collections.unmodifiableMap(byHash), Collections.unmodifiableList(rs), gas, logs,
            Collections.unmodifiableMap(merged), balancesComplete && null != fb.balances(), flashblockCount + 1,
            fb.transactions().isEmpty() && null != transactionsRoot ? transactionsRoot : TransactionsRoot.of(txs));
    }

    private static long cumulativeGas(final ObjectNode receipt)
    {
        if (null == receipt)
        {
            return -1;
        }
        return Quantities.parse(receipt.path("cumulativeGasUsed").asText(null));
    }

    /** @return the block hash of the flashblocks applied so far ({@code diff.block_hash}). */
    public String hash()
    {
        return diffHeader.path("hash").asText();
    }

    /** @return the base fee. */
    public BigInteger baseFeePerGas()
    {
        final BigInteger fee = Quantities.parseBig(base.path("baseFeePerGas").asText(null));
        return null == fee ? BigInteger.ZERO : fee;
    }

    /** @return transaction hashes in block order. */
    public List<String> transactionHashes()
    {
        final List<String> hashes = new ArrayList<>(transactions.size());
        for (final PendingTransaction tx : transactions)
        {
            hashes.add(tx.hash());
        }
        return hashes;
    }
}
