package io.boostj.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boostj.codecs.eth.TransactionSigner;
import io.boostj.codecs.eth.trie.MerklePatriciaTrie;
import io.boostj.codecs.hex.Hex;
import io.boostj.core.builder.DevAccounts;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Flashblocks built against anvil's state, as a builder would: the next block's base from anvil's head, real
 * transactions signed with anvil's dev keys (chain id 31337), metadata with the receipts and balances those transactions
 * produce. The same raw transactions can then be sent to anvil and mined, so the canonical chain catches up for real.
 */
final class AnvilBlockPlan
{
    static final long CHAIN_ID = 31337;
    static final String KEY1 = "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    static final long TRANSFER_GAS = 21_000;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** One signed transaction and what the builder says it did. */
    record Tx(String raw, String hash, String from, String to, BigInteger value, long gasUsed, List<ObjectNode> logs,
              long nonce)
    {
    }

    final long number;
    final long payloadId = ThreadLocalRandom.current().nextLong();
    private final String parentHash;
    private final long timestamp;
    private final BigInteger baseFee;
    private final BigInteger tip = BigInteger.valueOf(1_000_000_000L);
    private final AnvilProcess anvil;
    private final Map<String, BigInteger> balances = new HashMap<>();
    private final Map<String, Long> nonces = new HashMap<>();
    private final List<Tx> all = new ArrayList<>();
    private long cumulativeGas;
    private int nextIndex;

    private AnvilBlockPlan(final AnvilProcess anvil, final long number, final String parentHash, final long timestamp,
        final BigInteger baseFee)
    {
        this.anvil = anvil;
        this.number = number;
        this.parentHash = parentHash;
        this.timestamp = timestamp;
        this.baseFee = baseFee;
    }

    /** @return a plan for the block after anvil's head. */
    static AnvilBlockPlan next(final AnvilProcess anvil)
    {
        final JsonNode head = anvil.latestBlock();
        final JsonNode pending = anvil.rpc.result("eth_getBlockByNumber", "pending", false);
        return new AnvilBlockPlan(anvil, Quantities.parse(head.get("number").asText()) + 1, head.get("hash").asText(),
            Quantities.parse(head.get("timestamp").asText()) + 1, Quantities.parseBig(pending.get("baseFeePerGas").asText()));
    }

    /** @return a plan for the block after {@code parent} (a pending block of this test). */
    static AnvilBlockPlan after(final AnvilBlockPlan parent, final String parentHash)
    {
        final AnvilBlockPlan p = new AnvilBlockPlan(parent.anvil, parent.number + 1, parentHash, parent.timestamp + 1,
            parent.baseFee);
        p.balances.putAll(parent.balances);
        p.nonces.putAll(parent.nonces);
        return p;
    }

    static byte[] key(final int account)
    {
        return 0 == account ? DevAccounts.privateKey(0) : Hex.fromHexString(KEY1);
    }

    static String address(final int account)
    {
        return Hex.toHexString(new TransactionSigner(key(account)).address());
    }

    BigInteger price()
    {
        return baseFee.add(tip);
    }

    private BigInteger balanceOf(final String address)
    {
        return balances.computeIfAbsent(address, a -> Quantities.parseBig(anvil.rpc.result("eth_getBalance", a,
            "latest").asText()));
    }

    private long nonceOf(final String address)
    {
        return nonces.computeIfAbsent(address, a -> Quantities.parse(anvil.rpc.result("eth_getTransactionCount", a,
            "latest").asText()));
    }

    /** A transfer of {@code value} wei from dev account {@code account} to {@code to}. */
    Tx transfer(final int account, final String to, final BigInteger value)
    {
        return sign(account, Hex.fromHexString(to), value, new byte[0], TRANSFER_GAS, TRANSFER_GAS, List.of());
    }

    /** A contract creation whose init code emits one LOG1 with {@code topic} (and deploys nothing). */
    Tx emitLog(final int account, final String topic)
    {
        final byte[] init = Hex.fromHexString("0x7f" + topic.substring(2) + "60006000a100");
        final String from = address(account);
        final String contract = PendingJson.contractAddress(from, nonceOf(from));
        final ObjectNode log = F.objectNode();
        log.put("address", contract);
        log.putArray("topics").add(topic);
        log.put("data", "0x");
        return sign(account, new byte[0], BigInteger.ZERO, init, 100_000, 54_000, List.of(log));
    }

    private Tx sign(final int account, final byte[] to, final BigInteger value, final byte[] data, final long gasLimit,
        final long gasUsed, final List<ObjectNode> logs)
    {
        final String from = address(account);
        final long nonce = nonceOf(from);
        final byte[] raw = new TransactionSigner(key(account)).signDynamicFee(CHAIN_ID, nonce, tip,
            baseFee.multiply(BigInteger.TWO).add(tip), gasLimit, to, value, data);
        nonces.put(from, nonce + 1);
        final BigInteger cost = value.add(price().multiply(BigInteger.valueOf(gasUsed)));
        balances.put(from, balanceOf(from).subtract(cost));
        final String toHex = 0 == to.length ? null : Hex.toHexString(to);
        if (null != toHex)
        {
            balances.put(toHex, balanceOf(toHex).add(value));
        }
        return new Tx(Hex.toHexString(raw), Hex.toHexString(MerklePatriciaTrie.keccak(raw)), from, toHex, value,
            gasUsed, logs, nonce);
    }

    /** @return the next flashblock's wire JSON with these transactions, base on index 0. */
    String flashblock(final Tx... txs)
    {
        final int index = nextIndex++;
        final ObjectNode fb = F.objectNode();
        fb.put("payload_id", String.format("0x%016x", payloadId));
        fb.put("index", index);
        if (0 == index)
        {
            final ObjectNode base = fb.putObject("base");
            base.put("parent_beacon_block_root", "0x" + "00".repeat(32));
            base.put("parent_hash", parentHash);
            base.put("fee_recipient", "0x4200000000000000000000000000000000000011");
            base.put("prev_randao", "0x" + "00".repeat(32));
            base.put("block_number", Quantities.of(number));
            base.put("gas_limit", "0x1c9c380");
            base.put("timestamp", Quantities.of(timestamp));
            base.put("extra_data", "0x");
            base.put("base_fee_per_gas", "0x" + baseFee.toString(16));
        }
        final ObjectNode diff = fb.putObject("diff");
        diff.put("state_root", "0x" + "00".repeat(32));
        diff.put("receipts_root", "0x" + "00".repeat(32));
        diff.put("logs_bloom", "0x" + "00".repeat(256));
        final ArrayNode raws = F.arrayNode();
        final ObjectNode receipts = F.objectNode();
        final ObjectNode changed = F.objectNode();
        for (final Tx tx : txs)
        {
            all.add(tx);
            cumulativeGas += tx.gasUsed();
            raws.add(tx.raw());
            final ObjectNode r = receipts.putObject(tx.hash());
            r.put("type", "0x2");
            r.put("status", "0x1");
            r.put("cumulativeGasUsed", Quantities.of(cumulativeGas));
            final ArrayNode logs = r.putArray("logs");
            tx.logs().forEach(logs::add);
            changed.put(tx.from(), "0x" + balances.get(tx.from()).toString(16));
            if (null != tx.to())
            {
                changed.put(tx.to(), "0x" + balances.get(tx.to()).toString(16));
            }
        }
        diff.put("gas_used", Quantities.of(cumulativeGas));
        diff.put("block_hash", blockHash(index));
        diff.set("transactions", raws);
        diff.putArray("withdrawals");
        diff.put("withdrawals_root", PendingJson.EMPTY_WITHDRAWALS_ROOT);
        final ObjectNode metadata = fb.putObject("metadata");
        metadata.put("block_number", number);
        metadata.set("new_account_balances", changed);
        metadata.set("receipts", receipts);
        return fb.toString();
    }

    /** @return the next flashblock as a chain that strips balances and receipts from metadata sends it. */
    String strippedFlashblock(final Tx... txs)
    {
        try
        {
            final ObjectNode fb = (ObjectNode)UpstreamRpc.MAPPER.readTree(flashblock(txs));
            ((ObjectNode)fb.get("metadata")).remove(List.of("new_account_balances", "receipts"));
            return fb.toString();
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    /** The (made-up, deterministic) block hash of flashblocks 0..index of this plan. */
    String blockHash(final int index)
    {
        return String.format(Locale.ROOT, "0x%016x%016x%032x", payloadId, number, index);
    }

    List<Tx> transactions()
    {
        return all;
    }

    BigInteger balance(final String address)
    {
        return balances.get(address);
    }

    /** Sends this plan's transactions to anvil and mines them into one block. */
    void mineIntoAnvil()
    {
        for (final Tx tx : all)
        {
            anvil.rpc.result("eth_sendRawTransaction", tx.raw());
        }
        anvil.mine();
    }
}
