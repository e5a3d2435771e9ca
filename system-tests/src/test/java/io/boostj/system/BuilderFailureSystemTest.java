package io.boostj.system;

import io.boostj.devnet.BlockResult;
import io.boostj.devnet.RecordedCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * More of reference §6: builder API failures versus processing failures, a slightly slow builder at full speed, the
 * V3 to V4 (Isthmus) transition, and the external state root mode.
 */
class BuilderFailureSystemTest extends SystemTestBase
{
    @ParameterizedTest
    @CsvSource({
        "engine_getPayloadV3, -38001, BUILDER_CALL_FAILED",
        "engine_getPayloadV3, -32603, BUILDER_CALL_FAILED",
        "engine_forkchoiceUpdatedV3, -38002, NO_BUILDER_PAYLOAD_ID"})
    void shouldFallBackToL2AndReport206WhenTheBuilderAnswersWithAnError(
        final String method, final int code, final String reason) throws Exception
    {
        start();
        builder().faults().error(method, code, "mock error");

        produceFrom(2, "l2");

        awaitHealth(206);
        assertTrue(log.decisions().stream().allMatch(l -> l.contains("reason=" + reason)), this::decisions);

        builder().faults().reset();
        produceFrom(1, "builder");
        awaitHealth(200);
    }

    @Test
    void shouldKeepTakingTheBuildersBlocksWhenItIsSlowButWithinItsTimeout() throws Exception
    {
        start(o -> o.buildWaitMs(0));
        builder().faults().delay("engine_*", 50);

        final List<BlockResult> blocks = produceFrom(20, "builder");

        assertEquals(blocks.get(0).number() + 19, blocks.get(19).number());
        awaitHealth(200);
    }

    @Test
    void shouldFollowTheTransitionFromV3ToV4PayloadsWithoutARestart() throws Exception
    {
        start();
        produceFrom(3, "builder");

        driver().config().payloadVersion(4);
        produceFrom(3, "builder");

        assertEquals(3, builder().count("engine_getPayloadV3"));
        assertEquals(3, builder().count("engine_getPayloadV4"));
        assertEquals(3, l2().count("engine_getPayloadV4"));
        Await.until("boost sync of V4 blocks", () -> builder().count("engine_newPayloadV4") == 3);
    }

    @Test
    void shouldLetL2ComputeTheStateRootOfTheBuildersBlockInExternalStateRootMode() throws Exception
    {
        start(o -> o.engineConfig().externalStateRoot(true));
        builder().faults().zeroStateRoot(true);

        final BlockResult r = produceOk();

        awaitHealth(200);
        Await.until("decision line", () -> !log.decisions().isEmpty());
        assertTrue(log.decisions().get(0).contains("context=builder"), this::decisions);
        assertEquals(1L, blocksCreated().getOrDefault("builder", 0L));
        final List<RecordedCall> recompute = l2().calls(c -> "engine_forkchoiceUpdatedV3".equals(c.method()) &&
            c.param(1).path("noTxPool").asBoolean(false));
        assertEquals(1, recompute.size(), () -> "L2 was asked to rebuild the builder's block: " + methods(l2()));
        final RecordedCall builderGetPayload = builder().calls("engine_getPayloadV3").get(0);
        assertEquals(
            com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(builderGetPayload.responseBody())
                .path("result").path("executionPayload").path("transactions"),
            recompute.get(0).param(1).path("transactions"), "with the builder's transactions");
        assertTrue(!r.envelope().path("executionPayload").path("stateRoot").asText().matches("0x0{64}"),
            "op-node got a block with L2's state root: " + r);
        assertEquals(2, l2().count("engine_getPayloadV3"), "L2's own block and the rebuilt one");
    }
}
