package io.boostj.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aeron.Publication;
import io.boostj.devnet.MockFlashblocksStream;
import io.boostj.devnet.OpNodeDriver;
import io.boostj.devnet.RecordedCall;
import io.boostj.devnet.SidecarCounters;
import io.boostj.io.flashblocks.aeron.AeronConnection;
import io.boostj.io.flashblocks.aeron.FlashblocksAeronSender;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flashblocks end to end (reference §3): the mock builder streams the five real flashblocks of Unichain Sepolia block
 * 35535698 (as Text frames, as brotli Binary frames, or over Aeron), the real sidecar runs them through its round,
 * republishes each accepted one to real WebSocket subscribers (the JDK's client), and answers op-node's getPayloadV4
 * with the block assembled from them, whose hash is the real block's, after the local execution client has validated
 * it by that hash.
 */
class FlashblocksSystemTest extends SystemTestBase
{
    private static final String PAYLOAD_ID = "0x03c446f063e3735a";
    private static final String BLOCK_HASH = "0xc463a3120c35268f610d969f5608b479332ef10953af77c7a6be806195831196";
    private static final String DATA = "/testdata/flashblocks/";
    private static final int SUBSCRIBERS = 3;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final List<Subscriber> subscribers = new ArrayList<>();

    @AfterEach
    void closeSubscribers()
    {
        subscribers.forEach(Subscriber::close);
    }

    private static List<String> unichain() throws IOException
    {
        try (InputStream in = FlashblocksSystemTest.class.getResourceAsStream(DATA +
            "unichain_sepolia_35535698_with_metadata.ndjson"))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                .collect(Collectors.toList());
        }
    }

    private static byte[] brotliFrame(final int index) throws IOException
    {
        try (InputStream in = FlashblocksSystemTest.class.getResourceAsStream(DATA + "brotli/unichain_fb_" + index +
            ".json.br"))
        {
            return in.readAllBytes();
        }
    }

    private void startWithFlashblocks() throws Exception
    {
        start(o -> o.flashblocks(true).payloadVersion(4));
        awaitBuilderStreamFollowed();
    }

    private void awaitBuilderStreamFollowed() throws Exception
    {
        builder().fixedPayloadId(PAYLOAD_ID);
        Await.until("the sidecar follows the builder's stream", () -> stream().consumers() == 1);
        for (int i = 0; i < SUBSCRIBERS; i++)
        {
            subscribers.add(new Subscriber(devnet.flashblocksUri()));
        }
        Await.until(SUBSCRIBERS + " subscribers", () -> devnet.sidecar().flashblocksSubscribers() == SUBSCRIBERS);
    }

    private MockFlashblocksStream stream()
    {
        return devnet.flashblocksStream();
    }

    private Map<String, Long> verdicts()
    {
        return SidecarCounters.byLabel(devnet.sidecar().metrics().registry(), "boostj_flashblocks_verdicts", "verdict");
    }

    private Map<String, Long> hashChecks()
    {
        return SidecarCounters.byLabel(devnet.sidecar().metrics().registry(), "boostj_builder_block_hash_checks",
            "outcome");
    }

    /** op-node's FCU with attributes (Unichain's timestamp, randao, fee recipient, beacon root and gas limit). */
    private String forkchoiceUpdated() throws Exception
    {
        final JsonNode base = new com.fasterxml.jackson.databind.ObjectMapper().readTree(unichain().get(0)).get("base");
        final ObjectNode state = NODES.objectNode();
        state.put("headBlockHash", driver().head());
        state.put("safeBlockHash", driver().head());
        state.put("finalizedBlockHash", driver().head());
        final ObjectNode attributes = NODES.objectNode();
        attributes.put("timestamp", base.get("timestamp").asText());
        attributes.put("prevRandao", base.get("prev_randao").asText());
        attributes.put("suggestedFeeRecipient", base.get("fee_recipient").asText());
        attributes.putArray("withdrawals");
        attributes.put("parentBeaconBlockRoot", base.get("parent_beacon_block_root").asText());
        attributes.putArray("transactions").add(OpNodeDriver.L1_INFO_DEPOSIT_TX);
        attributes.put("noTxPool", false);
        attributes.put("gasLimit", base.get("gas_limit").asText());
        attributes.put("eip1559Params", "0x000000fa00000006");
        final OpNodeDriver.RpcResult fcu = driver().call("engine_forkchoiceUpdatedV3",
            NODES.arrayNode().add(state).add(attributes));
        assertTrue(fcu.ok(), fcu::toString);
        assertEquals("VALID", fcu.result.path("payloadStatus").path("status").asText(), fcu::toString);
        return fcu.result.path("payloadId").asText();
    }

    private JsonNode getPayload(final String payloadId) throws Exception
    {
        final OpNodeDriver.RpcResult res = driver().call("engine_getPayloadV4", NODES.arrayNode().add(payloadId));
        assertTrue(res.ok(), () -> res + "\n" + decisions());
        return res.result;
    }

    private void awaitEverySubscriberHas(final int count)
    {
        for (final Subscriber s : subscribers)
        {
            Await.until("a subscriber holding " + count + " messages (has " + s.messages.size() + ")",
                () -> s.messages.size() >= count);
        }
    }

    /**
     * Sends flashblock 2 again after the block: the sealed round refuses it, and once its verdict is counted every
     * message the sidecar would ever publish for this block has been handed to the subscribers' sockets.
     */
    private void assertEverySubscriberGotExactlyTheFiveInOrder(final List<String> lines) throws Exception
    {
        final long refusedBefore = verdicts().values().stream().mapToLong(Long::longValue).sum();
        stream().sendText(lines.get(2));
        Await.until("the late duplicate's verdict",
            () -> verdicts().values().stream().mapToLong(Long::longValue).sum() == refusedBefore + 1);
        for (final Subscriber s : subscribers)
        {
            s.close();
            assertEquals(lines, s.messages, "every subscriber gets the five flashblocks once, in order, as sent");
        }
    }

    private void assertBlockFromFlashblocks(final JsonNode envelope) throws Exception
    {
        final JsonNode payload = envelope.path("executionPayload");
        assertEquals(BLOCK_HASH, payload.path("blockHash").asText(), () -> envelope + "\n" + decisions());
        final List<String> sentTransactions = new ArrayList<>();
        for (final String line : unichain())
        {
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).path("diff").path("transactions")
                .forEach(t -> sentTransactions.add(t.asText()));
        }
        final List<String> blockTransactions = new ArrayList<>();
        payload.path("transactions").forEach(t -> blockTransactions.add(t.asText()));
        assertEquals(sentTransactions, blockTransactions, "the union of the five flashblocks' transactions, in order");
        assertTrue(envelope.path("executionRequests").isArray());
        final List<RecordedCall> finalising = Await.value("the finalising getPayload to the builder",
            () -> builder().calls("engine_getPayloadV4"), l -> !l.isEmpty());
        assertEquals(PAYLOAD_ID, finalising.get(0).param(0).asText());
        final RecordedCall validation = Await.value("L2's validation of the builder block",
            () -> l2().calls("engine_newPayloadV4"), l -> !l.isEmpty()).get(0);
        assertEquals(BLOCK_HASH, validation.param(0).path("blockHash").asText());
        assertTrue(validation.responseBody().contains("\"VALID\""), validation::responseBody);
        assertEquals(1L, hashChecks().getOrDefault("match", 0L), () -> hashChecks().toString());
        assertEquals(Map.of("builder", 1L), blocksCreated());
    }

    @Test
    void shouldServeTheUnichainBlockAssembledFromTextFramesAndRepublishEachFlashblockOnce() throws Exception
    {
        startWithFlashblocks();
        final List<String> lines = unichain();

        final String payloadId = forkchoiceUpdated();
        Await.until("the builder's FCU reply confirms the round", () -> !builder().calls(
            "engine_forkchoiceUpdatedV3").isEmpty() && null != builder().calls("engine_forkchoiceUpdatedV3").get(0)
            .responseBody());
        lines.forEach(stream()::sendText);
        awaitEverySubscriberHas(lines.size());
        final JsonNode envelope = getPayload(payloadId);

        assertBlockFromFlashblocks(envelope);
        assertEquals(5L, verdicts().getOrDefault("published", 0L) + verdicts().getOrDefault("adopted", 0L),
            () -> verdicts().toString());
        assertEverySubscriberGotExactlyTheFiveInOrder(lines);
    }

    @Test
    void shouldAcceptBrotliBinaryFramesAsTheProxyCompressesThem() throws Exception
    {
        startWithFlashblocks();
        final List<String> lines = unichain();

        final String payloadId = forkchoiceUpdated();
        Await.until("the builder's FCU reply", () -> null != builder().calls("engine_forkchoiceUpdatedV3").get(0)
            .responseBody());
        for (int i = 0; i < lines.size(); i++)
        {
            stream().sendBinary(brotliFrame(i));
        }
        awaitEverySubscriberHas(lines.size());

        assertBlockFromFlashblocks(getPayload(payloadId));
        assertEverySubscriberGotExactlyTheFiveInOrder(lines);
    }

    @Test
    void shouldBufferFlashblocksThatArriveBeforeTheBuilderAnswersTheFcuThenAdoptThem() throws Exception
    {
        startWithFlashblocks();
        final List<String> lines = unichain();
        builder().faults().delay("engine_forkchoiceUpdatedV3", 250);

        final CompletableFuture<String> fcu = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return forkchoiceUpdated();
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        Await.until("the FCU at the builder", () -> !builder().calls("engine_forkchoiceUpdatedV3").isEmpty());
        lines.forEach(stream()::sendText);
        Await.until("five flashblocks buffered or adopted", () ->
            verdicts().getOrDefault("buffered", 0L) + verdicts().getOrDefault("adopted", 0L) +
            verdicts().getOrDefault("published", 0L) >= 5);
        final String payloadId = fcu.get(10, TimeUnit.SECONDS);
        awaitEverySubscriberHas(lines.size());

        assertTrue(verdicts().getOrDefault("buffered", 0L) > 0, () -> "raced the FCU reply: " + verdicts());
        assertBlockFromFlashblocks(getPayload(payloadId));
        assertEverySubscriberGotExactlyTheFiveInOrder(lines);
    }

    @Test
    void shouldReconnectWhenTheBuildersStreamDropsAndBuildFromTheNewConnection() throws Exception
    {
        startWithFlashblocks();
        final List<String> lines = unichain();

        stream().dropConsumers();
        Await.until("the sidecar reconnected", () -> stream().handshakes() == 2 && stream().consumers() == 1);
        final String payloadId = forkchoiceUpdated();
        Await.until("the builder's FCU reply", () -> null != builder().calls("engine_forkchoiceUpdatedV3").get(0)
            .responseBody());
        lines.forEach(stream()::sendText);
        awaitEverySubscriberHas(lines.size());

        assertBlockFromFlashblocks(getPayload(payloadId));
        assertEverySubscriberGotExactlyTheFiveInOrder(lines);
    }

    @Test
    void shouldFallBackToTheBuildersGetPayloadWhenIndexZeroNeverCame() throws Exception
    {
        startWithFlashblocks();
        final List<String> lines = unichain();

        final String payloadId = forkchoiceUpdated();
        Await.until("the builder's FCU reply", () -> null != builder().calls("engine_forkchoiceUpdatedV3").get(0)
            .responseBody());
        lines.subList(1, lines.size()).forEach(stream()::sendText);
        Await.until("four verdicts", () -> verdicts().values().stream().mapToLong(Long::longValue).sum() >= 4);
        final JsonNode envelope = getPayload(payloadId);

        assertNotEquals(BLOCK_HASH, envelope.path("executionPayload").path("blockHash").asText());
        assertEquals(Map.of("builder", 1L), blocksCreated(), this::decisions);
        final List<RecordedCall> builderGets = builder().calls("engine_getPayloadV4");
        assertEquals(1, builderGets.size(), "the builder's own getPayload, awaited: " + methods(builder()));
        assertEquals(0L, verdicts().getOrDefault("published", 0L), () -> verdicts().toString());
        for (final Subscriber s : subscribers)
        {
            assertTrue(s.messages.isEmpty(), "nothing published without a base: " + s.messages.size());
        }
    }

    @Test
    void shouldReceiveTheFlashblocksOverAeronFromACoLocatedBuilder() throws Exception
    {
        start(o -> o.flashblocksAeronChannel("aeron:ipc").payloadVersion(4));
        awaitBuilderStreamFollowed();
        final List<String> lines = unichain();
        try (AeronConnection builderAeron = AeronConnection.connect(devnet.sidecar().flashblocksAeronDirectory(),
            false))
        {
            final Publication publication = builderAeron.aeron().addPublication("aeron:ipc", 1001);
            final FlashblocksAeronSender sender = new FlashblocksAeronSender(publication);
            Await.until("the sidecar subscribed over Aeron", sender::isConnected);

            final String payloadId = forkchoiceUpdated();
            Await.until("the builder's FCU reply", () -> null != builder().calls("engine_forkchoiceUpdatedV3").get(0)
                .responseBody());
            for (final String line : lines)
            {
                final byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                assertEquals(FlashblocksAeronSender.SENT, sender.trySend(new UnsafeBuffer(bytes), 0, bytes.length),
                    sender::errorMessage);
            }
            awaitEverySubscriberHas(lines.size());

            assertBlockFromFlashblocks(getPayload(payloadId));
        }
        for (final Subscriber s : subscribers)
        {
            assertEquals(lines.size(), s.messages.size());
            for (int i = 0; i < lines.size(); i++)
            {
                final JsonNode sent = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(i));
                final JsonNode got = new com.fasterxml.jackson.databind.ObjectMapper().readTree(s.messages.get(i));
                assertEquals(sent.get("diff"), got.get("diff"), "flashblock " + i + " as op-rbuilder's JSON");
                assertEquals(sent.get("index"), got.get("index"));
            }
        }
    }

    /** A real WebSocket subscriber of the sidecar's outbound stream: the JDK's client, collecting Text messages. */
    private static final class Subscriber implements WebSocket.Listener
    {
        final List<String> messages = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private final WebSocket socket;

        Subscriber(final URI uri) throws Exception
        {
            socket = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, this)
                .get(10, TimeUnit.SECONDS);
        }

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            partial.append(data);
            if (last)
            {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last)
        {
            messages.add("unexpected binary frame of " + data.remaining() + " bytes");
            webSocket.request(1);
            return null;
        }

        void close()
        {
            socket.abort();
        }
    }
}
