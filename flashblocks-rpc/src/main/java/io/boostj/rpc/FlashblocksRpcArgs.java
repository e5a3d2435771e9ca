package io.boostj.rpc;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of {@code bin/flashblocks-rpc}. Every flag also reads the environment variable named after it
 * ({@code --upstream-url}: {@code UPSTREAM_URL}, {@code --flashblocks.websocket-url}: {@code FLASHBLOCKS_WEBSOCKET_URL});
 * {@code .env} is loaded.
 */
@Command(
    name = "flashblocks-rpc",
    mixinStandardHelpOptions = true,
    version = "boostj flashblocks-rpc " + FlashblocksRpcArgs.VERSION,
    sortOptions = false,
    description = "JSON-RPC proxy in front of any L2 node: answers `pending` queries from a flashblocks feed, passes " +
        "everything else through. Every flag also reads the environment variable of the same name " +
        "(--upstream-url: UPSTREAM_URL); .env is loaded.")
public final class FlashblocksRpcArgs
{
    /** Version string. */
    public static final String VERSION = "0.1.0";

    @Option(names = "--upstream-url", required = true, description = "The node's JSON-RPC, http://host:port")
    public String upstreamUrl;

    @Option(names = "--flashblocks.websocket-url", required = true,
        description = "Flashblocks feed: a builder, rollup-boost, a websocket-proxy or a public endpoint (ws:// or " +
            "wss://); Text or Binary, JSON or brotli")
    public String flashblocksUrl;

    @Option(names = "--http.addr", description = "HTTP listen address (default: ${DEFAULT-VALUE})",
        defaultValue = "127.0.0.1")
    public String httpAddr;

    @Option(names = "--http.port", description = "HTTP JSON-RPC port (default: ${DEFAULT-VALUE})", defaultValue = "8545")
    public int httpPort;

    @Option(names = "--ws.port", description = "WebSocket port for eth_subscribe, on --http.addr; -1 = off " +
        "(default: ${DEFAULT-VALUE})", defaultValue = "8546")
    public int wsPort;

    @Option(names = "--upstream-ws-url", description = "The node's WebSocket, where subscriptions of other kinds " +
        "(newHeads, logs, newPendingTransactions) are passed through: ws://host:port, 'off' to refuse them; default " +
        "(empty): --upstream-url's host and port as ws:// (anvil, and nodes serving both on one port)",
        defaultValue = "")
    public String upstreamWsUrl = "";

    @Option(names = "--max-pending-blocks-depth", description = "Clear pending state when the canonical chain is " +
        "more than this many blocks past the earliest pending block (default: ${DEFAULT-VALUE})", defaultValue = "3")
    public int maxPendingBlocksDepth;

    @Option(names = "--upstream-timeout-ms", description = "Timeout of calls to the node, ms (default: ${DEFAULT-VALUE})",
        defaultValue = "5000")
    public long upstreamTimeoutMs;

    @Option(names = "--canonical-poll-ms", description = "How often the node's latest block is polled, ms " +
        "(default: ${DEFAULT-VALUE})", defaultValue = "200")
    public long canonicalPollMs;

    @Option(names = "--max-request-bytes", description = "Largest HTTP request body (default: ${DEFAULT-VALUE})",
        defaultValue = "10485760")
    public int maxRequestBytes;

    @Option(names = "--log-level", description = "error, warn, info, debug, trace (default: ${DEFAULT-VALUE})",
        defaultValue = "info")
    public String logLevel;

    /**
     * @return the node's WebSocket for passed-through subscriptions, or null when {@code --upstream-ws-url off}.
     * @throws IllegalArgumentException if the URL is not ws:// or wss://.
     */
    public java.net.URI nodeWebSocket()
    {
        if ("off".equals(upstreamWsUrl))
        {
            return null;
        }
        final String text = null == upstreamWsUrl || upstreamWsUrl.isEmpty() ?
            upstreamUrl.replaceFirst("^http", "ws") : upstreamWsUrl;
        final java.net.URI uri = java.net.URI.create(text);
        if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme()))
        {
            throw new IllegalArgumentException("--upstream-ws-url must be ws:// or wss:// (or off): " + text);
        }
        return uri;
    }
}
