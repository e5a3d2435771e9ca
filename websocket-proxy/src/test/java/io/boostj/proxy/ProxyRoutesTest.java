package io.boostj.proxy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Routes, authentication, limits before the upgrade, malformed upgrades: upstream's server tests and ours. */
class ProxyRoutesTest
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
    void shouldAnswerHealthcheck() throws Exception
    {
        try (RunningProxy proxy = new RunningProxy("--upstream-ws", upstream.url()))
        {
            final HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(proxy.httpUrl("/healthz"))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
        }
    }

    @Test
    void shouldRefuseTheConnectionOverTheInstanceLimitWith429() throws Exception
    {
        try (RunningProxy proxy = new RunningProxy("--upstream-ws", upstream.url(), "--instance-connection-limit", "3");
            TestSubscriber a = TestSubscriber.connect(proxy.url("/ws"));
            TestSubscriber b = TestSubscriber.connect(proxy.url("/ws"));
            TestSubscriber c = TestSubscriber.connect(proxy.url("/ws")))
        {
            final TestSubscriber.Refused refused =
                assertThrows(TestSubscriber.Refused.class, () -> TestSubscriber.connect(proxy.url("/ws")));
            assertEquals(429, refused.status);
            c.close();
            proxy.awaitClients(2);
            TestSubscriber.connect(proxy.url("/ws")).close();
        }
    }

    @Test
    void shouldCountTheLastForwardedForEntryAsTheClientIp() throws Exception
    {
        try (RunningProxy proxy = new RunningProxy("--upstream-ws", upstream.url(), "--per-ip-connection-limit", "1");
            TestSubscriber a = TestSubscriber.connect(proxy.url("/ws"), Map.of("X-Forwarded-For", "9.9.9.9, 1.2.3.4")))
        {
            assertThrows(TestSubscriber.Refused.class,
                () -> TestSubscriber.connect(proxy.url("/ws"), Map.of("X-Forwarded-For", "8.8.8.8, 1.2.3.4")));
            TestSubscriber.connect(proxy.url("/ws"), Map.of("X-Forwarded-For", "1.2.3.4, 5.6.7.8")).close();
        }
    }

    @Test
    void shouldDisablePublicEndpointWhenKeysAreGiven() throws Exception
    {
        try (RunningProxy proxy = new RunningProxy("--upstream-ws", upstream.url(), "--api-keys", "app1:key1:5"))
        {
            assertEquals(404, assertThrows(TestSubscriber.Refused.class,
                () -> TestSubscriber.connect(proxy.url("/ws"))).status);
            final TestSubscriber.Refused unknown =
                assertThrows(TestSubscriber.Refused.class, () -> TestSubscriber.connect(proxy.url("/ws/nope")));
            assertEquals(401, unknown.status);
        }
    }

    @Test
    void shouldAllowKnownKeysAndEnforceTheAppLimit() throws Exception
    {
        try (RunningProxy proxy = new RunningProxy("--upstream-ws", upstream.url(),
            "--api-keys", "app1:key1:1,app2:key2", "--public-access-enabled");
            TestSubscriber a = TestSubscriber.connect(proxy.url("/ws/key1"));
            TestSubscriber b = TestSubscriber.connect(proxy.url("/ws/key2"));
            TestSubscriber pub = TestSubscriber.connect(proxy.url("/ws")))
        {
            assertEquals(429, assertThrows(TestSubscriber.Refused.class,
                () -> TestSubscriber.connect(proxy.url("/ws/key1"))).status);
            TestSubscriber.connect(proxy.url("/ws/key2")).close();
        }
    }

    @Test
    void shouldAnswerUnknownKeyWithInvalidApiKeyJson() throws Exception
    {
        try (RunningProxy proxy = new RunningProxy("--upstream-ws", upstream.url(), "--api-keys", "app1:key1"))
        {
            final String response = rawRequest(proxy, "GET /ws/wrong HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n" +
                "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            assertTrue(response.startsWith("HTTP/1.1 401"), response);
            assertTrue(response.endsWith("{\"message\":\"Invalid API key\"}"), response);
        }
    }

    @Test
    void shouldRefuseMalformedUpgradeRequestsCleanly() throws Exception
    {
        try (RunningProxy proxy = new RunningProxy("--upstream-ws", upstream.url(), "--instance-connection-limit", "1"))
        {
            assertTrue(rawRequest(proxy, "GET /ws HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 400"));
            assertTrue(rawRequest(proxy, "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                "Sec-WebSocket-Version: 13\r\n\r\n").contains("Missing Sec-WebSocket-Key"));
            assertTrue(rawRequest(proxy, "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 99\r\n\r\n").startsWith("HTTP/1.1 426"));
            assertTrue(rawRequest(proxy, "POST /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").startsWith("HTTP/1.1 400"));
            assertTrue(rawRequest(proxy, "GET /ws HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n")
                .startsWith("HTTP/1.1 4"));
            assertTrue(rawRequest(proxy, "garbage\r\n\r\n").startsWith("HTTP/1.1 400"));
            // None of these took the single slot: a real client still fits.
            TestSubscriber.connect(proxy.url("/ws")).close();
        }
    }

    @Test
    void shouldCloseAClientThatSendsAnOversizedFrame() throws Exception
    {
        try (RunningProxy proxy = new RunningProxy("--upstream-ws", upstream.url(), "--max-client-frame-bytes", "1024");
            TestSubscriber s = TestSubscriber.connect(proxy.url("/ws")))
        {
            proxy.awaitClients(1);
            final java.lang.reflect.Field f = TestSubscriber.class.getDeclaredField("socket");
            f.setAccessible(true);
            ((java.net.http.WebSocket)f.get(s)).sendBinary(java.nio.ByteBuffer.wrap(new byte[4096]), true);
            assertTrue(s.isClosed(5_000));
            proxy.awaitClients(0);
            assertEquals(0, proxy.runtime.hub().activeClients());
        }
    }

    @Test
    void shouldRefuseBadFilterParameters() throws Exception
    {
        try (RunningProxy proxy = new RunningProxy("--upstream-ws", upstream.url(), "--api-keys", "a:k"))
        {
            assertEquals(400, assertThrows(TestSubscriber.Refused.class,
                () -> TestSubscriber.connect(proxy.url("/ws/k/filter?addresses=0x12"))).status);
            assertEquals(400, assertThrows(TestSubscriber.Refused.class,
                () -> TestSubscriber.connect(proxy.url("/ws/k/filter?match=all"))).status);
        }
    }

    @Test
    void shouldServeMetricsWithUpstreamNames() throws Exception
    {
        try (RunningProxy proxy = new RunningProxy("--upstream-ws", upstream.url(), "--metrics-addr", "127.0.0.1:0",
            "--metrics-global-labels", "env=test,bad");
            TestSubscriber s = TestSubscriber.connect(proxy.url("/ws")))
        {
            assertTrue(upstream.awaitPeers(1, 5_000));
            upstream.sendText("{\"index\":0}");
            assertNotNull(s.next(5_000));
            final String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + proxy.runtime.metricsPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
            for (final String name : new String[] {"websocket_proxy_sent_messages_total", "websocket_proxy_new_connections_total",
                "websocket_proxy_active_connections", "websocket_proxy_upstream_connections", "websocket_proxy_bytes_broadcasted_total",
                "websocket_proxy_upstream_messages_total", "websocket_proxy_lagged_connections_total",
                "websocket_proxy_rate_limited_requests_total", "websocket_proxy_unauthorized_requests_total"})
            {
                assertTrue(body.contains(name), name + " missing in\n" + body);
            }
            assertTrue(body.contains("env=\"test\""), body);
        }
    }

    private static String rawRequest(final RunningProxy proxy, final String request) throws Exception
    {
        try (Socket socket = new Socket("127.0.0.1", proxy.runtime.localAddress().getPort()))
        {
            socket.setSoTimeout(5_000);
            final OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            final InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
