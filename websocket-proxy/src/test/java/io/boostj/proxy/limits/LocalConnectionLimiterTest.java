package io.boostj.proxy.limits;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Upstream's in-memory rate-limit tests. */
class LocalConnectionLimiterTest
{
    @Test
    void shouldEnforceTheGlobalLimitAndReleaseTickets()
    {
        final LocalConnectionLimiter limiter = new LocalConnectionLimiter(2, 0);
        final Admission a = limiter.acquireNow("1.1.1.1", null, 0);
        assertTrue(limiter.acquireNow("2.2.2.2", null, 0).isAdmitted());
        assertEquals("Global limit", limiter.acquireNow("3.3.3.3", null, 0).refusal());
        a.ticket().release();
        a.ticket().release();
        assertTrue(limiter.acquireNow("3.3.3.3", null, 0).isAdmitted());
        assertEquals("Global limit", limiter.acquireNow("4.4.4.4", null, 0).refusal(), "a double release frees one slot");
    }

    @Test
    void shouldEnforcePerIpLimitsThatRemainEnforced()
    {
        final LocalConnectionLimiter limiter = new LocalConnectionLimiter(100, 2);
        assertTrue(limiter.acquireNow("1.1.1.1", null, 0).isAdmitted());
        assertTrue(limiter.acquireNow("1.1.1.1", null, 0).isAdmitted());
        for (int i = 0; i < 3; i++)
        {
            assertEquals("IP limit exceeded", limiter.acquireNow("1.1.1.1", null, 0).refusal());
        }
        assertTrue(limiter.acquireNow("1.1.1.2", null, 0).isAdmitted());
    }

    @Test
    void shouldEnforcePerAppLimitsWithoutLeakingTheIpCount()
    {
        final LocalConnectionLimiter limiter = new LocalConnectionLimiter(100, 1);
        final Admission a = limiter.acquireNow("1.1.1.1", "app", 1);
        assertEquals("App limit exceeded", limiter.acquireNow("2.2.2.2", "app", 1).refusal());
        assertEquals(0, limiter.counts().ipCount("2.2.2.2"), "upstream's quirk (IP counted on app refusal) is fixed");
        a.ticket().release();
        assertEquals(0, limiter.counts().appCount("app"));
        assertTrue(limiter.acquireNow("2.2.2.2", "app", 1).isAdmitted());
    }
}
