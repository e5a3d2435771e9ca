package io.boostj.perf;

import java.util.function.BooleanSupplier;

/**
 * What a fan-out target subscribes to and what paces the load: {@link FanoutSource} (synthetic messages straight to the
 * target) or {@link ChainFeed} (flashblocks played as the builder into the in-process sidecar, whose outbound stream
 * the target follows).
 */
interface FanoutFeed extends AutoCloseable
{
    /** @return the WebSocket URL the target subscribes to. */
    String upstreamUrl();

    /** @return whether the target subscribed within the timeout. */
    boolean awaitPeer(long timeoutMs) throws InterruptedException;

    /** Starts sending, open loop, {@code rateHz} messages per second until {@link #stopSending()}. */
    void startSending(double rateHz);

    void stopSending();

    /** @return messages sent so far. */
    long sent();

    /** @return how subscribers time this feed's messages. */
    FanoutTiming timing();

    /** @return a line for run.txt on what the pipeline is. */
    String describe();

    @Override
    void close() throws Exception;

    /** @return whether {@code condition} held within {@code timeoutMs} (checked every 20 ms). */
    static boolean await(final BooleanSupplier condition, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean())
        {
            if (System.currentTimeMillis() > deadline)
            {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Waits up to {@code timeoutMs} for a sending thread to end (null: nothing to wait for). */
    static void join(final Thread thread, final long timeoutMs)
    {
        if (null == thread)
        {
            return;
        }
        try
        {
            thread.join(timeoutMs);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
