package io.boostj.system;

import io.boostj.devnet.BlockResult;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reference §1.10 and §6: the probes, what sets 206 and 503, the background probe of both clients'
 * latest block, and {@code --ignore-unhealthy-builders}.
 */
class HealthSystemTest extends SystemTestBase
{
    @Test
    void shouldServeTheProbeEndpointsOnTheRpcPort() throws Exception
    {
        start();

        final HttpResponse<String> healthz = devnet.get("/healthz");
        assertEquals(200, healthz.statusCode());
        assertEquals("OK", healthz.body());
        assertEquals(200, devnet.get("/readyz").statusCode());
        assertEquals("OK", devnet.get("/readyz").body());
        assertEquals(200, devnet.get("/livez").statusCode());
        assertEquals("OK", devnet.get("/livez").body());
        assertEquals(0, l2().calls().size(), "probes are answered by the sidecar itself");
    }

    @Test
    void shouldAnswerWithAnErrorAnd503WhenL2FailsThenRecoverWithoutRestart() throws Exception
    {
        start();
        produceFrom(1, "builder");

        l2().stop();
        final BlockResult failed = driver().produceBlock();

        assertFalse(failed.ok());
        assertEquals("fcu", failed.failedStep());
        assertTrue(failed.error().startsWith("error "), "a JSON-RPC error object, not a transport failure: " + failed);
        awaitHealth(503);
        final HttpResponse<String> healthz = devnet.get("/healthz");
        assertEquals("Service Unavailable", healthz.body());

        l2().start();
        produceFrom(2, "builder");
        awaitHealth(200);
    }

    @Test
    void shouldAnswerAnErrorAnd503WhenL2RefusesOpNodesNewPayloadAndPassSyncingThrough() throws Exception
    {
        start();
        produceFrom(1, "builder");

        // the builder's block fails L2's validation, then op-node's newPayload of L2's own block is refused too
        l2().faults().newPayloadStatusNext("INVALID", 2);
        final BlockResult invalid = driver().produceBlock();

        assertEquals(BlockResult.NEW_PAYLOAD, invalid.failedStep(), invalid::toString);
        assertTrue(invalid.error().startsWith("error 13 Invalid payload"), invalid.error());
        awaitHealth(503);

        l2().faults().newPayloadStatusNext("SYNCING", 2);
        final BlockResult syncing = driver().produceBlock();
        assertEquals(BlockResult.NEW_PAYLOAD, syncing.failedStep(), syncing::toString);
        assertTrue(syncing.error().startsWith("status SYNCING"), "a SYNCING body is passed through: " + syncing.error());

        produceFrom(1, "builder");
        awaitHealth(200);
    }

    @Test
    void shouldReturnRetriableErrorCodesWhileL2IsDown() throws Exception
    {
        start();
        l2().stop();

        final BlockResult failed = driver().produceBlock();
        final HttpResponse<String> passthrough = postRaw(rpc("eth_chainId", "[]"));

        assertFalse(failed.ok());
        assertFalse(failed.error().contains("-32700") || failed.error().matches(".*error -326\\d\\d.*"),
            "not a parse/invalid-request code, so op-node retries: " + failed.error());
        assertEquals(200, passthrough.statusCode());
        assertTrue(passthrough.body().contains("\"error\""), passthrough.body());
        assertFalse(passthrough.body().contains("-32700") || passthrough.body().matches(".*\"code\":-326\\d\\d.*"));
    }

    @Test
    void shouldReport503WhenTheBackgroundProbeFindsL2Stale() throws Exception
    {
        start(o -> o.engineConfig().healthCheckIntervalMs(100).maxUnsafeIntervalS(5));
        awaitHealth(200);
        Await.until("the probe asks L2", () -> l2().count("eth_getBlockByNumber") > 0);

        l2().faults().blockAgeSeconds(60);
        awaitHealth(503);

        l2().faults().blockAgeSeconds(0);
        awaitHealth(200);
    }

    @Test
    void shouldReport206WhenTheBackgroundProbeFindsTheBuilderStaleOrDown() throws Exception
    {
        start(o -> o.engineConfig().healthCheckIntervalMs(100).maxUnsafeIntervalS(5));
        awaitHealth(200);

        builder().faults().blockAgeSeconds(60);
        awaitHealth(206);
        builder().faults().blockAgeSeconds(0);
        awaitHealth(200);

        builder().stop();
        awaitHealth(206);
        builder().start();
        awaitHealth(200);
    }

    @Test
    void shouldSendNoEngineTrafficToAnUnhealthyBuilderWhenIgnoringUnhealthyBuilders() throws Exception
    {
        start(o -> o.engineConfig().ignoreUnhealthyBuilders(true).healthCheckIntervalMs(100).maxUnsafeIntervalS(1));
        awaitHealth(200);
        produceFrom(1, "builder");

        builder().faults().blockAgeSeconds(100);
        awaitHealth(206);
        final long before = engineCalls(builder()).size();
        produceFrom(3, "l2");

        assertEquals(before, engineCalls(builder()).size(),
            "no engine_* call to an unhealthy builder: " + methods(builder()));
        assertTrue(builder().count("eth_getBlockByNumber") > 0, "while the probe keeps watching it");

        builder().faults().blockAgeSeconds(0);
        awaitHealth(200);
        produceFrom(1, "builder");
    }
}
