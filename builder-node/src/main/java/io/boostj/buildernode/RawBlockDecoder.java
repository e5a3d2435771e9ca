package io.boostj.buildernode;

import io.boostj.codecs.eth.trie.MerklePatriciaTrie;
import io.boostj.codecs.rlp.RlpReader;
import io.boostj.core.builder.Address;
import io.boostj.core.builder.ExecutionPayloadFields;
import org.agrona.concurrent.UnsafeBuffer;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a block's RLP ({@code debug_getRawBlock}: header, transactions, ommers, withdrawals) into the fields
 * {@code newPayload} re-executes, the block hash being the Keccak-256 of the header's RLP. Refuses anything that is not
 * such a block, saying where.
 */
final class RawBlockDecoder
{
    private static final int HEADER_FIELDS = 21;

    private final RlpReader rlp = new RlpReader();
    private String error;

    /**
     * @param block the block's RLP.
     * @return the fields, or null ({@link #error()} says why).
     */
    ExecutionPayloadFields decode(final byte[] block)
    {
        error = null;
        rlp.wrap(new UnsafeBuffer(block));
        if (rlp.tryReadList(0, block.length) != block.length)
        {
            return fail("block is not one RLP list");
        }
        final int blockEnd = rlp.payloadOffset() + rlp.payloadLength();
        final int headerStart = rlp.payloadOffset();
        final int headerEnd = rlp.tryReadList(headerStart, blockEnd);
        if (headerEnd < 0)
        {
            return fail("no header list");
        }
        final byte[][] f = new byte[HEADER_FIELDS][];
        int p = rlp.payloadOffset();
        for (int i = 0; i < HEADER_FIELDS; i++)
        {
            final int next = rlp.tryReadString(p, headerEnd);
            if (next < 0)
            {
                return fail("header field " + i + ": " + RlpReader.describe(next));
            }
            f[i] = bytes(rlp.payloadOffset(), rlp.payloadLength());
            p = next;
        }
        if (p != headerEnd)
        {
            return fail("header has more than " + HEADER_FIELDS + " fields (a later fork?)");
        }
        final byte[] hash = MerklePatriciaTrie.keccak(bytes(headerStart, headerEnd - headerStart));
        final int txsEnd = rlp.tryReadList(headerEnd, blockEnd);
        if (txsEnd < 0)
        {
            return fail("no transaction list");
        }
        final List<byte[]> transactions = new ArrayList<>();
        for (int t = rlp.payloadOffset(); t < txsEnd; )
        {
            final int next = rlp.tryReadItem(t, txsEnd);
            if (next < 0)
            {
                return fail("transaction " + transactions.size() + ": " + RlpReader.describe(next));
            }
            transactions.add(rlp.isList() ? bytes(t, next - t) : bytes(rlp.payloadOffset(), rlp.payloadLength()));
            t = next;
        }
        if (20 != f[2].length || 32 != f[0].length || 32 != f[19].length)
        {
            return fail("header field lengths are not a post-merge header's");
        }
        return new ExecutionPayloadFields(f[0], Address.of(f[2]), f[3], f[5], f[13], uint(f[8]), uint(f[9]),
            uint(f[10]), uint(f[11]), f[12], new BigInteger(1, f[15]), hash, transactions, f[19]);
    }

    /** @return why the last decode failed, or null. */
    String error()
    {
        return error;
    }

    private ExecutionPayloadFields fail(final String why)
    {
        error = why;
        return null;
    }

    private byte[] bytes(final int offset, final int length)
    {
        final byte[] out = new byte[length];
        rlp.buffer().getBytes(offset, out);
        return out;
    }

    private static long uint(final byte[] be)
    {
        return new BigInteger(1, be).longValueExact();
    }
}
