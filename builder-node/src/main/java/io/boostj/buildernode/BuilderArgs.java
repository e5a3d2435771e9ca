package io.boostj.buildernode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The command line of {@code bin/builder}, spelled as op-rbuilder and reth spell theirs (reference §3.7):
 * {@code --authrpc.*}, {@code --http.*}, {@code --flashblocks.*}, {@code --rollup.builder-secret-key},
 * {@code --txpool.*}, {@code --metrics HOST:PORT}; plus the dev chain's genesis ({@code --dev.*}), Aeron and peer sync.
 */
@Command(
    name = "builder",
    mixinStandardHelpOptions = true,
    version = "boostj builder " + BuilderArgs.VERSION,
    sortOptions = false,
    description = "A co-located flashblocks builder that is also an OP execution client: Engine API with JWT, " +
        "Ethereum JSON-RPC, a transaction pool, the flashblock loop over WebSocket and Aeron, on a dev chain " +
        "(chain id 901) with prefunded accounts.")
public final class BuilderArgs
{
    /** Version string of --version and web3_clientVersion. */
    public static final String VERSION = "0.1.0";

    @Option(names = "--authrpc.addr", description = "Engine API address (default: ${DEFAULT-VALUE})",
        defaultValue = "127.0.0.1")
    public String authAddr;

    @Option(names = "--authrpc.port", description = "Engine API port, 0 = any (default: ${DEFAULT-VALUE})",
        defaultValue = "8551")
    public int authPort;

    @Option(names = "--authrpc.jwtsecret", required = true, paramLabel = "PATH",
        description = "File with the hex JWT secret of the Engine API (required)")
    public Path jwtSecretPath;

    @Option(names = "--http", arity = "0..1", fallbackValue = "true", defaultValue = "false",
        description = "Serve the public JSON-RPC (eth_*, no JWT) on --http.addr:--http.port")
    public boolean http;

    @Option(names = "--http.addr", description = "Public JSON-RPC address (default: ${DEFAULT-VALUE})",
        defaultValue = "127.0.0.1")
    public String httpAddr;

    @Option(names = "--http.port", description = "Public JSON-RPC port, 0 = any (default: ${DEFAULT-VALUE})",
        defaultValue = "8545")
    public int httpPort;

    @Option(names = "--flashblocks.enabled", arity = "0..1", fallbackValue = "true", defaultValue = "false",
        description = "Run the flashblock loop and publish flashblocks")
    public boolean flashblocksEnabled;

    @Option(names = "--flashblocks.addr", description = "Flashblocks WebSocket address (default: ${DEFAULT-VALUE})",
        defaultValue = "127.0.0.1")
    public String flashblocksAddr;

    @Option(names = "--flashblocks.port", description = "Flashblocks WebSocket port, 0 = any (default: ${DEFAULT-VALUE})",
        defaultValue = "1111")
    public int flashblocksPort;

    @Option(names = "--flashblocks.block-time", description = "Interval between flashblocks, ms (default: ${DEFAULT-VALUE})",
        defaultValue = "200")
    public long flashblockTimeMs;

    @Option(names = "--flashblocks.aeron-channel", description = "Also send flashblocks (SBE) on this Aeron channel, " +
        "e.g. aeron:ipc or aeron:udp?endpoint=HOST:PORT")
    public String aeronChannel;

    @Option(names = "--flashblocks.aeron-stream-id", description = "Aeron stream id (default: ${DEFAULT-VALUE})",
        defaultValue = "1001")
    public int aeronStreamId;

    @Option(names = "--flashblocks.aeron-dir", description = "Aeron media driver directory: a running driver's is " +
        "used, else an embedded driver is launched there (default: Aeron's)")
    public String aeronDir;

    @Option(names = "--dev.accounts", paramLabel = "N", description = "Prefunded dev accounts at genesis, account 0 " +
        "the well-known test key (default: ${DEFAULT-VALUE})", defaultValue = "100")
    public int devAccounts;

    @Option(names = "--dev.genesis-timestamp", description = "Genesis time, seconds (default: ${DEFAULT-VALUE})",
        defaultValue = "0")
    public long genesisTimestamp;

    @Option(names = "--dev.genesis-gas-limit", description = "Genesis gas limit (default: ${DEFAULT-VALUE})",
        defaultValue = "30000000")
    public long genesisGasLimit;

    @Option(names = "--rollup.builder-secret-key", paramLabel = "HEX", description = "Key of the account that " +
        "signs the builder transaction (a 0-value self-transfer \"Block Number: N\" after the forced transactions); " +
        "it must be funded, e.g. a dev account's key")
    public String builderSecretKey;

    @Option(names = "--sync.peer-url", paramLabel = "URL", description = "JSON-RPC of a peer (http://HOST:PORT) to " +
        "fetch blocks this node does not know from, after a restart")
    public String syncPeerUrl;

    @Option(names = "--metrics", paramLabel = "HOST:PORT", description = "Serve Prometheus metrics on /metrics there")
    public String metrics;

    @Option(names = "--txpool.max-pending-txns", description = "Transaction pool capacity (default: ${DEFAULT-VALUE})",
        defaultValue = "10000")
    public int maxPendingTransactions;

    @Option(names = "--txpool.max-account-slots", description = "Pool capacity per sender (default: ${DEFAULT-VALUE})",
        defaultValue = "64")
    public int maxAccountSlots;

    @Option(names = "--log-level", description = "trace, debug, info, warn, error (default: ${DEFAULT-VALUE})",
        defaultValue = "info")
    public String logLevel;

    @Option(names = "--name", description = "Label for logs and threads (default: ${DEFAULT-VALUE})",
        defaultValue = "builder")
    public String name;
}
