package io.boostj.proxy.limits;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Upstream's in-memory limiter: instance, per-IP and per-app limits of this instance alone. Unlike upstream, a refusal
 * by the app limit leaves the IP count as it was.
 */
public final class LocalConnectionLimiter implements ConnectionLimiter
{
    private final LocalCounts counts;

    /**
     * @param instanceLimit connections this instance accepts.
     * @param perIpLimit    connections per IP, 0 = unlimited.
     */
    public LocalConnectionLimiter(final int instanceLimit, final int perIpLimit)
    {
        this.counts = new LocalCounts(instanceLimit, perIpLimit);
    }

    @Override
    public CompletionStage<Admission> acquire(final String ip, final String app, final int appLimit)
    {
        return CompletableFuture.completedFuture(acquireNow(ip, app, appLimit));
    }

    /**
     * @param ip       client IP.
     * @param app      app or null.
     * @param appLimit the app's limit.
     * @return the admission, decided at once.
     */
    public Admission acquireNow(final String ip, final String app, final int appLimit)
    {
        final int result = counts.tryAcquire(ip, app, appLimit, true);
        switch (result)
        {
            case LocalCounts.OK:
                return Admission.admitted(new Ticket(ip, app, () -> counts.release(ip, app)));
            case LocalCounts.INSTANCE_FULL:
                return Admission.refused("Global limit");
            case LocalCounts.IP_FULL:
                return Admission.refused("IP limit exceeded");
            default:
                return Admission.refused("App limit exceeded");
        }
    }

    /** @return the counts, for tests and metrics. */
    public LocalCounts counts()
    {
        return counts;
    }

    @Override
    public String mode()
    {
        return "local";
    }

    @Override
    public void close()
    {
    }
}
