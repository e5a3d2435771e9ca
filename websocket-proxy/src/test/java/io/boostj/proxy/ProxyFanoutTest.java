package io.boostj.proxy;

import io.boostj.proxy.fanout.BrotliCompressor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The data path: every client gets every message in order, slow ones are dropped, compression, upstream restarts. */
class ProxyFanoutTest
{
    private TestUpstream upstream;

    @BeforeEach
    void startUpstream() throws Exception
    {
        upstream = new TestUpstream().start(0);
    }

    @AfterEach
    void stopUpstream()
    {
        upstream.close();
    }

    @Test
    void shouldDeliverEveryUnichainFlashblockToEveryClientInOrder() throws Exception
    {
        final List<String> flashblocks = Flashblocks.unichain();
        try (RunningProxy proxy = new RunningProxy("--upstream-ws", upstream.url());
            TestSubscriber a = TestSubscriber.connect(proxy.url("/ws"));
            TestSubscriber b = TestSubscriber.connect(proxy.url("/ws")))
        {
            assertTrue(upstream.awaitPeers(1, 5_000));
            proxy.awaitClients(2);
            for (final String fb : flashblocks)
            {
                upstream.sendText(fb);
            }
            for (final TestSubscriber s : List.of(a, b))
            {
                for (final String fb : flashblocks)
                {
                    assertArrayEquals(fb.getBytes(StandardCharsets.UTF_8), s.next(5_000));
                }
            }
        }
    }

    @Test
    void shouldForwardBinaryUpstreamFramesSoProxiesChain() throws Exception
    {
        final byte[] fb = Flashblocks.unichain().get(2).getBytes(StandardCharsets.UTF_8);
        try (RunningProxy first = new RunningProxy("--upstream-ws", upstream.url());
            RunningProxy second = new RunningProxy("--upstream-ws", first.url("/ws"));
            TestSubscriber s = TestSubscriber.connect(second.url("/ws")))
        {
            assertTrue(upstream.awaitPeers(1, 5_000));
            first.awaitClients(1);
            second.awaitClients(1);
            upstream.sendBinary(fb);
            assertArrayEquals(fb, s.next(5_000));
        }
    }

    @Test
    void shouldSendBrotliFramesThatDecodeToTheRealMessages() throws Exception
    {
        final List<String> flashblocks = Flashblocks.unichain();
        try (RunningProxy proxy = new RunningProxy("--upstream-ws", upstream.url(), "--enable-compression");
            TestSubscriber s = TestSubscriber.connect(proxy.url("/ws")))
        {
            assertTrue(upstream.awaitPeers(1, 5_000));
            proxy.awaitClients(1);
            for (final String fb : flashblocks)
            {
                upstream.sendText(fb);
            }
            for (final String fb : flashblocks)
            {
                final byte[] frame = s.next(5_000);
                assertNotNull(frame);
                assertTrue(frame.length < fb.length(), "compressed " + frame.length + " vs " + fb.length());
                assertArrayEquals(fb.getBytes(StandardCharsets.UTF_8), BrotliCompressor.tryDecompress(frame));
            }
        }
    }

    @Test
    void shouldMergeMessagesOfSeveralUpstreams() throws Exception
    {
        try (TestUpstream other = new TestUpstream().start(0);
            RunningProxy proxy = new RunningProxy("--upstream-ws", upstream.url() + "," + other.url());
            TestSubscriber s = TestSubscriber.connect(proxy.url("/ws")))
        {
            assertTrue(upstream.awaitPeers(1, 5_000));
            assertTrue(other.awaitPeers(1, 5_000));
            proxy.awaitClients(1);
            upstream.sendText("{\"from\":1}");
            assertEquals("{\"from\":1}", new String(s.next(5_000), StandardCharsets.UTF_8));
            other.sendText("{\"from\":2}");
            assertEquals("{\"from\":2}", new String(s.next(5_000), StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldSurviveAnUpstreamRestart() throws Exception
    {
        try (RunningProxy proxy = new RunningProxy("--upstream-ws", upstream.url(),
            "--subscriber-initial-interval-ms", "50", "--subscriber-max-interval-ms", "200");
            TestSubscriber s = TestSubscriber.connect(proxy.url("/ws")))
        {
            assertTrue(upstream.awaitPeers(1, 5_000));
            proxy.awaitClients(1);
            upstream.sendText("{\"n\":1}");
            assertEquals("{\"n\":1}", new String(s.next(5_000), StandardCharsets.UTF_8));
            final int port = upstream.port();
            upstream.close();
            Thread.sleep(300);
            upstream = new TestUpstream().start(port);
            assertTrue(upstream.awaitPeers(1, 10_000));
            upstream.sendText("{\"n\":2}");
            assertEquals("{\"n\":2}", new String(s.next(5_000), StandardCharsets.UTF_8));
            assertEquals(1, proxy.runtime.hub().activeClients());
        }
    }

    @Test
    void shouldDropAClientThatStopsReadingWhileOthersSeeEveryMessageInOrder() throws Exception
    {
        final int count = 400;
        final String padding = "x".repeat(64 * 1024);
        try (RunningProxy proxy = new RunningProxy("--upstream-ws", upstream.url(), "--message-buffer-size", "64",
            "--client-send-timeout-ms", "60000");
            TestSubscriber fast = TestSubscriber.connect(proxy.url("/ws"));
            Socket stalled = stalledSubscriber(proxy))
        {
            assertTrue(upstream.awaitPeers(1, 5_000));
            proxy.awaitClients(2);
            for (int i = 0; i < count; i++)
            {
                upstream.sendText("{\"n\":" + i + ",\"pad\":\"" + padding + "\"}");
                if (0 == i % 16)
                {
                    Thread.sleep(5);
                }
            }
            for (int i = 0; i < count; i++)
            {
                final byte[] m = fast.next(10_000);
                assertNotNull(m, "message " + i);
                assertTrue(new String(m, 0, 20, StandardCharsets.UTF_8).startsWith("{\"n\":" + i + ","), "message " + i);
            }
            assertEquals(1, proxy.runtime.hub().lagged());
            proxy.awaitClients(1);
            assertEquals(1, proxy.runtime.hub().activeClients());
        }
    }

    @Test
    void shouldDropAClientWhoseQueuedMessageDoesNotMoveWithinTheSendTimeout() throws Exception
    {
        final String padding = "y".repeat(256 * 1024);
        try (RunningProxy proxy = new RunningProxy("--upstream-ws", upstream.url(), "--message-buffer-size", "1000",
            "--client-send-timeout-ms", "300");
            Socket stalled = stalledSubscriber(proxy))
        {
            assertTrue(upstream.awaitPeers(1, 5_000));
            proxy.awaitClients(1);
            for (int i = 0; i < 40; i++)
            {
                upstream.sendText("{\"n\":" + i + ",\"pad\":\"" + padding + "\"}");
            }
            proxy.awaitClients(0);
            assertEquals(0, proxy.runtime.hub().activeClients());
            assertEquals(1, proxy.runtime.hub().sendTimeouts());
        }
    }

    @Test
    void shouldGiveNewClientsOnlyLaterMessages() throws Exception
    {
        try (RunningProxy proxy = new RunningProxy("--upstream-ws", upstream.url());
            TestSubscriber first = TestSubscriber.connect(proxy.url("/ws")))
        {
            assertTrue(upstream.awaitPeers(1, 5_000));
            proxy.awaitClients(1);
            upstream.sendText("{\"n\":1}");
            assertNotNull(first.next(5_000));
            first.close();
            proxy.awaitClients(0);
            try (TestSubscriber second = TestSubscriber.connect(proxy.url("/ws")))
            {
                proxy.awaitClients(1);
                upstream.sendText("{\"n\":2}");
                assertEquals("{\"n\":2}", new String(second.next(5_000), StandardCharsets.UTF_8));
                assertNull(second.next(200));
            }
        }
    }

    @Test
    void shouldDisconnectAClientThatDoesNotAnswerPings() throws Exception
    {
        try (RunningProxy proxy = new RunningProxy("--upstream-ws", upstream.url(), "--client-ping-enabled",
            "--client-ping-interval-ms", "50", "--client-pong-timeout-ms", "200");
            TestSubscriber answering = TestSubscriber.connect(proxy.url("/ws"));
            Socket silent = stalledSubscriber(proxy))
        {
            proxy.awaitClients(2);
            Thread.sleep(800);
            assertEquals(1, proxy.runtime.hub().activeClients());
            assertEquals(1, proxy.runtime.hub().pongTimeouts());
        }
    }

    @Test
    void shouldSendFilteredSubscribersOnlyMatchingFlashblocks() throws Exception
    {
        final List<String> flashblocks = Flashblocks.unichain();
        final String logAddress = "0xf878f0340bf132c28f3211e8b46c569edf817495";
        final String topic = "0xfaddd0b06e793a583e92393ad3f98637e560462ee98db1f2888f141124ee64ca";
        try (RunningProxy proxy = new RunningProxy("--upstream-ws", upstream.url(), "--api-keys", "a:k");
            TestSubscriber byAddress = TestSubscriber.connect(proxy.url("/ws/k/filter?addresses=" + logAddress));
            TestSubscriber byBoth = TestSubscriber.connect(proxy.url("/ws/k/filter?addresses=" + logAddress +
                ",0x000000000000000000000000000000000000dead&topics=" + topic + "&match=all"));
            TestSubscriber everything = TestSubscriber.connect(proxy.url("/ws/k")))
        {
            assertTrue(upstream.awaitPeers(1, 5_000));
            proxy.awaitClients(3);
            for (final String fb : flashblocks)
            {
                upstream.sendText(fb);
            }
            for (int i = 0; i < flashblocks.size(); i++)
            {
                assertNotNull(everything.next(5_000));
            }
            final List<String> got = new ArrayList<>();
            byte[] m;
            while (null != (m = byAddress.next(300)))
            {
                got.add(new String(m, StandardCharsets.UTF_8));
            }
            assertEquals(flashblocks.subList(1, 5), got, "index 0 has no logs from that address");
            assertNull(byBoth.next(100), "no flashblock touches 0x…dead");
        }
    }

    /** Upgrades over a raw socket with a tiny receive buffer, then never reads again. */
    private static Socket stalledSubscriber(final RunningProxy proxy) throws Exception
    {
        final Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", proxy.runtime.localAddress().getPort()));
        final OutputStream out = socket.getOutputStream();
        out.write(("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        final InputStream in = socket.getInputStream();
        final StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n"))
        {
            head.append((char)in.read());
        }
        assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
        return socket;
    }
}
