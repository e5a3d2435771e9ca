package io.boostj.proxy.server;

import io.boostj.proxy.filter.SubscriptionFilter;
import io.boostj.proxy.limits.ApiKeys;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Where a request path leads: {@code /healthz}; {@code /ws} (public); {@code /ws/{key}} and
 * {@code /ws/{key}/filter?…} (with {@code --api-keys}). Decides 404, 401 and a bad filter (400) before any limit is
 * counted.
 */
final class UpgradeRoute
{
    enum Kind
    {
        HEALTH, SUBSCRIBE, NOT_FOUND, UNAUTHORIZED, BAD_REQUEST
    }

    final Kind kind;
    final String app;
    final SubscriptionFilter filter;
    final String error;

    private UpgradeRoute(final Kind kind, final String app, final SubscriptionFilter filter, final String error)
    {
        this.kind = kind;
        this.app = app;
        this.filter = filter;
        this.error = error;
    }

    static UpgradeRoute resolve(final String uri, final ApiKeys keys, final boolean publicAccess)
    {
        final QueryStringDecoder query = new QueryStringDecoder(uri);
        final String path = query.path();
        if ("/healthz".equals(path))
        {
            return new UpgradeRoute(Kind.HEALTH, null, null, null);
        }
        if ("/ws".equals(path))
        {
            return !keys.isEnabled() || publicAccess ? new UpgradeRoute(Kind.SUBSCRIBE, null, null, null) :
                new UpgradeRoute(Kind.NOT_FOUND, null, null, null);
        }
        if (!keys.isEnabled() || !path.startsWith("/ws/"))
        {
            return new UpgradeRoute(Kind.NOT_FOUND, null, null, null);
        }
        final String rest = path.substring(4);
        final int slash = rest.indexOf('/');
        final String key = slash < 0 ? rest : rest.substring(0, slash);
        final String tail = slash < 0 ? "" : rest.substring(slash);
        if (!tail.isEmpty() && !"/filter".equals(tail))
        {
            return new UpgradeRoute(Kind.NOT_FOUND, null, null, null);
        }
        final String app = keys.appFor(key);
        if (null == app)
        {
            return new UpgradeRoute(Kind.UNAUTHORIZED, null, null, null);
        }
        if (tail.isEmpty())
        {
            return new UpgradeRoute(Kind.SUBSCRIBE, app, null, null);
        }
        try
        {
            return new UpgradeRoute(Kind.SUBSCRIBE, app, SubscriptionFilter.parse(query), null);
        }
        catch (final IllegalArgumentException ex)
        {
            return new UpgradeRoute(Kind.BAD_REQUEST, app, null, ex.getMessage());
        }
    }
}
