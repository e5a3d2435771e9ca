package io.boostj.core.sidecar;

import io.boostj.sbe.BooleanType;
import io.boostj.sbe.EngineConfigDecoder;
import io.boostj.sbe.EngineConfigEncoder;
import io.boostj.sbe.ExecutionModeCode;
import io.boostj.sbe.MessageHeaderDecoder;
import io.boostj.sbe.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.Objects;

/**
 * Configuration of the {@link SidecarEngine}: the subset of upstream rollup-boost's flags that change decisions,
 * plus our own. Fluent setters and same-named getters.
 * <p>
 * Every process start journals it as an {@code EngineConfig} event ({@link #encode(MutableDirectBuffer, int, long)})
 * so that replay rebuilds the same engine ({@link #decode(DirectBuffer, int, int)}).
 */
public final class SidecarConfig
{
    private int l2TimeoutMs = 1000;
    private int builderTimeoutMs = 1000;
    private ExecutionModeCode executionMode = ExecutionModeCode.ENABLED;
    private boolean selectionPolicyGasUsed = false;
    private boolean externalStateRoot = false;
    private boolean ignoreUnhealthyBuilders = false;
    private long healthCheckIntervalMs = 60_000;
    private long maxUnsafeIntervalS = 10;
    private int getPayloadDeadlineMs = 0;
    private int payloadIdCacheSize = 100;
    private boolean flashblocks = false;
    private boolean blockHashCheck = true;

    /**
     * Timeout of every call to the local execution client ({@code --l2-timeout}).
     *
     * @return the timeout in milliseconds.
     */
    public int l2TimeoutMs()
    {
        return l2TimeoutMs;
    }

    /**
     * Timeout of every call to the local execution client ({@code --l2-timeout}, default 1000).
     *
     * @param l2TimeoutMs the timeout in milliseconds.
     * @return this for a fluent API.
     */
    public SidecarConfig l2TimeoutMs(final int l2TimeoutMs)
    {
        this.l2TimeoutMs = l2TimeoutMs;
        return this;
    }

    /**
     * Timeout of every call to the builder ({@code --builder-timeout}).
     *
     * @return the timeout in milliseconds.
     */
    public int builderTimeoutMs()
    {
        return builderTimeoutMs;
    }

    /**
     * Timeout of every call to the builder ({@code --builder-timeout}, default 1000).
     *
     * @param builderTimeoutMs the timeout in milliseconds.
     * @return this for a fluent API.
     */
    public SidecarConfig builderTimeoutMs(final int builderTimeoutMs)
    {
        this.builderTimeoutMs = builderTimeoutMs;
        return this;
    }

    /**
     * The execution mode at start ({@code --execution-mode}).
     *
     * @return the initial mode.
     */
    public ExecutionModeCode executionMode()
    {
        return executionMode;
    }

    /**
     * The execution mode at start ({@code --execution-mode}, default enabled).
     *
     * @param executionMode the initial mode.
     * @return this for a fluent API.
     */
    public SidecarConfig executionMode(final ExecutionModeCode executionMode)
    {
        this.executionMode = Objects.requireNonNull(executionMode, "executionMode");
        return this;
    }

    /**
     * Whether {@code --block-selection-policy gas-used} is on.
     *
     * @return true if the gas-used policy applies.
     */
    public boolean selectionPolicyGasUsed()
    {
        return selectionPolicyGasUsed;
    }

    /**
     * {@code --block-selection-policy gas-used}: prefer L2's block when the builder's uses less than 10% of its gas.
     *
     * @param selectionPolicyGasUsed true to apply the policy.
     * @return this for a fluent API.
     */
    public SidecarConfig selectionPolicyGasUsed(final boolean selectionPolicyGasUsed)
    {
        this.selectionPolicyGasUsed = selectionPolicyGasUsed;
        return this;
    }

    /**
     * Whether {@code --external-state-root} is on.
     *
     * @return true if L2 recomputes the builder block's state root.
     */
    public boolean externalStateRoot()
    {
        return externalStateRoot;
    }

    /**
     * {@code --external-state-root}: L2 rebuilds the builder's block (its transactions, noTxPool) to compute the state
     * root.
     *
     * @param externalStateRoot true to enable.
     * @return this for a fluent API.
     */
    public SidecarConfig externalStateRoot(final boolean externalStateRoot)
    {
        this.externalStateRoot = externalStateRoot;
        return this;
    }

    /**
     * Whether {@code --ignore-unhealthy-builders} is on.
     *
     * @return true if no engine traffic goes to the builder while health is not 200.
     */
    public boolean ignoreUnhealthyBuilders()
    {
        return ignoreUnhealthyBuilders;
    }

    /**
     * {@code --ignore-unhealthy-builders}: true means do NOT send FCU/newPayload to the builder while health is not
     * 200 (upstream's help text says the opposite; the behaviour is this).
     *
     * @param ignoreUnhealthyBuilders true to skip an unhealthy builder.
     * @return this for a fluent API.
     */
    public SidecarConfig ignoreUnhealthyBuilders(final boolean ignoreUnhealthyBuilders)
    {
        this.ignoreUnhealthyBuilders = ignoreUnhealthyBuilders;
        return this;
    }

    /**
     * Period of the background health probe.
     *
     * @return the period in milliseconds; 0 or less disables the probe.
     */
    public long healthCheckIntervalMs()
    {
        return healthCheckIntervalMs;
    }

    /**
     * Period of the background health probe ({@code --health-check-interval} in seconds upstream, default 60 s).
     *
     * @param healthCheckIntervalMs the period in milliseconds; 0 or less disables the probe.
     * @return this for a fluent API.
     */
    public SidecarConfig healthCheckIntervalMs(final long healthCheckIntervalMs)
    {
        this.healthCheckIntervalMs = healthCheckIntervalMs;
        return this;
    }

    /**
     * How old the latest unsafe block may be before the probe reports it stale.
     *
     * @return the age in seconds.
     */
    public long maxUnsafeIntervalS()
    {
        return maxUnsafeIntervalS;
    }

    /**
     * How old the latest unsafe block may be before the probe reports it stale ({@code --max-unsafe-interval},
     * default 10).
     *
     * @param maxUnsafeIntervalS the age in seconds.
     * @return this for a fluent API.
     */
    public SidecarConfig maxUnsafeIntervalS(final long maxUnsafeIntervalS)
    {
        this.maxUnsafeIntervalS = maxUnsafeIntervalS;
        return this;
    }

    /**
     * Global getPayload deadline (not in upstream).
     *
     * @return the deadline in milliseconds from getPayload receipt; 0 means off.
     */
    public int getPayloadDeadlineMs()
    {
        return getPayloadDeadlineMs;
    }

    /**
     * Global getPayload deadline (not in upstream): once it passes with L2's payload in hand and the builder leg still
     * running, answer with L2's payload at once (reason DEADLINE, health 206).
     *
     * @param getPayloadDeadlineMs the deadline in milliseconds from getPayload receipt; 0 means off.
     * @return this for a fluent API.
     */
    public SidecarConfig getPayloadDeadlineMs(final int getPayloadDeadlineMs)
    {
        this.getPayloadDeadlineMs = getPayloadDeadlineMs;
        return this;
    }

    /**
     * Capacity of the L2 payload id to builder payload id map (and of the external-state-root FCU cache).
     *
     * @return the number of entries kept.
     */
    public int payloadIdCacheSize()
    {
        return payloadIdCacheSize;
    }

    /**
     * Capacity of the L2 payload id to builder payload id map (upstream: 100); the oldest entry is evicted first.
     *
     * @param payloadIdCacheSize the number of entries kept, at least 1.
     * @return this for a fluent API.
     */
    public SidecarConfig payloadIdCacheSize(final int payloadIdCacheSize)
    {
        this.payloadIdCacheSize = payloadIdCacheSize;
        return this;
    }

    /**
     * Whether {@code --flashblocks} is on.
     *
     * @return true if flashblocks are enabled.
     */
    public boolean flashblocks()
    {
        return flashblocks;
    }

    /**
     * {@code --flashblocks}: the builder's flashblocks are followed per round (reference §3.4), republished, and
     * assembled into the builder's block at getPayload.
     *
     * @param flashblocks true to enable.
     * @return this for a fluent API.
     */
    public SidecarConfig flashblocks(final boolean flashblocks)
    {
        this.flashblocks = flashblocks;
        return this;
    }

    /**
     * Whether builder blocks have their hash recomputed before L2 validates them.
     *
     * @return true if the check is on (the default).
     */
    public boolean blockHashCheck()
    {
        return blockHashCheck;
    }

    /**
     * {@code --block-hash-check}: recompute a builder block's hash from its contents before spending an L2 newPayload
     * round trip on it, and refuse the block if the hash is provably wrong. A block the check cannot judge goes on.
     * Journals written before schema version 2 decode as off.
     *
     * @param blockHashCheck true to check.
     * @return this for a fluent API.
     */
    public SidecarConfig blockHashCheck(final boolean blockHashCheck)
    {
        this.blockHashCheck = blockHashCheck;
        return this;
    }

    /**
     * Writes an {@code EngineConfig} message, with its header, holding this configuration.
     *
     * @param buf        to write into.
     * @param offset     of the message header.
     * @param recvTimeNs the event time of the process start.
     * @return the length written (header plus body).
     */
    public int encode(final MutableDirectBuffer buf, final int offset, final long recvTimeNs)
    {
        final EngineConfigEncoder encoder = new EngineConfigEncoder();
        encoder.wrapAndApplyHeader(buf, offset, new MessageHeaderEncoder())
            .recvTimeNs(recvTimeNs)
            .l2TimeoutMs(l2TimeoutMs)
            .builderTimeoutMs(builderTimeoutMs)
            .executionMode(executionMode)
            .selectionPolicyGasUsed(bool(selectionPolicyGasUsed))
            .externalStateRoot(bool(externalStateRoot))
            .ignoreUnhealthyBuilders(bool(ignoreUnhealthyBuilders))
            .healthCheckIntervalMs(healthCheckIntervalMs)
            .maxUnsafeIntervalS(maxUnsafeIntervalS)
            .getPayloadDeadlineMs(getPayloadDeadlineMs)
            .payloadIdCacheSize(payloadIdCacheSize)
            .flashblocks(bool(flashblocks))
            .blockHashCheck(bool(blockHashCheck))
            .putProcessInfo(new byte[0], 0, 0);

        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    /**
     * Reads a configuration from an {@code EngineConfig} message with its header.
     *
     * @param buf    holding the message.
     * @param offset of the message header.
     * @param length of header plus body.
     * @return the configuration.
     * @throws IllegalArgumentException if the message is not an {@code EngineConfig}.
     */
    public static SidecarConfig decode(final DirectBuffer buf, final int offset, final int length)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            throw new IllegalArgumentException("too short for a message header: " + length);
        }
        header.wrap(buf, offset);
        if (header.schemaId() != EngineConfigDecoder.SCHEMA_ID || header.templateId() != EngineConfigDecoder.TEMPLATE_ID)
        {
            throw new IllegalArgumentException(
                "not an EngineConfig message: schemaId=" + header.schemaId() + " templateId=" + header.templateId());
        }

        final EngineConfigDecoder decoder = new EngineConfigDecoder();
        decoder.wrap(buf, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());

        final ExecutionModeCode mode = decoder.executionMode();
        return new SidecarConfig()
            .l2TimeoutMs(decoder.l2TimeoutMs())
            .builderTimeoutMs(decoder.builderTimeoutMs())
            .executionMode(ExecutionModeCode.NULL_VAL == mode ? ExecutionModeCode.ENABLED : mode)
            .selectionPolicyGasUsed(1 == decoder.selectionPolicyGasUsedRaw())
            .externalStateRoot(1 == decoder.externalStateRootRaw())
            .ignoreUnhealthyBuilders(1 == decoder.ignoreUnhealthyBuildersRaw())
            .healthCheckIntervalMs(decoder.healthCheckIntervalMs())
            .maxUnsafeIntervalS(decoder.maxUnsafeIntervalS())
            .getPayloadDeadlineMs(decoder.getPayloadDeadlineMs())
            .payloadIdCacheSize(decoder.payloadIdCacheSize())
            .flashblocks(1 == decoder.flashblocksRaw())
            .blockHashCheck(1 == decoder.blockHashCheckRaw());
    }

    private static BooleanType bool(final boolean value)
    {
        return value ? BooleanType.TRUE : BooleanType.FALSE;
    }

    /**
     * {@inheritDoc}
     */
    public boolean equals(final Object o)
    {
        if (this == o)
        {
            return true;
        }
        if (!(o instanceof SidecarConfig))
        {
            return false;
        }
        final SidecarConfig that = (SidecarConfig)o;
        return l2TimeoutMs == that.l2TimeoutMs &&
            builderTimeoutMs == that.builderTimeoutMs &&
            executionMode == that.executionMode &&
            selectionPolicyGasUsed == that.selectionPolicyGasUsed &&
            externalStateRoot == that.externalStateRoot &&
            ignoreUnhealthyBuilders == that.ignoreUnhealthyBuilders &&
            healthCheckIntervalMs == that.healthCheckIntervalMs &&
            maxUnsafeIntervalS == that.maxUnsafeIntervalS &&
            getPayloadDeadlineMs == that.getPayloadDeadlineMs &&
            payloadIdCacheSize == that.payloadIdCacheSize &&
            flashblocks == that.flashblocks &&
            blockHashCheck == that.blockHashCheck;
    }

    /**
     * {@inheritDoc}
     */
    public int hashCode()
    {
        return Objects.hash(
            l2TimeoutMs, builderTimeoutMs, executionMode, selectionPolicyGasUsed, externalStateRoot,
            ignoreUnhealthyBuilders, healthCheckIntervalMs, maxUnsafeIntervalS, getPayloadDeadlineMs,
            payloadIdCacheSize, flashblocks, blockHashCheck);
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "SidecarConfig{" +
            "l2TimeoutMs=" + l2TimeoutMs +
            ", builderTimeoutMs=" + builderTimeoutMs +
            ", executionMode=" + executionMode +
            ", selectionPolicyGasUsed=" + selectionPolicyGasUsed +
            ", externalStateRoot=" + externalStateRoot +
            ", ignoreUnhealthyBuilders=" + ignoreUnhealthyBuilders +
            ", healthCheckIntervalMs=" + healthCheckIntervalMs +
            ", maxUnsafeIntervalS=" + maxUnsafeIntervalS +
            ", getPayloadDeadlineMs=" + getPayloadDeadlineMs +
            ", payloadIdCacheSize=" + payloadIdCacheSize +
            ", flashblocks=" + flashblocks +
            ", blockHashCheck=" + blockHashCheck +
            '}';
    }
}
