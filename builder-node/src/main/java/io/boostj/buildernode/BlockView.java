package io.boostj.buildernode;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boostj.codecs.eth.BlockHeader;
import io.boostj.codecs.eth.TransactionDecoder;
import io.boostj.core.builder.Address;
import io.boostj.core.builder.IncludedTransaction;
import io.boostj.core.builder.StoredBlock;
import org.agrona.concurrent.UnsafeBuffer;

import java.math.BigInteger;
import java.util.List;

/**
 * The Ethereum JSON-RPC views of stored blocks, their transactions and receipts, as geth writes them (the fields
 * wallets, Foundry's {@code cast} and explorers read). The executor runs transfers only, so logs are always empty and
 * no receipt has a contract address.
 */
final class BlockView
{
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ZERO_BLOOM = "0x" + "00".repeat(256);

    private final TransactionDecoder tx = new TransactionDecoder();

    /**
     * @param block        the block.
     * @param fullTransactions transaction objects (true) or hashes.
     * @return {@code eth_getBlockByNumber}'s object.
     */
    ObjectNode block(final StoredBlock block, final boolean fullTransactions)
    {
        final BlockHeaderFields h = BlockHeaderFields.of(block);
        final ObjectNode b = NODES.objectNode()
            .put("hash", block.hashHex())
            .put("parentHash", Params.hex(h.parentHash))
            .put("sha3Uncles", BlockHeader.EMPTY_OMMERS_HASH_HEX)
            .put("miner", Params.hex(h.feeRecipient))
            .put("stateRoot", Params.hex(h.stateRoot))
            .put("transactionsRoot", Params.hex(h.transactionsRoot))
            .put("receiptsRoot", Params.hex(h.receiptsRoot))
            .put("logsBloom", Params.hex(h.logsBloom))
            .put("difficulty", "0x0")
            .put("totalDifficulty", "0x0")
            .put("number", Params.quantity(h.number))
            .put("gasLimit", Params.quantity(h.gasLimit))
            .put("gasUsed", Params.quantity(h.gasUsed))
            .put("timestamp", Params.quantity(h.timestamp))
            .put("extraData", Params.hex(h.extraData))
            .put("mixHash", Params.hex(h.prevRandao))
            .put("nonce", "0x0000000000000000")
            .put("baseFeePerGas", Params.quantity(h.baseFee))
            .put("withdrawalsRoot", Params.hex(h.withdrawalsRoot))
            .put("blobGasUsed", "0x0")
            .put("excessBlobGas", "0x0")
            .put("parentBeaconBlockRoot", Params.hex(h.parentBeaconBlockRoot))
            .put("size", Params.quantity(BlockHeaderFields.blockRlp(block).length));
        b.putArray("uncles");
        b.putArray("withdrawals");
        final ArrayNode txs = b.putArray("transactions");
        final List<IncludedTransaction> included = block.transactions();
        for (int i = 0; i < included.size(); i++)
        {
            if (fullTransactions)
            {
                txs.add(transaction(block.rawTransactions().get(i), included.get(i).sender(), block,
                    included.get(i)));
            }
            else
            {
                txs.add(Params.hex(included.get(i).hash()));
            }
        }
        return b;
    }

    /**
     * @param raw      the raw transaction.
     * @param sender   its sender.
     * @param block    the block holding it, or null while pending.
     * @param included its result in that block, or null while pending.
     * @return {@code eth_getTransactionByHash}'s object.
     */
    ObjectNode transaction(final byte[] raw, final Address sender, final StoredBlock block,
        final IncludedTransaction included)
    {
        if (TransactionDecoder.OK != tx.tryWrap(new UnsafeBuffer(raw), 0, raw.length))
        {
            throw new IllegalStateException("stored transaction does not decode: " + tx.errorReason());
        }
        final ObjectNode t = NODES.objectNode()
            .put("type", Params.quantity(tx.type()))
            .put("hash", Params.hex(io.boostj.codecs.eth.trie.MerklePatriciaTrie.keccak(raw)))
            .put("from", sender.toString())
            .put("nonce", Params.quantity(tx.nonce()))
            .put("gas", Params.quantity(tx.gasLimit()))
            .put("value", Params.quantity(unsigned(tx.valueOffset(), tx.valueLength())))
            .put("input", Params.hex(bytes(tx.dataOffset(), tx.dataLength())));
        if (tx.hasTo())
        {
            t.put("to", Params.hex(bytes(tx.toOffset(), Address.LENGTH)));
        }
        else
        {
            t.putNull("to");
        }
        if (null == block)
        {
            t.putNull("blockHash").putNull("blockNumber").putNull("transactionIndex");
        }
        else
        {
            t.put("blockHash", block.hashHex()).put("blockNumber", Params.quantity(block.number()))
                .put("transactionIndex", Params.quantity(included.index()));
        }
        if (tx.isDeposit())
        {
            t.put("sourceHash", Params.hex(bytes(tx.sourceHashOffset(), 32)))
                .put("mint", Params.quantity(unsigned(tx.mintOffset(), tx.mintLength())))
                .put("isSystemTx", tx.isSystemTx())
                .put("gasPrice", "0x0");
            if (null != included && included.depositNonce() >= 0)
            {
                t.put("nonce", Params.quantity(included.depositNonce()));
            }
            return t;
        }
        if (TransactionDecoder.TYPE_DYNAMIC_FEE == tx.type())
        {
            t.put("maxFeePerGas", Params.quantity(unsigned(tx.maxFeePerGasOffset(), tx.maxFeePerGasLength())))
                .put("maxPriorityFeePerGas", Params.quantity(unsigned(tx.maxPriorityFeePerGasOffset(),
                tx.maxPriorityFeePerGasLength())));
            t.put("gasPrice", null != included ? Params.quantity(included.effectiveGasPrice()) :
                Params.quantity(unsigned(tx.maxFeePerGasOffset(), tx.maxFeePerGasLength())));
        }
        else
        {
            t.put("gasPrice", Params.quantity(unsigned(tx.gasPriceOffset(), tx.gasPriceLength())));
        }
        if (tx.hasChainId())
        {
            t.put("chainId", Params.quantity(tx.chainId()));
        }
        if (TransactionDecoder.TYPE_LEGACY == tx.type())
        {
            t.put("v", Params.quantity(tx.v()));
        }
        else
        {
            t.put("v", Params.quantity(tx.yParity())).put("yParity", Params.quantity(tx.yParity()));
            t.putArray("accessList");
        }
        t.put("r", Params.quantity(unsigned(tx.rOffset(), tx.rLength())))
            .put("s", Params.quantity(unsigned(tx.sOffset(), tx.sLength())));
        return t;
    }

    /**
     * @param raw      the raw transaction.
     * @param block    the canonical block holding it.
     * @param included its result there.
     * @return {@code eth_getTransactionReceipt}'s object.
     */
    ObjectNode receipt(final byte[] raw, final StoredBlock block, final IncludedTransaction included)
    {
        if (TransactionDecoder.OK != tx.tryWrap(new UnsafeBuffer(raw), 0, raw.length))
        {
            throw new IllegalStateException("stored transaction does not decode: " + tx.errorReason());
        }
        final ObjectNode r = NODES.objectNode()
            .put("type", Params.quantity(included.type()))
            .put("transactionHash", Params.hex(included.hash()))
            .put("transactionIndex", Params.quantity(included.index()))
            .put("blockHash", block.hashHex())
            .put("blockNumber", Params.quantity(block.number()))
            .put("from", included.sender().toString());
        if (tx.hasTo())
        {
            r.put("to", Params.hex(bytes(tx.toOffset(), Address.LENGTH)));
        }
        else
        {
            r.putNull("to");
        }
        r.put("cumulativeGasUsed", Params.quantity(included.cumulativeGasUsed()))
            .put("gasUsed", Params.quantity(included.gasUsed()))
            .put("effectiveGasPrice", Params.quantity(included.effectiveGasPrice()))
            .put("status", included.success() ? "0x1" : "0x0")
            .put("logsBloom", ZERO_BLOOM)
            .putNull("contractAddress");
        r.putArray("logs");
        if (included.depositNonce() >= 0)
        {
            r.put("depositNonce", Params.quantity(included.depositNonce())).put("depositReceiptVersion", "0x1");
        }
        return r;
    }

    private byte[] bytes(final int offset, final int length)
    {
        final byte[] out = new byte[Math.max(0, length)];
        if (length > 0)
        {
            tx.buffer().getBytes(offset, out);
        }
        return out;
    }

    private BigInteger unsigned(final int offset, final int length)
    {
        return length <= 0 || offset < 0 ? BigInteger.ZERO : new BigInteger(1, bytes(offset, length));
    }
}
