package io.boostj.proxy.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * What Base's filtered route matches in one flashblock, read once per message (only while some client filters):
 * the accounts in {@code metadata.new_account_balances}, log addresses and topics of {@code metadata.receipts} (flat {@code {"type":…}} or legacy tagged
 * {@code {"Eip1559":{…}}} form), and the
 * raw transaction hex of {@code diff.transactions} (an address found inside a transaction also matches).
 */
public final class FlashblockFacts
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> addresses;
    private final Set<String> topics;
    private final String transactionsHex;

    private FlashblockFacts(final Set<String> addresses, final Set<String> topics, final String transactionsHex)
    {
        this.addresses = addresses;
        this.topics = topics;
        this.transactionsHex = transactionsHex;
    }

    /**
     * @param json a flashblock's JSON.
     * @return its facts; empty facts (matching no filter) when the bytes are not JSON.
     */
    public static FlashblockFacts extract(final byte[] json)
    {
        final Set<String> addresses = new HashSet<>();
        final Set<String> topics = new HashSet<>();
        final StringBuilder txs = new StringBuilder();
        try
        {
            final JsonNode root = JSON.readTree(json);
            final JsonNode metadata = root.path("metadata");
            final Iterator<String> accounts = metadata.path("new_account_balances").fieldNames();
            while (accounts.hasNext())
            {
                addresses.add(normalize(accounts.next()));
            }
            final Iterator<JsonNode> receipts = metadata.path("receipts").elements();
            while (receipts.hasNext())
            {
                final JsonNode receipt = receipts.next();
                if (receipt.has("logs"))
                {
                    addLogs(receipt.get("logs"), addresses, topics);
                    continue;
                }
                final Iterator<JsonNode> tagged = receipt.elements();
                while (tagged.hasNext())
                {
                    addLogs(tagged.next().path("logs"), addresses, topics);
                }
            }
            for (final JsonNode tx : root.path("diff").path("transactions"))
            {
                txs.append(strip0x(normalize(tx.asText()))).append(' ');
            }
        }
        catch (final IOException ex)
        {
            return new FlashblockFacts(Set.of(), Set.of(), "");
        }
        return new FlashblockFacts(addresses, topics, txs.toString());
    }

    private static void addLogs(final JsonNode logs, final Set<String> addresses, final Set<String> topics)
    {
        for (final JsonNode log : logs)
        {
            addresses.add(normalize(log.path("address").asText()));
            for (final JsonNode topic : log.path("topics"))
            {
                topics.add(normalize(topic.asText()));
            }
        }
    }

    static String normalize(final String hex)
    {
        return hex.trim().toLowerCase(Locale.ROOT);
    }

    static String strip0x(final String hex)
    {
        return hex.startsWith("0x") ? hex.substring(2) : hex;
    }

    /** @param address lower-case 0x address. @return true when the block touches it. */
    boolean hasAddress(final String address)
    {
        return addresses.contains(address) || transactionsHex.contains(strip0x(address));
    }

    /** @param topic lower-case 0x topic. @return true when a log carries it. */
    boolean hasTopic(final String topic)
    {
        return topics.contains(topic);
    }
}
