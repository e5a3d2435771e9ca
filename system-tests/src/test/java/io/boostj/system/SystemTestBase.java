package io.boostj.system;

import io.boostj.core.sidecar.SidecarConfig;
import io.boostj.devnet.BlockResult;
import io.boostj.devnet.Devnet;
import io.boostj.devnet.MockExecutionClient;
import io.boostj.devnet.OpNodeDriver;
import io.boostj.devnet.RecordedCall;
import io.boostj.devnet.SidecarCounters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Starts the real sidecar between two mock execution clients for each test ({@link Devnet}), with short timeouts so the
 * suite stays fast: builder timeout 500 ms (300 ms proved too tight for a cold first block on a loaded 2-core
 * machine), L2 timeout 1000 ms, background health probe off unless a test turns it on.
 */
abstract class SystemTestBase
{
    /** The builder timeout the tests run with. */
    static final int BUILDER_TIMEOUT_MS = 500;

    @TempDir
    Path tempDir;

    LogCapture log;
    Devnet devnet;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    private static boolean warmedUp;

    /**
     * Once per JVM: runs a few blocks through a throwaway devnet, so that no test's first block pays for class loading
     * and a cold JIT (on a loaded 2-core machine that alone can exceed the 300 ms builder timeout).
     *
     * @throws Exception if the devnet cannot run.
     */
    @BeforeAll
    static synchronized void warmUpJvm() throws Exception
    {
        if (warmedUp)
        {
            return;
        }
        warmedUp = true;
        final Path dir = Files.createTempDirectory("boostj-warmup");
        try (Devnet warm = Devnet.start(new Devnet.Options()
            .engineConfig(defaultEngineConfig().builderTimeoutMs(5000).l2TimeoutMs(5000))
            .journalDir(dir.resolve("journal"))))
        {
            for (int i = 0; i < 5; i++)
            {
                warm.driver().produceBlock();
            }
            warm.healthz();
            warm.debug(rpc("debug_getExecutionMode", "[]"));
        }
        finally
        {
            try (java.util.stream.Stream<Path> files = Files.walk(dir))
            {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @BeforeEach
    void captureLog()
    {
        log = LogCapture.start();
    }

    @AfterEach
    void stopDevnet()
    {
        if (null != devnet)
        {
            devnet.close();
            devnet = null;
        }
        log.close();
    }

    /**
     * @return the engine configuration every test starts from.
     */
    static SidecarConfig defaultEngineConfig()
    {
        return new SidecarConfig()
            .builderTimeoutMs(BUILDER_TIMEOUT_MS)
            .l2TimeoutMs(1000)
            .healthCheckIntervalMs(0)
            .maxUnsafeIntervalS(60);
    }

    /**
     * Starts a devnet with the default configuration changed by the customizer.
     *
     * @param customizer changes to the options (engine config included).
     * @return the running devnet.
     * @throws Exception if it cannot start.
     */
    Devnet start(final Consumer<Devnet.Options> customizer) throws Exception
    {
        final Devnet.Options options = new Devnet.Options()
            .engineConfig(defaultEngineConfig())
            .journalDir(tempDir.resolve("journal"))
            .metrics(false);
        customizer.accept(options);
        devnet = Devnet.start(options);
        return devnet;
    }

    /**
     * @return a devnet with the default configuration.
     * @throws Exception if it cannot start.
     */
    Devnet start() throws Exception
    {
        return start(o -> { });
    }

    MockExecutionClient l2()
    {
        return devnet.l2();
    }

    MockExecutionClient builder()
    {
        return devnet.builder();
    }

    OpNodeDriver driver()
    {
        return devnet.driver();
    }

    /**
     * Produces a block and asserts it was produced (whatever its source).
     *
     * @return the result.
     */
    BlockResult produceOk()
    {
        final BlockResult r = driver().produceBlock();
        assertTrue(r.ok(), () -> "block not produced: " + r + "\nsidecar log:\n" + String.join("\n", log.lines()));
        return r;
    }

    /**
     * Produces n blocks, each of which must be produced and come from the given source.
     *
     * @param n      how many.
     * @param source "builder" or "l2".
     * @return the results.
     */
    List<BlockResult> produceFrom(final int n, final String source)
    {
        final List<BlockResult> results = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++)
        {
            final BlockResult r = produceOk();
            assertEquals(source, r.source(), () -> "block " + r + " should come from " + source + "; decisions:\n" +
                String.join("\n", log.decisions()));
            results.add(r);
        }
        return results;
    }

    /**
     * Waits for /healthz to report a status.
     *
     * @param status 200, 206 or 503.
     */
    void awaitHealth(final int status)
    {
        Await.value("/healthz " + status, () -> devnet.healthz(), s -> s == status);
    }

    /**
     * @return the sidecar's blocks-created counter by source.
     */
    Map<String, Long> blocksCreated()
    {
        return SidecarCounters.blocksCreated(devnet.sidecar().metrics().registry());
    }

    /**
     * @param mock a mock.
     * @return its engine_* calls.
     */
    static List<RecordedCall> engineCalls(final MockExecutionClient mock)
    {
        return mock.calls(RecordedCall::isEngine);
    }

    /**
     * @param mock a mock.
     * @return the methods of all its calls, in order (for failure messages).
     */
    static String methods(final MockExecutionClient mock)
    {
        return mock.calls().stream().map(RecordedCall::method).collect(Collectors.joining(", "));
    }

    /**
     * Posts a raw body to the sidecar's RPC port without a JWT.
     *
     * @param body the body.
     * @return the response.
     * @throws IOException          on a transport failure.
     * @throws InterruptedException if interrupted.
     */
    HttpResponse<String> postRaw(final String body) throws IOException, InterruptedException
    {
        return postRaw(body, null);
    }

    /**
     * Posts a raw body to the sidecar's RPC port.
     *
     * @param body          the body.
     * @param authorization the Authorization header value, or null for none.
     * @return the response.
     * @throws IOException          on a transport failure.
     * @throws InterruptedException if interrupted.
     */
    HttpResponse<String> postRaw(final String body, final String authorization) throws IOException, InterruptedException
    {
        final HttpRequest.Builder b = HttpRequest.newBuilder(devnet.rpcUri()).timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
        if (null != authorization)
        {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * @param method JSON-RPC method.
     * @param params the params array text.
     * @return a request body with id 1.
     */
    static String rpc(final String method, final String params)
    {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    }

    /**
     * @return the decision lines logged so far, for failure messages.
     */
    String decisions()
    {
        return String.join("\n", log.decisions());
    }
}
