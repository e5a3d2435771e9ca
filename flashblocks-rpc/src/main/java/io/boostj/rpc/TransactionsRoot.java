package io.boostj.rpc;

import io.boostj.codecs.eth.OrderedTrieRoot;
import io.boostj.codecs.hex.Hex;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;

/**
 * The header's transactionsRoot of a pending block: the ordered trie root of its transactions so far.
 */
final class TransactionsRoot
{
    private static final ThreadLocal<OrderedTrieRoot> TRIE = ThreadLocal.withInitial(OrderedTrieRoot::new);

    private TransactionsRoot()
    {
    }

    static String of(final List<PendingTransaction> transactions)
    {
        final OrderedTrieRoot trie = TRIE.get().reset();
        for (final PendingTransaction tx : transactions)
        {
            trie.add(new UnsafeBuffer(tx.raw()), 0, tx.raw().length);
        }
        final byte[] root = new byte[32];
        trie.root(new UnsafeBuffer(root), 0);
        return Hex.toHexString(root);
    }
}
