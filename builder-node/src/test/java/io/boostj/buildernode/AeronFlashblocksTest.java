package io.boostj.buildernode;

import com.fasterxml.jackson.databind.JsonNode;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.boostj.codecs.flashblocks.FlashblockSbeCodec;
import io.boostj.io.flashblocks.aeron.AeronConnection;
import org.agrona.ExpandableDirectByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.boostj.buildernode.TestChain.attributes;
import static io.boostj.buildernode.TestChain.forkchoiceState;
import static io.boostj.buildernode.TestChain.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flashblocks over Aeron IPC: the builder launches an embedded media driver where none runs, and a subscriber on the
 * same directory decodes each SBE message back to the flashblock the WebSocket carries.
 */
class AeronFlashblocksTest
{
    @TempDir
    Path dir;

    @Test
    void shouldSendEachFlashblockOverAeron() throws Exception
    {
        final String aeronDir = dir.resolve("aeron").toString();
        try (BuilderNodeServer builder = BuilderNodeServer.launch(TestChain.context("aeron").flashblocksEnabled(true)
            .flashblockTimeMs(20).aeronChannel("aeron:ipc").aeronStreamId(1001).aeronDir(aeronDir));
            AeronConnection client = AeronConnection.connect(aeronDir, false);
            Subscription subscription = client.aeron().addSubscription("aeron:ipc", 1001))
        {
            for (int i = 0; i < 1000 && !subscription.isConnected(); i++)
            {
                Thread.sleep(5);
            }
            assertTrue(subscription.isConnected(), "the builder's publication reaches the subscriber");
            final JsonNode fcu = result(builder.authUrl(), "engine_forkchoiceUpdatedV3",
                forkchoiceState(builder.genesisHash()), attributes(2));

            final List<JsonNode> received = new ArrayList<>();
            final FlashblockSbeCodec codec = new FlashblockSbeCodec();
            final ExpandableDirectByteBuffer json = new ExpandableDirectByteBuffer(4096);
            final FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length, header) ->
            {
                final int n = codec.tryDecode(buffer, offset, length, json, 0);
                assertTrue(n > 0, codec::errorMessage);
                try
                {
                    received.add(TestChain.MAPPER.readTree(json.getStringWithoutLengthUtf8(0, n)));
                }
                catch (final java.io.IOException ex)
                {
                    throw new AssertionError(ex);
                }
            });
            for (int i = 0; i < 2000 && received.size() < 3; i++)
            {
                if (0 == subscription.poll(assembler, 10))
                {
                    Thread.sleep(1);
                }
            }

            assertTrue(received.size() >= 3, "flashblocks arrive: " + received.size());
            for (int k = 0; k < received.size(); k++)
            {
                assertEquals(k, received.get(k).path("index").asInt());
                assertEquals(fcu.path("payloadId").asText(), received.get(k).path("payload_id").asText());
            }
            assertEquals(builder.genesisHash(), received.get(0).path("base").path("parent_hash").asText());
        }
    }
}
