package io.boostj.perf;

import io.boostj.io.http.NettyTransport;
import io.boostj.io.jwt.JwtSecret;
import io.boostj.io.jwt.JwtSigner;
import io.boostj.io.log.LogSetup;
import io.boostj.io.runtime.SidecarContext;
import io.boostj.io.runtime.SidecarRuntime;
import io.boostj.io.upstream.UpstreamEndpoint;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The open-loop latency harness: plays op-node against the real sidecar ({@link SidecarRuntime}) and two stub
 * execution clients that answer at once ({@link StubExecutionClient}), and measures the same traffic sent directly to
 * the L2 stub and through a real nginx reverse proxy in front of it ({@link NginxReverseProxy}, when installed), in
 * the same process run, in rotating phases.
 * <pre>
 *                 ┌──────────────▶ sidecar (SidecarRuntime: Netty, rings, engine, journal) ──▶ L2 stub, builder stub
 *   pacer ──▶ client (Netty, keep-alive pool)
 *                 ├──────────────▶ L2 stub (direct)
 *                 └──────────────▶ nginx (keep-alive) ──▶ L2 stub
 * </pre>
 * Traffic, at fixed intended times (open loop: a late response never delays the next send):
 * <ul>
 *     <li>blocks at {@code --block-rate}: {@code FCU(attributes)} at the block's start T, {@code getPayload} at
 *     T + {@code --get-payload-delay-ms} (or when the FCU answer arrives, if later), then {@code newPayload} and a
 *     closing {@code FCU} each as soon as the previous answer is in (their intended time is that answer's
 *     arrival);</li>
 *     <li>{@code eth_sendRawTransaction} at {@code --tx-rate}.</li>
 * </ul>
 * Time rotates over the paths in phases of {@code --phase-ms}; a block belongs to the phase of its start.
 * Latency is response time minus <em>intended</em> send time, per method and path, in HdrHistograms (so pacing and
 * queueing delays count: no coordinated omission); the first {@code --warmup-s} are not recorded. The table, an
 * HdrHistogram log and percentile files go under {@code --results-dir/<timestamp>/}.
 */
public final class OpenLoopHarness
{
    static final int FCU_ATTRIBUTES = 0;
    static final int GET_PAYLOAD = 1;
    static final int NEW_PAYLOAD = 2;
    static final int FCU = 3;
    static final int SEND_RAW_TX = 4;
    static final int KINDS = 5;

    static final int SIDECAR = 0;
    static final int DIRECT = 1;
    static final int NGINX = 2;
    static final String[] PATHS = {"sidecar", "direct", "nginx"};

    private static final long HIGHEST_NS = TimeUnit.SECONDS.toNanos(60);
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};

    private final Options options;
    private final String[] kindNames;
    private final int paths;
    private final Histogram[][] latency;
    private final Histogram[][] service;
    private final long[][] failures;
    private final List<String> failureSamples = new ArrayList<>();
    private final int[][] failureSampleCounts;
    private final Histogram pacerLateness = new Histogram(HIGHEST_NS, 3);
    private final PriorityBlockingQueue<LoadClient.Call> deferred =
        new PriorityBlockingQueue<>(64, Comparator.comparingLong((LoadClient.Call c) -> c.intendedNs));

    private final byte[] fcuAttributesBody = Payloads.bytes(Payloads.FCU_ATTRIBUTES);
    private final byte[] fcuBody = Payloads.bytes(Payloads.FCU_NO_ATTRIBUTES);
    private final byte[] newPayloadBody;
    private final byte[] txBody = Payloads.bytes(Payloads.SEND_RAW_TRANSACTION);
    private final String getPayloadMethod;

    private LoadClient[] clients;
    private volatile Thread pacer;
    private long blocksStarted;
    private long blocksCompleted;
    private long blocksFailed;

    private OpenLoopHarness(final Options options)
    {
        this.options = options;
        paths = null == options.nginxBinary ? 2 : 3;
        latency = new Histogram[KINDS][paths];
        service = new Histogram[KINDS][paths];
        failures = new long[KINDS][paths];
        failureSampleCounts = new int[KINDS][paths];
        final boolean v4 = "v4".equals(options.fork);
        newPayloadBody = Payloads.bytes(v4 ? Payloads.NEW_PAYLOAD_V4 : Payloads.NEW_PAYLOAD_V3);
        getPayloadMethod = v4 ? "engine_getPayloadV4" : "engine_getPayloadV3";
        kindNames = new String[] {
            "engine_forkchoiceUpdatedV3 +attrs",
            getPayloadMethod,
            v4 ? "engine_newPayloadV4" : "engine_newPayloadV3",
            "engine_forkchoiceUpdatedV3",
            "eth_sendRawTransaction"};
        for (int k = 0; k < KINDS; k++)
        {
            for (int p = 0; p < paths; p++)
            {
                latency[k][p] = new Histogram(HIGHEST_NS, 3);
                service[k][p] = new Histogram(HIGHEST_NS, 3);
            }
        }
    }

    /**
     * Runs the harness.
     *
     * @param args see {@code --help}.
     * @throws Exception if the sidecar or a stub cannot start.
     */
    public static void main(final String[] args) throws Exception
    {
        final Options options = Options.parse(args);
        if (null == options)
        {
            return;
        }
        new OpenLoopHarness(options).run();
        System.exit(0);
    }

    private void run() throws Exception
    {
        final String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        final Path resultsDir = null != options.outDir ? Paths.get(options.outDir) :
            Paths.get(options.resultsDir).resolve(stamp);
        Files.createDirectories(resultsDir);
        LogSetup.configure(options.sidecarLogLevel, "text", resultsDir.resolve("sidecar.log"));

        final byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        final StringBuilder hex = new StringBuilder();
        for (final byte b : key)
        {
            hex.append(String.format("%02x", b));
        }
        final JwtSecret secret = JwtSecret.fromHex(hex.toString());

        final NettyTransport transport = NettyTransport.choose(true);
        final EventLoopGroup stubGroup = transport.newGroup(options.stubThreads, "stub-el");
        final EventLoopGroup clientGroup = transport.newGroup(1, "harness-client");
        final StubExecutionClient l2 = StubExecutionClient.start("l2", stubGroup, transport, 0x0300000000000000L);
        final StubExecutionClient builder =
            StubExecutionClient.start("builder", stubGroup, transport, 0x0400000000000000L);
        final Path journalDir = Files.createTempDirectory("boostj-harness-journal");
        final SidecarContext ctx = new SidecarContext()
            .l2Endpoint(UpstreamEndpoint.parse("http://127.0.0.1:" + l2.port()))
            .l2Secret(secret)
            .builderEndpoint(UpstreamEndpoint.parse("http://127.0.0.1:" + builder.port()))
            .builderSecret(secret)
            .inboundSecret(options.inboundJwt ? secret : null)
            .rpcPort(0)
            .debugPort(0)
            .journalDir(journalDir)
            .journalSyncMode(io.boostj.journal.JournalSyncMode.parse(options.journalSyncMode))
            .waitStrategy(options.waitStrategy)
            .threadingMode(io.boostj.io.runtime.ThreadingMode.parse(options.threadingMode))
            .warmupRounds(options.warmupRounds)
            .ioThreads(options.ioThreads)
            .conclude();

        final String loadAtStart = loadAverage();
        final NginxReverseProxy nginx = 3 == paths ?
            NginxReverseProxy.start(options.nginxBinary, l2.port(), options.nginxWorkers) : null;
        try (SidecarRuntime sidecar = SidecarRuntime.start(ctx))
        {
            final EventLoop loop = clientGroup.next();
            final JwtSigner signer = new JwtSigner(secret);
            clients = new LoadClient[paths];
            clients[SIDECAR] = new LoadClient("sidecar", loop, transport, "127.0.0.1", sidecar.rpcPort(), signer,
                options.maxConnections);
            clients[DIRECT] = new LoadClient("direct", loop, transport, "127.0.0.1", l2.port(), signer,
                options.maxConnections);
            if (null != nginx)
            {
                clients[NGINX] = new LoadClient("nginx", loop, transport, "127.0.0.1", nginx.port(), signer,
                    options.maxConnections);
            }
            for (final LoadClient c : clients)
            {
                c.preconnect(options.connections);
            }

            final long[] gcAtMeasureStart = new long[2];
            final Map<Long, long[]> cpuAtMeasureStart = new LinkedHashMap<>();
            final long[] machineAtMeasureStart = new long[4];
            final String[] loadAtMeasureStart = new String[1];
            final long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            final long measureStart = t0 + TimeUnit.SECONDS.toNanos(options.warmupS);
            final long end = measureStart + TimeUnit.SECONDS.toNanos(options.durationS);
            System.out.printf("harness: warm-up %d s, measure %d s, tx %d/s, blocks %.1f/s (warm-up %.1f/s), " +
                "phases %d ms, fork %s, inbound JWT %s, sidecar wait strategy %s, transport %s%n",
                options.warmupS, options.durationS, options.txRate, options.blockRate, options.warmupBlockRate,
                options.phaseMs, options.fork, options.inboundJwt ? "on" : "off", options.threadingMode + "/" + options.waitStrategy,
                transport.name());

            pace(t0, measureStart, end, gcAtMeasureStart, loadAtMeasureStart, cpuAtMeasureStart,
                machineAtMeasureStart);
            final long[] gcAtEnd = gcTotals();
            final String cpu = machineCpu(machineAtMeasureStart, procStat()) + threadCpu(cpuAtMeasureStart,
                end - measureStart);
            final String loadAtEnd = loadAverage();
            awaitQuiet(loop, TimeUnit.SECONDS.toNanos(5));

            final int[] connections = new int[2 * paths];
            final int[] stillInFlight = new int[paths];
            loop.submit(() ->
            {
                for (int i = 0; i < paths; i++)
                {
                    connections[i] = clients[i].connectionsOpened();
                    connections[paths + i] = clients[i].maxWaiting();
                    stillInFlight[i] = clients[i].inFlight();
                }
            }).sync();

            final ByteArrayOutputStream text = new ByteArrayOutputStream();
            final PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
            report(out, loadAtStart, loadAtMeasureStart[0], loadAtEnd, gcAtMeasureStart, gcAtEnd, connections,
                stillInFlight, l2, builder, sidecar);
            out.println();
            out.print(cpu);
            final String summary = text.toString(StandardCharsets.UTF_8);
            System.out.print(summary);
            Files.writeString(resultsDir.resolve("summary.txt"), summary);
            writeHistograms(resultsDir);
            writeCsv(resultsDir.resolve("latency.csv"));
            if (null != nginx)
            {
                Files.writeString(resultsDir.resolve("nginx.log"), nginx.log());
            }
            System.out.println("results: " + resultsDir.toAbsolutePath());

            for (final LoadClient c : clients)
            {
                c.close();
            }
        }
        finally
        {
            if (null != nginx)
            {
                nginx.close();
            }
            l2.close();
            builder.close();
            clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            stubGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            if (!options.keepJournal)
            {
                deleteRecursively(journalDir);
            }
            else
            {
                System.out.println("journal kept in " + journalDir);
            }
        }
    }

    private void pace(
        final long t0, final long measureStart, final long end, final long[] gcAtMeasureStart,
        final String[] loadAtMeasureStart, final Map<Long, long[]> cpuAtMeasureStart,
        final long[] machineAtMeasureStart)
    {
        pacer = Thread.currentThread();
        final double txIntervalNs = options.txRate > 0 ? 1e9 / options.txRate : Double.MAX_VALUE;
        final long blockIntervalNs = (long)(1e9 / options.blockRate);
        final long warmupBlockIntervalNs = (long)(1e9 / options.warmupBlockRate);
        final long getPayloadDelayNs = options.getPayloadDelayMs >= 0 ?
            TimeUnit.MILLISECONDS.toNanos(options.getPayloadDelayMs) : blockIntervalNs / 2;
        final long phaseNs = TimeUnit.MILLISECONDS.toNanos(options.phaseMs);
        final long spinNs = TimeUnit.MICROSECONDS.toNanos(options.pacerSpinUs);

        long txIndex = 0;
        long nextTx = options.txRate > 0 ? t0 : Long.MAX_VALUE;
        long nextBlock = t0;
        boolean measuring = false;

        while (true)
        {
            final long now = System.nanoTime();
            if (!measuring && now >= measureStart)
            {
                measuring = true;
                final long[] gc = gcTotals();
                gcAtMeasureStart[0] = gc[0];
                gcAtMeasureStart[1] = gc[1];
                loadAtMeasureStart[0] = loadAverage();
                snapshotThreadCpu(cpuAtMeasureStart);
                System.arraycopy(procStat(), 0, machineAtMeasureStart, 0, 4);
            }
            while (nextTx <= now && nextTx < end)
            {
                final int path = pathOf(nextTx, t0, phaseNs, paths);
                final boolean record = nextTx >= measureStart;
                if (record)
                {
                    pacerLateness.recordValue(now - nextTx);
                }
                send(new LoadClient.Call(SEND_RAW_TX, path, nextTx, txBody, record, this::onTxDone, null));
                txIndex++;
                nextTx = t0 + (long)(txIndex * txIntervalNs);
            }
            while (nextBlock <= now && nextBlock < end)
            {
                final boolean warm = nextBlock < measureStart;
                final long interval = warm ? warmupBlockIntervalNs : blockIntervalNs;
                final long delay = warm ? Math.min(getPayloadDelayNs, interval / 2) : getPayloadDelayNs;
                final Block block = new Block(nextBlock, pathOf(nextBlock, t0, phaseNs, paths), !warm, delay);
                if (block.record)
                {
                    pacerLateness.recordValue(now - nextBlock);
                }
                blocksStarted++;
                send(new LoadClient.Call(FCU_ATTRIBUTES, block.path, block.startNs, fcuAttributesBody, block.record,
                    this::onBlockStep, block));
                nextBlock += interval;
            }
            LoadClient.Call due;
            while (null != (due = deferred.peek()) && due.intendedNs <= now)
            {
                deferred.poll();
                send(due);
            }
            if (nextTx >= end && nextBlock >= end && deferred.isEmpty())
            {
                break;
            }
            long wake = Math.min(nextTx, nextBlock);
            final LoadClient.Call head = deferred.peek();
            if (null != head)
            {
                wake = Math.min(wake, head.intendedNs);
            }
            final long sleepNs = wake - System.nanoTime();
            if (sleepNs > spinNs)
            {
                LockSupport.parkNanos(sleepNs - spinNs);
            }
            else if (sleepNs > 0)
            {
                Thread.onSpinWait();
            }
        }
        pacer = null;
    }

    static int pathOf(final long intendedNs, final long t0, final long phaseNs, final int paths)
    {
        return (int)(((intendedNs - t0) / phaseNs) % paths);
    }

    private void send(final LoadClient.Call call)
    {
        clients[call.path].send(call);
    }

    /**
     * Runs on the client loop.
     */
    private void onTxDone(final LoadClient.Call call)
    {
        record(call);
    }

    /**
     * Runs on the client loop: advances a block FCU(attrs) → getPayload → newPayload → FCU.
     */
    private void onBlockStep(final LoadClient.Call call)
    {
        record(call);
        final Block block = (Block)call.context;
        if (!call.ok)
        {
            blocksFailed++;
            return;
        }
        switch (call.kind)
        {
            case FCU_ATTRIBUTES:
            {
                final long intended = block.startNs + block.getPayloadDelayNs;
                final byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"" + getPayloadMethod +
                    "\",\"params\":[\"" + StubResponses.hex64(call.payloadId) + "\"]}")
                    .getBytes(StandardCharsets.US_ASCII);
                final LoadClient.Call next =
                    new LoadClient.Call(GET_PAYLOAD, block.path, intended, body, block.record, this::onBlockStep, block);
                if (System.nanoTime() >= intended)
                {
                    send(next);
                }
                else
                {
                    deferred.add(next);
                    final Thread p = pacer;
                    if (null != p)
                    {
                        LockSupport.unpark(p);
                    }
                }
                break;
            }
            case GET_PAYLOAD:
                send(new LoadClient.Call(NEW_PAYLOAD, block.path, call.doneNs, newPayloadBody, block.record,
                    this::onBlockStep, block));
                break;
            case NEW_PAYLOAD:
                send(new LoadClient.Call(FCU, block.path, call.doneNs, fcuBody, block.record, this::onBlockStep,
                    block));
                break;
            default:
                blocksCompleted++;
                break;
        }
    }

    private void record(final LoadClient.Call call)
    {
        if (!call.record)
        {
            return;
        }
        if (!call.ok)
        {
            failures[call.kind][call.path]++;
            if (failureSampleCounts[call.kind][call.path]++ < 3)
            {
                failureSamples.add(kindNames[call.kind] + " via " + PATHS[call.path] + ": " + call.failure);
            }
            return;
        }
        latency[call.kind][call.path].recordValue(Math.max(0, call.doneNs - call.intendedNs));
        service[call.kind][call.path].recordValue(Math.max(0, call.doneNs - call.sentNs));
    }

    private void awaitQuiet(final EventLoop loop, final long timeoutNs) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeoutNs;
        while (System.nanoTime() < deadline)
        {
            final int[] inFlight = new int[1];
            try
            {
                loop.submit(() ->
                {
                    for (final LoadClient c : clients)
                    {
                        inFlight[0] += c.inFlight();
                    }
                }).sync();
            }
            catch (final Exception ex)
            {
                return;
            }
            if (0 == inFlight[0] && deferred.isEmpty())
            {
                return;
            }
            Thread.sleep(10);
        }
    }

    private void report(
        final PrintStream out, final String loadAtStart, final String loadAtMeasureStart, final String loadAtEnd,
        final long[] gcStart, final long[] gcEnd, final int[] connections, final int[] stillInFlight,
        final StubExecutionClient l2, final StubExecutionClient builder, final SidecarRuntime sidecar)
    {
        out.println();
        out.printf("machine: %d CPUs, %s; JVM %s %s; load average (1/5/15 min) at start %s, measure start %s, end %s%n",
            Runtime.getRuntime().availableProcessors(), System.getProperty("os.name") + " " +
            System.getProperty("os.arch"), System.getProperty("java.vm.name"), System.getProperty("java.version"),
            loadAtStart, loadAtMeasureStart, loadAtEnd);
        out.printf("run: measured %d s after %d s warm-up; tx %d/s; blocks %.1f/s; phase %d ms; fork %s; inbound JWT %s; " +
            "sidecar wait strategy %s, io threads %d%n", options.durationS, options.warmupS, options.txRate,
            options.blockRate, options.phaseMs, options.fork, options.inboundJwt ? "on" : "off", options.threadingMode + "/" + options.waitStrategy,
            options.ioThreads);
        out.printf("GC during measurement (whole process: harness, stubs and sidecar): %d collections, %d ms%n",
            gcEnd[0] - gcStart[0], gcEnd[1] - gcStart[1]);
        out.printf("blocks: started %d, completed %d, failed %d%n", blocksStarted, blocksCompleted, blocksFailed);
        for (int p = 0; p < paths; p++)
        {
            out.printf("%-8s connections opened %d, most calls waiting for a connection %d, unanswered at end %d%n",
                PATHS[p], connections[p], connections[paths + p], stillInFlight[p]);
        }
        if (3 == paths)
        {
            out.printf("nginx: %s, %d worker(s), keep-alive to the L2 stub (perf NginxReverseProxy)%n",
                options.nginxBinary, options.nginxWorkers);
        }
        out.println("stubs: " + l2.summary());
        out.println("       " + builder.summary());
        out.printf("sidecar: health %d%n", sidecar.health().httpStatus());
        out.println();
        table(out, "Latency from INTENDED send time (open loop; includes the harness's pacing delay), µs", latency);
        out.println();
        table(out, "Service time from ACTUAL send (write) to response, µs (diagnostic)", service);
        out.println();
        out.printf("harness pacer lateness (actual − intended, per paced send), µs: %s%n", row(pacerLateness));
        if (!failureSamples.isEmpty())
        {
            out.println();
            out.println("failure samples:");
            for (final String f : failureSamples)
            {
                out.println("  " + f);
            }
        }
    }

    private void table(final PrintStream out, final String title, final Histogram[][] hs)
    {
        out.println(title);
        out.printf("%-34s %-8s %8s %6s %9s %9s %9s %9s %9s%n",
            "method", "path", "count", "errors", "p50", "p90", "p99", "p99.9", "max");
        for (int k = 0; k < KINDS; k++)
        {
            for (int p = 0; p < paths; p++)
            {
                out.printf("%-34s %-8s %8d %6d %s%n", 0 == p ? kindNames[k] : "", PATHS[p], hs[k][p].getTotalCount(),
                    failures[k][p], row(hs[k][p]));
            }
            for (int p = 0; p < paths; p++)
            {
                if (DIRECT != p)
                {
                    out.printf("%-34s %-8s %8s %6s%s%n", "", "+" + PATHS[p], "", "", added(hs[k][p], hs[k][DIRECT]));
                }
            }
        }
    }

    private static String added(final Histogram path, final Histogram direct)
    {
        final StringBuilder diff = new StringBuilder();
        for (final double pct : PERCENTILES)
        {
            diff.append(String.format(" %9.1f", micros(path.getValueAtPercentile(pct)) -
                micros(direct.getValueAtPercentile(pct))));
        }
        diff.append(String.format(" %9.1f", micros(path.getMaxValue()) - micros(direct.getMaxValue())));
        return diff.toString();
    }

    /**
     * One row per method and path: {@code method,path,count,errors,p50_us,p90_us,p99_us,p999_us,max_us}, read by
     * {@code perf/run-all}'s report.
     */
    private void writeCsv(final Path file) throws IOException
    {
        final StringBuilder sb = new StringBuilder("method,path,count,errors,p50_us,p90_us,p99_us,p999_us,max_us\n");
        for (int k = 0; k < KINDS; k++)
        {
            for (int p = 0; p < paths; p++)
            {
                final Histogram h = latency[k][p];
                sb.append(String.format(java.util.Locale.ROOT, "%s,%s,%d,%d,%.1f,%.1f,%.1f,%.1f,%.1f%n",
                    kindNames[k], PATHS[p], h.getTotalCount(), failures[k][p], micros(h.getValueAtPercentile(50)),
                    micros(h.getValueAtPercentile(90)), micros(h.getValueAtPercentile(99)),
                    micros(h.getValueAtPercentile(99.9)), micros(h.getMaxValue())));
            }
        }
        Files.writeString(file, sb.toString());
    }

    private static String row(final Histogram h)
    {
        final StringBuilder sb = new StringBuilder();
        for (final double pct : PERCENTILES)
        {
            sb.append(String.format(" %9.1f", micros(h.getValueAtPercentile(pct))));
        }
        sb.append(String.format(" %9.1f", micros(h.getMaxValue())));
        return sb.toString();
    }

    private static double micros(final long ns)
    {
        return ns / 1000.0;
    }

    private void writeHistograms(final Path dir) throws IOException
    {
        try (PrintStream log = new PrintStream(Files.newOutputStream(dir.resolve("latency.hlog")), true,
            StandardCharsets.US_ASCII))
        {
            final HistogramLogWriter writer = new HistogramLogWriter(log);
            writer.outputComment("boostj OpenLoopHarness: values in nanoseconds; tags <method>.<path>.<latency|service>");
            writer.outputLogFormatVersion();
            writer.outputLegend();
            for (int k = 0; k < KINDS; k++)
            {
                for (int p = 0; p < paths; p++)
                {
                    final String base = kindNames[k].replace(' ', '_').replace("+", "") + "." + PATHS[p];
                    final Histogram lat = latency[k][p];
                    lat.setTag(base + ".latency");
                    writer.outputIntervalHistogram(lat);
                    final Histogram svc = service[k][p];
                    svc.setTag(base + ".service");
                    writer.outputIntervalHistogram(svc);
                    writePercentiles(dir.resolve(base + ".latency.hgrm"), lat);
                    writePercentiles(dir.resolve(base + ".service.hgrm"), svc);
                }
            }
            pacerLateness.setTag("pacer.lateness");
            writer.outputIntervalHistogram(pacerLateness);
            writePercentiles(dir.resolve("pacer.lateness.hgrm"), pacerLateness);
        }
    }

    private static void writePercentiles(final Path file, final Histogram h) throws IOException
    {
        try (PrintStream ps = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.US_ASCII))
        {
            ps.println("# values in microseconds");
            h.outputPercentileDistribution(ps, 1000.0);
        }
    }

    /**
     * Machine-wide CPU jiffies from /proc/stat: {total, idle (idle + iowait), steal, this process's CPU ns}.
     */
    private static long[] procStat()
    {
        final long[] out = new long[4];
        try
        {
            final String[] f = Files.readAllLines(Paths.get("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++)
            {
                total += Long.parseLong(f[i]);
            }
            out[0] = total;
            out[1] = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            out[2] = f.length > 8 ? Long.parseLong(f[8]) : 0;
        }
        catch (final IOException | RuntimeException ex)
        {
            out[0] = -1;
        }
        final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean)
        {
            out[3] = ((com.sun.management.OperatingSystemMXBean)os).getProcessCpuTime();
        }
        return out;
    }

    /**
     * Busy, steal and other processes' share of the machine during the measurement: a quiet run has ~0% others.
     */
    private static String machineCpu(final long[] start, final long[] end)
    {
        if (start[0] <= 0 || end[0] <= 0)
        {
            return "machine CPU: /proc/stat unavailable\n";
        }
        final int cpus = Runtime.getRuntime().availableProcessors();
        final double jiffies = end[0] - start[0];
        final double busy = (jiffies - (end[1] - start[1])) / jiffies;
        final double steal = (end[2] - start[2]) / jiffies;
        final double wallNs = jiffies / cpus * 1e9 / 100.0;
        final double self = (end[3] - start[3]) / (wallNs * cpus);
        return String.format("machine CPU during the measurement (share of all %d cores): busy %.0f%% (this process " +
            "%.0f%%, everything else %.0f%%), steal %.0f%%%n", cpus, 100 * busy, 100 * self,
            Math.max(0, 100 * (busy - self - steal)), 100 * steal);
    }

    private static void snapshotThreadCpu(final Map<Long, long[]> into)
    {
        final java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (final long id : threads.getAllThreadIds())
        {
            into.put(id, new long[] {threads.getThreadCpuTime(id)});
        }
    }

    /**
     * CPU used by each thread of the process (harness, stubs and sidecar alike) during the measurement, as a share of
     * one core: where the 2 cores went.
     */
    private static String threadCpu(final Map<Long, long[]> atStart, final long wallNs)
    {
        final java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final Map<String, Long> byName = new LinkedHashMap<>();
        long total = 0;
        for (final long id : threads.getAllThreadIds())
        {
            final long now = threads.getThreadCpuTime(id);
            final java.lang.management.ThreadInfo info = threads.getThreadInfo(id);
            if (now < 0 || null == info)
            {
                continue;
            }
            final long[] start = atStart.get(id);
            final long used = now - (null == start || start[0] < 0 ? 0 : start[0]);
            final String name = info.getThreadName();
            byName.merge(name, used, Long::sum);
            total += used;
        }
        final StringBuilder sb = new StringBuilder();
        final int cpus = Runtime.getRuntime().availableProcessors();
        sb.append(String.format("CPU by thread during the measurement (%% of one core; all JVM threads of this process: " +
            "%.0f%% of one core = %.0f%% of the %d cores):%n", 100.0 * total / wallNs, 100.0 * total / wallNs / cpus,
            cpus));
        byName.entrySet().stream()
            .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
            .filter(e -> e.getValue() * 200 >= wallNs)
            .forEach(e -> sb.append(String.format("  %-40s %6.1f%%%n", e.getKey(), 100.0 * e.getValue() / wallNs)));
        return sb.toString();
    }

    private static long[] gcTotals()
    {
        long count = 0;
        long timeMs = 0;
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            count += Math.max(0, gc.getCollectionCount());
            timeMs += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, timeMs};
    }

    static String loadAverage()
    {
        try
        {
            final String[] parts = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + "/" + parts[1] + "/" + parts[2];
        }
        catch (final IOException | RuntimeException ex)
        {
            return "n/a";
        }
    }

    private static void deleteRecursively(final Path dir)
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (final IOException ex)
        {
            System.err.println("could not delete " + dir + ": " + ex);
        }
    }

    private static final class Block
    {
        final long startNs;
        final int path;
        final boolean record;
        final long getPayloadDelayNs;

        Block(final long startNs, final int path, final boolean record, final long getPayloadDelayNs)
        {
            this.startNs = startNs;
            this.path = path;
            this.record = record;
            this.getPayloadDelayNs = getPayloadDelayNs;
        }
    }

    /**
     * Command-line options.
     */
    static final class Options
    {
        int durationS = 30;
        int warmupS = 10;
        int txRate = 5000;
        double blockRate = 10;
        double warmupBlockRate = 50;
        long phaseMs = 1000;
        long getPayloadDelayMs = -1;
        String fork = "v3";
        int connections = 8;
        int maxConnections = 64;
        boolean inboundJwt = true;
        String waitStrategy = "phased";
        String journalSyncMode = "async";
        String threadingMode = "shared";
        int warmupRounds = 3000;
        int ioThreads = 1;
        int stubThreads = 1;
        long pacerSpinUs = 0;
        String resultsDir = "perf/results";
        String outDir;
        int nginxWorkers = 1;
        /** The nginx binary for the third path, or null when {@code --nginx off} or not installed. */
        String nginxBinary = NginxReverseProxy.locate("auto");
        String sidecarLogLevel = "info";
        boolean keepJournal;

        private static final String HELP = String.join("\n",
            "Usage: perf/run-harness [options]",
            "Plays op-node against the sidecar and two instant stub execution clients, and the same traffic directly",
            "against the L2 stub and through nginx in front of it, in rotating phases; prints latency percentiles from",
            "the intended send time.",
            "",
            "  --duration-s N            measured seconds (default 30)",
            "  --warmup-s N              unrecorded warm-up seconds (default 10)",
            "  --tx-rate N               eth_sendRawTransaction per second, 0 for none (default 5000)",
            "  --block-rate R            blocks per second: FCU(attrs), getPayload, newPayload, FCU (default 10)",
            "  --warmup-block-rate R     blocks per second during warm-up, to warm the engine path (default 50)",
            "  --get-payload-delay-ms N  getPayload this long after the block's FCU (default half the block interval)",
            "  --phase-ms N              length of each sidecar/direct/nginx phase (default 1000)",
            "  --nginx auto|off|PATH     a third path through a real nginx reverse proxy (keep-alive) in front of the",
            "                            L2 stub, the proxy of record; auto uses /usr/sbin/nginx when installed (default)",
            "  --nginx-workers N         nginx worker_processes (default 1)",
            "  --fork v3|v4              getPayload/newPayload version and payload (default v3: the 56-tx hive block)",
            "  --connections N           keep-alive connections opened ahead, per path (default 8; grows on demand)",
            "  --max-connections N       at most this many per path; further calls wait for one (default 64)",
            "  --no-inbound-jwt          do not make the sidecar verify op-node's JWT (default: verify, as deployed)",
            "  --wait-strategy NAME      sidecar ring consumers' wait strategy (default phased)",
            "  --threading-mode MODE     sidecar threading: shared (engine on the event loop, default) or dedicated",
            "  --warmup-rounds N         sidecar JIT warm-up rounds at start, as --warmup-rounds (default 3000)",
            "  --io-threads N            sidecar Netty event loops (default 1)",
            "  --stub-threads N          event loops shared by the two stubs (default 1)",
            "  --pacer-spin-us N         busy-wait the last N µs before each send instead of parking (default 0)",
            "  --sidecar-log-level L     sidecar log level, written to results/<ts>/sidecar.log (default info)",
            "  --results-dir DIR         where the <timestamp>/ folder goes (default perf/results)",
            "  --out DIR                 write the results into DIR itself (no <timestamp>/ folder)",
            "  --keep-journal            keep the sidecar's journal (temp dir) after the run",
            "  --journal-sync-mode M     the sidecar's --journal-sync-mode: none, async (default), sync",
            "  --help");

        static Options parse(final String[] args)
        {
            final Options o = new Options();
            final Map<String, String> values = new LinkedHashMap<>();
            final List<String> flags = new ArrayList<>();
            for (int i = 0; i < args.length; i++)
            {
                String a = args[i];
                if (!a.startsWith("--"))
                {
                    throw new IllegalArgumentException("unexpected argument " + a + "\n" + HELP);
                }
                a = a.substring(2);
                final int eq = a.indexOf('=');
                if (eq > 0)
                {
                    values.put(a.substring(0, eq), a.substring(eq + 1));
                }
                else if ("help".equals(a) || "no-inbound-jwt".equals(a) || "keep-journal".equals(a))
                {
                    flags.add(a);
                }
                else if (i + 1 < args.length)
                {
                    values.put(a, args[++i]);
                }
                else
                {
                    throw new IllegalArgumentException("--" + a + " needs a value\n" + HELP);
                }
            }
            if (flags.contains("help"))
            {
                System.out.println(HELP);
                return null;
            }
            o.inboundJwt = !flags.contains("no-inbound-jwt");
            o.keepJournal = flags.contains("keep-journal");
            for (final Map.Entry<String, String> e : values.entrySet())
            {
                final String v = e.getValue();
                switch (e.getKey())
                {
                    case "duration-s": o.durationS = Integer.parseInt(v); break;
                    case "warmup-s": o.warmupS = Integer.parseInt(v); break;
                    case "tx-rate": o.txRate = Integer.parseInt(v); break;
                    case "block-rate": o.blockRate = Double.parseDouble(v); break;
                    case "warmup-block-rate": o.warmupBlockRate = Double.parseDouble(v); break;
                    case "get-payload-delay-ms": o.getPayloadDelayMs = Long.parseLong(v); break;
                    case "phase-ms": o.phaseMs = Long.parseLong(v); break;
                    case "fork": o.fork = v.toLowerCase(java.util.Locale.ROOT); break;
                    case "connections": o.connections = Integer.parseInt(v); break;
                    case "max-connections": o.maxConnections = Integer.parseInt(v); break;
                    case "wait-strategy": o.waitStrategy = v; break;
                    case "journal-sync-mode": o.journalSyncMode = v; break;
                    case "threading-mode": o.threadingMode = v; break;
                    case "warmup-rounds": o.warmupRounds = Integer.parseInt(v); break;
                    case "io-threads": o.ioThreads = Integer.parseInt(v); break;
                    case "stub-threads": o.stubThreads = Integer.parseInt(v); break;
                    case "pacer-spin-us": o.pacerSpinUs = Long.parseLong(v); break;
                    case "results-dir": o.resultsDir = v; break;
                    case "out": o.outDir = v; break;
                    case "nginx": o.nginxBinary = NginxReverseProxy.locate(v); break;
                    case "nginx-workers": o.nginxWorkers = Integer.parseInt(v); break;
                    case "sidecar-log-level": o.sidecarLogLevel = v; break;
                    default: throw new IllegalArgumentException("unknown option --" + e.getKey() + "\n" + HELP);
                }
            }
            if (!"v3".equals(o.fork) && !"v4".equals(o.fork))
            {
                throw new IllegalArgumentException("--fork must be v3 or v4");
            }
            if (o.blockRate <= 0 || o.warmupBlockRate <= 0 || o.durationS <= 0 || o.warmupS < 0 || o.txRate < 0 ||
                o.phaseMs <= 0)
            {
                throw new IllegalArgumentException("rates, durations and the phase must be positive\n" + HELP);
            }
            return o;
        }
    }
}
