package io.boostj.perf;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The {@code chain} target's feed: a {@link FlashblocksDevnet} (real sidecar runtime, mock L2 and builder) whose
 * outbound flashblocks stream the target follows. A driver thread plays rounds as builder and op-node: the FCU through
 * the sidecar, then the round's flashblocks, open loop: flashblock k is due at {@code start + (k + 1) / rate} whatever
 * the FCU took, and its due time is stored in a shared array before it is sent, for {@link OrderTiming} to time the
 * k-th message each subscriber gets. Sending stops at the end of a round (so every connection's order stays aligned
 * with the rounds) or when the array is full.
 */
final class ChainFeed implements FanoutFeed
{
    private final FlashblocksDevnet chain;
    private final AtomicLongArray intendedNs;
    private final OrderTiming timing;
    private volatile boolean running;
    private volatile Throwable failure;
    private Thread driver;
    private int sent;

    /** @param capacity most flashblocks this feed will send (the intended-time array's length). */
    ChainFeed(final int roundSize, final int capacity) throws Exception
    {
        chain = FlashblocksDevnet.start(roundSize);
        intendedNs = new AtomicLongArray(capacity);
        timing = new OrderTiming(intendedNs, roundSize);
    }

    @Override
    public String upstreamUrl()
    {
        return chain.devnet().flashblocksUri().toString();
    }

    @Override
    public boolean awaitPeer(final long timeoutMs) throws InterruptedException
    {
        return FanoutFeed.await(() -> chain.devnet().sidecar().flashblocksSubscribers() >= 1, timeoutMs);
    }

    @Override
    public void startSending(final double rateHz)
    {
        stopSending();
        running = true;
        final long periodNs = (long)(1e9 / rateHz);
        final long startNs = System.nanoTime() - (long)sent * periodNs;
        driver = new Thread(() ->
        {
            try
            {
                while (running && sent < intendedNs.length())
                {
                    sent = chain.playRound(periodNs, intendedNs, sent, intendedNs.length(), startNs, () -> true);
                }
            }
            catch (final Exception ex)
            {
                failure = ex;
                System.err.println("[fanout] chain driver failed: " + ex);
            }
        }, "chain-builder");
        driver.setDaemon(true);
        driver.start();
    }

    @Override
    public void stopSending()
    {
        running = false;
        FanoutFeed.join(driver, TimeUnit.SECONDS.toMillis(30));
        driver = null;
        if (null != failure)
        {
            throw new IllegalStateException("the chain driver failed", failure);
        }
    }

    /** @return flashblocks sent: the intended times are set in order, so the first unset one (binary search). */
    @Override
    public long sent()
    {
        int lo = 0;
        int hi = intendedNs.length();
        while (lo < hi)
        {
            final int mid = (lo + hi) >>> 1;
            if (0 != intendedNs.get(mid))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public FanoutTiming timing()
    {
        return timing;
    }

    @Override
    public String describe()
    {
        return "chain: builder -> sidecar -> websocket-proxy -> subscribers. In this process: a mock builder's " +
            "flashblocks WebSocket (MockFlashblocksStream) plays Unichain Sepolia flashblock 0 and renumbered copies " +
            "of flashblock 1, " + chain.roundSize() + " per round after op-node's FCU (OpNodeDriver.startBlock through " +
            "the sidecar to the mock L2 and builder); the real sidecar runtime (devnet module, payload version 4, " +
            "journal on) follows it and re-encodes each flashblock onto its outbound stream; bin/websocket-proxy (child " +
            "process) follows that stream; the subscribers (this process) time the k-th message of each connection " +
            "from the k-th flashblock's intended send time and check its index. Open loop: flashblock k due at " +
            "start + (k + 1) / rate whatever the FCU took. cpu_pct/rss_mb are the proxy's; the sidecar's share is in " +
            "this process's (see the step lines).";
    }

    @Override
    public void close() throws Exception
    {
        running = false;
        try
        {
            stopSending();
        }
        finally
        {
            chain.close();
        }
    }
}
