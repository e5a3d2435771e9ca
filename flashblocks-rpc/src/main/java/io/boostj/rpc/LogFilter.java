package io.boostj.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An eth_getLogs / pendingLogs filter over pending logs: addresses (any of) and topics by position (null = any, a
 * value or any of a list).
 */
final class LogFilter
{
    private final Set<String> addresses;
    private final List<Set<String>> topics;

    private LogFilter(final Set<String> addresses, final List<Set<String>> topics)
    {
        this.addresses = addresses;
        this.topics = topics;
    }

    static LogFilter parse(final JsonNode filter)
    {
        final Set<String> addresses = values(filter.path("address"), "address");
        final List<Set<String>> topics = new ArrayList<>();
        final JsonNode t = filter.path("topics");
        if (!t.isMissingNode() && !t.isNull())
        {
            if (!t.isArray())
            {
                throw new RpcError(RpcError.INVALID_PARAMS, "filter topics must be an array");
            }
            for (final JsonNode position : t)
            {
                topics.add(values(position, "topic"));
            }
        }
        return new LogFilter(addresses, topics);
    }

    private static Set<String> values(final JsonNode node, final String what)
    {
        if (node.isMissingNode() || node.isNull())
        {
            return null;
        }
        final Set<String> set = new HashSet<>();
        if (node.isTextual())
        {
            set.add(node.asText().toLowerCase(Locale.ROOT));
            return set;
        }
        if (!node.isArray())
        {
            throw new RpcError(RpcError.INVALID_PARAMS, "filter " + what + " must be a string or an array");
        }
        for (final JsonNode v : node)
        {
            if (!v.isTextual())
            {
                throw new RpcError(RpcError.INVALID_PARAMS, "filter " + what + " entries must be strings");
            }
            set.add(v.asText().toLowerCase(Locale.ROOT));
        }
        return set.isEmpty() ? null : set;
    }

    boolean matches(final JsonNode log)
    {
        if (null != addresses && !addresses.contains(log.path("address").asText("").toLowerCase(Locale.ROOT)))
        {
            return false;
        }
        final JsonNode logTopics = log.path("topics");
        for (int i = 0; i < topics.size(); i++)
        {
            final Set<String> wanted = topics.get(i);
            if (null == wanted)
            {
                continue;
            }
            if (i >= logTopics.size() || !wanted.contains(logTopics.get(i).asText("").toLowerCase(Locale.ROOT)))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Appends the matching logs of transactions {@code fromTx..} of a pending block.
     */
    void collect(final PendingBlock block, final int fromTx, final ArrayNode out)
    {
        for (int i = fromTx; i < block.transactions().size(); i++)
        {
            final JsonNode receipt = block.receipts().get(i);
            if (null == receipt || block.firstLogIndex()[i] < 0)
            {
                continue;
            }
            int logIndex = block.firstLogIndex()[i];
            for (final JsonNode log : receipt.path("logs"))
            {
                if (matches(log))
                {
                    out.add(PendingJson.log(block, i, logIndex, log));
                }
                logIndex++;
            }
        }
    }

    void collect(final PendingBlock block, final ArrayNode out)
    {
        collect(block, 0, out);
    }
}
