package io.boostj.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aeron.Publication;
import io.boostj.io.flashblocks.aeron.AeronConnection;
import io.boostj.io.flashblocks.aeron.FlashblocksAeronSender;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --upstream-aeron}: flashblocks sent by engine-io's Aeron sender over UDP reach WebSocket subscribers as JSON. */
class AeronUpstreamTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldFanOutFlashblocksReceivedOverAeronUdp() throws Exception
    {
        final int port;
        try (ServerSocket s = new ServerSocket(0))
        {
            port = s.getLocalPort();
        }
        final String channel = "aeron:udp?endpoint=127.0.0.1:" + port;
        final Path dir = Files.createTempDirectory("proxy-aeron");
        final List<String> flashblocks = Flashblocks.unichain();
        try (RunningProxy proxy = new RunningProxy("--upstream-aeron", channel,
            "--upstream-aeron-dir", dir.resolve("proxy").toString());
            AeronConnection sender = AeronConnection.connect(dir.resolve("sender").toString(), true);
            Publication publication = sender.aeron().addPublication(channel, 1401);
            TestSubscriber s = TestSubscriber.connect(proxy.url("/ws")))
        {
            proxy.awaitClients(1);
            final FlashblocksAeronSender out = new FlashblocksAeronSender(publication);
            for (final String fb : flashblocks)
            {
                final byte[] json = fb.getBytes(StandardCharsets.UTF_8);
                int result;
                final long deadline = System.currentTimeMillis() + 10_000;
                while ((result = out.trySend(new UnsafeBuffer(json), 0, json.length)) != FlashblocksAeronSender.SENT)
                {
                    assertTrue(result != FlashblocksAeronSender.INVALID, out.errorMessage());
                    assertTrue(System.currentTimeMillis() < deadline, "aeron publication never connected: " + result);
                    Thread.sleep(10);
                }
            }
            for (final String fb : flashblocks)
            {
                final byte[] got = s.next(10_000);
                assertTrue(null != got, "flashblock not received");
                // The SBE round trip keeps the content, not the bytes: codecs-sbe renders receipts in the flat
                // {"type":…} form and leaves out a null base, the Unichain file has the legacy externally tagged {"Deposit":{…}} form.
                final ObjectNode sent = (ObjectNode)JSON.readTree(fb);
                final ObjectNode received = (ObjectNode)JSON.readTree(got);
                assertEquals(sent.get("metadata").get("receipts").size(), received.get("metadata").get("receipts").size());
                ((ObjectNode)sent.get("metadata")).remove("receipts");
                ((ObjectNode)received.get("metadata")).remove("receipts");
                if (sent.path("base").isNull())
                {
                    sent.remove("base");
                }
                assertEquals(sent, received);
            }
        }
    }
}
