package io.boostj.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The overlay in front of a real anvil, fed by a real WebSocket feed with flashblocks built against anvil's state,
 * queried by ethers v6, cast, plain HTTP and a WebSocket subscriber; then the same transactions are mined into anvil
 * so that canonical catch-up and reorg detection run for real.
 */
class FlashblocksRpcAnvilTest
{
    @TempDir
    static Path dir;
    private static AnvilProcess anvil;
    private static FlashblocksFeedServer feed;
    private static FlashblocksRpcServer overlay;
    private static JsonRpcClient rpc;
    private static String url;

    @BeforeAll
    static void start() throws Exception
    {
        anvil = AnvilProcess.start(dir);
        feed = new FlashblocksFeedServer();
        overlay = FlashblocksRpcServer.launch(overlayArgs(anvil.url(), 0, 5_000, 50));
        url = "http://127.0.0.1:" + overlay.httpPort();
        rpc = new JsonRpcClient(url);
        await("feed connected", () -> feed.subscriberCount() == 1);
    }

    private static FlashblocksRpcArgs overlayArgs(final String upstreamUrl, final int wsPort,
        final long upstreamTimeoutMs, final long canonicalPollMs)
    {
        final FlashblocksRpcArgs args = new FlashblocksRpcArgs();
        args.upstreamUrl = upstreamUrl;
        args.flashblocksUrl = feed.url();
        args.httpAddr = "127.0.0.1";
        args.httpPort = 0;
        args.wsPort = wsPort;
        args.maxPendingBlocksDepth = 3;
        args.upstreamTimeoutMs = upstreamTimeoutMs;
        args.canonicalPollMs = canonicalPollMs;
        args.maxRequestBytes = 1 << 20;
        return args;
    }

    @AfterAll
    static void stop() throws Exception
    {
        if (null != overlay)
        {
            overlay.close();
        }
        if (null != feed)
        {
            feed.close();
        }
        if (null != anvil)
        {
            anvil.close();
        }
    }

    @AfterEach
    void settle()
    {
        anvil.mine();
        await("pending state cleared by the canonical chain", () -> overlay.processor().state().isEmpty());
    }

    static void await(final String what, final BooleanSupplier condition)
    {
        final long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean())
        {
            if (System.currentTimeMillis() > deadline)
            {
                fail("timed out waiting for: " + what);
            }
            try
            {
                Thread.sleep(10);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    private static void publish(final AnvilBlockPlan plan, final String message)
    {
        final long before = overlay.processor().state().sequence();
        feed.sendText(message);
        await("flashblock applied", () -> overlay.processor().state().sequence() > before);
    }

    private static String fresh()
    {
        return String.format("0x%040x", new BigInteger(64, new java.util.Random()).add(BigInteger.valueOf(1 << 20)));
    }

    @Test
    void shouldAnswerPendingQueriesOfEthersAndCastFromFlashblocksThenFromTheCanonicalChain()
    {
        final AnvilBlockPlan plan = AnvilBlockPlan.next(anvil);
        final String alice = AnvilBlockPlan.address(0);
        final String bob = fresh();
        final BigInteger value = BigInteger.TEN.pow(18);
        final AnvilBlockPlan.Tx t1 = plan.transfer(0, bob, value);
        final AnvilBlockPlan.Tx t2 = plan.transfer(0, bob, value);
        final long canonicalNonce = Quantities.parse(anvil.rpc.result("eth_getTransactionCount", alice, "latest").asText());
        publish(plan, plan.flashblock(t1));
        publish(plan, plan.flashblock(t2));

        final Tools.Result ethers = Tools.ethers(dir, """
            const { ethers } = require('ethers');
            (async () => {
              const p = new ethers.JsonRpcProvider(process.argv[2], undefined, { staticNetwork: true });
              const [block, balance, nonce, receipt] = await Promise.all([
                p.getBlock('pending'), p.getBalance(process.argv[3], 'pending'),
                p.getTransactionCount(process.argv[4], 'pending'), p.getTransactionReceipt(process.argv[5])]);
              console.log(JSON.stringify({ number: block.number, hash: block.hash, txs: block.transactions,
                balance: balance.toString(), nonce, receiptBlock: receipt.blockNumber, status: receipt.status,
                gasUsed: receipt.gasUsed.toString(), from: receipt.from }));
            })().catch(e => { console.error(e); process.exit(1); });
            """, url, bob, alice, t2.hash());
        assertEquals(0, ethers.exitCode(), ethers.toString());
        final JsonNode e = parse(ethers.stdout());
        assertEquals(plan.number, e.get("number").asLong());
        assertEquals(plan.blockHash(1), e.get("hash").asText());
        assertEquals(List.of(t1.hash(), t2.hash()), List.of(e.get("txs").get(0).asText(), e.get("txs").get(1).asText()));
        assertEquals(value.multiply(BigInteger.TWO).toString(), e.get("balance").asText());
        assertEquals(canonicalNonce + 2, e.get("nonce").asLong());
        assertEquals(plan.number, e.get("receiptBlock").asLong());
        assertEquals(1, e.get("status").asInt());
        assertEquals("21000", e.get("gasUsed").asText());
        assertEquals(alice, e.get("from").asText().toLowerCase());

        final Tools.Result block = Tools.cast("block", "pending", "--json", "--rpc-url", url);
        assertEquals(0, block.exitCode(), block.toString());
        assertEquals(plan.blockHash(1), parse(block.stdout()).get("hash").asText());
        assertEquals("0x4200000000000000000000000000000000000011",
            rpc.result("eth_getBlockByNumber", "pending", false).get("miner").asText());
        final Tools.Result balance = Tools.cast("balance", bob, "--block", "pending", "--rpc-url", url);
        assertEquals(value.multiply(BigInteger.TWO).toString(), balance.stdout().trim(), balance.toString());
        final Tools.Result nonce = Tools.cast("nonce", alice, "--block", "pending", "--rpc-url", url);
        assertEquals(Long.toString(canonicalNonce + 2), nonce.stdout().trim(), nonce.toString());
        final Tools.Result receipt = Tools.cast("receipt", t1.hash(), "--json", "--rpc-url", url);
        assertEquals(0, receipt.exitCode(), receipt.toString());
        assertEquals(plan.blockHash(1), parse(receipt.stdout()).get("blockHash").asText());
        assertEquals("0x1", rpc.result("eth_getBlockTransactionCountByNumber", "pending").asText().equals("0x2") ?
            "0x1" : "count was " + rpc.result("eth_getBlockTransactionCountByNumber", "pending"));

        plan.mineIntoAnvil();
        await("catch-up", () -> overlay.processor().state().isEmpty());
        assertTrue(overlay.processor().count(Reconciliation.CATCH_UP) >= 1);
        final JsonNode canonicalReceipt = rpc.result("eth_getTransactionReceipt", t1.hash());
        assertEquals(anvil.latestBlock().get("hash").asText(), canonicalReceipt.get("blockHash").asText());
        assertEquals(value.multiply(BigInteger.TWO), Quantities.parseBig(
            rpc.result("eth_getBalance", bob, "pending").asText()));
    }

    @Test
    void shouldReturnTheFlashblockReceiptOfASyncSendAndRefuseTooLongTimeouts() throws Exception
    {
        final AnvilBlockPlan plan = AnvilBlockPlan.next(anvil);
        final AnvilBlockPlan.Tx tx = plan.transfer(1, fresh(), BigInteger.ONE);
        final CompletableFuture<String> sync = rpc.postAsync(
            JsonRpcClient.request("eth_sendRawTransactionSync", tx.raw()).toString());
        Thread.sleep(200);
        assertFalse(sync.isDone());
        publish(plan, plan.flashblock(tx));
        final JsonNode answer = parse(sync.get(10, TimeUnit.SECONDS));
        assertEquals(tx.hash(), answer.get("result").get("transactionHash").asText(), answer.toString());
        assertEquals(plan.blockHash(0), answer.get("result").get("blockHash").asText());

        final JsonNode tooLong = rpc.call("eth_sendRawTransactionSync", tx.raw(), 6_001);
        assertEquals(RpcError.INVALID_PARAMS, tooLong.get("error").get("code").asInt(), tooLong.toString());
    }

    @Test
    void shouldTimeOutASyncSendThatNoFlashblockOrBlockIncludes()
    {
        final AnvilBlockPlan plan = AnvilBlockPlan.next(anvil);
        final AnvilBlockPlan.Tx tx = plan.transfer(1, fresh(), BigInteger.ONE);
        final JsonNode answer = rpc.call("eth_sendRawTransactionSync", tx.raw(), 300);
        assertEquals(RpcError.SYNC_TIMEOUT, answer.get("error").get("code").asInt(), answer.toString());
        assertEquals(tx.hash(), answer.get("error").get("data").asText());
    }

    @Test
    void shouldStreamFlashblocksTransactionsAndLogsToWebSocketSubscribers() throws Exception
    {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        final WebSocket ws = subscriber(overlay.wsPort(), messages);
        final String topic = "0x" + "ab".repeat(32);
        ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"newFlashblocks\"]}", true).get(5, TimeUnit.SECONDS);
        ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_subscribe\",\"params\":[\"pendingLogs\"," +
            "{\"topics\":[\"" + topic + "\"]}]}", true).get(5, TimeUnit.SECONDS);
        ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"eth_subscribe\",\"params\":" +
            "[\"newFlashblockTransactions\"]}", true).get(5, TimeUnit.SECONDS);
        ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]}", true).get(5, TimeUnit.SECONDS);
        ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"eth_chainId\",\"params\":[]}", true).get(5, TimeUnit.SECONDS);
        String blocksSub = null;
        String logsSub = null;
        String txSub = null;
        String headsSub = null;
        for (int i = 0; i < 5; i++)
        {
            final JsonNode m = messages.poll(5, TimeUnit.SECONDS);
            assertNotNull(m, "subscription answers");
            switch (m.get("id").asInt())
            {
                case 1 -> blocksSub = m.get("result").asText();
                case 2 -> logsSub = m.get("result").asText();
                case 3 -> txSub = m.get("result").asText();
                case 4 -> headsSub = m.get("result").asText();
                default -> assertEquals("0x7a69", m.get("result").asText());
            }
        }
        final AnvilBlockPlan plan = AnvilBlockPlan.next(anvil);
        final AnvilBlockPlan.Tx log = plan.emitLog(1, topic);
        publish(plan, plan.flashblock(log));
        assertNotNull(headsSub, "newHeads is passed through to anvil's WebSocket");
        int seen = 0;
        while (seen < 3)
        {
            final JsonNode m = messages.poll(5, TimeUnit.SECONDS);
            assertNotNull(m, "notifications");
            final String sub = m.get("params").get("subscription").asText();
            final JsonNode result = m.get("params").get("result");
            if (sub.equals(headsSub))
            {
                continue;
            }
            if (sub.equals(blocksSub))
            {
                assertEquals(plan.blockHash(0), result.get("hash").asText());
                assertEquals(log.hash(), result.get("transactions").get(0).get("hash").asText());
            }
            else if (sub.equals(logsSub))
            {
                assertEquals(topic, result.get("topics").get(0).asText());
                assertEquals(log.hash(), result.get("transactionHash").asText());
            }
            else
            {
                assertEquals(txSub, sub);
                assertEquals(log.hash(), result.asText());
            }
            seen++;
        }
        ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"eth_unsubscribe\",\"params\":[\"" + txSub + "\"]}", true).get(5, TimeUnit.SECONDS);
        assertTrue(nextAnswer(messages, 9).get("result").asBoolean());

        final ObjectNode filter = JsonNodeFactory.instance.objectNode();
        filter.put("fromBlock", "0x0");
        filter.put("toBlock", "pending");
        filter.putArray("topics").add(topic);
        final JsonNode logs = rpc.result("eth_getLogs", filter);
        assertEquals(1, logs.size(), logs.toString());
        assertEquals(Quantities.of(plan.number), logs.get(0).get("blockNumber").asText());
        plan.mineIntoAnvil();
        await("catch-up", () -> overlay.processor().state().isEmpty());
        final JsonNode canonicalLogs = rpc.result("eth_getLogs", filter);
        assertEquals(1, canonicalLogs.size(), canonicalLogs.toString());
        assertEquals(logs.get(0).get("address"), canonicalLogs.get(0).get("address"));
        JsonNode head;
        do
        {
            head = messages.poll(5, TimeUnit.SECONDS);
            assertNotNull(head, "the mined block's newHeads notification, relayed from anvil");
        }
        while (!head.path("params").path("subscription").asText().equals(headsSub) ||
            !Quantities.of(plan.number).equals(head.get("params").get("result").get("number").asText()));
        ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"eth_unsubscribe\",\"params\":[\"" + headsSub +
            "\"]}", true).get(5, TimeUnit.SECONDS);
        assertTrue(nextAnswer(messages, 10).get("result").asBoolean(), "anvil unsubscribed");
        ws.abort();
    }

    @Test
    void shouldSayWhichNodeWebSocketIsDownOrThatPassThroughIsOff() throws Exception
    {
        for (final String setting : new String[] {"ws://127.0.0.1:" + AnvilProcess.freePort(), "off"})
        {
            final FlashblocksRpcArgs args = overlayArgs(anvil.url(), 0, 2_000, 1_000);
            args.upstreamWsUrl = setting;
            try (FlashblocksRpcServer server = FlashblocksRpcServer.launch(args))
            {
                final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
                final WebSocket ws = subscriber(server.wsPort(), messages);
                ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]}",
                    true).get(5, TimeUnit.SECONDS);
                ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_subscribe\",\"params\":" +
                    "[\"newFlashblocks\"]}", true).get(5, TimeUnit.SECONDS);
                final java.util.Map<Integer, JsonNode> answers = new java.util.HashMap<>();
                while (answers.size() < 2)
                {
                    final JsonNode m = messages.poll(10, TimeUnit.SECONDS);
                    assertNotNull(m, "both answers: " + answers);
                    answers.put(m.path("id").asInt(-1), m);
                }
                final JsonNode refused = answers.get(1);
                final JsonNode served = answers.get(2);
                assertTrue(served.get("result").asText().startsWith("0x"), served.toString());
                if ("off".equals(setting))
                {
                    assertEquals(RpcError.INVALID_PARAMS, refused.get("error").get("code").asInt());
                    assertTrue(refused.get("error").get("message").asText().contains("--upstream-ws-url"),
                        refused.toString());
                }
                else
                {
                    assertEquals(RpcError.UPSTREAM_UNAVAILABLE, refused.get("error").get("code").asInt());
                    assertTrue(refused.get("error").get("message").asText().contains(setting), refused.toString());
                }
                ws.abort();
            }
        }
    }

    @Test
    void shouldRelayTheNodesMessagesVerbatimAndCloseTheClientWhenTheNodeWebSocketGoes() throws Exception
    {
        try (FlashblocksFeedServer nodeStandIn = new FlashblocksFeedServer())
        {
            final FlashblocksRpcArgs args = overlayArgs(anvil.url(), 0, 2_000, 1_000);
            args.upstreamWsUrl = nodeStandIn.url();
            try (FlashblocksRpcServer server = FlashblocksRpcServer.launch(args))
            {
                final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
                final WebSocket ws = subscriber(server.wsPort(), messages);
                ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"eth_subscribe\",\"params\":[\"logs\",{}]}",
                    true).get(5, TimeUnit.SECONDS);
                await("the relay connected to the node's WebSocket", () -> nodeStandIn.subscriberCount() == 1);
                final String fromNode = "{\"jsonrpc\":\"2.0\",\"method\":\"eth_subscription\",\"params\":" +
                    "{\"subscription\":\"0xfeed\",\"result\":{\"logIndex\":\"0x0\"}}}";
                nodeStandIn.sendText(fromNode);
                final JsonNode relayed = messages.poll(5, TimeUnit.SECONDS);
                assertEquals(parse(fromNode), relayed);
                nodeStandIn.disconnectAll();
                final JsonNode closed = messages.poll(5, TimeUnit.SECONDS);
                assertNotNull(closed, "the client is closed when the node's WebSocket goes");
                assertEquals(1011, closed.get("closed").asInt(), closed.toString());
                assertTrue(closed.get("reason").asText().contains("node's WebSocket"), closed.toString());
            }
        }
    }

    private static WebSocket subscriber(final int port, final BlockingQueue<JsonNode> messages) throws Exception
    {
        return HttpClient.newHttpClient().newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), new WebSocket.Listener()
            {
                private final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
                {
                    text.append(data);
                    if (last)
                    {
                        messages.add(parse(text.toString()));
                        text.setLength(0);
                    }
                    webSocket.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
                {
                    final ObjectNode closed = JsonNodeFactory.instance.objectNode();
                    closed.put("closed", statusCode);
                    closed.put("reason", reason);
                    messages.add(closed);
                    return null;
                }
            }).get(5, TimeUnit.SECONDS);
    }

    /** The answer to request {@code id}, skipping (dropping) notifications that arrive before it. */
    private static JsonNode nextAnswer(final BlockingQueue<JsonNode> messages, final int id) throws InterruptedException
    {
        while (true)
        {
            final JsonNode m = messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(m, "the answer to request " + id);
            if (m.path("id").asInt(-1) == id)
            {
                return m;
            }
        }
    }

    @Test
    void shouldClearPendingStateWhenTheCanonicalBlockHasOtherTransactions()
    {
        final AnvilBlockPlan plan = AnvilBlockPlan.next(anvil);
        final AnvilBlockPlan.Tx promised = plan.transfer(0, fresh(), BigInteger.ONE);
        publish(plan, plan.flashblock(promised));
        final AnvilBlockPlan next = AnvilBlockPlan.after(plan, plan.blockHash(0));
        publish(next, next.flashblock(next.transfer(0, fresh(), BigInteger.TWO)));
        assertEquals(2, overlay.processor().state().blocks().size());
        final long reorgs = overlay.processor().count(Reconciliation.REORG);

        final AnvilBlockPlan other = AnvilBlockPlan.next(anvil);
        other.transfer(1, fresh(), BigInteger.TEN);
        other.mineIntoAnvil();
        await("reorg detected", () -> overlay.processor().count(Reconciliation.REORG) > reorgs);
        assertTrue(overlay.processor().state().isEmpty());
        assertTrue(rpc.result("eth_getTransactionReceipt", promised.hash()).isNull());
    }

    @Test
    void shouldCallAndEstimateOnPendingWithTheBalancesFlashblocksReported()
    {
        final AnvilBlockPlan plan = AnvilBlockPlan.next(anvil);
        final String carol = fresh();
        final BigInteger value = BigInteger.TEN.pow(18);
        publish(plan, plan.flashblock(plan.transfer(0, carol, value)));
        final ObjectNode call = JsonNodeFactory.instance.objectNode();
        call.put("from", carol);
        call.put("to", AnvilBlockPlan.address(0));
        call.put("value", "0x" + value.divide(BigInteger.TWO).toString(16));
        assertTrue(anvil.rpc.call("eth_call", call, "latest").has("error"), "carol has nothing canonical");
        assertTrue(rpc.call("eth_call", call, "latest").has("error"), "latest passes through");
        final JsonNode estimate = rpc.call("eth_estimateGas", call, "pending");
        assertEquals(21_000, Quantities.parse(estimate.get("result").asText()), estimate.toString());
        assertEquals("0x", rpc.result("eth_call", call, "pending").asText());
    }

    @Test
    void shouldAnswerBatchesAndRefuseBadInputWithClearErrors()
    {
        final AnvilBlockPlan plan = AnvilBlockPlan.next(anvil);
        final String dave = fresh();
        publish(plan, plan.flashblock(plan.transfer(0, dave, BigInteger.valueOf(7))));
        final JsonNode batch = rpc.post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}," +
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_getBalance\",\"params\":[\"" + dave + "\",\"pending\"]}," +
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"op_supportedCapabilities\",\"params\":[]}," +
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"params\":[]}," +
            "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"eth_getBalance\",\"params\":[\"0x12\",\"pending\"]}]");
        assertEquals(5, batch.size(), batch.toString());
        assertEquals("0x7a69", batch.get(0).get("result").asText());
        assertEquals("0x7", batch.get(1).get("result").asText());
        assertEquals("flashblocksv1", batch.get(2).get("result").get(0).asText());
        assertEquals(RpcError.INVALID_REQUEST, batch.get(3).get("error").get("code").asInt());
        assertEquals(RpcError.INVALID_PARAMS, batch.get(4).get("error").get("code").asInt());
        assertEquals(RpcError.PARSE_ERROR, rpc.post("{not json").get("error").get("code").asInt());
        assertEquals(RpcError.INVALID_REQUEST, rpc.post("[]").get("error").get("code").asInt());
        final JsonNode passthrough = rpc.post("[{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"eth_chainId\"}," +
            "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"eth_blockNumber\"}]");
        assertEquals(2, passthrough.size());
        assertEquals(Quantities.of(plan.number - 1), passthrough.get(1).get("result").asText());
    }

    @Test
    void shouldDropPendingStateWhenTheFeedSkipsLiesOrDisconnects() throws Exception
    {
        final AnvilBlockPlan plan = AnvilBlockPlan.next(anvil);
        publish(plan, plan.flashblock(plan.transfer(0, fresh(), BigInteger.ONE)));
        plan.flashblock(plan.transfer(0, fresh(), BigInteger.ONE));
        final long rejected = overlay.feed().rejected();
        feed.sendBinary(new byte[] {0x1b, 0x2c, 0x3d});
        await("garbage rejected", () -> overlay.feed().rejected() > rejected);
        assertFalse(overlay.processor().state().isEmpty());
        publish(plan, plan.flashblock(plan.transfer(0, fresh(), BigInteger.ONE)));
        assertTrue(overlay.processor().state().isEmpty(), "index 2 after index 0 is a gap");
        final JsonNode pendingBlock = rpc.result("eth_getBlockByNumber", "pending", false);
        assertFalse(plan.blockHash(0).equals(pendingBlock.path("hash").asText()), "no stale pending block served");

        final AnvilBlockPlan again = AnvilBlockPlan.next(anvil);
        publish(again, again.flashblock(again.transfer(1, fresh(), BigInteger.ONE)));
        feed.disconnectAll();
        await("cleared on disconnect", () -> overlay.processor().state().isEmpty());
        await("feed reconnected", () -> feed.subscriberCount() == 1);
    }

    @Test
    void shouldDegradeToWhatCanBeDerivedWhenMetadataLacksBalancesAndReceipts()
    {
        final AnvilBlockPlan plan = AnvilBlockPlan.next(anvil);
        final String erin = fresh();
        final String alice = AnvilBlockPlan.address(0);
        final long canonicalNonce = Quantities.parse(anvil.rpc.result("eth_getTransactionCount", alice, "latest").asText());
        final AnvilBlockPlan.Tx tx = plan.transfer(0, erin, BigInteger.valueOf(5));
        publish(plan, plan.strippedFlashblock(tx));

        final JsonNode touched = rpc.call("eth_getBalance", erin, "pending");
        assertEquals(RpcError.PENDING_UNKNOWN, touched.get("error").get("code").asInt(), touched.toString());
        final String untouched = AnvilBlockPlan.address(1);
        assertEquals(anvil.rpc.result("eth_getBalance", untouched, "latest"), rpc.result("eth_getBalance", untouched,
            "pending"));
        assertTrue(rpc.result("eth_getTransactionReceipt", tx.hash()).isNull(), "no receipt to derive");
        assertEquals(alice, rpc.result("eth_getTransactionByHash", tx.hash()).get("from").asText());
        assertEquals(Quantities.of(canonicalNonce + 1), rpc.result("eth_getTransactionCount", alice, "pending").asText());
        assertEquals(plan.blockHash(0), rpc.result("eth_getBlockByNumber", "pending", true).get("hash").asText());
    }

    @Test
    void shouldReportAnUpstreamThatIsDown() throws Exception
    {
        final FlashblocksRpcArgs args = overlayArgs("http://127.0.0.1:" + AnvilProcess.freePort(), -1, 2_000, 1_000);
        try (FlashblocksRpcServer down = FlashblocksRpcServer.launch(args))
        {
            final JsonRpcClient client = new JsonRpcClient("http://127.0.0.1:" + down.httpPort());
            final JsonNode passthrough = client.call("eth_blockNumber");
            assertEquals(RpcError.UPSTREAM_UNAVAILABLE, passthrough.get("error").get("code").asInt(), passthrough.toString());
            final JsonNode overlayCall = client.call("eth_getTransactionReceipt", "0x" + "11".repeat(32));
            assertEquals(RpcError.UPSTREAM_UNAVAILABLE, overlayCall.get("error").get("code").asInt());
        }
    }

    private static JsonNode parse(final String text)
    {
        try
        {
            return UpstreamRpc.MAPPER.readTree(text);
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
