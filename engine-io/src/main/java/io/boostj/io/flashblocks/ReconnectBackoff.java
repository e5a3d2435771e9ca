package io.boostj.io.flashblocks;

import java.util.concurrent.TimeUnit;

/**
 * The inbound client's reconnect delays, as upstream's {@code ExponentialBackoff}: start at {@code initialMs}, double
 * after every failure, cap at {@code maxMs}, no jitter, no limit on attempts. The sequence restarts at
 * {@code initialMs} only after a connection stayed established for at least {@code maxMs}, so a server that accepts
 * and drops at once cannot drive a hot reconnect loop.
 * <p>
 * Not thread-safe: owned by the client's event loop.
 */
final class ReconnectBackoff
{
    /** Passed to {@link #onDisconnect(long)} when the attempt never got an established connection. */
    static final long NEVER_CONNECTED = -1;

    private final long initialMs;
    private final long maxMs;
    private final long resetAfterNs;
    private long nextMs;

    /**
     * @param initialMs first delay, also the delay after a reset.
     * @param maxMs     cap on the delay, and how long a connection must live to reset the sequence.
     */
    ReconnectBackoff(final long initialMs, final long maxMs)
    {
        this.initialMs = initialMs;
        this.maxMs = maxMs;
        this.resetAfterNs = TimeUnit.MILLISECONDS.toNanos(maxMs);
        this.nextMs = initialMs;
    }

    /**
     * @param connectionLivedNs how long the lost connection had been established, or {@link #NEVER_CONNECTED}.
     * @return how long to wait before the next attempt.
     */
    long onDisconnect(final long connectionLivedNs)
    {
        if (connectionLivedNs >= resetAfterNs)
        {
            nextMs = initialMs;
        }
        final long delayMs = nextMs;
        nextMs = delayMs >= maxMs / 2 ? maxMs : delayMs * 2;
        return delayMs;
    }
}
