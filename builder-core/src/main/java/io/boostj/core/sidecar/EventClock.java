package io.boostj.core.sidecar;

/**
 * Event time: the largest {@code recvTimeNs} seen so far (monotonic max). The engine's only notion of "now".
 */
final class EventClock
{
    private long nowNs;

    /**
     * Moves time forward to {@code recvTimeNs} if it is later; never backwards.
     *
     * @param recvTimeNs the receive time carried by an event.
     */
    void advance(final long recvTimeNs)
    {
        if (recvTimeNs > nowNs)
        {
            nowNs = recvTimeNs;
        }
    }

    long nowNs()
    {
        return nowNs;
    }

    void restore(final long nowNs)
    {
        this.nowNs = nowNs;
    }
}
