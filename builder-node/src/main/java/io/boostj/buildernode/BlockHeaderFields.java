package io.boostj.buildernode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.boostj.codecs.eth.BlockHeader;
import io.boostj.codecs.eth.OrderedTrieRoot;
import io.boostj.codecs.eth.TransactionSigner;
import io.boostj.codecs.eth.trie.MerklePatriciaTrie;
import io.boostj.core.builder.StoredBlock;
import org.agrona.concurrent.UnsafeBuffer;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The header of a stored block (OP Isthmus layout, 21 fields: the requests hash is that of no requests), read from
 * its execution payload, with the transactions root computed from its raw transactions; its RLP is what the block
 * hash is the Keccak-256 of.
 */
final class BlockHeaderFields
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] EMPTY_OMMERS_HASH = Params.data(
        MAPPER.getNodeFactory().textNode(BlockHeader.EMPTY_OMMERS_HASH_HEX), "ommers", 32);
    private static final byte[] EMPTY_REQUESTS_HASH = sha256(new byte[0]);

    final byte[] parentHash;
    final byte[] feeRecipient;
    final byte[] stateRoot;
    final byte[] transactionsRoot;
    final byte[] receiptsRoot;
    final byte[] logsBloom;
    final long number;
    final long gasLimit;
    final long gasUsed;
    final long timestamp;
    final byte[] extraData;
    final byte[] prevRandao;
    final BigInteger baseFee;
    final byte[] withdrawalsRoot;
    final byte[] parentBeaconBlockRoot;
    final byte[] hash;

    private BlockHeaderFields(final JsonNode p, final StoredBlock block)
    {
        parentHash = Params.data(p.get("parentHash"), "parentHash", 32);
        feeRecipient = Params.data(p.get("feeRecipient"), "feeRecipient", 20);
        stateRoot = Params.data(p.get("stateRoot"), "stateRoot", 32);
        receiptsRoot = Params.data(p.get("receiptsRoot"), "receiptsRoot", 32);
        logsBloom = Params.data(p.get("logsBloom"), "logsBloom", 256);
        number = Params.quantity(p.get("blockNumber"), "blockNumber");
        gasLimit = Params.quantity(p.get("gasLimit"), "gasLimit");
        gasUsed = Params.quantity(p.get("gasUsed"), "gasUsed");
        timestamp = Params.quantity(p.get("timestamp"), "timestamp");
        extraData = Params.data(p.get("extraData"), "extraData", -1);
        prevRandao = Params.data(p.get("prevRandao"), "prevRandao", 32);
        baseFee = Params.bigQuantity(p.get("baseFeePerGas"), "baseFeePerGas");
        withdrawalsRoot = Params.data(p.get("withdrawalsRoot"), "withdrawalsRoot", 32);
        hash = Params.data(p.get("blockHash"), "blockHash", 32);
        parentBeaconBlockRoot = block.parentBeaconBlockRoot();
        transactionsRoot = transactionsRoot(block.rawTransactions());
    }

    /**
     * @param block a stored block.
     * @return its header fields.
     */
    static BlockHeaderFields of(final StoredBlock block)
    {
        try
        {
            return new BlockHeaderFields(MAPPER.readTree(block.payloadJson()), block);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("stored payload of " + block.hashHex() + " is not JSON", ex);
        }
    }

    /** @return the header's RLP. */
    byte[] rlp()
    {
        return MerklePatriciaTrie.rlpList(
            MerklePatriciaTrie.rlpString(parentHash), MerklePatriciaTrie.rlpString(EMPTY_OMMERS_HASH),
            MerklePatriciaTrie.rlpString(feeRecipient), MerklePatriciaTrie.rlpString(stateRoot),
            MerklePatriciaTrie.rlpString(transactionsRoot), MerklePatriciaTrie.rlpString(receiptsRoot),
            MerklePatriciaTrie.rlpString(logsBloom), uint(0), uint(number), uint(gasLimit), uint(gasUsed),
            uint(timestamp), MerklePatriciaTrie.rlpString(extraData), MerklePatriciaTrie.rlpString(prevRandao),
            MerklePatriciaTrie.rlpString(new byte[8]), TransactionSigner.uint(baseFee),
            MerklePatriciaTrie.rlpString(withdrawalsRoot), uint(0), uint(0),
            MerklePatriciaTrie.rlpString(parentBeaconBlockRoot), MerklePatriciaTrie.rlpString(EMPTY_REQUESTS_HASH));
    }

    /**
     * {@code rlp([header, transactions, ommers, withdrawals])} as geth's {@code debug_getRawBlock}: typed
     * transactions as strings of their envelope, legacy ones as their list.
     *
     * @param block a stored block.
     * @return the block's RLP.
     */
    static byte[] blockRlp(final StoredBlock block)
    {
        final List<byte[]> raws = block.rawTransactions();
        final byte[][] txs = new byte[raws.size()][];
        for (int i = 0; i < txs.length; i++)
        {
            final byte[] raw = raws.get(i);
            txs[i] = (raw[0] & 0xFF) >= 0xC0 ? raw : MerklePatriciaTrie.rlpString(raw);
        }
        return MerklePatriciaTrie.rlpList(of(block).rlp(), MerklePatriciaTrie.rlpList(txs),
            MerklePatriciaTrie.rlpList(), MerklePatriciaTrie.rlpList());
    }

    private static byte[] transactionsRoot(final List<byte[]> raws)
    {
        final OrderedTrieRoot trie = new OrderedTrieRoot();
        for (final byte[] raw : raws)
        {
            trie.add(new UnsafeBuffer(raw), 0, raw.length);
        }
        final UnsafeBuffer root = new UnsafeBuffer(new byte[32]);
        trie.root(root, 0);
        return root.byteArray();
    }

    private static byte[] uint(final long value)
    {
        return TransactionSigner.uint(BigInteger.valueOf(value));
    }

    private static byte[] sha256(final byte[] bytes)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
