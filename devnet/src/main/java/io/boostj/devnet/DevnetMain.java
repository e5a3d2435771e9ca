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
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code bin/devnet}: the sidecar between two execution clients on one machine, driven by a stand-in for op-node, with
 * faults on a schedule; live progress per block and a summary at the end.
 */
@Command(
    name = "devnet",
    mixinStandardHelpOptions = true,
    version = "boostj devnet 0.1.0",
    sortOptions = false,
    usageHelpWidth = 118,
    description = {
        "Runs the whole system on loopback and produces blocks through it:",
        "  * an op-node driver: per block engine_forkchoiceUpdatedV3 with OP attributes, getPayload after the build",
        "    wait, newPayload, forkchoiceUpdated to the new head, on the sidecar's RPC port (real HTTP, JWT optional);",
        "  * the sidecar (the real rollup-boost runtime of this project), journaling to --journal-dir, metrics on;",
        "  * two MOCK execution clients with their own JWT secrets: 'l2' (op-geth-like, payload ids 0x03...) and",
        "    'builder' (op-reth-like, ids 0x04...). They check JWTs and serve REAL blocks of go-ethereum's hive test",
        "    chain (Cancun for V3, Prague for V4) but execute nothing: L2 accepts a payload iff it is one of the chain's.",
        "Not in this devnet yet: a real builder (bin/builder), flashblocks, websocket-proxy, flashblocks-rpc.",
        "",
        "Faults (repeatable; AT = first affected block, from 1; FOR = number of blocks):",
        "  builder-down:AT:FOR       the builder stops listening and drops connections, then restarts on its port",
        "  builder-slow:AT:FOR:MS    the builder answers engine_getPayload* MS ms late",
        "  builder-invalid:AT:FOR    the builder serves payloads with a zeroed stateRoot (L2 refuses them)",
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

    @Option(names = "--builder-wait-ms", description = "Build time between the FCU and getPayload, ms (default: half " +
        "the block time).", defaultValue = "-1")
    long builderWaitMs;

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
        if (blocks < 1 || blockTimeMs < 0 || (3 != payloadVersion && 4 != payloadVersion))
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--blocks must be >= 1, --block-time-ms >= 0, --payload-version 3 or 4");
        }
        final long wait = builderWaitMs >= 0 ? builderWaitMs : blockTimeMs / 2;
        configureLogging();

        final SidecarConfig engine = new SidecarConfig()
            .builderTimeoutMs(builderTimeoutMs)
            .l2TimeoutMs(l2TimeoutMs)
            .executionMode(mode)
            .getPayloadDeadlineMs(getPayloadDeadlineMs);
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
            return produce(devnet, schedule);
        }
    }

    private int produce(final Devnet devnet, final List<FaultSpec> schedule) throws IOException, InterruptedException
    {
        final LatencyStats latencies = new LatencyStats();
        final Map<String, Integer> bySource = new TreeMap<>();
        final List<Integer> fallbacks = new ArrayList<>();
        final List<Integer> failed = new ArrayList<>();
        final long t0 = System.nanoTime();
        for (int i = 1; i <= blocks; i++)
        {
            final long slotStart = t0 + (i - 1) * blockTimeMs * 1_000_000L;
            final long sleepNs = slotStart - System.nanoTime();
            if (sleepNs > 0)
            {
                Thread.sleep(sleepNs / 1_000_000L, (int)(sleepNs % 1_000_000L));
            }
            final StringJoiner active = new StringJoiner(",");
            for (final FaultSpec f : schedule)
            {
                if (i == f.at())
                {
                    f.apply(devnet.builder(), true);
                }
                if (i == f.at() + f.length())
                {
                    f.apply(devnet.builder(), false);
                }
                if (f.activeAt(i))
                {
                    active.add(f.kind().label());
                }
            }
            final BlockResult r = devnet.driver().produceBlock();
            latencies.record(r);
            int health;
            try
            {
                health = devnet.healthz();
            }
            catch (final IOException ex)
            {
                health = -1;
            }
            if (r.ok())
            {
                bySource.merge(r.source(), 1, Integer::sum);
                if (!"builder".equals(r.source()))
                {
                    fallbacks.add(i);
                }
            }
            else
            {
                failed.add(i);
            }
            out.println(progressLine(i, r, health, active.toString()));
        }
        for (final FaultSpec f : schedule)
        {
            if (f.activeAt(blocks))
            {
                f.apply(devnet.builder(), false);
            }
        }
        printSummary(devnet, latencies, bySource, fallbacks, failed);
        return failed.isEmpty() ? 0 : 1;
    }

    private String progressLine(final int i, final BlockResult r, final int health, final String faultsActive)
    {
        final StringBuilder b = new StringBuilder(160);
        final int width = String.valueOf(blocks).length();
        b.append(String.format(Locale.ROOT, "[%" + width + "d/%d] ", i, blocks));
        if (r.ok())
        {
            b.append(String.format(Locale.ROOT, "#%-5d %-8s %s  ", r.number(), r.source(),
                r.blockHash().substring(0, 12) + "…"));
        }
        else
        {
            b.append(String.format(Locale.ROOT, "%-6s %-8s %-13s  ", "-", "FAILED", ""));
        }
        appendLatency(b, "fcu", r.latencyNs(BlockResult.FCU));
        appendLatency(b, "get", r.latencyNs(BlockResult.GET_PAYLOAD));
        appendLatency(b, "new", r.latencyNs(BlockResult.NEW_PAYLOAD));
        appendLatency(b, "head", r.latencyNs(BlockResult.FCU_HEAD));
        b.append(" health ").append(health < 0 ? "?" : String.valueOf(health));
        if (!faultsActive.isEmpty())
        {
            b.append("  fault: ").append(faultsActive);
        }
        if (!r.ok())
        {
            b.append("  ").append(r.failedStep()).append(": ").append(r.error());
        }
        return b.toString();
    }

    private static void appendLatency(final StringBuilder b, final String label, final long ns)
    {
        b.append(label).append(' ');
        b.append(ns < 0 ? String.format(Locale.ROOT, "%8s", "-") : String.format(Locale.ROOT, "%6.2fms", ns / 1e6));
        b.append(' ');
    }

    private void printSummary(
        final Devnet devnet,
        final LatencyStats latencies,
        final Map<String, Integer> bySource,
        final List<Integer> fallbacks,
        final List<Integer> failed)
    {
        final int produced = bySource.values().stream().mapToInt(Integer::intValue).sum();
        out.println();
        out.println("summary");
        out.printf("  blocks produced   %d of %d%s%n", produced, blocks, failed.isEmpty() ? "" : "  FAILED: " + failed);
        out.printf("  by source         %s%n", bySource.isEmpty() ? "-" : bySource.toString());
        out.printf("  fallbacks to l2   %d%s%n", fallbacks.size(), fallbacks.isEmpty() ? "" : "  (blocks " + fallbacks +
            ")");
        out.printf("  sidecar counter   rollup_boost_rpc_blocks_created_total %s%n",
            SidecarCounters.blocksCreated(devnet.sidecar().metrics().registry()));
        out.printf("  builder refused   %d requests for their JWT, l2 refused %d%n", devnet.builder().refusedCount(),
            devnet.l2().refusedCount());
        out.println("  latency seen by op-node (through the sidecar):");
        out.print(latencies.table());
        final Path journal = journalDir.toAbsolutePath().normalize();
        out.printf("  journal           %s%n", journal);
        out.printf("  look inside       bin/replay-tool describe --journal-dir %s%n", journal);
        if (!verbose)
        {
            out.printf("  decisions         grep 'returning block' %s%n", logFile.toAbsolutePath().normalize());
        }
        out.println(failed.isEmpty() ? "OK: every block was produced" : "NOT OK: " + failed.size() +
            " block(s) were not produced");
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
