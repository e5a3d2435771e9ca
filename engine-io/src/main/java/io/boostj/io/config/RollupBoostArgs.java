package io.boostj.io.config;

import io.boostj.core.sidecar.SidecarConfig;
import io.boostj.sbe.ExecutionModeCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The command line of {@code bin/rollup-boost}: upstream rollup-boost's flags and environment variables (reference
 * §1.14), plus ours (journal, inbound JWT, deadline, rings). Every flag also reads the environment variable named after
 * it ({@link EnvDefaultProvider}), and {@code .env} is loaded first.
 */
@Command(
    name = "rollup-boost",
    mixinStandardHelpOptions = true,
    version = "boostj rollup-boost " + RollupBoostArgs.VERSION,
    sortOptions = false,
    description = "Engine API sidecar between op-node and its execution clients: builds with an external builder, " +
        "validates against the local execution client, falls back to it. Every flag also reads the environment " +
        "variable of the same name (--l2-url: L2_URL); .env is loaded.")
public final class RollupBoostArgs
{
    /** Version string reported in --version and the User-Agent. */
    public static final String VERSION = "0.1.0";

    @Option(names = "--l2-url", description = "Local execution client's auth RPC (default: ${DEFAULT-VALUE})",
        defaultValue = "127.0.0.1:8551")
    public String l2Url;

    @Option(names = "--l2-jwt-token", description = "Hex JWT secret for the local execution client")
    public String l2JwtToken;

    @Option(names = "--l2-jwt-path", description = "File with the hex JWT secret for the local execution client")
    public Path l2JwtPath;

    @Option(names = "--l2-timeout", description = "Timeout of calls to the local execution client, ms (default: ${DEFAULT-VALUE})",
        defaultValue = "1000")
    public int l2TimeoutMs;

    @Option(names = "--builder-url", description = "Builder's auth RPC (default: ${DEFAULT-VALUE})",
        defaultValue = "127.0.0.1:8551")
    public String builderUrl;

    @Option(names = "--builder-jwt-token", description = "Hex JWT secret for the builder")
    public String builderJwtToken;

    @Option(names = "--builder-jwt-path", description = "File with the hex JWT secret for the builder")
    public Path builderJwtPath;

    @Option(names = "--builder-timeout", description = "Timeout of calls to the builder, ms (default: ${DEFAULT-VALUE})",
        defaultValue = "1000")
    public int builderTimeoutMs;

    @Option(names = "--execution-mode", description = "enabled, dry-run or disabled (default: ${DEFAULT-VALUE})",
        defaultValue = "enabled")
    public String executionMode;

    @Option(names = "--block-selection-policy", description = "gas-used: prefer L2's block when the builder's uses " +
        "less than 10%% of its gas")
    public String blockSelectionPolicy;

    @Option(names = "--external-state-root", arity = "0..1", fallbackValue = "true", defaultValue = "false",
        description = "Let the local execution client compute the state root of the builder's block")
    public boolean externalStateRoot;

    @Option(names = "--ignore-unhealthy-builders", arity = "0..1", fallbackValue = "true", defaultValue = "false",
        description = "Send no traffic to the builder while health is not 200")
    public boolean ignoreUnhealthyBuilders;

    @Option(names = "--health-check-interval", description = "Seconds between health probes (default: ${DEFAULT-VALUE})",
        defaultValue = "60")
    public long healthCheckIntervalS;

    @Option(names = "--max-unsafe-interval", description = "Seconds after which an unsafe head is stale (default: ${DEFAULT-VALUE})",
        defaultValue = "10")
    public long maxUnsafeIntervalS;

    @Option(names = "--rpc-host", description = "Listen address (default: ${DEFAULT-VALUE})", defaultValue = "127.0.0.1")
    public String rpcHost;

    @Option(names = "--rpc-port", description = "Listen port (default: ${DEFAULT-VALUE})", defaultValue = "8081")
    public int rpcPort;

    @Option(names = "--tracing", arity = "0..1", fallbackValue = "true", defaultValue = "false",
        description = "Export OTLP traces")
    public boolean tracing;

    @Option(names = "--otlp-endpoint", description = "OTLP gRPC endpoint (default: ${DEFAULT-VALUE})",
        defaultValue = "http://localhost:4317")
    public String otlpEndpoint;

    @Option(names = "--metrics", arity = "0..1", fallbackValue = "true", defaultValue = "false",
        description = "Serve Prometheus metrics")
    public boolean metrics;

    @Option(names = "--metrics-host", description = "Metrics address (default: ${DEFAULT-VALUE})", defaultValue = "127.0.0.1")
    public String metricsHost;

    @Option(names = "--metrics-port", description = "Metrics port (default: ${DEFAULT-VALUE})", defaultValue = "9090")
    public int metricsPort;

    @Option(names = "--log-level", description = "trace, debug, info, warn, error (default: ${DEFAULT-VALUE})",
        defaultValue = "info")
    public String logLevel;

    @Option(names = "--log-format", description = "text or json (default: ${DEFAULT-VALUE})", defaultValue = "text")
    public String logFormat;

    @Option(names = "--log-file", description = "Append logs to this file instead of stderr")
    public Path logFile;

    @Option(names = "--debug-host", description = "Debug API address (default: ${DEFAULT-VALUE})", defaultValue = "127.0.0.1")
    public String debugHost;

    @Option(names = "--debug-server-port", description = "Debug API port (default: ${DEFAULT-VALUE})", defaultValue = "5555")
    public int debugServerPort;

    @Option(names = "--flashblocks", arity = "0..1", fallbackValue = "true", defaultValue = "false",
        description = "Follow the builder's flashblocks over WebSocket, republish them and assemble getPayload from them")
    public boolean flashblocks;

    @Option(names = "--flashblocks-builder-url", description = "Builder's flashblocks WebSocket (default: ${DEFAULT-VALUE})",
        defaultValue = "ws://127.0.0.1:1111")
    public String flashblocksBuilderUrl;

    @Option(names = "--flashblocks-host", description = "Address of the outbound flashblocks WebSocket (default: ${DEFAULT-VALUE})",
        defaultValue = "127.0.0.1")
    public String flashblocksHost;

    @Option(names = "--flashblocks-port", description = "Port of the outbound flashblocks WebSocket (default: ${DEFAULT-VALUE})",
        defaultValue = "1112")
    public int flashblocksPort;

    @Option(names = "--flashblock-builder-ws-initial-reconnect-ms", description = "First reconnect delay; doubles per " +
        "attempt (default: ${DEFAULT-VALUE})", defaultValue = "10")
    public long flashblockBuilderWsInitialReconnectMs;

    @Option(names = "--flashblock-builder-ws-max-reconnect-ms", description = "Largest reconnect delay; a connection " +
        "must live this long to reset the backoff (default: ${DEFAULT-VALUE})", defaultValue = "5000")
    public long flashblockBuilderWsMaxReconnectMs;

    @Option(names = "--flashblock-builder-ws-connect-timeout-ms", description = "TCP connect plus WebSocket handshake " +
        "(default: ${DEFAULT-VALUE})", defaultValue = "5000")
    public long flashblockBuilderWsConnectTimeoutMs;

    @Option(names = "--flashblock-builder-ws-ping-interval-ms", description = "Ping interval (default: ${DEFAULT-VALUE})",
        defaultValue = "500")
    public long flashblockBuilderWsPingIntervalMs;

    @Option(names = "--flashblock-builder-ws-pong-timeout-ms", description = "Reconnect when no pong answers a ping " +
        "for this long (default: ${DEFAULT-VALUE})", defaultValue = "1500")
    public long flashblockBuilderWsPongTimeoutMs;

    @Option(names = "--flashblocks-p2p", arity = "0..1", fallbackValue = "true", defaultValue = "false",
        description = "P2P authorization mode: FCUs with attributes go to the builder as " +
            "flashblocks_forkchoiceUpdatedV3 with an ed25519 authorization (needs the two keys below)")
    public boolean flashblocksP2p;

    @Option(names = "--flashblocks-authorizer-sk", description = "32-byte hex ed25519 secret key that signs authorizations")
    public String flashblocksAuthorizerSk;

    @Option(names = "--flashblocks-builder-vk", description = "32-byte hex ed25519 public key of the authorized builder")
    public String flashblocksBuilderVk;

    // ---- beyond upstream ----

    @Option(names = "--flashblocks-aeron-channel", description = "Also receive SBE flashblocks from a co-located " +
        "builder over Aeron, e.g. aeron:ipc (an embedded media driver is started); off when empty")
    public String flashblocksAeronChannel;

    @Option(names = "--flashblocks-aeron-stream-id", description = "Aeron stream id of the flashblocks " +
        "(default: ${DEFAULT-VALUE})", defaultValue = "1001")
    public int flashblocksAeronStreamId;

    @Option(names = "--flashblocks-aeron-dir", description = "Aeron directory shared with the builder; " +
        "default: Aeron's (aeron.dir, else /dev/shm/aeron-<user>)")
    public String flashblocksAeronDir;

    @Option(names = "--flashblocks-aeron-embedded-driver", arity = "0..1", fallbackValue = "true",
        defaultValue = "true", description = "Launch an embedded Aeron media driver (SHARED threading) in the Aeron " +
        "directory; false connects to a driver already running there (default: ${DEFAULT-VALUE})")
    public boolean flashblocksAeronEmbeddedDriver;

    @Option(names = "--flashblocks-max-frame-bytes", description = "Largest flashblock frame accepted from the builder " +
        "(after brotli decompression) (default: ${DEFAULT-VALUE})", defaultValue = "16777216")
    public int flashblocksMaxFrameBytes;

    @Option(names = "--block-hash-check", arity = "0..1", fallbackValue = "true", defaultValue = "true",
        description = "Recompute a builder block's hash before asking the local execution client to validate it; " +
            "a provably wrong hash is refused at once, a block the check cannot judge goes on (default: ${DEFAULT-VALUE})")
    public boolean blockHashCheck;

    @Option(names = "--get-payload-deadline-ms", description = "Overall getPayload deadline: after it the local " +
        "execution client's block is returned even if the builder leg still runs; 0 = wait for both legs as upstream " +
        "(default: ${DEFAULT-VALUE})", defaultValue = "0")
    public int getPayloadDeadlineMs;

    @Option(names = "--rpc-jwt-token", description = "Hex JWT secret: when set (or --rpc-jwt-path), requests on the " +
        "RPC port need a valid HS256 token (iat within ±60 s) or get HTTP 401")
    public String rpcJwtToken;

    @Option(names = "--rpc-jwt-path", description = "File with the hex JWT secret for inbound requests")
    public Path rpcJwtPath;

    @Option(names = "--journal-dir", description = "Where the journal of every event and decision is written " +
        "(default: ${DEFAULT-VALUE})", defaultValue = "./data/journal")
    public Path journalDir;

    @Option(names = "--journal-roll-cycle", description = "Chronicle roll cycle: FAST_HOURLY, HOURLY, DAILY... " +
        "(default: ${DEFAULT-VALUE})", defaultValue = "FAST_HOURLY")
    public String journalRollCycle;

    @Option(names = "--journal-snapshot-interval-s", description = "Seconds between engine snapshots in the journal, " +
        "so a replay can start mid-journal (after retention deleted its start); 0 = none (default: ${DEFAULT-VALUE})",
        defaultValue = "60")
    public long journalSnapshotIntervalS;

    @Option(names = "--journal-retention", description = "Journal cycle files to keep, 0 = all (default: ${DEFAULT-VALUE})",
        defaultValue = "0")
    public int journalRetention;

    @Option(names = "--journal-sync-mode", description = "Journal durability: none or async (records survive kill -9; " +
        "a power loss may lose the last ~30 s), sync (msync after each batch of inbound events: records appended " +
        "before it survive a power loss; costs a device flush per batch) (default: ${DEFAULT-VALUE})",
        defaultValue = "async")
    public String journalSyncMode;

    @Option(names = "--max-request-bytes", description = "Largest request body accepted (default: ${DEFAULT-VALUE})",
        defaultValue = "33554432")
    public int maxRequestBytes;

    @Option(names = "--ring-size", description = "Slots of the inbound and outbound rings, a power of two " +
        "(default: ${DEFAULT-VALUE})", defaultValue = "4096")
    public int ringSize;

    @Option(names = "--wait-strategy", description = "How the engine and egress threads wait: phased, blocking, " +
        "lite-blocking, sleeping, yielding, busy-spin (busy-spin needs a dedicated core per thread) (default: ${DEFAULT-VALUE})",
        defaultValue = "phased")
    public String waitStrategy;

    @Option(names = "--threading-mode", description = "shared: the engine, journal and egress run on the Netty event " +
        "loop, no thread hand-offs (best on few cores); dedicated: a thread each, waiting with --wait-strategy " +
        "(default: ${DEFAULT-VALUE})", defaultValue = "shared")
    public String threadingMode;

    @Option(names = "--warmup-rounds", description = "Block rounds run through a scratch engine at start so the JIT " +
        "has compiled the hot path before op-node's first call; 0 = none (default: ${DEFAULT-VALUE})",
        defaultValue = "3000")
    public int warmupRounds;

    @Option(names = "--io-threads", description = "Netty event loop threads (default: ${DEFAULT-VALUE})", defaultValue = "1")
    public int ioThreads;

    /**
     * @return the engine's configuration from these flags.
     * @throws IllegalArgumentException for a value out of range.
     */
    public SidecarConfig toSidecarConfig()
    {
        return new SidecarConfig()
            .l2TimeoutMs(positive("--l2-timeout", l2TimeoutMs))
            .builderTimeoutMs(positive("--builder-timeout", builderTimeoutMs))
            .executionMode(parseExecutionMode(executionMode))
            .selectionPolicyGasUsed(parseSelectionPolicy(blockSelectionPolicy))
            .externalStateRoot(externalStateRoot)
            .ignoreUnhealthyBuilders(ignoreUnhealthyBuilders)
            .healthCheckIntervalMs(positive("--health-check-interval", healthCheckIntervalS) * 1000L)
            .maxUnsafeIntervalS(positive("--max-unsafe-interval", maxUnsafeIntervalS))
            .getPayloadDeadlineMs(nonNegative("--get-payload-deadline-ms", getPayloadDeadlineMs))
            .flashblocks(flashblocks)
            .blockHashCheck(blockHashCheck);
    }

    /**
     * @param value enabled, dry-run (or dry_run), disabled; case-insensitive.
     * @return the mode.
     */
    public static ExecutionModeCode parseExecutionMode(final String value)
    {
        switch (value.trim().toLowerCase(java.util.Locale.ROOT))
        {
            case "enabled":
                return ExecutionModeCode.ENABLED;
            case "dry-run":
            case "dry_run":
            case "dryrun":
                return ExecutionModeCode.DRY_RUN;
            case "disabled":
                return ExecutionModeCode.DISABLED;
            default:
                throw new IllegalArgumentException(
                    "--execution-mode: '" + value + "' is not one of enabled, dry-run, disabled");
        }
    }

    private static boolean parseSelectionPolicy(final String value)
    {
        if (null == value || value.isBlank())
        {
            return false;
        }
        if ("gas-used".equalsIgnoreCase(value.trim()))
        {
            return true;
        }
        throw new IllegalArgumentException("--block-selection-policy: '" + value + "' is not gas-used");
    }

    private static int positive(final String flag, final int value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(flag + " must be > 0, got " + value);
        }
        return value;
    }

    private static long positive(final String flag, final long value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(flag + " must be > 0, got " + value);
        }
        return value;
    }

    private static int nonNegative(final String flag, final int value)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException(flag + " must be >= 0, got " + value);
        }
        return value;
    }
}
