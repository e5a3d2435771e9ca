package io.boostj.proxy.limits;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Redis limiter against a real redis-server: shared limits, dead-instance cleanup, the failure policy. */
class RedisConnectionLimiterTest
{
    private RedisServerProcess redis;

    @BeforeEach
    void startRedis() throws Exception
    {
        redis = RedisServerProcess.start();
    }

    @AfterEach
    void stopRedis() throws Exception
    {
        if (null != redis)
        {
            redis.close();
        }
    }

    private RedisConnectionLimiter.Context ctx(final String id)
    {
        return new RedisConnectionLimiter.Context().url(redis.url()).instanceId(id).keyPrefix("t")
            .instanceLimit(100).perIpLimit(2).heartbeatIntervalMs(100).instanceTtlMs(400).commandTimeoutMs(1_000);
    }

    private static Admission acquire(final ConnectionLimiter limiter, final String ip, final String app, final int appLimit)
        throws Exception
    {
        return limiter.acquire(ip, app, appLimit).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void shouldShareThePerIpLimitAcrossInstances() throws Exception
    {
        try (RedisConnectionLimiter a = RedisConnectionLimiter.connect(ctx("a"));
            RedisConnectionLimiter b = RedisConnectionLimiter.connect(ctx("b")))
        {
            final Admission first = acquire(a, "1.1.1.1", null, 0);
            assertTrue(first.isAdmitted());
            assertTrue(acquire(b, "1.1.1.1", null, 0).isAdmitted());
            final Admission third = acquire(a, "1.1.1.1", null, 0);
            assertFalse(third.isAdmitted());
            assertEquals("Per-IP connection limit reached for 1.1.1.1", third.refusal());
            assertTrue(acquire(b, "2.2.2.2", null, 0).isAdmitted(), "other IPs are counted apart");
            first.ticket().release();
            Thread.sleep(100);
            assertTrue(acquire(b, "1.1.1.1", null, 0).isAdmitted(), "a released slot is free for any instance");
        }
    }

    @Test
    void shouldShareThePerAppLimitAcrossInstances() throws Exception
    {
        try (RedisConnectionLimiter a = RedisConnectionLimiter.connect(ctx("a").perIpLimit(0));
            RedisConnectionLimiter b = RedisConnectionLimiter.connect(ctx("b").perIpLimit(0)))
        {
            assertTrue(acquire(a, "1.1.1.1", "app", 2).isAdmitted());
            assertTrue(acquire(b, "2.2.2.2", "app", 2).isAdmitted());
            assertEquals("Per-app connection limit reached for app", acquire(a, "3.3.3.3", "app", 2).refusal());
            assertTrue(acquire(a, "3.3.3.3", "other", 2).isAdmitted());
        }
    }

    @Test
    void shouldEnforceTheInstanceLimitLocally() throws Exception
    {
        try (RedisConnectionLimiter a = RedisConnectionLimiter.connect(ctx("a").instanceLimit(1).perIpLimit(0)))
        {
            assertTrue(acquire(a, "1.1.1.1", null, 0).isAdmitted());
            assertEquals("Maximum connection limit reached for this server instance",
                acquire(a, "2.2.2.2", null, 0).refusal());
        }
    }

    @Test
    void shouldIgnoreAndCleanUpTheCountsOfADeadInstance() throws Exception
    {
        final RedisConnectionLimiter dead = RedisConnectionLimiter.connect(ctx("dead"));
        assertTrue(acquire(dead, "1.1.1.1", "app", 5).isAdmitted());
        assertTrue(acquire(dead, "1.1.1.1", "app", 5).isAdmitted());
        dead.close();
        try (RedisConnectionLimiter live = RedisConnectionLimiter.connect(ctx("live")))
        {
            assertFalse(acquire(live, "1.1.1.1", null, 0).isAdmitted(), "the dead instance's heartbeat is still fresh");
            Thread.sleep(600);
            live.beatNow();
            assertTrue(live.cleanedInstances() >= 1);
            assertTrue(acquire(live, "1.1.1.1", null, 0).isAdmitted());
            assertTrue(acquire(live, "1.1.1.1", null, 0).isAdmitted());
        }
    }

    @Test
    void shouldRefuseToStartWhenRedisIsDown() throws Exception
    {
        redis.stopProcess();
        assertThrows(IllegalStateException.class, () -> RedisConnectionLimiter.connect(ctx("a")));
    }

    @Test
    void shouldDecideWithLocalCountsWhileRedisIsDownAndRepairRedisAfter() throws Exception
    {
        try (RedisConnectionLimiter a = RedisConnectionLimiter.connect(ctx("a"));
            RedisConnectionLimiter b = RedisConnectionLimiter.connect(ctx("b")))
        {
            final Admission held = acquire(a, "1.1.1.1", null, 0);
            assertTrue(held.isAdmitted());
            redis.stopProcess();
            assertTrue(acquire(a, "1.1.1.1", null, 0).isAdmitted(), "local count 1 < limit 2");
            assertTrue(a.isDegraded());
            final Admission third = acquire(a, "1.1.1.1", null, 0);
            assertEquals("Per-IP connection limit reached for 1.1.1.1", third.refusal(), "the limit still holds locally");
            assertTrue(a.fallbackDecisions() >= 2);

            redis.startProcess();
            final long deadline = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < deadline)
            {
                try
                {
                    a.beatNow();
                    break;
                }
                catch (final Exception retry)
                {
                    Thread.sleep(100);
                }
            }
            assertFalse(a.isDegraded());
            assertEquals("Per-IP connection limit reached for 1.1.1.1", acquire(b, "1.1.1.1", null, 0).refusal(),
                "the restarted Redis learned a's two connections from a's heartbeat");
        }
    }
}
