package io.boostj.perf;

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
}
