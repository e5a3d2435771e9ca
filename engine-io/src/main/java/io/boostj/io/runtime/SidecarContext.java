package io.boostj.io.runtime;

import io.boostj.core.sidecar.SidecarConfig;
import io.boostj.io.flashblocks.FlashblocksSettings;
import io.boostj.io.jwt.JwtSecret;
import io.boostj.io.upstream.UpstreamEndpoint;
import io.boostj.journal.JournalSyncMode;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Everything a {@link SidecarRuntime} needs, Aeron-style: fluent setters, validated once by {@link #conclude()}.
 * The launcher fills it from the command line; tests fill it directly.
 */
public final class SidecarContext
{
    private SidecarConfig engineConfig = new SidecarConfig();
    private UpstreamEndpoint l2Endpoint;
    private JwtSecret l2Secret;
    private UpstreamEndpoint builderEndpoint;
    private JwtSecret builderSecret;
    private JwtSecret inboundSecret;
    private String rpcHost = "127.0.0.1";
    private int rpcPort = 8081;
    private String debugHost = "127.0.0.1";
    private int debugPort = 5555;
    private boolean metricsEnabled;
    private String metricsHost = "127.0.0.1";
    private int metricsPort = 9090;
    private Path journalDir = Paths.get("data", "journal");
    private String journalRollCycle = "FAST_HOURLY";
    private int journalRetention;
    private long journalSnapshotIntervalMs = 60_000;
    private JournalSyncMode journalSyncMode = JournalSyncMode.ASYNC;
    private int maxRequestBytes = 32 * 1024 * 1024;
    private int maxResponseBytes = 64 * 1024 * 1024;
    private int ringSize = 4096;
    private String waitStrategy = "phased";
    private int ioThreads = 1;
    private long tickPeriodMs = 1;
    private String otlpEndpoint;
    private ThreadingMode threadingMode = ThreadingMode.SHARED;
    private int warmupRounds;
    private FlashblocksSettings flashblocks;
    private byte[] flashblocksAuthorizerSk;
    private byte[] flashblocksBuilderVk;
    private boolean concluded;

    /**
     * Checks the values once.
     *
     * @return this.
     * @throws IllegalStateException if called twice or a required value is missing.
     */
    public SidecarContext conclude()
    {
        if (concluded)
        {
            throw new IllegalStateException("SidecarContext already concluded");
        }
        concluded = true;
        require(null != l2Endpoint, "l2 URL");
        require(journalSnapshotIntervalMs >= 0, "--journal-snapshot-interval-s >= 0");
        require(null != journalSyncMode, "journal sync mode");
        require(null != l2Secret, "l2 JWT secret (--l2-jwt-token or --l2-jwt-path)");
        require(null != builderEndpoint, "builder URL");
        require(null != builderSecret, "builder JWT secret (--builder-jwt-token or --builder-jwt-path)");
        require(engineConfig.flashblocks() == (null != flashblocks),
            "flashblocks settings exactly when the engine's flashblocks are on");
        if (null != flashblocks)
        {
            flashblocks.conclude();
        }
        if (null != flashblocksAuthorizerSk)
        {
            require(null == flashblocks, "--flashblocks and --flashblocks-p2p exclude each other");
            new io.boostj.io.flashblocks.p2p.FlashblocksAuthorizer(flashblocksAuthorizerSk, flashblocksBuilderVk);
        }
        require(Integer.bitCount(ringSize) == 1 && ringSize >= 16, "--ring-size a power of two >= 16, got " + ringSize);
        require(maxRequestBytes > 0, "--max-request-bytes > 0");
        require(ioThreads > 0, "--io-threads > 0");
        return this;
    }

    private static void require(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new IllegalStateException("missing or invalid: " + what);
        }
    }

    /** @return the engine's configuration. */
    public SidecarConfig engineConfig()
    {
        return engineConfig;
    }

    /** @param v the engine's configuration. @return this. */
    public SidecarContext engineConfig(final SidecarConfig v)
    {
        engineConfig = v;
        return this;
    }

    /** @return the local execution client. */
    public UpstreamEndpoint l2Endpoint()
    {
        return l2Endpoint;
    }

    /** @param v the local execution client. @return this. */
    public SidecarContext l2Endpoint(final UpstreamEndpoint v)
    {
        l2Endpoint = v;
        return this;
    }

    /** @return the local execution client's JWT secret. */
    public JwtSecret l2Secret()
    {
        return l2Secret;
    }

    /** @param v the local execution client's JWT secret. @return this. */
    public SidecarContext l2Secret(final JwtSecret v)
    {
        l2Secret = v;
        return this;
    }

    /** @return the builder. */
    public UpstreamEndpoint builderEndpoint()
    {
        return builderEndpoint;
    }

    /** @param v the builder. @return this. */
    public SidecarContext builderEndpoint(final UpstreamEndpoint v)
    {
        builderEndpoint = v;
        return this;
    }

    /** @return the builder's JWT secret. */
    public JwtSecret builderSecret()
    {
        return builderSecret;
    }

    /** @param v the builder's JWT secret. @return this. */
    public SidecarContext builderSecret(final JwtSecret v)
    {
        builderSecret = v;
        return this;
    }

    /** @return the secret inbound requests must be signed with, or null when inbound JWT is off. */
    public JwtSecret inboundSecret()
    {
        return inboundSecret;
    }

    /** @param v the secret inbound requests must be signed with, or null. @return this. */
    public SidecarContext inboundSecret(final JwtSecret v)
    {
        inboundSecret = v;
        return this;
    }

    /** @return RPC listen address. */
    public String rpcHost()
    {
        return rpcHost;
    }

    /** @param v RPC listen address. @return this. */
    public SidecarContext rpcHost(final String v)
    {
        rpcHost = v;
        return this;
    }

    /** @return RPC listen port, 0 for any. */
    public int rpcPort()
    {
        return rpcPort;
    }

    /** @param v RPC listen port, 0 for any. @return this. */
    public SidecarContext rpcPort(final int v)
    {
        rpcPort = v;
        return this;
    }

    /** @return debug API address. */
    public String debugHost()
    {
        return debugHost;
    }

    /** @param v debug API address. @return this. */
    public SidecarContext debugHost(final String v)
    {
        debugHost = v;
        return this;
    }

    /** @return debug API port, 0 for any. */
    public int debugPort()
    {
        return debugPort;
    }

    /** @param v debug API port, 0 for any. @return this. */
    public SidecarContext debugPort(final int v)
    {
        debugPort = v;
        return this;
    }

    /** @return whether /metrics is served. */
    public boolean metricsEnabled()
    {
        return metricsEnabled;
    }

    /** @param v whether /metrics is served. @return this. */
    public SidecarContext metricsEnabled(final boolean v)
    {
        metricsEnabled = v;
        return this;
    }

    /** @return metrics address. */
    public String metricsHost()
    {
        return metricsHost;
    }

    /** @param v metrics address. @return this. */
    public SidecarContext metricsHost(final String v)
    {
        metricsHost = v;
        return this;
    }

    /** @return metrics port, 0 for any. */
    public int metricsPort()
    {
        return metricsPort;
    }

    /** @param v metrics port, 0 for any. @return this. */
    public SidecarContext metricsPort(final int v)
    {
        metricsPort = v;
        return this;
    }

    /** @return journal directory. */
    public Path journalDir()
    {
        return journalDir;
    }

    /** @param v journal directory. @return this. */
    public SidecarContext journalDir(final Path v)
    {
        journalDir = v;
        return this;
    }

    /** @return Chronicle roll cycle name. */
    public String journalRollCycle()
    {
        return journalRollCycle;
    }

    /** @param v Chronicle roll cycle name. @return this. */
    public SidecarContext journalRollCycle(final String v)
    {
        journalRollCycle = v;
        return this;
    }

    /** @return milliseconds between engine snapshots in the journal, 0 = none. */
    public long journalSnapshotIntervalMs()
    {
        return journalSnapshotIntervalMs;
    }

    /** @param v milliseconds between engine snapshots in the journal, 0 = none. @return this. */
    public SidecarContext journalSnapshotIntervalMs(final long v)
    {
        journalSnapshotIntervalMs = v;
        return this;
    }

    /** @return cycle files kept, 0 = all. */
    public int journalRetention()
    {
        return journalRetention;
    }

    /** @param v cycle files kept, 0 = all. @return this. */
    public SidecarContext journalRetention(final int v)
    {
        journalRetention = v;
        return this;
    }

    /** @return the journal's durability mode (sync: msync at the end of each inbound batch). */
    public JournalSyncMode journalSyncMode()
    {
        return journalSyncMode;
    }

    /** @param v the journal's durability mode. @return this. */
    public SidecarContext journalSyncMode(final JournalSyncMode v)
    {
        journalSyncMode = v;
        return this;
    }

    /** @return largest request body accepted. */
    public int maxRequestBytes()
    {
        return maxRequestBytes;
    }

    /** @param v largest request body accepted. @return this. */
    public SidecarContext maxRequestBytes(final int v)
    {
        maxRequestBytes = v;
        return this;
    }

    /** @return largest upstream response accepted. */
    public int maxResponseBytes()
    {
        return maxResponseBytes;
    }

    /** @param v largest upstream response accepted. @return this. */
    public SidecarContext maxResponseBytes(final int v)
    {
        maxResponseBytes = v;
        return this;
    }

    /** @return ring slots. */
    public int ringSize()
    {
        return ringSize;
    }

    /** @param v ring slots, a power of two. @return this. */
    public SidecarContext ringSize(final int v)
    {
        ringSize = v;
        return this;
    }

    /** @return consumer wait strategy name. */
    public String waitStrategy()
    {
        return waitStrategy;
    }

    /** @param v consumer wait strategy name. @return this. */
    public SidecarContext waitStrategy(final String v)
    {
        waitStrategy = v;
        return this;
    }

    /** @return Netty event loop threads. */
    public int ioThreads()
    {
        return ioThreads;
    }

    /** @param v Netty event loop threads. @return this. */
    public SidecarContext ioThreads(final int v)
    {
        ioThreads = v;
        return this;
    }

    /** @return JIT warm-up rounds run through a scratch engine before taking traffic (0 = none). */
    public int warmupRounds()
    {
        return warmupRounds;
    }

    /** @param v JIT warm-up rounds run through a scratch engine before taking traffic (0 = none). @return this. */
    public SidecarContext warmupRounds(final int v)
    {
        warmupRounds = v;
        return this;
    }

    /** @return where the engine, journal and egress run. */
    public ThreadingMode threadingMode()
    {
        return threadingMode;
    }

    /** @param v where the engine, journal and egress run. @return this. */
    public SidecarContext threadingMode(final ThreadingMode v)
    {
        threadingMode = v;
        return this;
    }

    /** @return the OTLP gRPC endpoint traces go to, or null when tracing is off. */
    public String otlpEndpoint()
    {
        return otlpEndpoint;
    }

    /** @param v the OTLP gRPC endpoint traces go to, or null when tracing is off. @return this. */
    public SidecarContext otlpEndpoint(final String v)
    {
        otlpEndpoint = v;
        return this;
    }

    /** @return how often the tick source checks for due timers, ms. */
    public long tickPeriodMs()
    {
        return tickPeriodMs;
    }

    /** @param v how often the tick source checks for due timers, ms. @return this. */
    public SidecarContext tickPeriodMs(final long v)
    {
        tickPeriodMs = v;
        return this;
    }

    /**
     * @return the flashblocks edges, or null when flashblocks are off.
     */
    public FlashblocksSettings flashblocks()
    {
        return flashblocks;
    }

    /**
     * @param v the flashblocks edges (with {@code engineConfig().flashblocks(true)}), or null.
     * @return this.
     */
    public SidecarContext flashblocks(final FlashblocksSettings v)
    {
        flashblocks = v;
        return this;
    }

    /**
     * @return whether {@code --flashblocks-p2p} is on (keys set).
     */
    public boolean flashblocksP2p()
    {
        return null != flashblocksAuthorizerSk;
    }

    /**
     * @return a copy of the P2P authorizer's ed25519 secret key, or null when P2P mode is off.
     */
    public byte[] flashblocksAuthorizerSk()
    {
        return null == flashblocksAuthorizerSk ? null : flashblocksAuthorizerSk.clone();
    }

    /**
     * @return a copy of the authorized builder's ed25519 verifying key, or null when P2P mode is off.
     */
    public byte[] flashblocksBuilderVk()
    {
        return null == flashblocksBuilderVk ? null : flashblocksBuilderVk.clone();
    }

    /**
     * Turns on {@code --flashblocks-p2p}: FCUs with attributes go to the builder with an authorization signed at the
     * egress. The keys stay out of the engine's (journaled) configuration.
     *
     * @param authorizerSk the authorizer's 32-byte ed25519 secret key, or null to turn P2P mode off; copied.
     * @param builderVk    the builder's 32-byte ed25519 verifying key (with a secret key); copied.
     * @return this.
     * @throws IllegalArgumentException if only one key is given.
     */
    public SidecarContext flashblocksP2p(final byte[] authorizerSk, final byte[] builderVk)
    {
        if ((null == authorizerSk) != (null == builderVk))
        {
            throw new IllegalArgumentException("--flashblocks-p2p needs both --flashblocks-authorizer-sk and " +
                "--flashblocks-builder-vk");
        }
        flashblocksAuthorizerSk = null == authorizerSk ? null : authorizerSk.clone();
        flashblocksBuilderVk = null == builderVk ? null : builderVk.clone();
        return this;
    }
}
