package io.boostj.buildernode;

import com.fasterxml.jackson.databind.JsonNode;
import io.boostj.codecs.eth.trie.MerklePatriciaTrie;
import io.boostj.core.builder.BuilderNode;
import io.boostj.core.builder.ChainRules;
import io.boostj.core.builder.DevAccounts;
import io.boostj.core.builder.ExecutionPayloadFields;
import io.boostj.codecs.eth.TransactionSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static io.boostj.buildernode.TestChain.call;
import static io.boostj.buildernode.TestChain.result;
import static io.boostj.buildernode.TestChain.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Ethereum JSON-RPC over real HTTP: a signed transfer from the pool to a receipt, blocks by tag, number and hash,
 * balances, nonces, fees, estimates, raw blocks, and every refusal with the reason.
 */
class EthApiTest
{
    private static final BigInteger ETHER = BigInteger.TEN.pow(18);
    private static final ChainRules RULES = ChainRules.opStack(DevAccounts.CHAIN_ID);

    private BuilderNodeServer node;
    private String rpc;

    @BeforeEach
    void setUp() throws Exception
    {
        node = BuilderNodeServer.launch(TestChain.context("eth"));
        rpc = node.httpUrl();
    }

    @AfterEach
    void tearDown()
    {
        node.close();
    }

    @Test
    void shouldCarryASignedTransferFromThePoolToItsReceipt() throws Exception
    {
        final String from = DevAccounts.address(1).toString();
        final String raw = transfer(1, 0, ETHER);
        final String hash = result(rpc, "eth_sendRawTransaction", raw).asText();
        assertEquals(Params.hex(MerklePatriciaTrie.keccak(TestChain.hex(raw.substring(2)))), hash);
        assertTrue(result(rpc, "eth_getTransactionReceipt", hash).isNull(), "no receipt while pending");
        assertTrue(result(rpc, "eth_getTransactionByHash", hash).path("blockHash").isNull());
        assertEquals("0x1", result(rpc, "eth_getTransactionCount", from, "pending").asText());
        assertEquals("0x0", result(rpc, "eth_getTransactionCount", from, "latest").asText());

        final JsonNode envelope = TestChain.produceBlock(node.authUrl(), 2);
        final String blockHash = envelope.path("executionPayload").path("blockHash").asText();

        final JsonNode receipt = result(rpc, "eth_getTransactionReceipt", hash);
        assertEquals(hash, receipt.path("transactionHash").asText());
        assertEquals("0x1", receipt.path("transactionIndex").asText());
        assertEquals(blockHash, receipt.path("blockHash").asText());
        assertEquals("0x1", receipt.path("blockNumber").asText());
        assertEquals(from, receipt.path("from").asText());
        assertEquals(TestChain.TO, receipt.path("to").asText());
        assertEquals("0x5208", receipt.path("gasUsed").asText());
        assertEquals("0x1", receipt.path("status").asText());
        assertEquals("0x2", receipt.path("type").asText());
        assertTrue(receipt.path("logs").isArray());
        assertEquals(514, receipt.path("logsBloom").asText().length());
        assertTrue(receipt.path("contractAddress").isNull());
        final BigInteger baseFee = new BigInteger(envelope.path("executionPayload").path("baseFeePerGas").asText()
            .substring(2), 16);
        assertEquals(baseFee.add(BigInteger.valueOf(1_000_000)),
            new BigInteger(receipt.path("effectiveGasPrice").asText().substring(2), 16));

        final JsonNode tx = result(rpc, "eth_getTransactionByHash", hash);
        assertEquals(blockHash, tx.path("blockHash").asText());
        assertEquals(from, tx.path("from").asText());
        assertEquals("0xde0b6b3a7640000", tx.path("value").asText());
        assertEquals("0x0", tx.path("nonce").asText());
        assertEquals("0x385", tx.path("chainId").asText());

        final BigInteger balance = new BigInteger(result(rpc, "eth_getBalance", TestChain.TO, "latest").asText()
            .substring(2), 16);
        assertEquals(ETHER, balance, "the recipient is no dev account: it holds exactly the transfer");
        assertEquals("0x1", result(rpc, "eth_getTransactionCount", from, "latest").asText());
    }

    @Test
    void shouldServeBlocksByTagNumberAndHash() throws Exception
    {
        result(rpc, "eth_sendRawTransaction", transfer(0, 0, ETHER));
        final JsonNode envelope = TestChain.produceBlock(node.authUrl(), 2);
        final JsonNode payload = envelope.path("executionPayload");

        final JsonNode latest = result(rpc, "eth_getBlockByNumber", "latest", true);
        assertEquals(payload.path("blockHash").asText(), latest.path("hash").asText());
        for (final String field : new String[] {"parentHash", "stateRoot", "receiptsRoot", "gasLimit", "gasUsed",
            "timestamp", "extraData", "baseFeePerGas", "withdrawalsRoot"})
        {
            assertEquals(payload.path(field).asText(), latest.path(field).asText(), field);
        }
        assertEquals(payload.path("feeRecipient").asText(), latest.path("miner").asText());
        assertEquals(payload.path("prevRandao").asText(), latest.path("mixHash").asText());
        assertEquals(envelope.path("parentBeaconBlockRoot").asText(), latest.path("parentBeaconBlockRoot").asText());
        assertEquals(2, latest.path("transactions").size());
        assertEquals("0x7e", latest.path("transactions").get(0).path("type").asText());
        assertEquals(DevAccounts.address(0).toString(), latest.path("transactions").get(1).path("from").asText());
        assertEquals(66, latest.path("transactionsRoot").asText().length());

        final JsonNode byHash = result(rpc, "eth_getBlockByHash", payload.path("blockHash").asText(), false);
        assertEquals(latest.path("transactions").get(1).path("hash").asText(),
            byHash.path("transactions").get(1).asText());
        assertEquals(node.genesisHash(), result(rpc, "eth_getBlockByNumber", "earliest", false).path("hash")
            .asText());
        assertEquals(node.genesisHash(), result(rpc, "eth_getBlockByNumber", "0x0", false).path("hash").asText());
        assertTrue(result(rpc, "eth_getBlockByNumber", "0x9", false).isNull());
        assertTrue(result(rpc, "eth_getBlockByHash", "0x" + "12".repeat(32), false).isNull());
        assertEquals("0x1", result(rpc, "eth_blockNumber").asText());
    }

    @Test
    void shouldServeRawBlocksWhoseHeaderHashesToTheBlockHash() throws Exception
    {
        result(rpc, "eth_sendRawTransaction", transfer(0, 0, ETHER));
        final JsonNode envelope = TestChain.produceBlock(node.authUrl(), 2);

        for (final String tag : new String[] {"0x0", "latest"})
        {
            final byte[] raw = TestChain.hex(result(rpc, "debug_getRawBlock", tag).asText().substring(2));
            final RawBlockDecoder decoder = new RawBlockDecoder();
            final ExecutionPayloadFields fields = decoder.decode(raw);
            assertNotNull(fields, decoder::error);
            final String expected = "latest".equals(tag) ? envelope.path("executionPayload").path("blockHash")
                .asText() : node.genesisHash();
            assertEquals(expected, result(rpc, "eth_getBlockByNumber", tag, false).path("hash").asText());
            if ("latest".equals(tag))
            {
                final BuilderNode fresh = new BuilderNode(RULES, BuilderNode.genesis(RULES, DevAccounts.alloc(5), 0,
                    30_000_000, BigInteger.valueOf(1_000_000_000L)), 10, 10);
                final BuilderNode.PayloadStatus status = fresh.newPayload(fields);
                assertEquals(BuilderNode.VALID, status.status, "the raw block re-executes to the hash of its " +
                    "header: " + status.validationError);
                assertEquals(expected, status.latestValidHash);
            }
        }
        final TestChain.Reply missing = call(rpc, "debug_getRawBlock", "0x7");
        assertEquals(-32000, missing.errorCode());
        assertTrue(missing.errorMessage().contains("not found"), missing.errorMessage());
    }

    @Test
    void shouldRefuseTransactionsThePoolRefusesWithItsReason() throws Exception
    {
        final TestChain.Reply wrongChain = call(rpc, "eth_sendRawTransaction", Params.hex(new TransactionSigner(
            DevAccounts.privateKey(0)).signDynamicFee(1, 0, BigInteger.ONE, BigInteger.valueOf(5_000_000_000L), 21_000,
            TestChain.hex(TestChain.TO.substring(2)), ETHER, new byte[0])));
        assertEquals(-32000, wrongChain.errorCode());
        assertTrue(wrongChain.errorMessage().contains("chain id"), wrongChain.errorMessage());

        final TestChain.Reply creation = call(rpc, "eth_sendRawTransaction", Params.hex(new TransactionSigner(
            DevAccounts.privateKey(0)).signLegacy(DevAccounts.CHAIN_ID, 0, BigInteger.valueOf(5_000_000_000L),
            100_000, new byte[0], BigInteger.ZERO, new byte[] {0x60, 0x00})));
        assertEquals(-32000, creation.errorCode());
        assertTrue(creation.errorMessage().contains("contract creation is not supported"), creation.errorMessage());

        result(rpc, "eth_sendRawTransaction", transfer(0, 0, ETHER));
        final TestChain.Reply again = call(rpc, "eth_sendRawTransaction", transfer(0, 0, ETHER));
        assertEquals(-32000, again.errorCode());
        assertEquals("already known", again.errorMessage());

        final TestChain.Reply garbage = call(rpc, "eth_sendRawTransaction", "0x02c0");
        assertTrue(garbage.errorMessage().startsWith("malformed transaction"), garbage.errorMessage());
        assertEquals(-32602, call(rpc, "eth_sendRawTransaction", "0xzz").errorCode());
    }

    @Test
    void shouldSuggestFeesAndEstimateTransfers() throws Exception
    {
        TestChain.produceBlock(node.authUrl(), 2);

        assertEquals("0xf4240", result(rpc, "eth_maxPriorityFeePerGas").asText());
        assertTrue(new BigInteger(result(rpc, "eth_gasPrice").asText().substring(2), 16)
            .compareTo(BigInteger.valueOf(1_000_000)) > 0);
        final JsonNode history = result(rpc, "eth_feeHistory", "0x2", "latest", TestChain.MAPPER.createArrayNode()
            .add(50));
        assertEquals("0x0", history.path("oldestBlock").asText());
        assertEquals(3, history.path("baseFeePerGas").size());
        assertEquals(2, history.path("gasUsedRatio").size());
        assertEquals(2, history.path("reward").size());

        assertEquals("0x5208", result(rpc, "eth_estimateGas", TestChain.MAPPER.createObjectNode()
            .put("to", TestChain.TO).put("value", "0x1")).asText());
        final TestChain.Reply creation = call(rpc, "eth_estimateGas", TestChain.MAPPER.createObjectNode()
            .put("data", "0x6000"));
        assertEquals(-32000, creation.errorCode());
        assertTrue(creation.errorMessage().contains("contract creation"), creation.errorMessage());
        assertEquals("0x", result(rpc, "eth_getCode", TestChain.TO, "latest").asText());
    }

    @Test
    void shouldAnswerChainIdentity() throws Exception
    {
        assertEquals("0x385", result(rpc, "eth_chainId").asText());
        assertEquals("901", result(rpc, "net_version").asText());
        assertEquals("0x0", result(rpc, "eth_blockNumber").asText());
        assertEquals(-32602, call(rpc, "eth_getBalance", "0x12").errorCode());
        assertEquals(-32602, call(rpc, "eth_getBlockByNumber", "latest", "yes").errorCode());
    }
}
