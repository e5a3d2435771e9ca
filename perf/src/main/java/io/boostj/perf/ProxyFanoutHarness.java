package io.boostj.perf;

import io.boostj.io.http.NettyTransport;
import io.boostj.io.log.LogSetup;
import io.netty.channel.EventLoopGroup;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Fan-out load on loopback (issue 6): for each target ({@code ours} = bin/websocket-proxy, {@code node} = a minimal
 * broadcast server on npm's {@code ws}) and each subscriber count, a fresh target process subscribes to this
 * process's {@link FanoutSource}; {@link FanoutSubscribers} connect to it and time every message from its intended
 * send time. First at {@code --rate-hz} (the 200 ms flashblock cadence is 5 Hz), then with {@code --max-rate} a
 * ladder of doubling rates until one is not sustained (under 99% delivered or p99 over 100 ms); the last sustained
 * step is the target's highest rate. Load generator and target share this machine's cores.
 * <p>
 * Target {@code chain} is the whole flashblocks path end to end: builder → sidecar → bin/websocket-proxy →
 * subscribers. A fresh {@link ChainFeed} per subscriber count (in-process sidecar runtime with mock L2 and builder,
 * playing real Unichain flashblocks as the builder after each FCU) feeds the sidecar, the proxy follows the sidecar's
 * outbound stream, and subscribers time each message by arrival order ({@link OrderTiming}). No {@code --max-rate}
 * ladder for it.
 * <p>
 * Writes {@code summary.csv} (target,subscribers,rate_hz,msgs_per_s,p50_us,p99_us,p999_us,max_us,cpu_pct,rss_mb;
 * rate_hz {@code max:R} marks a max-rate row), {@code ladder.csv} (every step), one {@code .hgrm} per row and
 * {@code run.txt} (load average, settings) into {@code --results-dir}.
 */
public final class ProxyFanoutHarness
{
    private static final double SUSTAINED_DELIVERY = 0.99;
    private static final long SUSTAINED_P99_NS = TimeUnit.MILLISECONDS.toNanos(100);
    static final String CHAIN = "chain";

    private ProxyFanoutHarness()
    {
    }

    /** @param args see {@link Options}. */
    public static void main(final String[] args) throws Exception
    {
        final Options o = Options.parse(args);
        final Path dir = Paths.get(o.resultsDir);
        Files.createDirectories(dir);
        final Path home = Paths.get(o.home).toAbsolutePath();
        final NettyTransport transport = NettyTransport.choose(true);
        final EventLoopGroup sourceLoop = transport.newGroup(1, "fanout-source");
        final EventLoopGroup clientLoops = transport.newGroup(o.clientThreads, "fanout-subscribers");
        try (PrintStream summary = new PrintStream(Files.newOutputStream(dir.resolve("summary.csv")));
            PrintStream ladder = new PrintStream(Files.newOutputStream(dir.resolve("ladder.csv")));
            PrintStream run = new PrintStream(Files.newOutputStream(dir.resolve("run.txt"))))
        {
            summary.println("target,subscribers,rate_hz,msgs_per_s,p50_us,p99_us,p999_us,max_us,cpu_pct,rss_mb");
            ladder.println("target,subscribers,rate_hz,msgs_per_s,delivered_pct,lost,p50_us,p99_us,p999_us,max_us,cpu_pct,rss_mb,sustained");
            run.println("start " + java.time.Instant.now() + " loadavg " + loadAvg());
            run.println("settings " + String.join(" ", args));
            run.println("cores " + Runtime.getRuntime().availableProcessors() + " (shared by load generator and target)");
            if (o.targets().contains("chain"))
            {
                LogSetup.configure("warn", "text", dir.resolve("sidecar.log"));
            }
            for (final String target : o.targets())
            {
                if ("node".equals(target) && !FanoutTarget.nodeAvailable(home))
                {
                    System.err.println("[fanout] node peer missing: run perf/run-proxy-fanout (it installs ws) — skipped");
                    run.println("node: skipped, perf/peers/node_modules/ws missing");
                    continue;
                }
                for (final int n : o.subscribers)
                {
                    runOne(o, home, dir, transport, sourceLoop, clientLoops, target, n, summary, ladder, run);
                }
            }
            run.println("end " + java.time.Instant.now() + " loadavg " + loadAvg());
        }
        finally
        {
            clientLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            sourceLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static FanoutFeed feed(final Options o, final NettyTransport transport, final EventLoopGroup sourceLoop,
        final String target) throws Exception
    {
        if (CHAIN.equals(target))
        {
            final int capacity = (int)Math.ceil((o.warmupS + o.durationS + 60) * o.rateHz) + 2 * o.roundSize;
            return new ChainFeed(o.roundSize, capacity);
        }
        return new FanoutSource(transport, sourceLoop, o.messageBytes);
    }

    private static void runOne(final Options o, final Path home, final Path dir, final NettyTransport transport,
        final EventLoopGroup sourceLoop, final EventLoopGroup clientLoops, final String target, final int n,
        final PrintStream summary, final PrintStream ladder, final PrintStream run) throws Exception
    {
        final String process = CHAIN.equals(target) ? "ours" : target;
        try (FanoutFeed feed = feed(o, transport, sourceLoop, target);
            FanoutTarget server = FanoutTarget.start(process, home, feed.upstreamUrl(), n, o.oursIoThreads,
                dir.resolve(target + ".log")))
        {
            if (!feed.awaitPeer(30_000))
            {
                throw new IllegalStateException(target + " never subscribed to the source");
            }
            run.println(target + " n=" + n + " " + feed.describe());
            try (FanoutSubscribers subs = new FanoutSubscribers(feed.timing()))
            {
                final long t0 = System.nanoTime();
                final int connected = subs.connect(transport, clientLoops, URI.create("ws://127.0.0.1:" + server.port + "/ws"),
                    n, o.sourceIps, 180_000);
                final String connectLine = String.format(Locale.ROOT, "%s n=%d connected %d in %.1f s, loadavg %s",
                    target, n, connected, (System.nanoTime() - t0) / 1e9, loadAvg());
                System.out.println("[fanout] " + connectLine);
                run.println(connectLine);
                if (connected < n)
                {
                    run.println(target + " n=" + n + ": only " + connected + " connected; skipped");
                    return;
                }
                final Step cadence = step(feed, subs, server, n, o.rateHz, o.warmupS, o.durationS);
                record(summary, dir, target, n, Double.toString(o.rateHz), cadence);
                ladder.println(cadence.csv(target, n, o.rateHz));
                run.println(target + " n=" + n + " rate " + o.rateHz + ": " + cadence.process());
                System.out.println("[fanout] " + target + " n=" + n + " " + cadence.csv(target, n, o.rateHz));
                System.out.println("[fanout] " + target + " n=" + n + " " + cadence.process());
                if (o.maxRate && !CHAIN.equals(target))
                {
                    Step best = null;
                    double bestRate = 0;
                    for (double rate = o.ladderStartHz; rate <= o.ladderMaxHz; rate *= 2)
                    {
                        if (subs.connected() < n)
                        {
                            break;
                        }
                        final Step s = step(feed, subs, server, n, rate, Math.min(2, o.warmupS), o.durationS);
                        ladder.println(s.csv(target, n, rate));
                        ladder.flush();
                        System.out.println("[fanout] " + target + " n=" + n + " " + s.csv(target, n, rate));
                        if (!s.sustained)
                        {
                            break;
                        }
                        best = s;
                        bestRate = rate;
                    }
                    if (null != best)
                    {
                        record(summary, dir, target, n, "max:" + bestRate, best);
                    }
                }
                summary.flush();
                run.flush();
            }
        }
    }

    private static Step step(final FanoutFeed source, final FanoutSubscribers subs, final FanoutTarget server,
        final int n, final double rateHz, final int warmupS, final int durationS) throws InterruptedException
    {
        source.startSending(rateHz);
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmupS));
        subs.reset();
        final long sentBefore = source.sent();
        final long mismatchedBefore = source.timing().mismatched();
        final double cpuBefore = server.cpuSeconds();
        final double selfBefore = FanoutTarget.cpuSeconds(ProcessHandle.current().pid());
        final double subsBefore = threadCpuSeconds("fanout-subscribers");
        final long startNs = System.nanoTime();
        double rssPeak = 0;
        final long endNs = startNs + TimeUnit.SECONDS.toNanos(durationS);
        while (System.nanoTime() < endNs)
        {
            Thread.sleep(250);
            rssPeak = Math.max(rssPeak, server.rssMb());
        }
        final long sentDuring = source.sent() - sentBefore;
        final double elapsedS = (System.nanoTime() - startNs) / 1e9;
        final double cpuPct = 100.0 * (server.cpuSeconds() - cpuBefore) / elapsedS;
        final double selfPct = 100.0 * (FanoutTarget.cpuSeconds(ProcessHandle.current().pid()) - selfBefore) / elapsedS;
        final double subsPct = 100.0 * (threadCpuSeconds("fanout-subscribers") - subsBefore) / elapsedS;
        final Histogram h = subs.take();
        final long delivered = subs.delivered();
        final long mismatched = source.timing().mismatched() - mismatchedBefore;
        source.stopSending();
        Thread.sleep(500);
        final double expected = (double)sentDuring * n;
        final double deliveredPct = expected > 0 ? 100.0 * delivered / expected : 0;
        final boolean sustained = deliveredPct >= 100 * SUSTAINED_DELIVERY && h.getValueAtPercentile(99) <= SUSTAINED_P99_NS &&
            subs.connected() >= n;
        return new Step(h, delivered / elapsedS, deliveredPct, subs.lost(), cpuPct, rssPeak, sustained)
            .harness(selfPct, subsPct, sentDuring, mismatched);
    }

    /** @return CPU seconds of this process's live threads whose name starts with {@code prefix}. */
    private static double threadCpuSeconds(final String prefix)
    {
        final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long ns = 0;
        for (final ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds()))
        {
            if (null != info && info.getThreadName().startsWith(prefix))
            {
                ns += Math.max(0, mx.getThreadCpuTime(info.getThreadId()));
            }
        }
        return ns / 1e9;
    }

    private static void record(final PrintStream summary, final Path dir, final String target, final int n,
        final String rate, final Step s) throws Exception
    {
        summary.println(String.format(Locale.ROOT, "%s,%d,%s,%.0f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f", target, n, rate,
            s.msgsPerS, us(s.h.getValueAtPercentile(50)), us(s.h.getValueAtPercentile(99)),
            us(s.h.getValueAtPercentile(99.9)), us(s.h.getMaxValue()), s.cpuPct, s.rssMb));
        try (PrintStream out = new PrintStream(Files.newOutputStream(
            dir.resolve(target + "-" + n + "-" + rate.replace(':', '_') + ".hgrm"))))
        {
            s.h.outputPercentileDistribution(out, 1000.0);
        }
    }

    private static double us(final long ns)
    {
        return ns / 1000.0;
    }

    static String loadAvg()
    {
        try
        {
            return Files.readString(Paths.get("/proc/loadavg")).trim();
        }
        catch (final Exception ex)
        {
            return "unavailable";
        }
    }

    private static final class Step
    {
        final Histogram h;
        final double msgsPerS;
        final double deliveredPct;
        final long lost;
        final double cpuPct;
        final double rssMb;
        final boolean sustained;
        double harnessCpuPct;
        double subscribersCpuPct;
        long sent;
        long mismatched;

        Step(final Histogram h, final double msgsPerS, final double deliveredPct, final long lost, final double cpuPct,
            final double rssMb, final boolean sustained)
        {
            this.h = h;
            this.msgsPerS = msgsPerS;
            this.deliveredPct = deliveredPct;
            this.lost = lost;
            this.cpuPct = cpuPct;
            this.rssMb = rssMb;
            this.sustained = sustained;
        }

        Step harness(final double harnessCpuPct, final double subscribersCpuPct, final long sent, final long mismatched)
        {
            this.harnessCpuPct = harnessCpuPct;
            this.subscribersCpuPct = subscribersCpuPct;
            this.sent = sent;
            this.mismatched = mismatched;
            return this;
        }

        /** @return what run.txt gets beyond the csv: this process's CPU split, sends, losses, mismatches. */
        String process()
        {
            return String.format(Locale.ROOT, "sent %d, delivered %.2f%%, lost %d, index mismatches %d; target cpu " +
                "%.1f%%; this process cpu %.1f%% (subscriber threads %.1f%%, the rest: source or sidecar + mocks + " +
                "driver, GC, JIT %.1f%%)", sent, deliveredPct, lost, mismatched, cpuPct, harnessCpuPct,
                subscribersCpuPct, harnessCpuPct - subscribersCpuPct);
        }

        String csv(final String target, final int n, final double rate)
        {
            return String.format(Locale.ROOT, "%s,%d,%s,%.0f,%.2f,%d,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%s", target, n, rate,
                msgsPerS, deliveredPct, lost, us(h.getValueAtPercentile(50)), us(h.getValueAtPercentile(99)),
                us(h.getValueAtPercentile(99.9)), us(h.getMaxValue()), cpuPct, rssMb, sustained);
        }
    }

    /** Command line of the harness (see perf/run-proxy-fanout). */
    static final class Options
    {
        List<Integer> subscribers = List.of(1000, 5000, 10000);
        int durationS = 20;
        int warmupS = 5;
        double rateHz = 5;
        boolean maxRate;
        double ladderStartHz = 20;
        double ladderMaxHz = 5120;
        String peer = "both";
        List<String> targets;
        int roundSize = 10;
        String resultsDir = "perf/results/proxy-fanout";
        String home = ".";
        int messageBytes = 2048;
        int sourceIps = 4;
        int clientThreads = 2;
        int oursIoThreads = 0;

        List<String> targets()
        {
            if (null != targets)
            {
                return targets;
            }
            switch (peer)
            {
                case "ours":
                case "node":
                case CHAIN:
                    return List.of(peer);
                case "both":
                    return List.of("ours", "node");
                case "all":
                    return List.of("ours", "node", CHAIN);
                default:
                    throw new IllegalArgumentException("--peer must be ours, node, chain, both or all, got " + peer);
            }
        }

        private static List<String> targetList(final String list)
        {
            final List<String> out = new ArrayList<>();
            for (final String t : list.split(","))
            {
                final String name = t.trim();
                if (!List.of("ours", "node", CHAIN).contains(name))
                {
                    throw new IllegalArgumentException("--targets takes ours, node and chain, got " + name);
                }
                if (!out.contains(name))
                {
                    out.add(name);
                }
            }
            if (out.isEmpty())
            {
                throw new IllegalArgumentException("--targets is empty");
            }
            return List.copyOf(out);
        }

        static Options parse(final String[] args)
        {
            final Options o = new Options();
            for (int i = 0; i < args.length; i++)
            {
                final String a = args[i];
                switch (a)
                {
                    case "--subscribers":
                        final List<Integer> counts = new ArrayList<>();
                        for (final String s : args[++i].split(","))
                        {
                            counts.add(Integer.parseInt(s.trim()));
                        }
                        o.subscribers = counts;
                        break;
                    case "--duration-s": o.durationS = Integer.parseInt(args[++i]); break;
                    case "--warmup-s": o.warmupS = Integer.parseInt(args[++i]); break;
                    case "--rate-hz": o.rateHz = Double.parseDouble(args[++i]); break;
                    case "--max-rate": o.maxRate = true; break;
                    case "--ladder-start-hz": o.ladderStartHz = Double.parseDouble(args[++i]); break;
                    case "--ladder-max-hz": o.ladderMaxHz = Double.parseDouble(args[++i]); break;
                    case "--peer": o.peer = args[++i]; break;
                    case "--targets": o.targets = targetList(args[++i]); break;
                    case "--round-size": o.roundSize = Integer.parseInt(args[++i]); break;
                    case "--results-dir": o.resultsDir = args[++i]; break;
                    case "--home": o.home = args[++i]; break;
                    case "--message-bytes": o.messageBytes = Integer.parseInt(args[++i]); break;
                    case "--source-ips": o.sourceIps = Integer.parseInt(args[++i]); break;
                    case "--client-threads": o.clientThreads = Integer.parseInt(args[++i]); break;
                    case "--ours-io-threads": o.oursIoThreads = Integer.parseInt(args[++i]); break;
                    case "--help":
                        System.out.println(String.join(System.lineSeparator(),
                            "perf/run-proxy-fanout [options]",
                            "  --subscribers 1000,5000,10000  subscriber counts, a fresh target per count",
                            "  --duration-s 20 --warmup-s 5   recorded / not recorded seconds per step",
                            "  --rate-hz 5                     messages per second (5 = the 200 ms flashblock cadence)",
                            "  --max-rate                      then a ladder of doubling rates (--ladder-start-hz 20,",
                            "                                  --ladder-max-hz 5120) until one is not sustained; not for chain",
                            "  --targets ours,node,chain       what to measure, in order (overrides --peer):",
                            "                                    ours  = this process's source -> bin/websocket-proxy -> subscribers",
                            "                                    node  = source -> Node ws broadcast peer -> subscribers",
                            "                                    chain = builder -> sidecar (in process, mock L2/builder, real",
                            "                                            Unichain flashblocks) -> bin/websocket-proxy -> subscribers",
                            "  --peer ours|node|chain|both|all  older spelling: both = ours,node (default), all = ours,node,chain",
                            "  --round-size 10                 chain: flashblocks per FCU round",
                            "  --message-bytes 2048            ours/node: synthetic message size",
                            "  --source-ips 4 --client-threads 2 --ours-io-threads 0 (0 = cores)",
                            "  --results-dir DIR               summary.csv, ladder.csv, *.hgrm, run.txt, *.log"));
                        System.exit(0);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option " + a + " (--help lists them)");
                }
            }
            o.targets();
            if (o.roundSize < 1 || o.roundSize > 1024)
            {
                throw new IllegalArgumentException("--round-size must be 1..1024");
            }
            return o;
        }
    }
}
