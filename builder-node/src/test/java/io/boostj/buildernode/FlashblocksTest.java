package io.boostj.buildernode;

import com.fasterxml.jackson.databind.JsonNode;
import io.boostj.codecs.flashblocks.AssembledPayloadCheck;
import io.boostj.codecs.flashblocks.BlockHashPayloadCheck;
import io.boostj.codecs.flashblocks.FlashblockAssembler;
import io.boostj.codecs.flashblocks.PayloadEnvelopeVersion;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.boostj.buildernode.TestChain.attributes;
import static io.boostj.buildernode.TestChain.forkchoiceState;
import static io.boostj.buildernode.TestChain.result;
import static io.boostj.buildernode.TestChain.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The flashblock loop seen by a real WebSocket subscriber: index 0 at the FCU, then increasing indexes as the loop
 * fills from the pool, the rest flushed at getPayload; every prefix assembles (with the sidecar's assembler) to a
 * payload whose recomputed hash is the hash that flashblock claims, the sealed block's transactions are exactly the
 * union of its flashblocks', and a second node validates it.
 */
class FlashblocksTest
{
    private static final BigInteger ETHER = BigInteger.TEN.pow(18);

    private BuilderNodeServer builder;
    private BuilderNodeServer l2;
    private WebSocket subscriber;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void setUp() throws Exception
    {
        builder = BuilderNodeServer.launch(TestChain.context("builder").flashblocksEnabled(true)
            .flashblockTimeMs(20).builderSecretKey(io.boostj.core.builder.DevAccounts.privateKey(4)));
        l2 = BuilderNodeServer.launch(TestChain.context("l2"));
        subscriber = HttpClient.newHttpClient().newWebSocketBuilder()
            .buildAsync(URI.create(builder.flashblocksUrl()), new Collector()).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown()
    {
        subscriber.abort();
        builder.close();
        l2.close();
    }

    private final class Collector implements WebSocket.Listener
    {
        private final StringBuilder partial = new StringBuilder();

        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            partial.append(data);
            if (last)
            {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    private String next() throws InterruptedException
    {
        final String flashblock = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(flashblock, "a flashblock arrives");
        return flashblock;
    }

    @Test
    void shouldStreamFlashblocksWhosePrefixesHashAsTheyClaimAndWhoseUnionIsTheBlock() throws Exception
    {
        final JsonNode fcu = result(builder.authUrl(), "engine_forkchoiceUpdatedV3",
            forkchoiceState(builder.genesisHash()), attributes(2));
        final String payloadId = fcu.path("payloadId").asText();
        final List<String> flashblocks = new ArrayList<>();
        flashblocks.add(next());
        for (int i = 0; i < 3; i++)
        {
            result(builder.httpUrl(), "eth_sendRawTransaction", transfer(1, i, ETHER));
            String flashblock;
            do
            {
                flashblock = next();
                flashblocks.add(flashblock);
            }
            while (0 == TestChain.MAPPER.readTree(flashblock).path("diff").path("transactions").size());
        }
        result(builder.httpUrl(), "eth_sendRawTransaction", transfer(2, 0, ETHER));
        final JsonNode envelope = result(builder.authUrl(), "engine_getPayloadV4", payloadId);
        final int sealedCount = envelope.path("executionPayload").path("transactions").size();
        final List<String> union = new ArrayList<>();
        while (union.size() < sealedCount)
        {
            if (union.isEmpty())
            {
                for (final String fb : flashblocks)
                {
                    TestChain.MAPPER.readTree(fb).path("diff").path("transactions").forEach(t -> union.add(t.asText()));
                }
            }
            if (union.size() < sealedCount)
            {
                final String fb = next();
                flashblocks.add(fb);
                TestChain.MAPPER.readTree(fb).path("diff").path("transactions").forEach(t -> union.add(t.asText()));
            }
        }

        final List<String> sealed = new ArrayList<>();
        envelope.path("executionPayload").path("transactions").forEach(t -> sealed.add(t.asText()));
        assertEquals(sealed, union, "the sealed block is exactly the union of its flashblocks");
        assertEquals(1 + 1 + 3 + 1, sealed.size(), "deposit, builder transaction, three transfers, the last one");

        final FlashblockAssembler assembler = new FlashblockAssembler();
        final AssembledPayloadCheck check = new BlockHashPayloadCheck();
        final ExpandableArrayBuffer assembled = new ExpandableArrayBuffer();
        final UnsafeBuffer computed = new UnsafeBuffer(new byte[32]);
        for (int k = 0; k < flashblocks.size(); k++)
        {
            final byte[] fb = flashblocks.get(k).getBytes(StandardCharsets.UTF_8);
            final JsonNode json = TestChain.MAPPER.readTree(fb);
            assertEquals(k, json.path("index").asInt(), "indexes increase by one from 0");
            assertEquals(payloadId, json.path("payload_id").asText());
            assertEquals(FlashblockAssembler.OK, assembler.tryAppend(new UnsafeBuffer(fb), 0, fb.length),
                assembler::errorMessage);
            final int length = assembler.tryWriteEnvelope(PayloadEnvelopeVersion.V4, assembled, 0);
            assertTrue(length > 0);
            assertEquals(AssembledPayloadCheck.MATCH, check.check(assembled, 0, length,
                assembler.executionPayloadOffset(), assembler.executionPayloadLength(), computed),
                "prefix 0.." + k + " hashes to what flashblock " + k + " claims");
            assertEquals(json.path("diff").path("block_hash").asText(), Params.hex(computed.byteArray()));
        }
        assertEquals(envelope.path("executionPayload").path("blockHash").asText(), Params.hex(computed.byteArray()));

        final JsonNode status = result(l2.authUrl(), "engine_newPayloadV4", TestChain.newPayloadParams(envelope));
        assertEquals("VALID", status.path("status").asText(), status.toString());
    }

    @Test
    void shouldStopTheRoundWhenAnFcuMovesToAnotherParent() throws Exception
    {
        final JsonNode first = TestChain.produceBlock(builder.authUrl(), 2);
        received.clear();
        final JsonNode fcu = result(builder.authUrl(), "engine_forkchoiceUpdatedV3",
            forkchoiceState(first.path("executionPayload").path("blockHash").asText()), attributes(4));
        assertEquals(0, TestChain.MAPPER.readTree(next()).path("index").asInt());

        result(builder.authUrl(), "engine_forkchoiceUpdatedV3", forkchoiceState(builder.genesisHash()), null);

        final TestChain.Reply reply = TestChain.call(builder.authUrl(), "engine_getPayloadV4",
            fcu.path("payloadId").asText());
        assertEquals(-38001, reply.errorCode(), "the round on the old parent is gone");
    }
}
