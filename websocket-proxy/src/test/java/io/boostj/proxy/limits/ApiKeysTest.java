package io.boostj.proxy.limits;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Upstream's {@code test_parsing}, plus Base's two-part form. */
class ApiKeysTest
{
    @Test
    void shouldParseUpstreamAndBaseEntries()
    {
        final ApiKeys keys = ApiKeys.parse("app1:key1:10, app2:key2");
        assertTrue(keys.isEnabled());
        assertEquals("app1", keys.appFor("key1"));
        assertEquals("app2", keys.appFor("key2"));
        assertNull(keys.appFor("key3"));
        assertEquals(10, keys.appLimit("app1"));
        assertEquals(ApiKeys.UNLIMITED, keys.appLimit("app2"));
        assertFalse(ApiKeys.parse(null).isEnabled());
        assertFalse(ApiKeys.parse("  ").isEnabled());
    }

    @Test
    void shouldRefuseBadEntriesNamingThem()
    {
        for (final String bad : new String[] {"app1", "app1:key1:10:extra", ":key", "app:", "app:key:0", "app:key:x",
            "app1:key1,app1:key2", "app1:key1,app2:key1"})
        {
            assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse(bad), bad);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse("a:k,a:j")).getMessage()
            .contains("duplicate app"));
    }
}
