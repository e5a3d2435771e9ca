package io.boostj.core.builder;

import io.boostj.codecs.eth.TransactionSigner;
import io.boostj.codecs.eth.trie.MerklePatriciaTrie;

import java.math.BigInteger;

/**
 * Encodes an OP deposit transaction (type 0x7E): {@code 0x7E || rlp([sourceHash, from, to, mint, value, gas,
 * isSystemTx, data])}, as op-node puts the L1-info deposit and user deposits first in a block's forced transactions.
 */
public final class DepositTransaction
{
    private DepositTransaction()
    {
    }

    /**
     * @param sourceHash 32 bytes that make the deposit unique.
     * @param from       the depositor.
     * @param to         the recipient.
     * @param mint       wei minted to the depositor first.
     * @param value      wei transferred.
     * @param gas        gas limit.
     * @param data       call data.
     * @return the raw transaction (not a system transaction).
     */
    public static byte[] encode(final byte[] sourceHash, final Address from, final Address to, final BigInteger mint,
        final BigInteger value, final long gas, final byte[] data)
    {
        final byte[] body = MerklePatriciaTrie.rlpList(MerklePatriciaTrie.rlpString(sourceHash),
            MerklePatriciaTrie.rlpString(from.toBytes()), MerklePatriciaTrie.rlpString(to.toBytes()),
            TransactionSigner.uint(mint), TransactionSigner.uint(value), TransactionSigner.uint(BigInteger.valueOf(gas)),
            MerklePatriciaTrie.rlpString(new byte[0]), MerklePatriciaTrie.rlpString(data));
        final byte[] raw = new byte[body.length + 1];
        raw[0] = 0x7E;
        System.arraycopy(body, 0, raw, 1, body.length);
        return raw;
    }
}
