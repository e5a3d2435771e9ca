package io.boostj.proxy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * {@code bin/websocket-proxy}'s flags: upstream websocket-proxy's names and defaults (reference §4), Base's additions
 * ({@code --public-access-enabled}, {@code --client-send-timeout-ms}) and ours ({@code --upstream-aeron*}). Every flag
 * also reads the environment variable of the same name ({@code --upstream-ws}: {@code UPSTREAM_WS}).
 */
@Command(
    name = "websocket-proxy",
    mixinStandardHelpOptions = true,
    version = "boostj websocket-proxy " + ProxyArgs.VERSION,
    sortOptions = false,
    description = "Fans a flashblocks stream out to many WebSocket subscribers, with connection limits that Redis can " +
        "share across instances. Every flag also reads the environment variable of the same name " +
        "(--upstream-ws: UPSTREAM_WS); .env is loaded.")
public final class ProxyArgs
{
    /** Version string reported by --version. */
    public static final String VERSION = "0.1.0";

    @Option(names = "--listen-addr", defaultValue = "0.0.0.0:8545",
        description = "HTTP/WebSocket listen address (default: ${DEFAULT-VALUE})")
    public String listenAddr;

    @Option(names = "--upstream-ws", split = ",",
        description = "Upstream flashblocks WebSocket URLs, comma separated; every message of every one is forwarded")
    public List<String> upstreamWs;

    @Option(names = "--upstream-aeron",
        description = "Also (or instead) receive the stream over Aeron on this channel, e.g. aeron:udp?endpoint=0.0.0.0:40456")
    public String upstreamAeron;

    @Option(names = "--upstream-aeron-stream-id", defaultValue = "1401",
        description = "Aeron stream id of the flashblocks stream (default: ${DEFAULT-VALUE})")
    public int upstreamAeronStreamId;

    @Option(names = "--upstream-aeron-dir", description = "Aeron directory (default: Aeron's own default)")
    public String upstreamAeronDir;

    @Option(names = "--upstream-aeron-embedded-driver", arity = "0..1", fallbackValue = "true", defaultValue = "true",
        description = "Launch an embedded media driver (default: ${DEFAULT-VALUE})")
    public boolean upstreamAeronEmbeddedDriver;

    @Option(names = "--message-buffer-size", defaultValue = "20",
        description = "Messages queued per client beyond the socket; a client past it is disconnected (default: ${DEFAULT-VALUE})")
    public int messageBufferSize;

    @Option(names = "--instance-connection-limit", defaultValue = "100",
        description = "Connections this instance accepts (default: ${DEFAULT-VALUE})")
    public int instanceConnectionLimit;

    @Option(names = "--per-ip-connection-limit", defaultValue = "10",
        description = "Connections per client IP, 0 = unlimited (default: ${DEFAULT-VALUE})")
    public int perIpConnectionLimit;

    @Option(names = "--enable-compression", arity = "0..1", fallbackValue = "true", defaultValue = "false",
        description = "Brotli-compress each message once before fan-out (default: ${DEFAULT-VALUE})")
    public boolean enableCompression;

    @Option(names = "--ip-addr-http-header", defaultValue = "X-Forwarded-For",
        description = "Header naming the client IP, last entry wins (default: ${DEFAULT-VALUE})")
    public String ipAddrHttpHeader;

    @Option(names = "--log-level", defaultValue = "info", description = "trace, debug, info, warn, error (default: ${DEFAULT-VALUE})")
    public String logLevel;

    @Option(names = "--log-format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    public String logFormat;

    @Option(names = "--metrics", arity = "0..1", fallbackValue = "true", defaultValue = "true",
        description = "Serve Prometheus metrics (default: ${DEFAULT-VALUE})")
    public boolean metrics;

    @Option(names = "--metrics-addr", defaultValue = "0.0.0.0:9000", description = "Metrics address (default: ${DEFAULT-VALUE})")
    public String metricsAddr;

    @Option(names = "--metrics-global-labels", defaultValue = "",
        description = "Labels on every metric, k=v,k2=v2 (malformed entries skipped)")
    public String metricsGlobalLabels;

    @Option(names = "--metrics-host-label", arity = "0..1", fallbackValue = "true", defaultValue = "false",
        description = "Add a hostname label to every metric (default: ${DEFAULT-VALUE})")
    public boolean metricsHostLabel;

    @Option(names = "--api-keys", description = "app:key:maxConns,… (or Base's app:key): serve /ws/{key} only")
    public String apiKeys;

    @Option(names = "--public-access-enabled", arity = "0..1", fallbackValue = "true", defaultValue = "false",
        description = "Keep /ws open even with --api-keys (default: ${DEFAULT-VALUE})")
    public boolean publicAccessEnabled;

    @Option(names = "--subscriber-max-interval-ms", defaultValue = "20000",
        description = "Upstream reconnect backoff cap (default: ${DEFAULT-VALUE})")
    public long subscriberMaxIntervalMs;

    @Option(names = "--subscriber-initial-interval-ms", defaultValue = "500",
        description = "First upstream reconnect delay, doubling up to the cap (default: ${DEFAULT-VALUE})")
    public long subscriberInitialIntervalMs;

    @Option(names = "--subscriber-ping-interval-ms", defaultValue = "2000",
        description = "Ping upstream every (default: ${DEFAULT-VALUE})")
    public long subscriberPingIntervalMs;

    @Option(names = "--subscriber-pong-timeout-ms", defaultValue = "4000",
        description = "Reconnect when upstream sends no pong within (default: ${DEFAULT-VALUE})")
    public long subscriberPongTimeoutMs;

    @Option(names = "--redis-url", description = "Share the limits across instances through this Redis (redis://host:port)")
    public String redisUrl;

    @Option(names = "--redis-key-prefix", defaultValue = "flashblocks",
        description = "Prefix of every Redis key (default: ${DEFAULT-VALUE})")
    public String redisKeyPrefix;

    @Option(names = "--client-ping-enabled", arity = "0..1", fallbackValue = "true", defaultValue = "false",
        description = "Ping clients and drop those that stop answering (default: ${DEFAULT-VALUE})")
    public boolean clientPingEnabled;

    @Option(names = "--client-ping-interval-ms", defaultValue = "15000", description = "(default: ${DEFAULT-VALUE})")
    public long clientPingIntervalMs;

    @Option(names = "--client-pong-timeout-ms", defaultValue = "30000", description = "(default: ${DEFAULT-VALUE})")
    public long clientPongTimeoutMs;

    @Option(names = "--client-send-timeout-ms", defaultValue = "1000",
        description = "Drop a client whose oldest queued message has not moved for this long (default: ${DEFAULT-VALUE})")
    public long clientSendTimeoutMs;

    @Option(names = "--max-upstream-message-bytes", defaultValue = "16777216",
        description = "Largest upstream message accepted (default: ${DEFAULT-VALUE})")
    public int maxUpstreamMessageBytes;

    @Option(names = "--max-client-frame-bytes", defaultValue = "65536",
        description = "Largest frame a client may send (they only need control frames) (default: ${DEFAULT-VALUE})")
    public int maxClientFrameBytes;

    @Option(names = "--io-threads", defaultValue = "0",
        description = "Event loops serving clients, 0 = one per core (default: ${DEFAULT-VALUE})")
    public int ioThreads;
}
