package io.boostj.perf;

import io.boostj.io.http.NettyTransport;
import io.boostj.io.jwt.JwtSecret;
import io.boostj.io.jwt.JwtSigner;
import io.boostj.rpc.FlashblocksFeedServer;
import io.boostj.rpc.FlashblocksRpcArgs;
import io.boostj.rpc.FlashblocksRpcServer;
import io.netty.channel.EventLoopGroup;
import org.HdrHistogram.Histogram;

import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Latency of pending queries through bin/flashblocks-rpc against the same queries sent straight to the node behind it,
 * in the same run: a real anvil as the node, the overlay in-process with a real WebSocket feed replaying recorded
 * flashblocks (Unichain Sepolia block 35535698, 5 flashblocks), open-loop load (latency from the intended send time),
 * one HdrHistogram per target and method. Writes {@code pending-rpc.csv} and one {@code .hgrm} per target and method
 * into {@code --results-dir/<timestamp>-pending-rpc/}.
 */
public final class PendingRpcHarness
{
    private static final String[] METHODS = {
        "eth_getBlockByNumber", "eth_getBalance", "eth_getTransactionCount", "eth_getTransactionReceipt",
        "eth_blockNumber"};
    private static final String[] BODIES = {
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBlockByNumber\",\"params\":[\"pending\",false]}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBalance\",\"params\":" +
            "[\"0xc0043c50ba044a5f948d32faed806913d781d428\",\"pending\"]}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getTransactionCount\",\"params\":" +
            "[\"0xc0043c50ba044a5f948d32faed806913d781d428\",\"pending\"]}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getTransactionReceipt\",\"params\":" +
            "[\"0x89f7852587dca7dd2f31b02f3a93f47669a82784025d607ec7c336b66af84a19\"]}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\",\"params\":[]}"};
    private static final String[] TARGETS = {"overlay", "direct"};
    /** LoadClient call kinds of the two targets: clear of the engine kinds LoadClient checks bodies for. */
    private static final int KIND_BASE = 100;

    private PendingRpcHarness()
    {
    }

    /**
     * @param args see {@code --help}.
     * @throws Exception if the run cannot start.
     */
    public static void main(final String[] args) throws Exception
    {
        String anvilPath = System.getenv("ANVIL_BIN");
        String flashblocks = null;
        String resultsDir = "perf/results";
        int ratePerS = 500;
        int durationS = 20;
        int warmupS = 5;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--anvil" -> anvilPath = args[++i];
                case "--flashblocks" -> flashblocks = args[++i];
                case "--results-dir" -> resultsDir = args[++i];
                case "--rate" -> ratePerS = Integer.parseInt(args[++i]);
                case "--duration-s" -> durationS = Integer.parseInt(args[++i]);
                case "--warmup-s" -> warmupS = Integer.parseInt(args[++i]);
                case "--help" ->
                {
                    System.out.println(String.join("\n",
                        "perf/run-pending-rpc [options]",
                        "  --rate N            requests per second to EACH target, methods round-robin (default 500)",
                        "  --duration-s N      measured seconds (default 20)",
                        "  --warmup-s N        unrecorded seconds first (default 5)",
                        "  --anvil PATH        anvil binary (default $ANVIL_BIN or .tools/node_modules/...)",
                        "  --flashblocks FILE  ndjson of flashblocks to replay (default: the Unichain sample)",
                        "  --results-dir DIR   where <timestamp>-pending-rpc/ goes (default perf/results)"));
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see --help)");
            }
        }
        if (null == anvilPath || anvilPath.isEmpty())
        {
            anvilPath = ".tools/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil";
        }
        if (null == flashblocks)
        {
            flashblocks = "flashblocks-rpc/src/test/resources/flashblocks/unichain_sepolia_35535698_with_metadata.ndjson";
        }
        final Path dir = Path.of(resultsDir, LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) +
            "-pending-rpc");
        Files.createDirectories(dir);
        run(Path.of(anvilPath), Path.of(flashblocks), dir, ratePerS, durationS, warmupS);
    }

    private static void run(
        final Path anvilBin, final Path flashblocks, final Path dir, final int ratePerS, final int durationS,
        final int warmupS) throws Exception
    {
        final int anvilPort = io.boostj.devnet.BuilderProcess.freePort();
        final Process anvil = new ProcessBuilder(List.of(anvilBin.toString(), "--port", Integer.toString(anvilPort),
            "--host", "127.0.0.1", "--chain-id", "31337"))
            .redirectErrorStream(true).redirectOutput(dir.resolve("anvil.log").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        final NettyTransport transport = NettyTransport.choose(true);
        final EventLoopGroup clients = transport.newGroup(2, "harness-client");
        try (FlashblocksFeedServer feed = new FlashblocksFeedServer())
        {
            if (!LoopbackPort.awaitListening(anvil, anvilPort, 20_000))
            {
                throw new IllegalStateException(anvil.isAlive() ? "anvil did not listen on " + anvilPort :
                    "anvil exited with " + anvil.exitValue());
            }
            final FlashblocksRpcArgs a = new FlashblocksRpcArgs();
            a.upstreamUrl = "http://127.0.0.1:" + anvilPort;
            a.flashblocksUrl = feed.url();
            a.httpAddr = "127.0.0.1";
            a.httpPort = 0;
            a.wsPort = -1;
            a.maxPendingBlocksDepth = 3;
            a.upstreamTimeoutMs = 5_000;
            a.canonicalPollMs = 200;
            a.maxRequestBytes = 1 << 20;
            try (FlashblocksRpcServer overlay = FlashblocksRpcServer.launch(a))
            {
                final long deadline = System.currentTimeMillis() + 10_000;
                while (feed.subscriberCount() == 0 && System.currentTimeMillis() < deadline)
                {
                    Thread.sleep(10);
                }
                for (final String line : Files.readAllLines(flashblocks, StandardCharsets.UTF_8))
                {
                    if (!line.isBlank())
                    {
                        feed.sendText(line.trim());
                    }
                }
                while (overlay.processor().state().isEmpty() && System.currentTimeMillis() < deadline)
                {
                    Thread.sleep(10);
                }
                if (overlay.processor().state().isEmpty())
                {
                    throw new IllegalStateException("the overlay applied no flashblock from " + flashblocks);
                }
                final JwtSigner signer = new JwtSigner(JwtSecret.fromHex("00".repeat(32)));
                final LoadClient[] targets = {
                    new LoadClient("overlay", clients.next(), transport, "127.0.0.1", overlay.httpPort(), signer, 256),
                    new LoadClient("direct", clients.next(), transport, "127.0.0.1", anvilPort, signer, 256)};
                for (final LoadClient t : targets)
                {
                    t.preconnect(4);
                }
                final Histogram[][] h = new Histogram[2][METHODS.length];
                final long[][] errors = new long[2][METHODS.length];
                for (int t = 0; t < 2; t++)
                {
                    for (int m = 0; m < METHODS.length; m++)
                    {
                        h[t][m] = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
                    }
                }
                final String load = loadAverage();
                drive(targets, h, errors, ratePerS, warmupS, durationS);
                write(dir, h, errors, ratePerS, durationS, load);
                for (final LoadClient t : targets)
                {
                    t.close();
                }
            }
        }
        finally
        {
            clients.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            anvil.destroy();
            anvil.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static void drive(
        final LoadClient[] targets, final Histogram[][] h, final long[][] errors, final int ratePerS, final int warmupS,
        final int durationS) throws InterruptedException
    {
        final byte[][] bodies = new byte[METHODS.length][];
        for (int m = 0; m < METHODS.length; m++)
        {
            bodies[m] = BODIES[m].getBytes(StandardCharsets.US_ASCII);
        }
        final long intervalNs = TimeUnit.SECONDS.toNanos(1) / ratePerS;
        final long startNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        final long recordFromNs = startNs + TimeUnit.SECONDS.toNanos(warmupS);
        final long endNs = recordFromNs + TimeUnit.SECONDS.toNanos(durationS);
        final java.util.concurrent.atomic.AtomicLong outstanding = new java.util.concurrent.atomic.AtomicLong();
        final LoadClient.Callback done = call ->
        {
            if (call.record)
            {
                final int t = call.kind - KIND_BASE;
                final int m = call.path;
                synchronized (h[t][m])
                {
                    if (call.ok)
                    {
                        h[t][m].recordValue(Math.max(0, call.doneNs - call.intendedNs));
                    }
                    else
                    {
                        if (0 == errors[t][m]++)
                        {
                            System.err.println("first failure " + TARGETS[t] + " " + METHODS[m] + ": " + call.failure);
                        }
                    }
                }
            }
            outstanding.decrementAndGet();
        };
        long i = 0;
        for (long intendedNs = startNs; intendedNs < endNs; intendedNs += intervalNs, i++)
        {
            long now;
            while ((now = System.nanoTime()) < intendedNs)
            {
                LockSupport.parkNanos(Math.min(intendedNs - now, 50_000));
            }
            final int m = (int)(i % METHODS.length);
            final boolean record = intendedNs >= recordFromNs;
            for (int k = 0; k < 2; k++)
            {
                final int t = (int)((i + k) & 1);
                outstanding.incrementAndGet();
                targets[t].send(new LoadClient.Call(KIND_BASE + t, m, intendedNs, bodies[m], record, done, null));
            }
        }
        final long drainDeadline = System.currentTimeMillis() + 30_000;
        while (outstanding.get() > 0 && System.currentTimeMillis() < drainDeadline)
        {
            Thread.sleep(10);
        }
    }

    private static void write(
        final Path dir, final Histogram[][] h, final long[][] errors, final int ratePerS, final int durationS,
        final String loadBefore) throws Exception
    {
        final StringBuilder csv = new StringBuilder("target,method,count,errors,p50_us,p90_us,p99_us,p999_us,max_us\n");
        final StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
            "pending queries at %d req/s per target for %d s (open loop; latency from intended send time, us)%n" +
            "%-8s %-28s %8s %6s %9s %9s %9s %9s %9s%n", ratePerS, durationS, "target", "method", "count", "errors",
            "p50", "p90", "p99", "p99.9", "max"));
        for (int t = 0; t < 2; t++)
        {
            for (int m = 0; m < METHODS.length; m++)
            {
                final Histogram x = h[t][m];
                final String row = String.format(Locale.ROOT, "%s,%s,%d,%d,%.1f,%.1f,%.1f,%.1f,%.1f", TARGETS[t],
                    METHODS[m], x.getTotalCount(), errors[t][m], us(x, 50), us(x, 90), us(x, 99), us(x, 99.9),
                    x.getMaxValue() / 1000.0);
                csv.append(row).append('\n');
                table.append(String.format(Locale.ROOT, "%-8s %-28s %8d %6d %9.1f %9.1f %9.1f %9.1f %9.1f%n",
                    TARGETS[t], METHODS[m], x.getTotalCount(), errors[t][m], us(x, 50), us(x, 90), us(x, 99),
                    us(x, 99.9), x.getMaxValue() / 1000.0));
                try (PrintStream ps = new PrintStream(dir.resolve(TARGETS[t] + "-" + METHODS[m] + ".hgrm").toFile()))
                {
                    x.outputPercentileDistribution(ps, 1000.0);
                }
            }
        }
        table.append("load average before: ").append(loadBefore).append(", after: ").append(loadAverage()).append('\n');
        Files.writeString(dir.resolve("pending-rpc.csv"), csv.toString());
        Files.writeString(dir.resolve("summary.txt"), table.toString());
        System.out.print(table);
        System.out.println("results: " + dir);
    }

    private static double us(final Histogram h, final double percentile)
    {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String loadAverage()
    {
        try
        {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        }
        catch (final Exception ex)
        {
            return "unknown";
        }
    }
}
