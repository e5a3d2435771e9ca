package io.boostj.buildernode;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static io.boostj.buildernode.TestChain.attributes;
import static io.boostj.buildernode.TestChain.call;
import static io.boostj.buildernode.TestChain.forkchoiceState;
import static io.boostj.buildernode.TestChain.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A builder restarted from genesis catches up from its peer: the first FCU to a head it does not know answers
 * SYNCING and starts the fetch, and once the blocks are re-executed the next FCU is VALID and builds on them.
 */
class ChainSyncTest
{
    private BuilderNodeServer peer;
    private BuilderNodeServer restarted;

    @AfterEach
    void tearDown()
    {
        if (null != restarted)
        {
            restarted.close();
        }
        peer.close();
    }

    @Test
    void shouldCatchUpFromThePeerAfterARestart() throws Exception
    {
        peer = BuilderNodeServer.launch(TestChain.context("peer"));
        String head = null;
        for (int i = 1; i <= 5; i++)
        {
            result(peer.httpUrl(), "eth_sendRawTransaction", TestChain.transfer(1, i - 1, BigInteger.TEN));
            head = TestChain.produceBlock(peer.authUrl(), 2L * i).path("executionPayload").path("blockHash").asText();
        }
        restarted = BuilderNodeServer.launch(TestChain.context("restarted").syncPeerUrl(peer.httpUrl()));

        final JsonNode first = result(restarted.authUrl(), "engine_forkchoiceUpdatedV3", forkchoiceState(head), null);
        assertEquals("SYNCING", first.path("payloadStatus").path("status").asText());

        for (int attempt = 0; attempt < 500 && !"0x5".equals(result(restarted.httpUrl(), "eth_blockNumber").asText());
            attempt++)
        {
            Thread.sleep(10);
        }
        assertEquals("0x5", result(restarted.httpUrl(), "eth_blockNumber").asText());
        final JsonNode next = result(restarted.authUrl(), "engine_forkchoiceUpdatedV3", forkchoiceState(head),
            attributes(12));
        assertEquals("VALID", next.path("payloadStatus").path("status").asText());
        final JsonNode envelope = result(restarted.authUrl(), "engine_getPayloadV4", next.path("payloadId").asText());
        assertEquals("VALID", result(peer.authUrl(), "engine_newPayloadV4", TestChain.newPayloadParams(envelope))
            .path("status").asText(), "the caught-up node builds on the same chain as its peer");
        assertEquals(result(peer.httpUrl(), "eth_getBalance", TestChain.TO, "latest").asText(),
            result(restarted.httpUrl(), "eth_getBalance", TestChain.TO, "latest").asText());
    }

    @Test
    void shouldStaySyncingWhenThePeerIsUnreachable() throws Exception
    {
        peer = BuilderNodeServer.launch(TestChain.context("peer"));
        final String head = TestChain.produceBlock(peer.authUrl(), 2).path("executionPayload").path("blockHash")
            .asText();
        restarted = BuilderNodeServer.launch(TestChain.context("restarted").syncPeerUrl("http://127.0.0.1:1"));

        final TestChain.Reply reply = call(restarted.authUrl(), "engine_forkchoiceUpdatedV3", forkchoiceState(head),
            null);

        assertEquals("SYNCING", reply.result().path("payloadStatus").path("status").asText());
        assertTrue(reply.result().path("payloadStatus").path("latestValidHash").isNull());
        assertEquals("0x0", result(restarted.httpUrl(), "eth_blockNumber").asText());
    }
}
