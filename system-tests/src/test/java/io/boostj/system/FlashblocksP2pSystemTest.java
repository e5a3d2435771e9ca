package io.boostj.system;

import io.boostj.devnet.RecordedCall;
import io.boostj.devnet.SidecarCounters;
import io.boostj.io.flashblocks.p2p.FlashblocksAuthorizer;
import io.boostj.sbe.ExecutionModeCode;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reference §3.6, {@code --flashblocks-p2p}: the real sidecar sends the mock builder each FCU with attributes as
 * {@code flashblocks_forkchoiceUpdatedV3} with an authorization, which the mock (a P2P builder) verifies with the
 * authorizer's key and its own; only while the mode is enabled (dry-run: plain FCUs); L2 always gets plain FCUs.
 */
class FlashblocksP2pSystemTest extends SystemTestBase
{
    private static final String AUTHORIZED = "flashblocks_forkchoiceUpdatedV3";
    private static final String PLAIN = "engine_forkchoiceUpdatedV3";
    private static final byte[] AUTHORIZER_SK = filled(7);
    private static final byte[] BUILDER_VK = new Ed25519PrivateKeyParameters(filled(9), 0).generatePublicKey()
        .getEncoded();

    private static byte[] filled(final int value)
    {
        final byte[] b = new byte[32];
        Arrays.fill(b, (byte)value);
        return b;
    }

    private static List<RecordedCall> plainFcusWithAttributes(final io.boostj.devnet.MockExecutionClient mock)
    {
        return mock.calls(c -> PLAIN.equals(c.method()) && c.param(1).isObject());
    }

    private Map<String, Long> outcomes()
    {
        return SidecarCounters.byLabel(devnet.sidecar().metrics().registry(),
            "boostj_flashblocks_p2p_forkchoice_updates", "outcome");
    }

    @Test
    void shouldBuildThroughTheBuilderWithAuthorizedFcusThatVerify() throws Exception
    {
        start(o -> o.flashblocksP2p(AUTHORIZER_SK, BUILDER_VK));

        produceFrom(3, "builder");

        assertEquals(3, builder().count(AUTHORIZED), () -> methods(builder()));
        assertEquals(3, builder().authorizedForkchoiceUpdates(), () -> builder().authorizationRefusals().toString());
        assertTrue(builder().authorizationRefusals().isEmpty(), () -> builder().authorizationRefusals().toString());
        assertEquals(0, plainFcusWithAttributes(builder()).size(), "no plain FCU with attributes reached the builder");
        assertTrue(builder().count(PLAIN) > 0, "boost sync FCUs without attributes stay plain: " + methods(builder()));
        assertEquals(0, l2().count(AUTHORIZED), "L2 only ever gets plain FCUs");
        assertEquals(3, plainFcusWithAttributes(l2()).size());
        assertEquals(3L, outcomes().getOrDefault("authorized", 0L), () -> outcomes().toString());

        final RecordedCall call = builder().calls(AUTHORIZED).get(0);
        final com.fasterxml.jackson.databind.JsonNode authorization = call.param(2);
        final byte[] vk = new byte[32];
        final byte[] sig = new byte[64];
        for (int i = 0; i < 64; i++)
        {
            sig[i] = (byte)authorization.get("authorizer_sig").get(i).asInt();
            if (i < 32)
            {
                vk[i] = (byte)authorization.get("builder_vk").get(i).asInt();
            }
        }
        assertTrue(FlashblocksAuthorizer.verify(new FlashblocksAuthorizer(AUTHORIZER_SK, BUILDER_VK).authorizerVk(),
            Long.parseUnsignedLong(authorization.get("payload_id").asText().substring(2), 16),
            authorization.get("timestamp").asLong(), vk, sig), authorization::toString);
        assertTrue(authorization.get("payload_id").asText().startsWith("0x04"), "version byte 4");
        assertEquals(Long.parseLong(call.param(1).get("timestamp").asText().substring(2), 16),
            authorization.get("timestamp").asLong());
        awaitHealth(200);
    }

    @Test
    void shouldSendPlainFcusInDryRunAndAuthorizedOnesOnceEnabled() throws Exception
    {
        start(o -> o.flashblocksP2p(AUTHORIZER_SK, BUILDER_VK).engineConfig().executionMode(ExecutionModeCode.DRY_RUN));

        produceFrom(2, "l2");
        assertEquals(2, plainFcusWithAttributes(builder()).size(), "dry run: the builder still builds, unauthorized");
        assertEquals(0, builder().count(AUTHORIZED));

        devnet.setExecutionMode("enabled");
        produceFrom(2, "builder");
        assertEquals(2, builder().authorizedForkchoiceUpdates());

        devnet.setExecutionMode("dry_run");
        produceFrom(1, "l2");
        assertEquals(3, plainFcusWithAttributes(builder()).size());
        assertEquals(2, builder().count(AUTHORIZED));

        devnet.setExecutionMode("disabled");
        final long before = Await.settled("the builder's engine calls of the last dry-run block",
            () -> (long)builder().calls(c -> c.isEngine() || AUTHORIZED.equals(c.method())).size(),
            java.time.Duration.ofMillis(300));
        produceFrom(1, "l2");
        assertEquals(before, builder().calls(c -> c.isEngine() || AUTHORIZED.equals(c.method())).size());
        assertEquals(Map.of("authorized", 2L, "plain_mode", 3L, "plain_no_attributes", 0L, "rewrite_failed", 0L),
            outcomes());
    }

    @Test
    void shouldFallBackToL2WhenTheBuilderRefusesTheAuthorization() throws Exception
    {
        start(o -> o.flashblocksP2p(AUTHORIZER_SK, BUILDER_VK).flashblocksP2pMockAuthorizerVk(BUILDER_VK));

        produceFrom(2, "l2");

        assertEquals(2, builder().authorizationRefusals().size(), () -> methods(builder()));
        assertTrue(builder().authorizationRefusals().get(0).contains("does not verify"),
            () -> builder().authorizationRefusals().toString());
        awaitHealth(206);
    }
}
