package io.boostj.buildernode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boostj.codecs.eth.TransactionDecoder;
import io.boostj.codecs.eth.trie.MerklePatriciaTrie;
import io.boostj.core.builder.Address;
import io.boostj.core.builder.BuilderNode;
import io.boostj.core.builder.IncludedTransaction;
import io.boostj.core.builder.PooledTransaction;
import io.boostj.core.builder.StoredBlock;
import io.boostj.core.builder.TransactionPool;
import io.boostj.core.builder.TransferExecutor;
import io.boostj.core.builder.WorldState;
import org.agrona.concurrent.UnsafeBuffer;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Ethereum JSON-RPC methods wallets and tools need, over the node's chain, state and pool: chain id, blocks (by
 * number, tag or hash; full or hashes; raw RLP), balances and nonces (latest or pending), transaction admission with
 * the pool's reason on refusal, transactions and receipts, fee suggestions and history, gas estimates for transfers.
 * Contract creation and calls are refused clearly: this node runs no EVM code. Unknown methods: -32601.
 */
final class EthApi implements RpcMethods
{
    /** Tip suggested by eth_maxPriorityFeePerGas: op-geth's minimum suggestion, 0.001 gwei. */
    static final BigInteger SUGGESTED_TIP_WEI = BigInteger.valueOf(1_000_000);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String NO_EVM = "this builder runs no EVM code";

    private final BuilderNode node;
    private final BlockView view = new BlockView();
    private final TransactionDecoder decoder = new TransactionDecoder();

    /**
     * @param node the node (used on its event loop only).
     */
    EthApi(final BuilderNode node)
    {
        this.node = node;
    }

    public JsonNode call(final String method, final JsonNode params)
    {
        switch (method)
        {
            case "eth_chainId":
                return NODES.textNode(Params.quantity(node.rules().chainId()));
            case "net_version":
                return NODES.textNode(Long.toString(node.rules().chainId()));
            case "web3_clientVersion":
                return NODES.textNode("boostj-builder/" + BuilderArgs.VERSION);
            case "eth_syncing":
                return NODES.booleanNode(false);
            case "eth_accounts":
                return NODES.arrayNode();
            case "eth_blockNumber":
                return NODES.textNode(Params.quantity(node.head().number()));
            case "eth_getBlockByNumber":
                return blockOrNull(blockByTag(Params.required(params, 0, "block")), fullFlag(params));
            case "eth_getBlockByHash":
                return blockOrNull(node.block(hash32(Params.required(params, 0, "block hash"))), fullFlag(params));
            case "debug_getRawBlock":
                return NODES.textNode(Params.hex(BlockHeaderFields.blockRlp(requireBlock(params.path(0)))));
            case "eth_getBalance":
                return NODES.textNode(Params.quantity(state(params.path(1)).account(address(params, 0))
                    .balance()));
            case "eth_getTransactionCount":
                return NODES.textNode(Params.quantity(transactionCount(address(params, 0), params.path(1))));
            case "eth_getCode":
                return code(address(params, 0), params.path(1));
            case "eth_sendRawTransaction":
                return sendRawTransaction(Params.data(Params.required(params, 0, "raw transaction"),
                    "raw transaction", -1));
            case "eth_getTransactionByHash":
                return transactionByHash(hash32(Params.required(params, 0, "transaction hash")));
            case "eth_getTransactionReceipt":
                return receipt(hash32(Params.required(params, 0, "transaction hash")));
            case "eth_gasPrice":
                return NODES.textNode(Params.quantity(node.head().asParent().nextBaseFee().add(SUGGESTED_TIP_WEI)));
            case "eth_maxPriorityFeePerGas":
                return NODES.textNode(Params.quantity(SUGGESTED_TIP_WEI));
            case "eth_feeHistory":
                return feeHistory(params);
            case "eth_estimateGas":
                return estimateGas(Params.required(params, 0, "call object"));
            default:
                throw new RpcException(RpcException.METHOD_NOT_FOUND, "the method " + method +
                    " does not exist/is not available");
        }
    }

    private static boolean fullFlag(final JsonNode params)
    {
        final JsonNode full = params.path(1);
        if (!full.isMissingNode() && !full.isBoolean())
        {
            throw RpcException.invalidParams("param 1 (full transactions) must be a boolean");
        }
        return full.asBoolean(false);
    }

    private JsonNode blockOrNull(final StoredBlock block, final boolean full)
    {
        return null == block ? NODES.nullNode() : view.block(block, full);
    }

    private StoredBlock requireBlock(final JsonNode tag)
    {
        final StoredBlock block = blockByTag(tag);
        if (null == block)
        {
            throw new RpcException(RpcException.SERVER_ERROR, "block " + tag.asText() + " not found");
        }
        return block;
    }

    /** latest, pending, safe and finalized are the head (no pending block is served); earliest is genesis. */
    private StoredBlock blockByTag(final JsonNode tag)
    {
        if (tag.isMissingNode() || tag.isNull())
        {
            return node.head();
        }
        if (!tag.isTextual())
        {
            throw RpcException.invalidParams("block must be a tag, a 0x number or a 0x hash");
        }
        switch (tag.asText())
        {
            case "latest":
            case "pending":
            case "safe":
            case "finalized":
                return node.head();
            case "earliest":
                return node.canonical(0);
            default:
                if (66 == tag.asText().length())
                {
                    return node.block(tag.asText());
                }
                return node.canonical(Params.quantity(tag, "block number"));
        }
    }

    private WorldState state(final JsonNode tag)
    {
        if ("pending".equals(tag.asText(null)) && node.roundPayloadId() >= 0)
        {
            return node.round().state();
        }
        return requireBlock(tag).state();
    }

    private long transactionCount(final Address address, final JsonNode tag)
    {
        if ("pending".equals(tag.asText(null)))
        {
            return node.pool().pendingNonce(address, node.head().state().account(address).nonce());
        }
        return state(tag).account(address).nonce();
    }

    private JsonNode code(final Address address, final JsonNode tag)
    {
        if (state(tag).account(address).hasCode())
        {
            throw new RpcException(RpcException.SERVER_ERROR, "account " + address + " has code, which this node " +
                "does not store: " + NO_EVM);
        }
        return NODES.textNode("0x");
    }

    private JsonNode sendRawTransaction(final byte[] raw)
    {
        if (TransactionDecoder.OK == decoder.tryWrap(new UnsafeBuffer(raw), 0, raw.length) && decoder.hasTo())
        {
            final byte[] to = new byte[Address.LENGTH];
            decoder.buffer().getBytes(decoder.toOffset(), to);
            if (node.head().state().account(Address.of(to)).hasCode())
            {
                throw new RpcException(RpcException.SERVER_ERROR, "calls to contract " + Address.of(to) +
                    " are not supported: " + NO_EVM);
            }
        }
        final int result = node.submit(raw);
        if (TransactionPool.ADDED != result && TransactionPool.REPLACED != result)
        {
            throw new RpcException(RpcException.SERVER_ERROR, node.pool().error());
        }
        return NODES.textNode(Params.hex(MerklePatriciaTrie.keccak(raw)));
    }

    private JsonNode transactionByHash(final String hashHex)
    {
        final StoredBlock block = node.canonicalBlockOf(hashHex);
        if (null != block)
        {
            final IncludedTransaction t = included(block, hashHex);
            return view.transaction(block.rawTransactions().get(t.index()), t.sender(), block, t);
        }
        final PooledTransaction pending = node.pool().get(Params.data(NODES.textNode(hashHex), "hash", 32));
        return null == pending ? NODES.nullNode() : view.transaction(pending.raw(), pending.sender(), null, null);
    }

    private JsonNode receipt(final String hashHex)
    {
        final StoredBlock block = node.canonicalBlockOf(hashHex);
        if (null == block)
        {
            return NODES.nullNode();
        }
        final IncludedTransaction t = included(block, hashHex);
        return view.receipt(block.rawTransactions().get(t.index()), block, t);
    }

    private static IncludedTransaction included(final StoredBlock block, final String hashHex)
    {
        for (final IncludedTransaction t : block.transactions())
        {
            if (Params.hex(t.hash()).equals(hashHex))
            {
                return t;
            }
        }
        throw new IllegalStateException("block " + block.hashHex() + " is indexed for " + hashHex + " but lacks it");
    }

    private JsonNode feeHistory(final JsonNode params)
    {
        final long count = Math.min(1024, Params.quantity(Params.required(params, 0, "block count"), "block count"));
        final StoredBlock newest = requireBlock(Params.required(params, 1, "newest block"));
        final JsonNode percentiles = params.path(2);
        if (!percentiles.isMissingNode() && !percentiles.isNull() && !percentiles.isArray())
        {
            throw RpcException.invalidParams("reward percentiles must be an array of numbers");
        }
        final long oldest = Math.max(0, newest.number() - count + 1);
        final ObjectNode out = NODES.objectNode().put("oldestBlock", Params.quantity(oldest));
        final ArrayNode baseFees = out.putArray("baseFeePerGas");
        final ArrayNode ratios = out.putArray("gasUsedRatio");
        final ArrayNode rewards = percentiles.isArray() ? out.putArray("reward") : null;
        for (long n = oldest; n <= newest.number(); n++)
        {
            final StoredBlock b = node.canonical(n);
            final BigInteger baseFee = BlockHeaderFields.of(b).baseFee;
            baseFees.add(Params.quantity(baseFee));
            ratios.add(b.asParent().gasUsedRatio());
            if (null != rewards)
            {
                rewards.add(rewards(b, baseFee, percentiles));
            }
        }
        baseFees.add(Params.quantity(newest.asParent().nextBaseFee()));
        return out;
    }

    private static ArrayNode rewards(final StoredBlock block, final BigInteger baseFee, final JsonNode percentiles)
    {
        final List<BigInteger> tips = new ArrayList<>();
        for (final IncludedTransaction t : block.transactions())
        {
            if (t.depositNonce() < 0)
            {
                tips.add(t.effectiveGasPrice().subtract(baseFee).max(BigInteger.ZERO));
            }
        }
        tips.sort(null);
        final ArrayNode out = NODES.arrayNode();
        for (final JsonNode p : percentiles)
        {
            if (!p.isNumber() || p.asDouble() < 0 || p.asDouble() > 100)
            {
                throw RpcException.invalidParams("reward percentiles must be numbers from 0 to 100");
            }
            out.add(tips.isEmpty() ? "0x0" : Params.quantity(tips.get(Math.min(tips.size() - 1,
                (int)(p.asDouble() / 100 * tips.size())))));
        }
        return out;
    }

    private JsonNode estimateGas(final JsonNode call)
    {
        if (!call.isObject())
        {
            throw RpcException.invalidParams("param 0 must be a call object");
        }
        if (call.path("to").isMissingNode() || call.path("to").isNull())
        {
            throw new RpcException(RpcException.SERVER_ERROR, "contract creation is not supported: " + NO_EVM);
        }
        final Address to = Address.of(Params.data(call.get("to"), "to", Address.LENGTH));
        if (node.head().state().account(to).hasCode())
        {
            throw new RpcException(RpcException.SERVER_ERROR, "calls to contract " + to + " are not supported: " +
                NO_EVM);
        }
        final JsonNode input = call.has("input") ? call.get("input") : call.path("data");
        final byte[] data = input.isMissingNode() || input.isNull() ? new byte[0] : Params.data(input, "input", -1);
        return NODES.textNode(Params.quantity(TransferExecutor.transferGas(data, node.rules().calldataFloor())));
    }

    private static Address address(final JsonNode params, final int index)
    {
        return Address.of(Params.data(Params.required(params, index, "address"), "address", Address.LENGTH));
    }

    private static String hash32(final JsonNode node)
    {
        return Params.hex(Params.data(node, "hash", 32)).toLowerCase(Locale.ROOT);
    }
}
