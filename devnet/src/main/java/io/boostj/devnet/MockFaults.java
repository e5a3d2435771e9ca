package io.boostj.devnet;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fault knobs of one {@link MockExecutionClient}, thread-safe, read on every request: tests and the devnet turn them
 * while blocks are being produced. Method keys are exact JSON-RPC method names, or a prefix ending in {@code *}
 * ({@code "engine_*"}, {@code "engine_getPayload*"}); an exact name wins over a prefix.
 */
public final class MockFaults
{
    /** A JSON-RPC error to answer with. */
    public static final class RpcError
    {
        private final int code;
        private final String message;

        /**
         * @param code    the error code.
         * @param message the message.
         */
        public RpcError(final int code, final String message)
        {
            this.code = code;
            this.message = message;
        }

        /** @return the code. */
        public int code()
        {
            return code;
        }

        /** @return the message. */
        public String message()
        {
            return message;
        }
    }

    private final Map<String, Long> delays = new ConcurrentHashMap<>();
    private final Map<String, RpcError> errors = new ConcurrentHashMap<>();
    private volatile String newPayloadStatus;
    private volatile String nextNewPayloadStatus;
    private final java.util.concurrent.atomic.AtomicInteger nextNewPayloadCount =
        new java.util.concurrent.atomic.AtomicInteger();
    private volatile String forkchoiceStatus;
    private volatile String unknownBlockStatus = "INVALID";
    private volatile boolean zeroStateRoot;
    private volatile Long fixedBlockTimestamp;
    private volatile long blockAgeSeconds;

    /**
     * Answers a method only after a delay (the event loop keeps serving other requests meanwhile).
     *
     * @param method method name or prefix with {@code *}.
     * @param ms     delay in milliseconds; 0 removes it.
     * @return this.
     */
    public MockFaults delay(final String method, final long ms)
    {
        if (ms <= 0)
        {
            delays.remove(method);
        }
        else
        {
            delays.put(method, ms);
        }
        return this;
    }

    /**
     * Answers a method with a JSON-RPC error.
     *
     * @param method  method name or prefix with {@code *}.
     * @param code    error code.
     * @param message error message.
     * @return this.
     */
    public MockFaults error(final String method, final int code, final String message)
    {
        errors.put(method, new RpcError(code, message));
        return this;
    }

    /**
     * @param method method name or prefix with {@code *}.
     * @return this.
     */
    public MockFaults clearError(final String method)
    {
        errors.remove(method);
        return this;
    }

    /**
     * Makes every newPayload answer this status (VALID, INVALID, SYNCING, ACCEPTED, INVALID_BLOCK_HASH) whatever the
     * payload; null restores the hash check.
     *
     * @param status the status or null.
     * @return this.
     */
    public MockFaults newPayloadStatus(final String status)
    {
        newPayloadStatus = status;
        return this;
    }

    /**
     * Makes only the next {@code count} newPayload calls answer this status, then the hash check resumes. On L2 this
     * refuses the builder's block when the sidecar validates it inside getPayload (the first newPayload of a block)
     * while op-node's own newPayload of the chosen block, which comes after, is judged normally.
     *
     * @param status the status.
     * @param count  how many calls.
     * @return this.
     */
    public MockFaults newPayloadStatusNext(final String status, final int count)
    {
        nextNewPayloadStatus = status;
        nextNewPayloadCount.set(count);
        return this;
    }

    /**
     * Makes every forkchoiceUpdated answer this status (SYNCING answers with no payload id, INVALID too); null restores
     * VALID.
     *
     * @param status the status or null.
     * @return this.
     */
    public MockFaults forkchoiceStatus(final String status)
    {
        forkchoiceStatus = status;
        return this;
    }

    /**
     * The newPayload status of a payload whose blockHash is not one of the chain's (default INVALID).
     *
     * @param status the status.
     * @return this.
     */
    public MockFaults unknownBlockStatus(final String status)
    {
        unknownBlockStatus = status;
        return this;
    }

    /**
     * Serves payloads with a zero stateRoot (the blockHash left as it was, so an execution client's hash check
     * refuses the payload: the "builder returns an incorrect block" fault).
     *
     * @param on true to zero.
     * @return this.
     */
    public MockFaults zeroStateRoot(final boolean on)
    {
        zeroStateRoot = on;
        return this;
    }

    /**
     * Makes eth_getBlockByNumber report a latest block this many seconds old (0: fresh, now).
     *
     * @param seconds the age.
     * @return this.
     */
    public MockFaults blockAgeSeconds(final long seconds)
    {
        blockAgeSeconds = seconds;
        return this;
    }

    /**
     * Makes eth_getBlockByNumber report this timestamp (epoch seconds); null returns to now minus
     * {@link #blockAgeSeconds(long)}.
     *
     * @param epochSeconds the timestamp or null.
     * @return this.
     */
    public MockFaults blockTimestamp(final Long epochSeconds)
    {
        fixedBlockTimestamp = epochSeconds;
        return this;
    }

    /**
     * Removes every fault.
     *
     * @return this.
     */
    public MockFaults reset()
    {
        delays.clear();
        errors.clear();
        newPayloadStatus = null;
        nextNewPayloadCount.set(0);
        nextNewPayloadStatus = null;
        forkchoiceStatus = null;
        unknownBlockStatus = "INVALID";
        zeroStateRoot = false;
        fixedBlockTimestamp = null;
        blockAgeSeconds = 0;
        return this;
    }

    long delayMs(final String method)
    {
        final Long d = lookup(delays, method);
        return null == d ? 0 : d;
    }

    RpcError errorFor(final String method)
    {
        return lookup(errors, method);
    }

    String newPayloadStatus()
    {
        final String fixed = newPayloadStatus;
        if (null != fixed)
        {
            return fixed;
        }
        final String next = nextNewPayloadStatus;
        if (null != next && nextNewPayloadCount.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0)
        {
            return next;
        }
        return null;
    }

    String forkchoiceStatus()
    {
        return forkchoiceStatus;
    }

    String unknownBlockStatus()
    {
        return unknownBlockStatus;
    }

    boolean zeroStateRoot()
    {
        return zeroStateRoot;
    }

    long blockTimestampSeconds()
    {
        final Long fixed = fixedBlockTimestamp;
        return null != fixed ? fixed : System.currentTimeMillis() / 1000 - blockAgeSeconds;
    }

    private static <T> T lookup(final Map<String, T> map, final String method)
    {
        if (map.isEmpty())
        {
            return null;
        }
        final T exact = map.get(method);
        if (null != exact)
        {
            return exact;
        }
        T best = null;
        int bestLength = -1;
        for (final Map.Entry<String, T> e : map.entrySet())
        {
            final String key = e.getKey();
            if (key.endsWith("*") && method.startsWith(key.substring(0, key.length() - 1)) && key.length() > bestLength)
            {
                best = e.getValue();
                bestLength = key.length();
            }
        }
        return best;
    }
}
