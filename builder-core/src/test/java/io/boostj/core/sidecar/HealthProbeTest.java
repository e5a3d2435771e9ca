package io.boostj.core.sidecar;

import io.boostj.core.sidecar.RecordingSink.Command;
import io.boostj.core.sidecar.RecordingSink.HealthUpdate;
import io.boostj.core.sidecar.RecordingSink.UpstreamCall;
import io.boostj.core.sidecar.SidecarHarness.Reply;
import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.ExecutionModeCode;
import io.boostj.sbe.HealthCause;
import io.boostj.sbe.HealthCode;
import io.boostj.sbe.Target;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.boostj.core.sidecar.SidecarHarness.T0_S;
import static io.boostj.core.sidecar.SidecarHarness.calls;
import static io.boostj.core.sidecar.SidecarHarness.healthUpdates;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthProbeTest
{
    private static SidecarHarness probing(final SidecarConfig config)
    {
        return new SidecarHarness(config.healthCheckIntervalMs(60_000).maxUnsafeIntervalS(10));
    }

    private static UpstreamCall onlyCall(final List<Command> out, final Target target)
    {
        final List<UpstreamCall> sent = calls(out);
        assertEquals(1, sent.size(), sent.toString());
        assertEquals(target, sent.get(0).target());
        assertEquals(EngineMethod.ETH_GET_BLOCK_BY_NUMBER, sent.get(0).method());
        return sent.get(0);
    }

    @Test
    void shouldProbeL2ThenBuilderAtFirstEventAndStayHealthy()
    {
        final SidecarHarness h = probing(new SidecarConfig());
        h.tick();
        final UpstreamCall l2 = onlyCall(h.newCommands(), Target.L2);
        assertEquals(1, l2.callId());
        assertEquals(0, l2.causeRequestId());
        assertEquals(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBlockByNumber\",\"params\":[\"latest\",false]}",
            l2.body());
        h.advanceMs(5);
        h.reply(1, Reply.block(T0_S - 10));
        final UpstreamCall builder = onlyCall(h.newCommands(), Target.BUILDER);
        h.reply(builder.callId(), Reply.block(T0_S - 2));
        assertTrue(h.newCommands().isEmpty(), "healthy from the start: no update");
        assertEquals(200, h.engine.healthCode());
        assertEquals(h.nowNs + 60_000_000_000L, h.engine.nextDeadlineNs(), "next probe an interval after the end");

        h.tickAfterMs(59_999);
        assertTrue(h.newCommands().isEmpty());
        h.tickAfterMs(1);
        onlyCall(h.newCommands(), Target.L2);
    }

    @Test
    void shouldMarkServiceUnavailableWhenL2IsStaleOrUnreachable()
    {
        final SidecarHarness h = probing(new SidecarConfig());
        h.tick();
        h.newCommands();
        h.reply(1, Reply.block(T0_S - 11));
        List<Command> out = h.newCommands();
        assertEquals(List.of(new HealthUpdate(HealthCode.SERVICE_UNAVAILABLE, HealthCause.PROBE)), healthUpdates(out));
        assertTrue(calls(out).isEmpty(), "no builder probe when L2 is unhealthy");

        h.tickAfterMs(60_000);
        h.newCommands();
        h.reply(2, Reply.block(T0_S + 60));
        h.reply(3, Reply.block(T0_S + 60));
        out = h.newCommands();
        assertEquals(List.of(new HealthUpdate(HealthCode.HEALTHY, HealthCause.PROBE)), healthUpdates(out));

        h.tickAfterMs(60_000);
        h.reply(4, Reply.transportError("connection refused"));
        assertEquals(503, h.engine.healthCode());

        h.tickAfterMs(60_000);
        h.newCommands();
        h.tickAfterMs(1000);
        assertEquals(List.of(), calls(h.newCommands()));
        assertEquals(503, h.engine.healthCode(), "a probe timeout is a failure");
    }

    @Test
    void shouldMarkPartialContentWhenBuilderIsStaleOrUnreachable()
    {
        final SidecarHarness h = probing(new SidecarConfig());
        h.tick();
        h.reply(1, Reply.block(T0_S));
        h.reply(2, Reply.block(T0_S - 11));
        assertEquals(List.of(new HealthUpdate(HealthCode.PARTIAL_CONTENT, HealthCause.PROBE)),
            healthUpdates(h.newCommands()));

        h.tickAfterMs(60_000);
        h.reply(3, Reply.block(T0_S + 60));
        h.reply(4, Reply.rpcError(-32000, "down"));
        assertEquals(206, h.engine.healthCode());
        h.newCommands();

        h.tickAfterMs(60_000);
        h.reply(5, Reply.block(T0_S + 120));
        h.newCommands();
        h.tickAfterMs(1000);
        assertEquals(206, h.engine.healthCode(), "builder probe timeout");
    }

    @Test
    void shouldIgnoreBuilderWhenDisabled()
    {
        final SidecarHarness h = probing(new SidecarConfig().executionMode(ExecutionModeCode.DISABLED));
        h.tick();
        h.reply(1, Reply.block(T0_S));
        final List<Command> out = h.newCommands();
        assertEquals(1, calls(out).size(), "only the L2 probe");
        assertEquals(200, h.engine.healthCode());
    }

    @Test
    void shouldRequireBuilderInDryRun()
    {
        final SidecarHarness h = probing(new SidecarConfig().executionMode(ExecutionModeCode.DRY_RUN));
        h.tick();
        h.reply(1, Reply.block(T0_S));
        h.reply(2, Reply.block(T0_S - 100));
        assertEquals(206, h.engine.healthCode());
    }

    @Test
    void shouldLetProbeRestoreHealthAfterUnhealthyBuilderWasSkipped()
    {
        final SidecarHarness h = probing(new SidecarConfig().ignoreUnhealthyBuilders(true));
        h.tick();
        h.reply(1, Reply.block(T0_S));
        h.reply(2, Reply.block(T0_S - 20));
        assertEquals(206, h.engine.healthCode());
        h.newCommands();

        h.fcu(SidecarHarness.hash(1), true, false);
        assertEquals(1, calls(h.newCommands()).size(), "unhealthy builder skipped");

        h.tickAfterMs(60_000);
        h.newCommands();
        h.reply(4, Reply.block(T0_S + 60));
        h.reply(5, Reply.block(T0_S + 60));
        assertEquals(200, h.engine.healthCode());
        h.newCommands();
        h.fcu(SidecarHarness.hash(1), true, false);
        assertEquals(2, calls(h.newCommands()).size(), "healthy again: builder gets the FCU");
    }
}
