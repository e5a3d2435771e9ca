package io.boostj.buildernode;

import io.boostj.io.jwt.JwtSecret;

/**
 * Configuration of a {@link BuilderNodeServer}: fluent setters returning this, getters of the same name, checked
 * once by {@link #conclude()} (which {@link BuilderNodeServer#launch} calls).
 */
public final class BuilderNodeContext
{
    private String name = "builder";
    private String authHost = "127.0.0.1";
    private int authPort = 8551;
    private JwtSecret jwtSecret = null;
    private String httpHost = "127.0.0.1";
    private int httpPort = 8545;
    private boolean flashblocksEnabled = false;
    private String flashblocksHost = "127.0.0.1";
    private int flashblocksPort = 1111;
    private long flashblockTimeMs = 200;
    private String aeronChannel = null;
    private int aeronStreamId = 1001;
    private String aeronDir = null;
    private int devAccounts = 100;
    private long genesisTimestamp = 0;
    private long genesisGasLimit = 30_000_000;
    private byte[] builderSecretKey = null;
    private String syncPeerUrl = null;
    private int metricsPort = -1;
    private String metricsHost = "127.0.0.1";
    private int maxPoolTransactions = 10_000;
    private int maxPerSender = 64;
    private boolean concluded;

    /**
     * Checks every value once.
     *
     * @return this.
     * @throws IllegalStateException if called twice or a value is missing or out of range.
     */
    public BuilderNodeContext conclude()
    {
        if (concluded)
        {
            throw new IllegalStateException("BuilderNodeContext already concluded");
        }
        concluded = true;
        require(null != jwtSecret, "jwtSecret is required");
        require(authPort >= 0 && authPort <= 65535, "authPort 0..65535, got " + authPort);
        require(httpPort >= -1 && httpPort <= 65535, "httpPort -1..65535, got " + httpPort);
        require(flashblocksPort >= 0 && flashblocksPort <= 65535, "flashblocksPort 0..65535, got " + flashblocksPort);
        require(flashblockTimeMs > 0, "flashblockTimeMs > 0, got " + flashblockTimeMs);
        require(devAccounts >= 0, "devAccounts >= 0, got " + devAccounts);
        require(genesisGasLimit >= 21_000, "genesisGasLimit >= 21000, got " + genesisGasLimit);
        require(null == builderSecretKey || 32 == builderSecretKey.length, "builderSecretKey is 32 bytes");
        require(metricsPort >= -1 && metricsPort <= 65535, "metricsPort -1..65535, got " + metricsPort);
        require(maxPoolTransactions > 0 && maxPerSender > 0, "pool limits must be positive");
        require(null == syncPeerUrl || syncPeerUrl.startsWith("http://"), "syncPeerUrl must be http://HOST:PORT, got " +
            syncPeerUrl);
        return this;
    }

    /** @return whether {@link #conclude()} ran. */
    public boolean isConcluded()
    {
        return concluded;
    }

    private static void require(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new IllegalStateException("invalid builder configuration: " + what);
        }
    }

    /** @return label for logs and thread names. */
    public String name()
    {
        return name;
    }

    /**
     * @param name label for logs and thread names (default builder).
     * @return this.
     */
    public BuilderNodeContext name(final String name)
    {
        this.name = name;
        return this;
    }

    /** @return listen address of the Engine API (JWT) port. */
    public String authHost()
    {
        return authHost;
    }

    /**
     * @param authHost listen address of the Engine API (JWT) port (default 127.0.0.1).
     * @return this.
     */
    public BuilderNodeContext authHost(final String authHost)
    {
        this.authHost = authHost;
        return this;
    }

    /** @return Engine API port, 0 = ephemeral. */
    public int authPort()
    {
        return authPort;
    }

    /**
     * @param authPort Engine API port, 0 = ephemeral (default 8551).
     * @return this.
     */
    public BuilderNodeContext authPort(final int authPort)
    {
        this.authPort = authPort;
        return this;
    }

    /** @return the Engine API's shared secret (required). */
    public JwtSecret jwtSecret()
    {
        return jwtSecret;
    }

    /**
     * @param jwtSecret the Engine API's shared secret (required) (default null).
     * @return this.
     */
    public BuilderNodeContext jwtSecret(final JwtSecret jwtSecret)
    {
        this.jwtSecret = jwtSecret;
        return this;
    }

    /** @return listen address of the public JSON-RPC port. */
    public String httpHost()
    {
        return httpHost;
    }

    /**
     * @param httpHost listen address of the public JSON-RPC port (default 127.0.0.1).
     * @return this.
     */
    public BuilderNodeContext httpHost(final String httpHost)
    {
        this.httpHost = httpHost;
        return this;
    }

    /** @return public JSON-RPC port, 0 = ephemeral, -1 = off. */
    public int httpPort()
    {
        return httpPort;
    }

    /**
     * @param httpPort public JSON-RPC port, 0 = ephemeral, -1 = off (default 8545).
     * @return this.
     */
    public BuilderNodeContext httpPort(final int httpPort)
    {
        this.httpPort = httpPort;
        return this;
    }

    /** @return whether the flashblock loop runs and publishes. */
    public boolean flashblocksEnabled()
    {
        return flashblocksEnabled;
    }

    /**
     * @param flashblocksEnabled whether the flashblock loop runs and publishes (default false).
     * @return this.
     */
    public BuilderNodeContext flashblocksEnabled(final boolean flashblocksEnabled)
    {
        this.flashblocksEnabled = flashblocksEnabled;
        return this;
    }

    /** @return listen address of the flashblocks WebSocket. */
    public String flashblocksHost()
    {
        return flashblocksHost;
    }

    /**
     * @param flashblocksHost listen address of the flashblocks WebSocket (default 127.0.0.1).
     * @return this.
     */
    public BuilderNodeContext flashblocksHost(final String flashblocksHost)
    {
        this.flashblocksHost = flashblocksHost;
        return this;
    }

    /** @return flashblocks WebSocket port, 0 = ephemeral. */
    public int flashblocksPort()
    {
        return flashblocksPort;
    }

    /**
     * @param flashblocksPort flashblocks WebSocket port, 0 = ephemeral (default 1111).
     * @return this.
     */
    public BuilderNodeContext flashblocksPort(final int flashblocksPort)
    {
        this.flashblocksPort = flashblocksPort;
        return this;
    }

    /** @return interval between flashblocks, ms. */
    public long flashblockTimeMs()
    {
        return flashblockTimeMs;
    }

    /**
     * @param flashblockTimeMs interval between flashblocks, ms (default 200).
     * @return this.
     */
    public BuilderNodeContext flashblockTimeMs(final long flashblockTimeMs)
    {
        this.flashblockTimeMs = flashblockTimeMs;
        return this;
    }

    /** @return Aeron channel flashblocks are also sent on, null = off. */
    public String aeronChannel()
    {
        return aeronChannel;
    }

    /**
     * @param aeronChannel Aeron channel flashblocks are also sent on, null = off (default null).
     * @return this.
     */
    public BuilderNodeContext aeronChannel(final String aeronChannel)
    {
        this.aeronChannel = aeronChannel;
        return this;
    }

    /** @return Aeron stream id. */
    public int aeronStreamId()
    {
        return aeronStreamId;
    }

    /**
     * @param aeronStreamId Aeron stream id (default 1001).
     * @return this.
     */
    public BuilderNodeContext aeronStreamId(final int aeronStreamId)
    {
        this.aeronStreamId = aeronStreamId;
        return this;
    }

    /** @return Aeron directory, null = Aeron's default. */
    public String aeronDir()
    {
        return aeronDir;
    }

    /**
     * @param aeronDir Aeron directory, null = Aeron's default (default null).
     * @return this.
     */
    public BuilderNodeContext aeronDir(final String aeronDir)
    {
        this.aeronDir = aeronDir;
        return this;
    }

    /** @return prefunded dev accounts at genesis (DevAccounts.alloc). */
    public int devAccounts()
    {
        return devAccounts;
    }

    /**
     * @param devAccounts prefunded dev accounts at genesis (DevAccounts.alloc) (default 100).
     * @return this.
     */
    public BuilderNodeContext devAccounts(final int devAccounts)
    {
        this.devAccounts = devAccounts;
        return this;
    }

    /** @return genesis time, seconds. */
    public long genesisTimestamp()
    {
        return genesisTimestamp;
    }

    /**
     * @param genesisTimestamp genesis time, seconds (default 0).
     * @return this.
     */
    public BuilderNodeContext genesisTimestamp(final long genesisTimestamp)
    {
        this.genesisTimestamp = genesisTimestamp;
        return this;
    }

    /** @return genesis gas limit. */
    public long genesisGasLimit()
    {
        return genesisGasLimit;
    }

    /**
     * @param genesisGasLimit genesis gas limit (default 30_000_000).
     * @return this.
     */
    public BuilderNodeContext genesisGasLimit(final long genesisGasLimit)
    {
        this.genesisGasLimit = genesisGasLimit;
        return this;
    }

    /** @return 32-byte key of the builder transaction's account, null = no builder transaction. */
    public byte[] builderSecretKey()
    {
        return builderSecretKey;
    }

    /**
     * @param builderSecretKey 32-byte key of the builder transaction's account, null = no builder transaction (default null).
     * @return this.
     */
    public BuilderNodeContext builderSecretKey(final byte[] builderSecretKey)
    {
        this.builderSecretKey = builderSecretKey;
        return this;
    }

    /** @return JSON-RPC URL of a peer to fetch missing blocks from, null = none. */
    public String syncPeerUrl()
    {
        return syncPeerUrl;
    }

    /**
     * @param syncPeerUrl JSON-RPC URL of a peer to fetch missing blocks from, null = none (default null).
     * @return this.
     */
    public BuilderNodeContext syncPeerUrl(final String syncPeerUrl)
    {
        this.syncPeerUrl = syncPeerUrl;
        return this;
    }

    /** @return Prometheus port, -1 = off. */
    public int metricsPort()
    {
        return metricsPort;
    }

    /**
     * @param metricsPort Prometheus port, -1 = off (default -1).
     * @return this.
     */
    public BuilderNodeContext metricsPort(final int metricsPort)
    {
        this.metricsPort = metricsPort;
        return this;
    }

    /** @return listen address of the Prometheus endpoint. */
    public String metricsHost()
    {
        return metricsHost;
    }

    /**
     * @param metricsHost listen address of the Prometheus endpoint (default 127.0.0.1).
     * @return this.
     */
    public BuilderNodeContext metricsHost(final String metricsHost)
    {
        this.metricsHost = metricsHost;
        return this;
    }

    /** @return transaction pool capacity. */
    public int maxPoolTransactions()
    {
        return maxPoolTransactions;
    }

    /**
     * @param maxPoolTransactions transaction pool capacity (default 10_000).
     * @return this.
     */
    public BuilderNodeContext maxPoolTransactions(final int maxPoolTransactions)
    {
        this.maxPoolTransactions = maxPoolTransactions;
        return this;
    }

    /** @return transaction pool capacity per sender. */
    public int maxPerSender()
    {
        return maxPerSender;
    }

    /**
     * @param maxPerSender transaction pool capacity per sender (default 64).
     * @return this.
     */
    public BuilderNodeContext maxPerSender(final int maxPerSender)
    {
        this.maxPerSender = maxPerSender;
        return this;
    }
}
