package io.boostj.proxy.limits;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parsed {@code --api-keys}: upstream's {@code app:key:maxConns} entries, and Base's {@code app:key} (no per-app
 * limit), comma separated. Bad entries are refused at startup with the entry named, as upstream refuses them.
 */
public final class ApiKeys
{
    /** {@link #appLimit} of an app without a limit. */
    public static final int UNLIMITED = 0;

    private final Map<String, String> appByKey;
    private final Map<String, Integer> limitByApp;

    private ApiKeys(final Map<String, String> appByKey, final Map<String, Integer> limitByApp)
    {
        this.appByKey = appByKey;
        this.limitByApp = limitByApp;
    }

    /** @return no keys: only the public route. */
    public static ApiKeys none()
    {
        return new ApiKeys(Collections.emptyMap(), Collections.emptyMap());
    }

    /**
     * @param spec {@code app:key:maxConns,…} or {@code app:key,…}; null or blank for none.
     * @return the keys.
     * @throws IllegalArgumentException naming the bad entry: missing part, more than three parts, a limit that is not
     *                                  a positive number, a duplicate app or key.
     */
    public static ApiKeys parse(final String spec)
    {
        if (null == spec || spec.isBlank())
        {
            return none();
        }
        final Map<String, String> appByKey = new HashMap<>();
        final Map<String, Integer> limitByApp = new LinkedHashMap<>();
        for (final String raw : spec.split(","))
        {
            final String entry = raw.trim();
            if (entry.isEmpty())
            {
                continue;
            }
            final String[] parts = entry.split(":", -1);
            if (parts.length < 2 || parts.length > 3)
            {
                throw new IllegalArgumentException("--api-keys entry '" + entry + "': expected app:key or app:key:maxConns");
            }
            final String app = parts[0].trim();
            final String key = parts[1].trim();
            if (app.isEmpty() || key.isEmpty())
            {
                throw new IllegalArgumentException("--api-keys entry '" + entry + "': empty app or key");
            }
            int limit = UNLIMITED;
            if (3 == parts.length)
            {
                try
                {
                    limit = Integer.parseInt(parts[2].trim());
                }
                catch (final NumberFormatException ex)
                {
                    limit = -1;
                }
                if (limit <= 0)
                {
                    throw new IllegalArgumentException("--api-keys entry '" + entry + "': maxConns must be a positive number");
                }
            }
            if (limitByApp.containsKey(app))
            {
                throw new IllegalArgumentException("--api-keys: duplicate app '" + app + "'");
            }
            if (appByKey.containsKey(key))
            {
                throw new IllegalArgumentException("--api-keys: duplicate key for app '" + app + "'");
            }
            appByKey.put(key, app);
            limitByApp.put(app, limit);
        }
        return new ApiKeys(appByKey, limitByApp);
    }

    /** @return true when at least one key is configured. */
    public boolean isEnabled()
    {
        return !appByKey.isEmpty();
    }

    /**
     * @param key an API key from a request path.
     * @return its app, or null for an unknown key.
     */
    public String appFor(final String key)
    {
        return appByKey.get(key);
    }

    /**
     * @param app an app name.
     * @return its connection limit, or {@link #UNLIMITED}.
     */
    public int appLimit(final String app)
    {
        return limitByApp.getOrDefault(app, UNLIMITED);
    }

    /** @return the app names, in the order given. */
    public Iterable<String> apps()
    {
        return limitByApp.keySet();
    }
}
