package io.boostj.core.sidecar;

import io.boostj.sbe.ExecutionModeCode;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SidecarConfigTest
{
    @Test
    void shouldHaveUpstreamDefaults()
    {
        final SidecarConfig config = new SidecarConfig();
        assertEquals(1000, config.l2TimeoutMs());
        assertEquals(1000, config.builderTimeoutMs());
        assertEquals(ExecutionModeCode.ENABLED, config.executionMode());
        assertEquals(60_000, config.healthCheckIntervalMs());
        assertEquals(10, config.maxUnsafeIntervalS());
        assertEquals(0, config.getPayloadDeadlineMs());
        assertEquals(100, config.payloadIdCacheSize());
    }

    @Test
    void shouldRoundTripThroughEngineConfigMessage()
    {
        final SidecarConfig config = new SidecarConfig()
            .l2TimeoutMs(1500)
            .builderTimeoutMs(250)
            .executionMode(ExecutionModeCode.DRY_RUN)
            .selectionPolicyGasUsed(true)
            .externalStateRoot(true)
            .ignoreUnhealthyBuilders(true)
            .healthCheckIntervalMs(1000)
            .maxUnsafeIntervalS(60)
            .getPayloadDeadlineMs(900)
            .payloadIdCacheSize(64)
            .flashblocks(true);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int length = config.encode(buffer, 16, 123);
        assertEquals(config, SidecarConfig.decode(buffer, 16, length));
        assertEquals(new SidecarConfig(), SidecarConfig.decode(buffer, 0, new SidecarConfig().encode(buffer, 0, 0)));
    }

    @Test
    void shouldBeIgnoredByTheEngineAndRejectOtherMessagesOnDecode()
    {
        final SidecarHarness h = SidecarHarness.quietHarness();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int length = new SidecarConfig().executionMode(ExecutionModeCode.DISABLED).encode(buffer, 0, 5);
        h.engine.onEvent(buffer, 0, length);
        assertEquals(ExecutionModeCode.ENABLED, h.engine.executionMode());
        assertEquals(0, h.engine.nowNs());
        assertEquals(0, h.sink.commands().size());

        h.tick();
        final byte[] tick = h.events.get(0);
        final ExpandableArrayBuffer tickBuffer = new ExpandableArrayBuffer();
        tickBuffer.putBytes(0, tick);
        assertThrows(IllegalArgumentException.class, () -> SidecarConfig.decode(tickBuffer, 0, tick.length));
    }
}
