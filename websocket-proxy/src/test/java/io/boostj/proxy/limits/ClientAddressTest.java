package io.boostj.proxy.limits;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Upstream's {@code test_header_addr}. */
class ClientAddressTest
{
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 5555);

    @Test
    void shouldTakeTheLastHeaderEntry()
    {
        assertEquals("5.6.7.8", ClientAddress.resolve("1.2.3.4, 5.6.7.8", PEER));
        assertEquals("1.2.3.4", ClientAddress.resolve("1.2.3.4", PEER));
        assertEquals("2001:db8:0:0:0:0:0:1", ClientAddress.resolve("10.0.0.1,2001:db8::1", PEER));
    }

    @Test
    void shouldFallBackToThePeerForAbsentOrInvalidHeaders()
    {
        assertEquals("127.0.0.1", ClientAddress.resolve(null, PEER));
        assertEquals("127.0.0.1", ClientAddress.resolve("not-an-ip", PEER));
        assertEquals("127.0.0.1", ClientAddress.resolve("1.2.3.4, ", PEER));
        assertEquals("127.0.0.1", ClientAddress.resolve("999.1.1.1", PEER));
        assertEquals("127.0.0.1", ClientAddress.resolve("example.com", PEER));
    }
}
