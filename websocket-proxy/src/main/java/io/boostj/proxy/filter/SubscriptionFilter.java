package io.boostj.proxy.filter;

import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Base's {@code /ws/{key}/filter?addresses=a,b&topics=t1,t2&match=any|all}: with {@code any} (the default) a
 * flashblock is sent when it touches one of the addresses or carries one of the topics; with {@code all}, when it
 * touches every address and carries every topic.
 */
public final class SubscriptionFilter
{
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");
    private static final Pattern TOPIC = Pattern.compile("0x[0-9a-f]{64}");

    private final Set<String> addresses;
    private final Set<String> topics;
    private final boolean matchAll;

    private SubscriptionFilter(final Set<String> addresses, final Set<String> topics, final boolean matchAll)
    {
        this.addresses = addresses;
        this.topics = topics;
        this.matchAll = matchAll;
    }

    /**
     * @param query the decoded query string.
     * @return the filter.
     * @throws IllegalArgumentException naming the bad parameter: neither addresses nor topics, a malformed address or
     *                                  topic, a match other than any or all.
     */
    public static SubscriptionFilter parse(final QueryStringDecoder query)
    {
        final Map<String, List<String>> params = query.parameters();
        final Set<String> addresses = values(params.get("addresses"), ADDRESS, "address");
        final Set<String> topics = values(params.get("topics"), TOPIC, "topic");
        if (addresses.isEmpty() && topics.isEmpty())
        {
            throw new IllegalArgumentException("filter needs addresses or topics");
        }
        final List<String> match = params.get("match");
        final String mode = null == match || match.isEmpty() ? "any" : match.get(0);
        if (!"any".equals(mode) && !"all".equals(mode))
        {
            throw new IllegalArgumentException("match must be any or all, got '" + mode + "'");
        }
        return new SubscriptionFilter(addresses, topics, "all".equals(mode));
    }

    private static Set<String> values(final List<String> raw, final Pattern pattern, final String what)
    {
        final Set<String> out = new LinkedHashSet<>();
        if (null == raw)
        {
            return out;
        }
        for (final String list : raw)
        {
            for (final String item : list.split(","))
            {
                final String value = FlashblockFacts.normalize(item);
                if (value.isEmpty())
                {
                    continue;
                }
                if (!pattern.matcher(value).matches())
                {
                    throw new IllegalArgumentException("invalid " + what + " '" + item + "'");
                }
                out.add(value);
            }
        }
        return out;
    }

    /**
     * @param facts a flashblock's facts.
     * @return true when it should be sent.
     */
    public boolean matches(final FlashblockFacts facts)
    {
        if (matchAll)
        {
            for (final String a : addresses)
            {
                if (!facts.hasAddress(a))
                {
                    return false;
                }
            }
            for (final String t : topics)
            {
                if (!facts.hasTopic(t))
                {
                    return false;
                }
            }
            return true;
        }
        for (final String a : addresses)
        {
            if (facts.hasAddress(a))
            {
                return true;
            }
        }
        for (final String t : topics)
        {
            if (facts.hasTopic(t))
            {
                return true;
            }
        }
        return false;
    }
}
