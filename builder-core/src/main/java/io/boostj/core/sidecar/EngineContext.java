package io.boostj.core.sidecar;

import io.boostj.core.CommandSink;
import io.boostj.core.json.JsonRpcBodyWriter;
import io.boostj.sbe.ExecutionModeCode;

/**
 * The sidecar's state and services shared by the handlers of one {@link SidecarEngine}; single-threaded, mutated
 * only from {@link SidecarEngine#onEvent}.
 */
final class EngineContext
{
    static final long NANOS_PER_MILLI = 1_000_000L;

    final SidecarConfig config;
    final EventClock clock = new EventClock();
    final CommandProxy commands;
    final RpcReplies replies;
    final TimerQueue timers = new TimerQueue();
    final UpstreamCallTable calls;
    final HealthMonitor health;
    final PayloadIdMap payloadIds;
    final FcuParamsCache fcuParams;
    final FlashblockRound flashblocks;
    /** For rendering into kept buffers (never the command buffer's writer). */
    final JsonRpcBodyWriter scratchWriter = new JsonRpcBodyWriter();
    ExecutionModeCode executionMode;

    EngineContext(final SidecarConfig config, final CommandSink sink)
    {
        this.config = config;
        commands = new CommandProxy(sink);
        replies = new RpcReplies(commands);
        calls = new UpstreamCallTable(commands, timers, clock);
        health = new HealthMonitor(commands);
        payloadIds = new PayloadIdMap(config.payloadIdCacheSize());
        fcuParams = new FcuParamsCache(config.payloadIdCacheSize());
        executionMode = config.executionMode();
        flashblocks = new FlashblockRound(commands);
    }

    long nowNs()
    {
        return clock.nowNs();
    }

    boolean isDisabled()
    {
        return ExecutionModeCode.DISABLED == executionMode;
    }

    /**
     * Upstream {@code should_skip_unhealthy_builder}: {@code --ignore-unhealthy-builders} and health is not 200.
     *
     * @return true if no engine traffic should go to the builder now.
     */
    boolean skipUnhealthyBuilder()
    {
        return config.ignoreUnhealthyBuilders() && !health.isHealthy();
    }

    /**
     * Whether FCU and newPayload go to the builder now.
     *
     * @return false when disabled or skipping an unhealthy builder.
     */
    boolean builderSyncEnabled()
    {
        return !isDisabled() && !skipUnhealthyBuilder();
    }
}
