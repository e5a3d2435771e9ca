package io.boostj.io.flashblocks;

import java.net.URI;
import java.util.Locale;

/**
 * The sidecar's flashblocks edges, as the flags describe them (reference §1.14): where the builder's stream is, where
 * ours is served, the inbound client's timers, and the beyond-upstream Aeron channel. Fluent setters; checked once by
 * {@link #conclude()}.
 */
public final class FlashblocksSettings
{
    private URI builderUrl = URI.create("ws://127.0.0.1:1111");
    private String host = "127.0.0.1";
    private int port = 1112;
    private long initialReconnectMs = 10;
    private long maxReconnectMs = 5000;
    private long connectTimeoutMs = 5000;
    private long pingIntervalMs = 500;
    private long pongTimeoutMs = 1500;
    private int maxFrameBytes = 16 * 1024 * 1024;
    private String aeronChannel;
    private int aeronStreamId = 1001;
    private String aeronDir;
    private boolean aeronEmbeddedDriver = true;

    /**
     * @return this, after checking every value.
     * @throws IllegalArgumentException naming the flag of a value that makes no sense.
     */
    public FlashblocksSettings conclude()
    {
        final String scheme = null == builderUrl.getScheme() ? "" : builderUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!"ws".equals(scheme) && !"wss".equals(scheme))
        {
            throw new IllegalArgumentException(
                "--flashblocks-builder-url must be ws:// or wss://, got '" + builderUrl + "'");
        }
        if (null == builderUrl.getHost())
        {
            throw new IllegalArgumentException("--flashblocks-builder-url has no host: '" + builderUrl + "'");
        }
        positive("--flashblock-builder-ws-initial-reconnect-ms", initialReconnectMs);
        positive("--flashblock-builder-ws-max-reconnect-ms", maxReconnectMs);
        positive("--flashblock-builder-ws-connect-timeout-ms", connectTimeoutMs);
        positive("--flashblock-builder-ws-ping-interval-ms", pingIntervalMs);
        positive("--flashblock-builder-ws-pong-timeout-ms", pongTimeoutMs);
        positive("--flashblocks-max-frame-bytes", maxFrameBytes);
        if (initialReconnectMs > maxReconnectMs)
        {
            throw new IllegalArgumentException("--flashblock-builder-ws-initial-reconnect-ms (" + initialReconnectMs +
                ") exceeds --flashblock-builder-ws-max-reconnect-ms (" + maxReconnectMs + ")");
        }
        if (port < 0 || port > 65535)
        {
            throw new IllegalArgumentException("--flashblocks-port out of range: " + port);
        }
        if (null != aeronChannel && !aeronChannel.isBlank() && !aeronChannel.startsWith("aeron:"))
        {
            throw new IllegalArgumentException(
                "--flashblocks-aeron-channel must be an Aeron channel (aeron:ipc, aeron:udp?...), got '" + aeronChannel + "'");
        }
        if (aeronStreamId == 0)
        {
            throw new IllegalArgumentException("--flashblocks-aeron-stream-id must not be 0");
        }
        return this;
    }

    private static void positive(final String flag, final long value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(flag + " must be > 0, got " + value);
        }
    }

    /**
     * @param url the builder's flashblocks WebSocket.
     * @return this.
     * @throws IllegalArgumentException if it is not a URI.
     */
    public FlashblocksSettings builderUrl(final String url)
    {
        try
        {
            builderUrl = URI.create(url.trim());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("--flashblocks-builder-url is not a URL: '" + url + "'", ex);
        }
        return this;
    }

    /**
     * @return the builder's flashblocks WebSocket.
     */
    public URI builderUrl()
    {
        return builderUrl;
    }

    /**
     * @param host address of the outbound stream.
     * @return this.
     */
    public FlashblocksSettings host(final String host)
    {
        this.host = host;
        return this;
    }

    /**
     * @return address of the outbound stream.
     */
    public String host()
    {
        return host;
    }

    /**
     * @param port port of the outbound stream (0: any free port).
     * @return this.
     */
    public FlashblocksSettings port(final int port)
    {
        this.port = port;
        return this;
    }

    /**
     * @return port of the outbound stream.
     */
    public int port()
    {
        return port;
    }

    /**
     * @param ms first reconnect delay.
     * @return this.
     */
    public FlashblocksSettings initialReconnectMs(final long ms)
    {
        initialReconnectMs = ms;
        return this;
    }

    /**
     * @return first reconnect delay.
     */
    public long initialReconnectMs()
    {
        return initialReconnectMs;
    }

    /**
     * @param ms reconnect delay cap, and how long a connection must live to reset the backoff.
     * @return this.
     */
    public FlashblocksSettings maxReconnectMs(final long ms)
    {
        maxReconnectMs = ms;
        return this;
    }

    /**
     * @return reconnect delay cap.
     */
    public long maxReconnectMs()
    {
        return maxReconnectMs;
    }

    /**
     * @param ms connect plus handshake timeout.
     * @return this.
     */
    public FlashblocksSettings connectTimeoutMs(final long ms)
    {
        connectTimeoutMs = ms;
        return this;
    }

    /**
     * @return connect plus handshake timeout.
     */
    public long connectTimeoutMs()
    {
        return connectTimeoutMs;
    }

    /**
     * @param ms ping interval.
     * @return this.
     */
    public FlashblocksSettings pingIntervalMs(final long ms)
    {
        pingIntervalMs = ms;
        return this;
    }

    /**
     * @return ping interval.
     */
    public long pingIntervalMs()
    {
        return pingIntervalMs;
    }

    /**
     * @param ms how long without a matching pong before reconnecting.
     * @return this.
     */
    public FlashblocksSettings pongTimeoutMs(final long ms)
    {
        pongTimeoutMs = ms;
        return this;
    }

    /**
     * @return how long without a matching pong before reconnecting.
     */
    public long pongTimeoutMs()
    {
        return pongTimeoutMs;
    }

    /**
     * @param bytes largest frame accepted (after decompression).
     * @return this.
     */
    public FlashblocksSettings maxFrameBytes(final int bytes)
    {
        maxFrameBytes = bytes;
        return this;
    }

    /**
     * @return largest frame accepted.
     */
    public int maxFrameBytes()
    {
        return maxFrameBytes;
    }

    /**
     * @param channel Aeron channel of a co-located builder's SBE flashblocks, or null/blank for none.
     * @return this.
     */
    public FlashblocksSettings aeronChannel(final String channel)
    {
        aeronChannel = null == channel || channel.isBlank() ? null : channel.trim();
        return this;
    }

    /**
     * @return the Aeron channel, or null.
     */
    public String aeronChannel()
    {
        return aeronChannel;
    }

    /**
     * @param streamId Aeron stream id.
     * @return this.
     */
    public FlashblocksSettings aeronStreamId(final int streamId)
    {
        aeronStreamId = streamId;
        return this;
    }

    /**
     * @return Aeron stream id.
     */
    public int aeronStreamId()
    {
        return aeronStreamId;
    }

    /**
     * @param dir the Aeron directory shared with the builder (its media driver's), or null/blank for Aeron's default
     *            ({@code aeron.dir}, else {@code /dev/shm/aeron-<user>}).
     * @return this.
     */
    public FlashblocksSettings aeronDir(final String dir)
    {
        aeronDir = null == dir || dir.isBlank() ? null : dir.trim();
        return this;
    }

    /**
     * @return the Aeron directory, or null for Aeron's default.
     */
    public String aeronDir()
    {
        return aeronDir;
    }

    /**
     * @param embedded whether the sidecar launches its own media driver in {@link #aeronDir()} (true) or connects to
     *                 one already running there (false).
     * @return this.
     */
    public FlashblocksSettings aeronEmbeddedDriver(final boolean embedded)
    {
        aeronEmbeddedDriver = embedded;
        return this;
    }

    /**
     * @return whether the sidecar launches its own media driver.
     */
    public boolean aeronEmbeddedDriver()
    {
        return aeronEmbeddedDriver;
    }
}
