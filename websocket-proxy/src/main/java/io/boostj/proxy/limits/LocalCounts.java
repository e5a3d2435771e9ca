package io.boostj.proxy.limits;

import java.util.HashMap;
import java.util.Map;

/**
 * This instance's own connection counts: in total, per client IP, per app. The in-memory limiter checks against them;
 * the Redis limiter keeps them as the instance's truth, to fall back on and to repair Redis from. Thread safe
 * (admissions are rare next to messages, so one lock is enough).
 */
public final class LocalCounts
{
    /** {@link #tryAcquire} result: admitted and counted. */
    public static final int OK = 0;
    /** Refused: the instance is full. */
    public static final int INSTANCE_FULL = 1;
    /** Refused: the IP has its limit. */
    public static final int IP_FULL = 2;
    /** Refused: the app has its limit. */
    public static final int APP_FULL = 3;

    private final int instanceLimit;
    private final int perIpLimit;
    private final Map<String, Integer> byIp = new HashMap<>();
    private final Map<String, Integer> byApp = new HashMap<>();
    private int total;

    /**
     * @param instanceLimit connections this instance accepts.
     * @param perIpLimit    connections per IP, 0 = unlimited.
     */
    public LocalCounts(final int instanceLimit, final int perIpLimit)
    {
        this.instanceLimit = instanceLimit;
        this.perIpLimit = perIpLimit;
    }

    /**
     * Counts the connection when every limit has room; counts nothing otherwise.
     *
     * @param ip          client IP.
     * @param app         app or null.
     * @param appLimit    the app's limit, 0 = unlimited.
     * @param checkShared false to check only the instance limit (Redis checked the IP and app limits).
     * @return {@link #OK}, {@link #INSTANCE_FULL}, {@link #IP_FULL} or {@link #APP_FULL}.
     */
    public synchronized int tryAcquire(final String ip, final String app, final int appLimit, final boolean checkShared)
    {
        if (total >= instanceLimit)
        {
            return INSTANCE_FULL;
        }
        if (checkShared && perIpLimit > 0 && byIp.getOrDefault(ip, 0) >= perIpLimit)
        {
            return IP_FULL;
        }
        if (checkShared && null != app && appLimit > 0 && byApp.getOrDefault(app, 0) >= appLimit)
        {
            return APP_FULL;
        }
        total++;
        byIp.merge(ip, 1, Integer::sum);
        if (null != app)
        {
            byApp.merge(app, 1, Integer::sum);
        }
        return OK;
    }

    /**
     * Reserves an instance slot only (before asking Redis), so the instance limit holds while Redis answers.
     *
     * @return true when there was room.
     */
    public synchronized boolean tryReserveInstance()
    {
        if (total >= instanceLimit)
        {
            return false;
        }
        total++;
        return true;
    }

    /** Gives back a slot taken by {@link #tryReserveInstance()} that was then refused. */
    public synchronized void cancelReservation()
    {
        total--;
    }

    /**
     * Turns a reservation into a counted connection.
     *
     * @param ip  client IP.
     * @param app app or null.
     */
    public synchronized void commitReservation(final String ip, final String app)
    {
        byIp.merge(ip, 1, Integer::sum);
        if (null != app)
        {
            byApp.merge(app, 1, Integer::sum);
        }
    }

    /**
     * @param ip  client IP of an ended connection.
     * @param app its app or null.
     */
    public synchronized void release(final String ip, final String app)
    {
        total--;
        byIp.computeIfPresent(ip, (k, v) -> v > 1 ? v - 1 : null);
        if (null != app)
        {
            byApp.computeIfPresent(app, (k, v) -> v > 1 ? v - 1 : null);
        }
    }

    /** @return connections counted. */
    public synchronized int total()
    {
        return total;
    }

    /** @param ip client IP. @return its connections here. */
    public synchronized int ipCount(final String ip)
    {
        return byIp.getOrDefault(ip, 0);
    }

    /** @param app app name. @return its connections here. */
    public synchronized int appCount(final String app)
    {
        return byApp.getOrDefault(app, 0);
    }

    /** @return a copy of the per-IP counts. */
    public synchronized Map<String, Integer> ipSnapshot()
    {
        return new HashMap<>(byIp);
    }

    /** @return a copy of the per-app counts. */
    public synchronized Map<String, Integer> appSnapshot()
    {
        return new HashMap<>(byApp);
    }
}
