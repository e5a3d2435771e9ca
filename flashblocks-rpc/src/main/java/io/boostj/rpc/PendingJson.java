package io.boostj.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boostj.codecs.eth.Keccak256;
import io.boostj.codecs.eth.ReceiptEncoder;
import io.boostj.codecs.eth.TransactionSigner;
import io.boostj.codecs.eth.trie.MerklePatriciaTrie;
import io.boostj.codecs.hex.Hex;
import org.agrona.concurrent.UnsafeBuffer;

import java.math.BigInteger;
import java.util.Map;

/**
 * The JSON-RPC objects of pending state (block, transaction, receipt, log) in the shape a node returns them.
 * Built per query from the immutable {@link PendingBlock}: the block hash they carry is the one of the flashblocks
 * applied at that moment.
 */
final class PendingJson
{
    static final String EMPTY_OMMERS_HASH = "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347";
    static final String EMPTY_WITHDRAWALS_ROOT = "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421";
    static final String EMPTY_REQUESTS_HASH = "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private PendingJson()
    {
    }

    static ObjectNode block(final PendingBlock block, final boolean fullTransactions)
    {
        final ObjectNode o = F.objectNode();
        final ObjectNode base = block.base();
        final ObjectNode diff = block.diffHeader();
        o.put("hash", block.hash());
        o.set("parentHash", base.get("parentHash"));
        o.put("sha3Uncles", EMPTY_OMMERS_HASH);
        o.set("miner", base.get("miner"));
        o.set("stateRoot", diff.get("stateRoot"));
        o.put("transactionsRoot", block.transactionsRoot());
        o.set("receiptsRoot", diff.get("receiptsRoot"));
        o.set("logsBloom", diff.get("logsBloom"));
        o.put("difficulty", "0x0");
        o.put("number", Quantities.of(block.number()));
        o.set("gasLimit", base.get("gasLimit"));
        o.set("gasUsed", diff.get("gasUsed"));
        o.set("timestamp", base.get("timestamp"));
        o.set("extraData", base.get("extraData"));
        o.set("mixHash", base.get("mixHash"));
        o.put("nonce", "0x0000000000000000");
        o.set("baseFeePerGas", base.get("baseFeePerGas"));
        final boolean isthmus = diff.has("withdrawalsRoot");
        o.put("withdrawalsRoot", isthmus ? diff.get("withdrawalsRoot").asText() : EMPTY_WITHDRAWALS_ROOT);
        o.set("blobGasUsed", diff.get("blobGasUsed"));
        o.put("excessBlobGas", "0x0");
        o.set("parentBeaconBlockRoot", base.get("parentBeaconBlockRoot"));
        if (isthmus)
        {
            o.put("requestsHash", EMPTY_REQUESTS_HASH);
        }
        o.putArray("uncles");
        o.putArray("withdrawals");
        final ArrayNode txs = o.putArray("transactions");
        for (int i = 0; i < block.transactions().size(); i++)
        {
            if (fullTransactions)
            {
                txs.add(transaction(block, i));
            }
            else
            {
                txs.add(block.transactions().get(i).hash());
            }
        }
        return o;
    }

    static ObjectNode transaction(final PendingBlock block, final int index)
    {
        final PendingTransaction tx = block.transactions().get(index);
        final ObjectNode o = tx.json().deepCopy();
        o.put("blockHash", block.hash());
        o.put("blockNumber", Quantities.of(block.number()));
        o.put("transactionIndex", Quantities.of(index));
        if (!tx.deposit())
        {
            o.put("gasPrice", "0x" + tx.effectiveGasPrice(block.baseFeePerGas()).toString(16));
        }
        final ObjectNode receipt = block.receipts().get(index);
        if (tx.deposit() && null != receipt)
        {
            if (receipt.has("depositNonce"))
            {
                o.set("nonce", receipt.get("depositNonce"));
            }
            if (receipt.has("depositReceiptVersion"))
            {
                o.set("depositReceiptVersion", receipt.get("depositReceiptVersion"));
            }
        }
        return o;
    }

    /**
     * @return the receipt, or null when the feed gave none for this transaction (or its gas use cannot be derived).
     */
    static ObjectNode receipt(final PendingBlock block, final int index)
    {
        final ObjectNode meta = block.receipts().get(index);
        if (null == meta || block.gasUsed()[index] < 0 || block.firstLogIndex()[index] < 0)
        {
            return null;
        }
        final PendingTransaction tx = block.transactions().get(index);
        final ObjectNode o = F.objectNode();
        o.put("type", meta.path("type").asText(tx.json().path("type").asText()));
        o.set("status", meta.get("status"));
        o.set("cumulativeGasUsed", meta.get("cumulativeGasUsed"));
        o.put("gasUsed", Quantities.of(block.gasUsed()[index]));
        o.put("effectiveGasPrice", "0x" + tx.effectiveGasPrice(block.baseFeePerGas()).toString(16));
        o.put("transactionHash", tx.hash());
        o.put("transactionIndex", Quantities.of(index));
        o.put("blockHash", block.hash());
        o.put("blockNumber", Quantities.of(block.number()));
        o.put("from", tx.from());
        if (null == tx.to())
        {
            o.putNull("to");
            o.put("contractAddress", contractAddress(tx.from(), tx.nonce()));
        }
        else
        {
            o.put("to", tx.to());
            o.putNull("contractAddress");
        }
        final ArrayNode logs = o.putArray("logs");
        final byte[] bloom = new byte[ReceiptEncoder.BLOOM_LENGTH];
        final UnsafeBuffer bloomBuffer = new UnsafeBuffer(bloom);
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[32]);
        final Keccak256 keccak = new Keccak256();
        int logIndex = block.firstLogIndex()[index];
        for (final JsonNode log : meta.path("logs"))
        {
            logs.add(log(block, index, logIndex++, log));
            addToBloom(keccak, log.path("address").asText(), scratch, bloomBuffer);
            for (final JsonNode topic : log.path("topics"))
            {
                addToBloom(keccak, topic.asText(), scratch, bloomBuffer);
            }
        }
        o.put("logsBloom", Hex.toHexString(bloom));
        for (final Map.Entry<String, JsonNode> e : meta.properties())
        {
            if (!o.has(e.getKey()))
            {
                o.set(e.getKey(), e.getValue());
            }
        }
        return o;
    }

    static ObjectNode log(final PendingBlock block, final int txIndex, final int logIndex, final JsonNode log)
    {
        final ObjectNode o = F.objectNode();
        o.put("address", log.path("address").asText().toLowerCase(java.util.Locale.ROOT));
        o.set("topics", log.path("topics"));
        o.set("data", log.path("data"));
        o.put("blockHash", block.hash());
        o.put("blockNumber", Quantities.of(block.number()));
        o.set("blockTimestamp", block.base().get("timestamp"));
        o.put("transactionHash", block.transactions().get(txIndex).hash());
        o.put("transactionIndex", Quantities.of(txIndex));
        o.put("logIndex", Quantities.of(logIndex));
        o.put("removed", false);
        return o;
    }

    private static void addToBloom(
        final Keccak256 keccak, final String hex, final UnsafeBuffer scratch, final UnsafeBuffer bloom)
    {
        final byte[] bytes = Hex.fromHexString(hex);
        ReceiptEncoder.addToBloom(keccak, new UnsafeBuffer(bytes), 0, bytes.length, scratch, bloom, 0);
    }

    static String contractAddress(final String from, final long nonce)
    {
        final byte[] rlp = MerklePatriciaTrie.rlpList(
            MerklePatriciaTrie.rlpString(Hex.fromHexString(from)),
            TransactionSigner.uint(BigInteger.valueOf(nonce)));
        final byte[] hash = MerklePatriciaTrie.keccak(rlp);
        return Hex.toHexString(java.util.Arrays.copyOfRange(hash, 12, 32));
    }
}
