package io.boostj.proxy.limits;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;

/**
 * The client IP that per-IP limits count, as upstream picks it: the LAST comma-separated entry of the configured
 * header (the one the closest proxy appended) when it parses as an IP address, otherwise the socket's peer address.
 * Only literal addresses are accepted, so nothing here ever resolves a name.
 */
public final class ClientAddress
{
    private ClientAddress()
    {
    }

    /**
     * @param headerValue the header's value, or null when absent.
     * @param peer        the socket's remote address.
     * @return the client IP as text.
     */
    public static String resolve(final String headerValue, final SocketAddress peer)
    {
        if (null != headerValue)
        {
            final int comma = headerValue.lastIndexOf(',');
            final String last = headerValue.substring(comma + 1).trim();
            final String parsed = parseLiteral(last);
            if (null != parsed)
            {
                return parsed;
            }
        }
        if (peer instanceof InetSocketAddress)
        {
            final InetAddress address = ((InetSocketAddress)peer).getAddress();
            if (null != address)
            {
                return address.getHostAddress();
            }
        }
        return String.valueOf(peer);
    }

    /**
     * @param text a candidate address.
     * @return its canonical form, or null when it is not a literal IPv4 or IPv6 address.
     */
    static String parseLiteral(final String text)
    {
        if (text.isEmpty() || !(isIpv4Literal(text) || text.indexOf(':') >= 0 && text.matches("[0-9A-Fa-f:.]+")))
        {
            return null;
        }
        try
        {
            return InetAddress.getByName(text).getHostAddress();
        }
        catch (final UnknownHostException ex)
        {
            return null;
        }
    }

    private static boolean isIpv4Literal(final String text)
    {
        final String[] parts = text.split("\\.", -1);
        if (4 != parts.length)
        {
            return false;
        }
        for (final String part : parts)
        {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit) || Integer.parseInt(part) > 255)
            {
                return false;
            }
        }
        return true;
    }
}
