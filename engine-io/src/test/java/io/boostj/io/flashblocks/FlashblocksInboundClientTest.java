package io.boostj.io.flashblocks;

import io.boostj.io.http.NettyTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.ScheduledFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(15)
class FlashblocksInboundClientTest
{
    private static final NettyTransport TRANSPORT = NettyTransport.choose(true);
    private static EventLoopGroup group;

    private final ArrayDeque<AutoCloseable> closeables = new ArrayDeque<>();
    private final RecordingListener listener = new RecordingListener();

    @BeforeAll
    static void startLoops()
    {
        group = TRANSPORT.newGroup(2, "fb-inbound-test");
    }

    @AfterAll
    static void stopLoops()
    {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @AfterEach
    void closeAll() throws Exception
    {
        AutoCloseable c;
        while (null != (c = closeables.pollFirst()))
        {
            c.close();
        }
    }

    @Test
    void shouldDeliverTextAndBinaryMessagesWithTheirKindAndJoinFragments() throws Exception
    {
        final WsTestServer server = server(0);
        final FlashblocksInboundClient client = client(server.url(), ctx -> ctx.epochClock(() -> 42L));
        awaitTrue(() -> 1 == server.connections() && client.isConnected(), "connected");

        final byte[] brotli = { 0x1b, 0x00, (byte)0xff, 0x7f, 0x00 };
        server.send(new TextWebSocketFrame("{\"index\":0}"));
        server.send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(brotli)));
        server.send(new TextWebSocketFrame(false, 0, Unpooled.copiedBuffer("{\"ind", StandardCharsets.UTF_8)));
        server.send(new ContinuationWebSocketFrame(true, 0, Unpooled.copiedBuffer("ex\":1}", StandardCharsets.UTF_8)));
        server.send(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[]{ 1, 2 })));
        server.send(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[]{ 3 })));

        final RecordingListener.Received first = take();
        assertMessage("{\"index\":0}".getBytes(StandardCharsets.UTF_8), false, first);
        assertEquals(42L, first.recvTimeNs());
        assertMessage(brotli, true, take());
        assertMessage("{\"index\":1}".getBytes(StandardCharsets.UTF_8), false, take());
        assertMessage(new byte[]{ 1, 2, 3 }, true, take());
        assertEquals(4, client.messagesReceived());
        assertEquals(1, listener.connects.get());
        assertTrue(listener.causes.isEmpty(), listener.causes::toString);
    }

    @Test
    void shouldReconnectAfterTheServerRestartsOnTheSameAddress() throws Exception
    {
        final WsTestServer first = server(0);
        final int port = first.port();
        final FlashblocksInboundClient client = client(first.url(), ctx -> {});
        awaitTrue(() -> 1 == listener.connects.get(), "first connection");

        first.close();
        awaitTrue(() -> !listener.causes.isEmpty(), "disconnect noticed");
        assertFalse(client.isConnected());

        final WsTestServer second = server(port);
        awaitTrue(() -> 2 == listener.connects.get() && 1 == second.connections(), "reconnected to the new server");
        second.send(new TextWebSocketFrame("{\"after\":\"restart\"}"));
        assertMessage("{\"after\":\"restart\"}".getBytes(StandardCharsets.UTF_8), false, take());
        assertTrue(client.reconnectAttempts() >= 1);
        assertTrue(client.isConnected());
    }

    @Test
    void shouldKeepTheConnectionWhilePongsAnswerPings() throws Exception
    {
        final WsTestServer server = server(0);
        final FlashblocksInboundClient client = client(server.url(), ctx -> ctx.pingIntervalMs(100).pongTimeoutMs(300));
        awaitTrue(() -> 1 == listener.connects.get(), "connected");

        Thread.sleep(1_500);

        assertEquals(1, listener.connects.get());
        assertTrue(listener.causes.isEmpty(), listener.causes::toString);
        assertEquals(0, client.pongTimeouts());
        assertEquals(0, client.unknownPongs());
        assertEquals(1, server.handshakes.get());
        assertTrue(server.pingPayloads.size() >= 5, "pings sent: " + server.pingPayloads.size());
        assertUniqueSixteenByteIds(server.pingPayloads);
    }

    @Test
    void shouldReconnectWhenPongsStopAndKeepPingIdsUniqueAcrossConnections() throws Exception
    {
        final WsTestServer server = server(0);
        server.answerPings = false;
        final FlashblocksInboundClient client = client(server.url(), ctx -> ctx.pingIntervalMs(100).pongTimeoutMs(300));

        awaitTrue(() -> listener.connects.get() >= 2, "reconnected after a pong timeout");

        assertTrue(listener.causes.get(0).contains("no pong"), listener.causes.get(0));
        assertTrue(client.pongTimeouts() >= 1);
        final long connectedMs = TimeUnit.NANOSECONDS.toMillis(
            listener.disconnectTimesNs.get(0) - listener.connectTimesNs.get(0));
        assertTrue(connectedMs >= 200 && connectedMs < 2_000, "dropped after " + connectedMs + "ms");
        assertUniqueSixteenByteIds(server.pingPayloads);
    }

    @Test
    void shouldCountUnknownPongsWithoutExtendingTheDeadline() throws Exception
    {
        final WsTestServer server = server(0);
        server.answerPings = false;
        final FlashblocksInboundClient client = client(server.url(), ctx -> ctx.pingIntervalMs(100).pongTimeoutMs(300));
        awaitTrue(() -> 1 == server.connections(), "connected");
        final ScheduledFuture<?> unknownPongs = group.next().scheduleAtFixedRate(
            () -> server.send(new PongWebSocketFrame(Unpooled.wrappedBuffer(new byte[16]))), 0, 50,
            TimeUnit.MILLISECONDS);
        try
        {
            awaitTrue(() -> !listener.causes.isEmpty(), "pong timeout despite unknown pongs");
        }
        finally
        {
            unknownPongs.cancel(false);
        }

        // Unknown pongs keep arriving every 50 ms until the cancel above: had they extended the deadline, the
        // connection would never have dropped and the await would have failed. No wall-clock bound needed.
        assertTrue(listener.causes.get(0).contains("no pong"), listener.causes.get(0));
        assertTrue(client.unknownPongs() >= 2, "unknown pongs: " + client.unknownPongs());
        assertEquals(1, client.pongTimeouts());
    }

    @Test
    void shouldTimeOutAStuckHandshakeAndRetry() throws Exception
    {
        final AtomicInteger accepted = new AtomicInteger();
        final Channel silent = new ServerBootstrap()
            .group(group)
            .channel(TRANSPORT.serverChannel())
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    accepted.incrementAndGet();
                }
            })
            .bind("127.0.0.1", 0).sync().channel();
        closeables.push(() -> silent.close().sync());
        final int port = ((InetSocketAddress)silent.localAddress()).getPort();
        final long startNs = System.nanoTime();
        final FlashblocksInboundClient client = client("ws://127.0.0.1:" + port, ctx -> ctx.connectTimeoutMs(200));

        awaitTrue(() -> client.connectTimeouts() >= 2, "two connect timeouts");

        assertTrue(accepted.get() >= 2, "TCP accepted " + accepted.get() + " times");
        assertEquals(0, listener.connects.get());
        assertTrue(listener.causes.get(0).contains("timed out after 200ms"), listener.causes.get(0));
        final long firstTimeoutMs = TimeUnit.NANOSECONDS.toMillis(listener.disconnectTimesNs.get(0) - startNs);
        assertTrue(firstTimeoutMs >= 150, "timed out after " + firstTimeoutMs + "ms");
    }

    @Test
    void shouldDoubleTheBackoffAndCapIt() throws Exception
    {
        final int port = unusedPort();
        final FlashblocksInboundClient client = client(
            "ws://127.0.0.1:" + port, ctx -> ctx.initialReconnectMs(10).maxReconnectMs(80));

        awaitTrue(() -> listener.delaysMs.size() >= 8, "eight failed attempts");

        assertEquals(List.of(10L, 20L, 40L, 80L, 80L, 80L, 80L, 80L), listener.delaysMs.subList(0, 8));
        assertTrue(listener.causes.get(0).contains("failed"), listener.causes.get(0));
        assertTrue(client.reconnectAttempts() >= 8);
        final long spanMs = TimeUnit.NANOSECONDS.toMillis(
            listener.disconnectTimesNs.get(7) - listener.disconnectTimesNs.get(0));
        assertTrue(spanMs >= 300, "7 waits of 10+20+40+80*4=390ms took only " + spanMs + "ms");
    }

    @Test
    void shouldNotResetTheBackoffWhenConnectionsDieYoung() throws Exception
    {
        final WsTestServer server = server(0);
        server.closeAfterHandshakeMs = 0;
        client(server.url(), ctx -> ctx.initialReconnectMs(10).maxReconnectMs(200));

        awaitTrue(() -> listener.delaysMs.size() >= 6, "six short-lived connections");

        assertEquals(List.of(10L, 20L, 40L, 80L, 160L, 200L), listener.delaysMs.subList(0, 6));
        assertTrue(server.handshakes.get() >= 5, "handshakes: " + server.handshakes.get());
    }

    @Test
    void shouldResetTheBackoffAfterAConnectionLivedMaxReconnectMs() throws Exception
    {
        final WsTestServer server = server(0);
        server.closeAfterHandshakeMs = 300;
        client(server.url(), ctx -> ctx.initialReconnectMs(10).maxReconnectMs(200).pongTimeoutMs(5_000));

        awaitTrue(() -> listener.delaysMs.size() >= 3, "three long-lived connections");

        assertEquals(List.of(10L, 10L, 10L), listener.delaysMs.subList(0, 3));
    }

    @Test
    void shouldCloseAndReconnectOnOversizedMessages() throws Exception
    {
        final WsTestServer server = server(0);
        final FlashblocksInboundClient client = client(server.url(), ctx -> ctx.maxFrameBytes(1024));
        awaitTrue(() -> 1 == server.connections() && client.isConnected(), "connected");

        server.send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[2_000])));
        awaitTrue(() -> 2 == listener.connects.get() && 1 == server.connections(), "reconnected after one big frame");
        assertEquals(1, client.oversizedMessages());
        assertTrue(listener.causes.get(0).contains("maxFrameBytes=1024"), listener.causes.get(0));

        server.send(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[600])));
        server.send(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[600])));
        awaitTrue(() -> 3 == listener.connects.get() && 1 == server.connections(), "reconnected after big fragments");
        assertEquals(2, client.oversizedMessages());
        assertTrue(listener.causes.get(1).contains("maxFrameBytes=1024"), listener.causes.get(1));

        server.send(new TextWebSocketFrame("{}"));
        assertMessage("{}".getBytes(StandardCharsets.UTF_8), false, take());
        assertEquals(1, client.messagesReceived());
    }

    @Test
    void shouldReconnectWhenTheBuilderSendsClose() throws Exception
    {
        final WsTestServer server = server(0);
        client(server.url(), ctx -> {});
        awaitTrue(() -> 1 == server.connections() && 1 == listener.connects.get(), "connected");

        server.send(new CloseWebSocketFrame(1001, "going away"));

        awaitTrue(() -> 2 == listener.connects.get(), "reconnected");
        assertTrue(listener.causes.get(0).contains("Close 1001 going away"), listener.causes.get(0));
    }

    @Test
    void shouldStopReconnectingWhenClosed() throws Exception
    {
        final int port = unusedPort();
        final FlashblocksInboundClient client = client("ws://127.0.0.1:" + port, ctx -> {});
        awaitTrue(() -> client.reconnectAttempts() >= 2, "retrying");

        client.close();
        final long attempts = client.reconnectAttempts();
        Thread.sleep(200);

        assertEquals(attempts, client.reconnectAttempts());
    }

    @Test
    void shouldConnectOverTlsWithAGivenTrustAnchor(@TempDir final Path dir) throws Exception
    {
        final Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        assumeTrue(Files.isExecutable(keytool), "keytool not available");
        final Path store = dir.resolve("builder.p12");
        final char[] password = "changeit".toCharArray();
        final Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "builder",
            "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
            "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
            "-storepass", "changeit", "-keypass", "changeit")
            .redirectErrorStream(true).start();
        final String keytoolOutput = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.SECONDS) && 0 == process.exitValue(), keytoolOutput);
        final KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store))
        {
            keyStore.load(in, password);
        }
        final KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, password);
        final WsTestServer server = new WsTestServer(group, TRANSPORT, 0, SslContextBuilder.forServer(keys).build());
        closeables.addLast(server);
        final SslContext trust = SslContextBuilder.forClient()
            .trustManager((X509Certificate)keyStore.getCertificate("builder"))
            .build();

        client("wss://127.0.0.1:" + server.port() + "/ws", ctx -> ctx.sslContext(trust));
        awaitTrue(() -> 1 == server.connections() && 1 == listener.connects.get(), "connected over TLS");
        server.send(new TextWebSocketFrame("{\"tls\":true}"));

        assertMessage("{\"tls\":true}".getBytes(StandardCharsets.UTF_8), false, take());

        final RecordingListener untrusting = new RecordingListener();
        final FlashblocksInboundClient defaultTrust = new FlashblocksInboundClient(
            context("wss://127.0.0.1:" + server.port() + "/ws").listener(untrusting));
        closeables.push(defaultTrust);
        defaultTrust.start();
        awaitTrue(() -> !untrusting.causes.isEmpty(), "the JDK trust store rejects the self-signed certificate");
        assertEquals(0, untrusting.connects.get());
        assertTrue(untrusting.causes.get(0).contains("SSLHandshakeException"), untrusting.causes.get(0));
    }

    @Test
    void shouldFollowUpstreamBackoffSequenceWithDefaults()
    {
        final ReconnectBackoff backoff = new ReconnectBackoff(10, 5_000);
        final long[] delays = new long[12];
        for (int i = 0; i < delays.length; i++)
        {
            delays[i] = backoff.onDisconnect(ReconnectBackoff.NEVER_CONNECTED);
        }
        assertArrayEquals(new long[]{ 10, 20, 40, 80, 160, 320, 640, 1280, 2560, 5000, 5000, 5000 }, delays);

        assertEquals(5_000, backoff.onDisconnect(TimeUnit.MILLISECONDS.toNanos(4_999)));
        assertEquals(10, backoff.onDisconnect(TimeUnit.MILLISECONDS.toNanos(5_000)));
        assertEquals(20, backoff.onDisconnect(ReconnectBackoff.NEVER_CONNECTED));
    }

    @Test
    void shouldRejectInvalidConfiguration()
    {
        assertConcludeFails(ctx -> ctx.url("http://127.0.0.1:1111"));
        assertConcludeFails(ctx -> ctx.initialReconnectMs(0));
        assertConcludeFails(ctx -> ctx.initialReconnectMs(100).maxReconnectMs(50));
        assertConcludeFails(ctx -> ctx.listener(null));
        final FlashblocksInboundClient.Context ctx = context("wss://builder.example").conclude();
        assertTrue(ctx.isSecure());
        assertEquals(443, ctx.port());
    }

    private void assertConcludeFails(final Consumer<FlashblocksInboundClient.Context> tweak)
    {
        final FlashblocksInboundClient.Context ctx = context("ws://127.0.0.1:1111");
        tweak.accept(ctx);
        try
        {
            ctx.conclude();
            fail("conclude accepted an invalid context");
        }
        catch (final IllegalStateException expected)
        {
            assertNotNull(expected.getMessage());
        }
    }

    private FlashblocksInboundClient.Context context(final String url)
    {
        return new FlashblocksInboundClient.Context()
            .url(url)
            .eventLoopGroup(group)
            .transport(TRANSPORT)
            .listener(listener)
            .connectTimeoutMs(1_000)
            .pingIntervalMs(100)
            .pongTimeoutMs(1_000)
            .initialReconnectMs(10)
            .maxReconnectMs(100);
    }

    private FlashblocksInboundClient client(final String url, final Consumer<FlashblocksInboundClient.Context> tweak)
    {
        final FlashblocksInboundClient.Context ctx = context(url);
        tweak.accept(ctx);
        final FlashblocksInboundClient client = new FlashblocksInboundClient(ctx);
        closeables.push(client);
        client.start();
        return client;
    }

    private WsTestServer server(final int port) throws InterruptedException
    {
        final WsTestServer server = new WsTestServer(group, TRANSPORT, port);
        closeables.addLast(server);
        return server;
    }

    private RecordingListener.Received take() throws InterruptedException
    {
        final RecordingListener.Received received = listener.messages.poll(5, TimeUnit.SECONDS);
        assertNotNull(received, "no message within 5s");
        return received;
    }

    private static void assertMessage(
        final byte[] expected, final boolean binary, final RecordingListener.Received received)
    {
        assertArrayEquals(expected, received.bytes());
        assertEquals(binary, received.binary());
    }

    private static void assertUniqueSixteenByteIds(final List<byte[]> payloads)
    {
        final Set<ByteBuffer> ids = new HashSet<>();
        for (final byte[] payload : payloads)
        {
            assertEquals(FlashblocksInboundClient.PING_ID_LENGTH, payload.length, Arrays.toString(payload));
            assertTrue(ids.add(ByteBuffer.wrap(payload)), "duplicate ping id " + Arrays.toString(payload));
        }
    }

    private static int unusedPort() throws Exception
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    static void awaitTrue(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("timed out waiting for: " + what);
            }
            Thread.sleep(5);
        }
    }
}
