package io.boostj.proxy;

import io.boostj.proxy.limits.RedisServerProcess;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two proxy instances sharing one real redis-server. */
class ProxyRedisTest
{
    @Test
    void shouldEnforceOneGlobalPerIpLimitAcrossTwoInstances() throws Exception
    {
        try (RedisServerProcess redis = RedisServerProcess.start();
            TestUpstream upstream = new TestUpstream().start(0);
            RunningProxy one = new RunningProxy("--upstream-ws", upstream.url(), "--redis-url", redis.url(),
                "--per-ip-connection-limit", "2");
            RunningProxy two = new RunningProxy("--upstream-ws", upstream.url(), "--redis-url", redis.url(),
                "--per-ip-connection-limit", "2"))
        {
            assertEquals("redis", one.runtime.limiter().mode());
            final Map<String, String> ip = Map.of("X-Forwarded-For", "203.0.113.7");
            final TestSubscriber a = TestSubscriber.connect(one.url("/ws"), ip);
            final TestSubscriber b = TestSubscriber.connect(two.url("/ws"), ip);
            final TestSubscriber.Refused refused =
                assertThrows(TestSubscriber.Refused.class, () -> TestSubscriber.connect(one.url("/ws"), ip));
            assertEquals(429, refused.status);
            assertTrue(refused.body.contains("Per-IP connection limit reached for 203.0.113.7"), refused.body);
            assertEquals(429, assertThrows(TestSubscriber.Refused.class,
                () -> TestSubscriber.connect(two.url("/ws"), ip)).status);
            TestSubscriber.connect(two.url("/ws"), Map.of("X-Forwarded-For", "203.0.113.8")).close();
            a.close();
            one.awaitClients(0);
            Thread.sleep(100);
            TestSubscriber.connect(two.url("/ws"), ip).close();
            b.close();
        }
    }

    @Test
    void shouldFallBackToLocalLimitsWhenRedisIsDownAtStart() throws Exception
    {
        try (TestUpstream upstream = new TestUpstream().start(0);
            RunningProxy proxy = new RunningProxy("--upstream-ws", upstream.url(), "--redis-url", "redis://127.0.0.1:1",
                "--per-ip-connection-limit", "1");
            TestSubscriber a = TestSubscriber.connect(proxy.url("/ws")))
        {
            assertEquals("local", proxy.runtime.limiter().mode());
            assertEquals(429, assertThrows(TestSubscriber.Refused.class,
                () -> TestSubscriber.connect(proxy.url("/ws"))).status);
        }
    }
}
