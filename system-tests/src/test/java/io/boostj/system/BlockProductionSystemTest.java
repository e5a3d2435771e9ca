package io.boostj.system;

import io.boostj.devnet.BlockResult;
import io.boostj.devnet.RecordedCall;
import io.boostj.io.runtime.SidecarRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reference §6: which block op-node gets, builder or L2, as the builder misbehaves.
 */
class BlockProductionSystemTest extends SystemTestBase
{
    @Test
    void shouldSelectTheBuilderBlockWhenBothClientsAreHealthy() throws Exception
    {
        start();

        final List<BlockResult> blocks = produceFrom(3, "builder");

        for (int i = 1; i < blocks.size(); i++)
        {
            assertEquals(blocks.get(i - 1).number() + 1, blocks.get(i).number(), "the chain advances one block at a time");
            assertEquals(blocks.get(i - 1).blockHash(), blocks.get(i).parentHash());
        }
        awaitHealth(200);
        assertEquals(3L, blocksCreated().getOrDefault("builder", 0L));
        Await.until("3 decision lines", () -> log.decisions().size() == 3);
        assertTrue(log.decisions().stream().allMatch(l -> l.contains("context=builder")), this::decisions);
        assertEquals(3, builder().count("engine_getPayloadV3"), () -> methods(builder()));
        assertEquals(3, l2().count("engine_getPayloadV3"));
        // boost sync: the builder also gets newPayload and the FCU to the new head, without op-node waiting for it
        Await.until("builder newPayload x3", () -> builder().count("engine_newPayloadV3") >= 3);
        Await.until("builder FCU to the head", () -> builder().calls("engine_forkchoiceUpdatedV3").stream()
            .anyMatch(c -> c.param(1).isNull() && c.param(0).path("headBlockHash").asText()
                .equalsIgnoreCase(blocks.get(2).blockHash())));
    }

    @Test
    void shouldSelectTheBuilderBlockThroughTheV4Api() throws Exception
    {
        start(o -> o.payloadVersion(4));

        produceFrom(3, "builder");

        assertEquals(3, builder().count("engine_getPayloadV4"));
        assertEquals(0, builder().count("engine_getPayloadV3"));
        assertTrue(l2().count("engine_newPayloadV4") >= 6, "validation of the builder block + op-node's newPayload");
    }

    @Test
    void shouldFallBackToL2WhileTheBuilderIsDownAndUseItAgainOnceItIsBack() throws Exception
    {
        start();
        final SidecarRuntime sidecar = devnet.sidecar();
        produceFrom(2, "builder");

        builder().stop();
        final List<BlockResult> duringOutage = produceFrom(3, "l2");
        awaitHealth(206);

        builder().start();
        BlockResult r = produceOk();
        for (int i = 0; i < 2 && !"builder".equals(r.source()); i++)
        {
            r = produceOk();
        }
        assertEquals("builder", r.source(), "builder blocks again after the builder came back: " + decisions());
        assertSame(sidecar, devnet.sidecar(), "without restarting the sidecar");
        awaitHealth(200);
        assertTrue(r.number() > duringOutage.get(2).number(), "the chain went on: " + r);
    }

    @Test
    void shouldFallBackToL2WhenTheBuilderIsSlowerThanItsTimeoutAndKeepTheChainGoing() throws Exception
    {
        start();
        produceFrom(1, "builder");

        builder().faults().delay("engine_*", BUILDER_TIMEOUT_MS * 4L);
        final List<BlockResult> slow = produceFrom(3, "l2");
        for (int i = 1; i < slow.size(); i++)
        {
            assertEquals(slow.get(i - 1).number() + 1, slow.get(i).number());
        }
        awaitHealth(206);
        assertTrue(log.decisions().stream().anyMatch(l -> l.contains("BUILDER_TIMEOUT") ||
            l.contains("NO_BUILDER_PAYLOAD_ID")), this::decisions);

        builder().faults().reset();
        BlockResult r = produceOk();
        if (!"builder".equals(r.source()))
        {
            r = produceOk();
        }
        assertEquals("builder", r.source(), this::decisions);
    }

    @Test
    void shouldFallBackToL2WhenOnlyTheBuildersGetPayloadIsSlowerThanItsTimeout() throws Exception
    {
        start();
        builder().faults().delay("engine_getPayload*", BUILDER_TIMEOUT_MS * 4L);

        produceFrom(2, "l2");

        awaitHealth(206);
        assertEquals(2, builder().count("engine_getPayloadV3"), "the builder was asked");
        assertTrue(log.decisions().stream().allMatch(l -> l.contains("BUILDER_TIMEOUT")), this::decisions);
    }

    @ParameterizedTest
    @ValueSource(strings = {"INVALID", "SYNCING", "ACCEPTED"})
    void shouldFallBackToL2WhenL2DoesNotAcceptTheBuilderBlockAsValid(final String status) throws Exception
    {
        start();
        produceFrom(1, "builder");

        l2().faults().newPayloadStatusNext(status, 1);
        final BlockResult refused = produceOk();

        assertEquals("l2", refused.source(), this::decisions);
        awaitHealth(206);
        final String expectedReason = "INVALID".equals(status) ? "BUILDER_INVALID" : "BUILDER_NOT_VALID_STATUS";
        assertTrue(log.decisions().get(log.decisions().size() - 1).contains(expectedReason), this::decisions);

        produceFrom(1, "builder");
        awaitHealth(200);
    }

    @Test
    void shouldFallBackToL2WhenTheBuilderReturnsABlockWithAZeroedStateRoot() throws Exception
    {
        start();
        builder().faults().zeroStateRoot(true);

        produceFrom(2, "l2");

        awaitHealth(206);
        final List<RecordedCall> validations = l2().calls(c -> "engine_newPayloadV3".equals(c.method()) &&
            c.param(0).path("stateRoot").asText().matches("0x0{64}"));
        assertEquals(0, validations.size(),
            "the recomputed hash refuses the block before any L2 round trip: " + methods(l2()));
        assertTrue(log.decisions().stream().allMatch(l -> l.contains("BUILDER_HASH_MISMATCH")), this::decisions);
    }

    @Test
    void shouldBuildFromL2WithoutAskingTheBuilderWhenNoTxPoolIsSet() throws Exception
    {
        start();

        final BlockResult r = driver().produceBlock(true);

        assertTrue(r.ok(), r::toString);
        assertEquals("l2", r.source());
        assertTrue(builder().calls("engine_forkchoiceUpdatedV3").stream().noneMatch(c -> c.param(1).isObject()),
            "no FCU with attributes reached the builder: " + methods(builder()));
        assertEquals(0, builder().count("engine_getPayloadV3"));
        awaitHealth(206);
        assertTrue(log.decisions().get(0).contains("NO_BUILDER_PAYLOAD_ID"), this::decisions);

        // the builder was kept in sync (boost sync), so it builds the next normal block
        produceFrom(2, "builder");
        awaitHealth(200);
    }

    @Test
    void shouldAskTheBuilderForThePayloadUnderItsOwnPayloadId() throws Exception
    {
        start();

        final BlockResult r = produceFrom(1, "builder").get(0);

        final RecordedCall l2Fcu = l2().calls("engine_forkchoiceUpdatedV3").get(0);
        final RecordedCall builderFcu = builder().calls("engine_forkchoiceUpdatedV3").get(0);
        final String l2Id = l2Fcu.responseBody().replaceAll(".*\"payloadId\":\"(0x[0-9a-f]{16})\".*", "$1");
        final String builderId = builderFcu.responseBody().replaceAll(".*\"payloadId\":\"(0x[0-9a-f]{16})\".*", "$1");
        assertTrue(l2Id.startsWith("0x03") && builderId.startsWith("0x04"), l2Id + " " + builderId);
        assertNotEquals(l2Id, builderId);
        assertEquals(l2Id, r.payloadId(), "op-node only ever sees L2's id");
        assertEquals(builderId, builder().calls("engine_getPayloadV3").get(0).param(0).asText(),
            "the builder is asked with the id IT returned");
        assertEquals(l2Id, l2().calls("engine_getPayloadV3").get(0).param(0).asText());
        Await.until("decision line", () -> !log.decisions().isEmpty());
        assertTrue(log.decisions().get(0).contains("payload_id=" + l2Id), this::decisions);
        assertTrue(log.decisions().get(0).contains("builder_payload_id=" + builderId), this::decisions);
    }

    @Test
    void shouldNotCountAGetPayloadThatFailedAsABlockCreated() throws Exception
    {
        start();

        final java.net.http.HttpResponse<String> r = postRaw(rpc("engine_getPayloadV3", "[\"0x0300000000009999\"]"));

        assertTrue(r.body().contains("-38001"), r.body());
        awaitHealth(503);
        assertEquals(java.util.Map.of(), blocksCreated());
        assertTrue(log.decisions().isEmpty(), this::decisions);
    }

    @Test
    void shouldAnswerWithL2AtTheGetPayloadDeadlineWithoutWaitingForASlowBuilder() throws Exception
    {
        start(o -> o.engineConfig().getPayloadDeadlineMs(200).builderTimeoutMs(20_000));
        produceFrom(1, "builder");
        builder().faults().delay("engine_getPayload*", 10_000);

        final BlockResult r = produceOk();

        final RecordedCall builderGetPayload = builder().calls("engine_getPayloadV3").get(1);
        assertEquals(0, builderGetPayload.answeredNanos(),
            "op-node got its block (and finished it) before the builder's delayed answer came back");
        assertEquals("l2", r.source());
        awaitHealth(206);
        assertTrue(log.decisions().get(1).contains("DEADLINE"), this::decisions);
        assertFalse(r.blockHash().isEmpty());
    }
}
