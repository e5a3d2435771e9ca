package io.boostj.system;

import io.boostj.devnet.RecordedCall;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reference §1.8, §1.11 and §6 {@code execution_mode}: the debug API switches the mode at run time, in both param
 * shapes; disabled means not one engine call to the builder.
 */
class ExecutionModeSystemTest extends SystemTestBase
{
    private static final String GET_MODE = rpc("debug_getExecutionMode", "[]");

    @Test
    void shouldSwitchBetweenEnabledDryRunAndDisabledAtRunTime() throws Exception
    {
        start();
        produceFrom(1, "builder");

        // dry_run, object param shape: builder still asked (and validated), L2's block returned
        final HttpResponse<String> set = devnet.debug(rpc("debug_setExecutionMode", "[{\"execution_mode\":\"dry_run\"}]"));
        assertEquals(200, set.statusCode());
        assertTrue(set.body().contains("\"result\":{\"execution_mode\":\"dry_run\"}"), set.body());
        assertTrue(devnet.debug(GET_MODE).body().contains("\"execution_mode\":\"dry_run\""));
        final long builderGetPayloads = builder().count("engine_getPayloadV3");
        produceFrom(2, "l2");
        assertEquals(builderGetPayloads + 2, builder().count("engine_getPayloadV3"), "dry run still asks the builder");
        assertTrue(log.decisions().get(log.decisions().size() - 1).contains("DRY_RUN"), this::decisions);
        awaitHealth(200);

        // enabled, plain string param shape
        final HttpResponse<String> enabled = devnet.debug(rpc("debug_setExecutionMode", "[\"enabled\"]"));
        assertTrue(enabled.body().contains("\"execution_mode\":\"enabled\""), enabled.body());
        produceFrom(1, "builder");

        // disabled: L2 only, zero engine calls to the builder
        devnet.setExecutionMode("disabled");
        assertTrue(devnet.debug(GET_MODE).body().contains("\"execution_mode\":\"disabled\""));
        final long before = Await.settled("the builder's engine calls of the last enabled block",
            () -> (long)engineCalls(builder()).size(), java.time.Duration.ofMillis(300));
        produceFrom(3, "l2");
        awaitHealth(200);
        assertEquals(before, engineCalls(builder()).size(),
            "no engine_* call reached the builder while disabled: " + methods(builder()));
        assertTrue(log.decisions().get(log.decisions().size() - 1).contains("MODE_DISABLED"), this::decisions);

        // and back
        devnet.setExecutionMode("enabled");
        produceFrom(2, "builder");
    }

    @Test
    void shouldStartDisabledWhenConfiguredSoAndNeverCallTheBuilder() throws Exception
    {
        start(o -> o.engineConfig().executionMode(io.boostj.sbe.ExecutionModeCode.DISABLED));

        produceFrom(3, "l2");

        assertEquals(0, engineCalls(builder()).size(), () -> methods(builder()));
        assertTrue(devnet.debug(GET_MODE).body().contains("\"execution_mode\":\"disabled\""));
        awaitHealth(200);
    }

    @Test
    void shouldRefuseAnUnknownExecutionMode() throws Exception
    {
        start();

        final HttpResponse<String> r = devnet.debug(rpc("debug_setExecutionMode", "[{\"execution_mode\":\"turbo\"}]"));

        assertTrue(r.body().contains("-32602"), r.body());
        assertTrue(devnet.debug(GET_MODE).body().contains("\"execution_mode\":\"enabled\""));
        produceFrom(1, "builder");
    }

    @Test
    void shouldKeepMirroringTransactionsToTheBuilderWhileDisabled() throws Exception
    {
        start();
        devnet.setExecutionMode("disabled");
        final String tx = io.boostj.devnet.PayloadChain.cancun().blocks().get(0).payload().path("transactions")
            .get(0).asText();

        final HttpResponse<String> r = postRaw(rpc("eth_sendRawTransaction", "[\"" + tx + "\"]"));

        assertEquals(200, r.statusCode());
        Await.until("mirrored to the builder", () -> builder().count("eth_sendRawTransaction") == 1);
        assertEquals(0, builder().calls().stream().filter(RecordedCall::isEngine).count());
    }
}
