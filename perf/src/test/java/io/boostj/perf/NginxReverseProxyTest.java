package io.boostj.perf;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The nginx path of the Engine API comparison, with the real nginx (Debian's package, installed by .ci/run).
 */
class NginxReverseProxyTest
{
    @Test
    void shouldForwardBodiesAndAuthorizationOverKeptAliveUpstreamConnections() throws Exception
    {
        final String binary = NginxReverseProxy.locate("auto");
        assertNotNull(binary, "nginx is not installed (apt-get install nginx; .ci/run does it)");
        final Set<String> upstreamPeers = ConcurrentHashMap.newKeySet();
        final HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", exchange ->
        {
            upstreamPeers.add(exchange.getRemoteAddress().toString());
            final byte[] body = exchange.getRequestBody().readAllBytes();
            final String auth = exchange.getRequestHeaders().getFirst("Authorization");
            final byte[] reply = ("{\"auth\":\"" + auth + "\",\"bytes\":" + body.length + "}")
                .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        upstream.start();
        try (NginxReverseProxy proxy = NginxReverseProxy.start(binary, upstream.getAddress().getPort(), 1))
        {
            final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            final String big = "x".repeat(3 << 20);
            for (int i = 0; i < 20; i++)
            {
                final HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + proxy.port() + "/"))
                    .header("Authorization", "Bearer token-" + i)
                    .POST(HttpRequest.BodyPublishers.ofString(0 == i ? big : "{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), r.body());
                assertEquals("{\"auth\":\"Bearer token-" + i + "\",\"bytes\":" + (0 == i ? big.length() : 2) + "}",
                    r.body());
            }
            assertTrue(upstreamPeers.size() <= 2, "nginx should reuse its upstream connections: " + upstreamPeers);
        }
        finally
        {
            upstream.stop(0);
        }
    }

    @Test
    void shouldBeOffOnRequestAndRefuseAPathThatIsNotAProgram() throws Exception
    {
        assertNull(NginxReverseProxy.locate("off"));
        final Path notProgram = Files.createTempFile("not-nginx", ".txt");
        final IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> NginxReverseProxy.locate(notProgram.toString()));
        assertTrue(e.getMessage().contains("is not an executable file"), e.getMessage());
    }

    @Test
    void shouldRotateTheHarnessPhasesOverEveryPath()
    {
        final long phaseNs = 1_000;
        assertEquals(0, OpenLoopHarness.pathOf(500, 0, phaseNs, 3));
        assertEquals(1, OpenLoopHarness.pathOf(1_500, 0, phaseNs, 3));
        assertEquals(2, OpenLoopHarness.pathOf(2_500, 0, phaseNs, 3));
        assertEquals(0, OpenLoopHarness.pathOf(3_500, 0, phaseNs, 3));
        assertEquals(1, OpenLoopHarness.pathOf(3_500, 0, phaseNs, 2));
    }
}
