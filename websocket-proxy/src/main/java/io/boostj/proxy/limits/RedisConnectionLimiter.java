package io.boostj.proxy.limits;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Limits shared by every instance through one Redis ({@link RedisScripts} has the key layout). The instance limit is
 * this instance's own; the per-IP and per-app limits are checked against the sum over live instances, atomically.
 * <p>
 * <b>Failure policy</b>: if Redis cannot be reached at start, {@link #connect} throws and the caller falls back to
 * {@link LocalConnectionLimiter} (and says so). If a Redis call fails later, that request is decided by this
 * instance's own counts against the same limits (so one instance never exceeds them, the fleet at worst N times
 * the per-IP and per-app limits), existing connections are kept, and the heartbeat writes this instance's true
 * counts back once Redis answers again, which also repairs releases that failed meanwhile.
 */
public final class RedisConnectionLimiter implements ConnectionLimiter
{
    private static final Logger LOG = LoggerFactory.getLogger(RedisConnectionLimiter.class);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> redis;
    private final LocalCounts counts;
    private final int perIpLimit;
    private final String instanceId;
    private final String prefix;
    private final String instancesKey;
    private final String ownKeysKey;
    private final long instanceTtlMs;
    private final ScheduledExecutorService heartbeat;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean degraded = new AtomicBoolean();
    private final AtomicLong fallbackDecisions = new AtomicLong();
    private final AtomicLong cleanedInstances = new AtomicLong();

    private RedisConnectionLimiter(final Context ctx, final RedisClient client,
        final StatefulRedisConnection<String, String> connection)
    {
        this.client = client;
        this.connection = connection;
        this.redis = connection.async();
        this.counts = new LocalCounts(ctx.instanceLimit, ctx.perIpLimit);
        this.perIpLimit = ctx.perIpLimit;
        this.instanceId = null != ctx.instanceId ? ctx.instanceId : UUID.randomUUID().toString();
        this.prefix = ctx.keyPrefix;
        this.instancesKey = prefix + ":instances";
        this.ownKeysKey = prefix + ":instance:" + instanceId + ":keys";
        this.instanceTtlMs = ctx.instanceTtlMs;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread t = new Thread(r, "redis-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Connects, registers this instance with a first heartbeat and starts the heartbeat.
     *
     * @param ctx the settings.
     * @return the limiter.
     * @throws IllegalStateException when Redis cannot be reached or refuses the first heartbeat.
     */
    public static RedisConnectionLimiter connect(final Context ctx)
    {
        final RedisURI uri = RedisURI.create(ctx.url);
        uri.setTimeout(Duration.ofMillis(ctx.commandTimeoutMs));
        final RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(Duration.ofMillis(ctx.commandTimeoutMs)))
            .build());
        try
        {
            final RedisConnectionLimiter limiter = new RedisConnectionLimiter(ctx, client, client.connect());
            limiter.beat().toCompletableFuture().get(ctx.commandTimeoutMs, TimeUnit.MILLISECONDS);
            limiter.heartbeat.scheduleAtFixedRate(limiter::beatQuietly, ctx.heartbeatIntervalMs, ctx.heartbeatIntervalMs,
                TimeUnit.MILLISECONDS);
            LOG.info("limits: shared through Redis {} as instance {} (prefix {})", ctx.url, limiter.instanceId, ctx.keyPrefix);
            return limiter;
        }
        catch (final Exception ex)
        {
            client.shutdown(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot reach Redis at " + ctx.url + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public CompletionStage<Admission> acquire(final String ip, final String app, final int appLimit)
    {
        if (!counts.tryReserveInstance())
        {
            return java.util.concurrent.CompletableFuture.completedFuture(
                Admission.refused("Maximum connection limit reached for this server instance"));
        }
        final boolean hasApp = null != app;
        inFlight.incrementAndGet();
        final String[] keys = {instancesKey, ipKey(ip), hasApp ? appKey(app) : ipKey(ip), ownKeysKey};
        final String liveSinceMs = Long.toString(System.currentTimeMillis() - instanceTtlMs);
        return redis.<Long>eval(RedisScripts.ACQUIRE, ScriptOutputType.INTEGER, keys,
                instanceId, Integer.toString(perIpLimit), Integer.toString(appLimit), liveSinceMs, hasApp ? "1" : "0")
            .handle((result, error) ->
            {
                inFlight.decrementAndGet();
                if (null != error)
                {
                    counts.cancelReservation();
                    return decideLocally(ip, app, appLimit, error);
                }
                onRedisAnswered();
                if (0L == result)
                {
                    counts.commitReservation(ip, app);
                    return Admission.admitted(new Ticket(ip, app, () -> releaseShared(ip, app)));
                }
                counts.cancelReservation();
                return Admission.refused(1L == result ? "Per-IP connection limit reached for " + ip :
                    "Per-app connection limit reached for " + app);
            });
    }

    private Admission decideLocally(final String ip, final String app, final int appLimit, final Throwable error)
    {
        fallbackDecisions.incrementAndGet();
        if (degraded.compareAndSet(false, true))
        {
            LOG.warn("limits: Redis failed ({}); deciding with this instance's own counts until it answers again",
                error.toString());
        }
        final int result = counts.tryAcquire(ip, app, appLimit, true);
        switch (result)
        {
            case LocalCounts.OK:
                return Admission.admitted(new Ticket(ip, app, () -> counts.release(ip, app)));
            case LocalCounts.INSTANCE_FULL:
                return Admission.refused("Maximum connection limit reached for this server instance");
            case LocalCounts.IP_FULL:
                return Admission.refused("Per-IP connection limit reached for " + ip);
            default:
                return Admission.refused("Per-app connection limit reached for " + app);
        }
    }

    private void onRedisAnswered()
    {
        if (degraded.compareAndSet(true, false))
        {
            LOG.info("limits: Redis answers again; shared limits are back");
        }
    }

    private void releaseShared(final String ip, final String app)
    {
        counts.release(ip, app);
        final boolean hasApp = null != app;
        inFlight.incrementAndGet();
        redis.<Long>eval(RedisScripts.RELEASE, ScriptOutputType.INTEGER,
                new String[] {ipKey(ip), hasApp ? appKey(app) : ipKey(ip)}, instanceId, hasApp ? "1" : "0")
            .whenComplete((result, error) ->
            {
                inFlight.decrementAndGet();
                if (null != error)
                {
                    LOG.debug("limits: release in Redis failed ({}); the next heartbeat repairs it", error.toString());
                }
            });
    }

    private CompletionStage<Long> beat()
    {
        final long nowMs = System.currentTimeMillis();
        final boolean reconcile = 0 == inFlight.get();
        final List<String> args = new ArrayList<>();
        args.add(instanceId);
        args.add(Long.toString(nowMs));
        args.add(Long.toString(nowMs - instanceTtlMs));
        args.add(prefix + ":instance:");
        args.add(":keys");
        args.add(reconcile ? "1" : "0");
        if (reconcile)
        {
            for (final Map.Entry<String, Integer> e : counts.ipSnapshot().entrySet())
            {
                args.add(ipKey(e.getKey()));
                args.add(e.getValue().toString());
            }
            for (final Map.Entry<String, Integer> e : counts.appSnapshot().entrySet())
            {
                args.add(appKey(e.getKey()));
                args.add(e.getValue().toString());
            }
        }
        return redis.<Long>eval(RedisScripts.HEARTBEAT, ScriptOutputType.INTEGER,
                new String[] {instancesKey, ownKeysKey}, args.toArray(new String[0]))
            .thenApply(cleaned ->
            {
                onRedisAnswered();
                if (cleaned > 0)
                {
                    cleanedInstances.addAndGet(cleaned);
                    LOG.info("limits: removed the counts of {} instance(s) without a heartbeat", cleaned);
                }
                return cleaned;
            });
    }

    private void beatQuietly()
    {
        beat().whenComplete((cleaned, error) ->
        {
            if (null != error && degraded.compareAndSet(false, true))
            {
                LOG.warn("limits: Redis heartbeat failed ({}); deciding with this instance's own counts", error.toString());
            }
        });
    }

    /** Runs one heartbeat now and waits for it (tests). @throws Exception when Redis fails. */
    void beatNow() throws Exception
    {
        beat().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private String ipKey(final String ip)
    {
        return prefix + ":ip:" + ip;
    }

    private String appKey(final String app)
    {
        return prefix + ":app:" + app;
    }

    /** @return this instance's id in Redis. */
    public String instanceId()
    {
        return instanceId;
    }

    /** @return this instance's own counts. */
    public LocalCounts counts()
    {
        return counts;
    }

    /** @return true while Redis calls fail and admissions use the local counts. */
    public boolean isDegraded()
    {
        return degraded.get();
    }

    /** @return admissions decided locally because Redis failed. */
    public long fallbackDecisions()
    {
        return fallbackDecisions.get();
    }

    /** @return dead instances whose counts this instance removed. */
    public long cleanedInstances()
    {
        return cleanedInstances.get();
    }

    @Override
    public String mode()
    {
        return "redis";
    }

    /** Stops the heartbeat and disconnects; the counts stay until another instance finds the heartbeat stale. */
    @Override
    public void close()
    {
        heartbeat.shutdownNow();
        connection.close();
        client.shutdown(0, 1, TimeUnit.SECONDS);
    }

    /** Settings of a {@link RedisConnectionLimiter}. */
    public static final class Context
    {
        String url;
        String keyPrefix = "flashblocks";
        String instanceId;
        int instanceLimit = 100;
        int perIpLimit = 10;
        long heartbeatIntervalMs = 5_000;
        long instanceTtlMs = 30_000;
        long commandTimeoutMs = 2_000;

        /** @param url redis://host:port. @return this. */
        public Context url(final String url)
        {
            this.url = url;
            return this;
        }

        /** @param keyPrefix prefix of every key. @return this. */
        public Context keyPrefix(final String keyPrefix)
        {
            this.keyPrefix = keyPrefix;
            return this;
        }

        /** @param instanceId this instance's id; null for a random UUID. @return this. */
        public Context instanceId(final String instanceId)
        {
            this.instanceId = instanceId;
            return this;
        }

        /** @param instanceLimit connections this instance accepts. @return this. */
        public Context instanceLimit(final int instanceLimit)
        {
            this.instanceLimit = instanceLimit;
            return this;
        }

        /** @param perIpLimit connections per IP across instances, 0 = unlimited. @return this. */
        public Context perIpLimit(final int perIpLimit)
        {
            this.perIpLimit = perIpLimit;
            return this;
        }

        /** @param heartbeatIntervalMs heartbeat period (upstream: 5 s). @return this. */
        public Context heartbeatIntervalMs(final long heartbeatIntervalMs)
        {
            this.heartbeatIntervalMs = heartbeatIntervalMs;
            return this;
        }

        /** @param instanceTtlMs an instance without a heartbeat for this long is dead (upstream: 30 s). @return this. */
        public Context instanceTtlMs(final long instanceTtlMs)
        {
            this.instanceTtlMs = instanceTtlMs;
            return this;
        }

        /** @param commandTimeoutMs budget of one Redis call, and of connecting. @return this. */
        public Context commandTimeoutMs(final long commandTimeoutMs)
        {
            this.commandTimeoutMs = commandTimeoutMs;
            return this;
        }
    }
}
