package io.boostj.devnet;

import io.boostj.core.sidecar.SidecarConfig;
import io.boostj.io.log.LogSetup;
import io.boostj.sbe.ExecutionModeCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bin/devnet}: the sidecar between two execution clients on one machine, driven by a stand-in for op-node, with
 * faults on a schedule; live progress per block and a summary at the end. By default the execution clients are two
 * {@code bin/builder} processes ({@link LocalChainRun}); {@code --mock-els} runs mocks instead ({@link MockDevnetRun}).
 */
@Command(
    name = "devnet",
    mixinStandardHelpOptions = true,
    version = "boostj devnet 0.1.0",
    sortOptions = false,
    usageHelpWidth = 118,
    description = {
        "Runs the whole system on loopback and produces blocks through it:",
        "  * an op-node driver: per block engine_forkchoiceUpdatedV3 with OP attributes (a fresh L1-info deposit),",
        "    getPayload after the build wait, newPayload, forkchoiceUpdated to the new head, on the sidecar's RPC port;",
        "  * the sidecar (the real rollup-boost runtime of this project) with flashblocks, journaling to --journal-dir;",
        "  * two bin/builder processes from one dev genesis (chain id 901, 100 prefunded accounts, account 0 the",
        "    well-known key 0xac09...ff80): 'l2', the sidecar's local EL, and 'builder', its external builder, emitting",
        "    flashblocks every --flashblock-time-ms and signing a builder transaction into each of its blocks (that is",
        "    how a block's source is told); the builder catches up from l2 after a restart;",
        "  * a transaction generator: open-loop EIP-1559 transfers at --tps to the sidecar's RPC port;",
        "  * a WebSocket subscriber of the sidecar's outbound flashblocks (the 'fb' column).",
        "With --mock-els: two MOCK execution clients serving REAL blocks of go-ethereum's hive test chain instead",
        "(execute nothing; L2 accepts a payload iff it is one of the chain's); no flashblocks, no transactions.",
        "Not in this devnet yet: websocket-proxy, flashblocks-rpc.",
        "",
        "Faults (repeatable; AT = first affected block, from 1; FOR = number of blocks):",
        "  builder-down:AT:FOR       kill -9 of the builder process before block AT, relaunched before block AT+FOR",
        "                            (mocks: stops listening, then restarts on its port)",
        "  builder-slow:AT:FOR:MS    --mock-els only: the builder answers engine_getPayload* MS ms late",
        "  builder-invalid:AT:FOR    --mock-els only: the builder serves payloads with a zeroed stateRoot",
        "",
        "Exit status: 0 when every block was produced, 1 when some were not, 2 on bad options.",
        ""})
public final class DevnetMain implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--blocks", description = "Blocks to produce (default ${DEFAULT-VALUE}).", defaultValue = "20")
    int blocks;

    @Option(names = "--block-time-ms", description = "Slot length: one block starts every this many ms (default " +
        "${DEFAULT-VALUE}).", defaultValue = "1000")
    long blockTimeMs;

    @Option(names = "--builder-wait-ms", description = "Build time between the FCU and getPayload, ms (default: 90 %% " +
        "of the block time; half of it with --mock-els).", defaultValue = "-1")
    long builderWaitMs;

    @Option(names = "--flashblock-time-ms", description = "The builder's flashblock interval (default ${DEFAULT-VALUE}).",
        defaultValue = "200")
    long flashblockTimeMs;

    @Option(names = "--tps", description = "Transfers per second from the generator, 0 = none (default " +
        "${DEFAULT-VALUE}).", defaultValue = "20")
    double tps;

    @Option(names = "--run-dir", description = "Where the builders' JWT secrets and logs go (default ${DEFAULT-VALUE}).",
        defaultValue = "data/devnet")
    Path runDir;

    @Option(names = "--mock-els", description = "Mock execution clients instead of bin/builder processes.")
    boolean mockEls;

    @Option(names = "--journal-dir", description = "The sidecar's journal (appended to; default ${DEFAULT-VALUE}).",
        defaultValue = "data/devnet-journal")
    Path journalDir;

    @Option(names = "--fault", description = "A fault on a schedule, see above (repeatable).", paramLabel = "SPEC")
    List<String> faults = new ArrayList<>();

    @Option(names = "--payload-version", description = "Engine API getPayload/newPayload version: 3 (Ecotone..Holocene," +
        " Cancun chain) or 4 (Isthmus, Prague chain) (default ${DEFAULT-VALUE}).", defaultValue = "3")
    int payloadVersion;

    @Option(names = "--execution-mode", description = "The sidecar's mode: enabled, dry-run, disabled (default " +
        "${DEFAULT-VALUE}).", defaultValue = "enabled")
    String executionMode;

    @Option(names = "--builder-timeout-ms", description = "The sidecar's --builder-timeout (default ${DEFAULT-VALUE}).",
        defaultValue = "1000")
    int builderTimeoutMs;

    @Option(names = "--l2-timeout-ms", description = "The sidecar's --l2-timeout (default ${DEFAULT-VALUE}).",
        defaultValue = "1000")
    int l2TimeoutMs;

    @Option(names = "--get-payload-deadline-ms", description = "The sidecar's getPayload deadline, 0 = off (default " +
        "${DEFAULT-VALUE}).", defaultValue = "0")
    int getPayloadDeadlineMs;

    @Option(names = "--inbound-jwt", description = "The sidecar checks a JWT on the driver's requests.")
    boolean inboundJwt;

    @Option(names = "--rpc-port", description = "The sidecar's RPC port, 0 = any free port (default ${DEFAULT-VALUE}).",
        defaultValue = "0")
    int rpcPort;

    @Option(names = "--debug-port", description = "The sidecar's debug API port, 0 = any (default ${DEFAULT-VALUE}).",
        defaultValue = "0")
    int debugPort;

    @Option(names = "--metrics-port", description = "The sidecar's /metrics port, 0 = any (default ${DEFAULT-VALUE}).",
        defaultValue = "0")
    int metricsPort;

    @Option(names = "--log-file", description = "Where the sidecar's log goes (default ${DEFAULT-VALUE}).",
        defaultValue = "data/devnet-sidecar.log")
    Path logFile;

    @Option(names = "--verbose", description = "Send the sidecar's log to stderr instead of --log-file.")
    boolean verbose;

    private final PrintStream out;

    DevnetMain(final PrintStream out)
    {
        this.out = out;
    }

    /**
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        System.exit(run(System.out, args));
    }

    /**
     * @param out  where progress goes.
     * @param args the command line.
     * @return the exit status.
     */
    public static int run(final PrintStream out, final String... args)
    {
        return new CommandLine(new DevnetMain(out)).execute(args);
    }

    @Override
    public Integer call() throws Exception
    {
        final List<FaultSpec> schedule = new ArrayList<>();
        final ExecutionModeCode mode;
        try
        {
            for (final String f : faults)
            {
                schedule.add(FaultSpec.parse(f));
            }
            mode = parseMode(executionMode);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage(), ex);
        }
        if (blocks < 1 || blockTimeMs < 0 || (3 != payloadVersion && 4 != payloadVersion) || tps < 0 ||
            flashblockTimeMs < 1)
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--blocks must be >= 1, --block-time-ms >= 0, --payload-version 3 or 4, --tps >= 0, " +
                "--flashblock-time-ms >= 1");
        }
        final SidecarConfig engine = new SidecarConfig()
            .builderTimeoutMs(builderTimeoutMs)
            .l2TimeoutMs(l2TimeoutMs)
            .executionMode(mode)
            .getPayloadDeadlineMs(getPayloadDeadlineMs);
        if (!mockEls)
        {
            return runLocalChain(schedule, engine);
        }
        final long wait = builderWaitMs >= 0 ? builderWaitMs : blockTimeMs / 2;
        configureLogging();
        final Devnet.Options options = new Devnet.Options()
            .engineConfig(engine)
            .journalDir(journalDir)
            .inboundJwt(inboundJwt)
            .payloadVersion(payloadVersion)
            .buildWaitMs(wait)
            .rpcPort(rpcPort)
            .debugPort(debugPort)
            .metrics(true)
            .metricsPort(metricsPort);
        Files.createDirectories(journalDir);

        out.printf("devnet: %d blocks, block time %d ms, build wait %d ms, Engine API V%d, mode %s%s%n", blocks,
            blockTimeMs, wait, payloadVersion, executionMode, schedule.isEmpty() ? "" : ", faults " + schedule);
        try (Devnet devnet = Devnet.start(options))
        {
            out.printf("  l2 EL (mock)       %s  payload ids 0x03..., blockValue %s%n", devnet.l2().url(),
                Devnet.L2_BLOCK_VALUE);
            out.printf("  builder EL (mock)  %s  payload ids 0x04..., blockValue %s%n", devnet.builder().url(),
                Devnet.BUILDER_BLOCK_VALUE);
            out.printf("  sidecar            rpc %s  debug %s  inbound JWT %s%n", devnet.rpcUri(), devnet.debugUri(),
                inboundJwt ? "on" : "off");
            out.printf("  journal            %s%n", journalDir.toAbsolutePath().normalize());
            out.printf("  sidecar log        %s%n", verbose ? "stderr" : logFile.toAbsolutePath().normalize());
            out.println();
            return new MockDevnetRun(out, blocks, blockTimeMs, journalDir, logFile, verbose).produce(devnet, schedule);
        }
    }

    private int runLocalChain(final List<FaultSpec> schedule, final SidecarConfig engine) throws Exception
    {
        final LocalChainRun run;
        try
        {
            run = new LocalChainRun(out, blocks, tps, schedule);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage(), ex);
        }
        if (inboundJwt)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--inbound-jwt needs --mock-els for now");
        }
        configureLogging();
        final LocalChainDevnet.Context ctx = new LocalChainDevnet.Context()
            .runDir(runDir)
            .journalDir(journalDir)
            .blockTimeMs(Math.max(1, blockTimeMs))
            .flashblockTimeMs(flashblockTimeMs)
            .buildWaitMs(builderWaitMs)
            .rpcPort(rpcPort)
            .engineConfig(engine);
        Files.createDirectories(journalDir);
        out.printf("devnet: %d blocks, block time %d ms, flashblocks every %d ms, %s tx/s, Engine API V4%s%n", blocks,
            blockTimeMs, flashblockTimeMs, tps, schedule.isEmpty() ? "" : ", faults " + schedule);
        out.println("  starting two bin/builder processes and the sidecar...");
        try (LocalChainDevnet devnet = LocalChainDevnet.start(ctx))
        {
            out.printf("  l2 EL              %s  engine %s  pid %d  genesis %s%n", devnet.l2().httpUrl(),
                devnet.l2().authUrl(), devnet.l2().pid(), devnet.l2().genesisHash());
            out.printf("  builder            %s  engine %s  flashblocks %s  pid %d%n", devnet.builder().httpUrl(),
                devnet.builder().authUrl(), devnet.builder().flashblocksUrl(), devnet.builder().pid());
            out.printf("  sidecar            rpc %s  flashblocks %s  (point wallets at the rpc: chain id 901)%n",
                devnet.rpcUri(), devnet.flashblocksUri());
            out.printf("  journal            %s%n", ctx.journalDir().toAbsolutePath().normalize());
            out.printf("  sidecar log        %s%n", verbose ? "stderr" : logFile.toAbsolutePath().normalize());
            out.println();
            return run.run(devnet);
        }
    }

    private void configureLogging() throws IOException
    {
        if (verbose)
        {
            LogSetup.configure("info", "text", null);
            return;
        }
        final Path parent = logFile.toAbsolutePath().getParent();
        if (null != parent)
        {
            Files.createDirectories(parent);
        }
        LogSetup.configure("info", "text", logFile);
    }

    private static ExecutionModeCode parseMode(final String mode)
    {
        switch (mode.toLowerCase(Locale.ROOT))
        {
            case "enabled":
                return ExecutionModeCode.ENABLED;
            case "dry-run":
            case "dry_run":
                return ExecutionModeCode.DRY_RUN;
            case "disabled":
                return ExecutionModeCode.DISABLED;
            default:
                throw new IllegalArgumentException("--execution-mode: '" + mode + "' is not enabled, dry-run, disabled");
        }
    }
}
