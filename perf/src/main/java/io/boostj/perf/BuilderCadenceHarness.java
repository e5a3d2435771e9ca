package io.boostj.perf;

import com.fasterxml.jackson.databind.JsonNode;
import io.boostj.buildernode.BuilderNodeContext;
import io.boostj.buildernode.BuilderNodeServer;
import io.boostj.io.jwt.JwtSecret;
import io.boostj.io.log.LogSetup;
import org.HdrHistogram.Histogram;
import org.agrona.BitUtil;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Cadence of the builder's flashblock loop (issue 5, goal: p99 within 1 ms of schedule), open loop: a
 * {@link BuilderNodeServer} in this process with flashblocks on; op-node's part driven over HTTP with JWT
 * ({@link EngineApiClient}) at a fixed block time: at each block's intended time FCU with attributes on the head,
 * getPayload {@code --seal-lead-ms} before the next block's time, newPayload of the sealed block (as rollup-boost
 * forwards it to the builder), which the next FCU makes the head. A WebSocket
 * subscriber ({@link FlashblockArrivals}) stamps every flashblock; flashblock {@code k} of a round is due at
 * {@code FCU sent + k × flashblock time}, and its offset from that is recorded (HdrHistogram, µs): index 0 (the FCU's
 * own work), indexes 1.. (the timer ticks), all, and the ticks against index 0's arrival + k × flashblock time
 * (the timer's own jitter, without the FCU's latency that every tick of the round inherits). Between ticks 2 and 3
 * of each round an {@code engine_exchangeCapabilities} (no work in the builder) prices the path alone: HTTP, JWT and
 * the threads on both sides waking up. Flashblocks due at or after getPayload (the seal's flush) are
 * counted, not recorded. Optionally an open-loop stream of pre-signed transfers ({@code --tx-rate}) to the public
 * JSON-RPC port gives the ticks work. The first {@code --warmup-blocks} are not recorded.
 */
public final class BuilderCadenceHarness
{
    private static final long HIGHEST_NS = TimeUnit.SECONDS.toNanos(10);
    private static final JwtSecret SECRET = JwtSecret.fromHex("0x" + "ab".repeat(32));

    private final Options o;
    private final Histogram all = new Histogram(HIGHEST_NS, 3);
    private final Histogram first = new Histogram(HIGHEST_NS, 3);
    private final Histogram ticks = new Histogram(HIGHEST_NS, 3);
    private final Histogram ticksFromFirst = new Histogram(HIGHEST_NS, 3);
    private final Histogram fcuLate = new Histogram(HIGHEST_NS, 3);
    private final Histogram fcuCall = new Histogram(HIGHEST_NS, 3);
    private final Histogram getPayloadCall = new Histogram(HIGHEST_NS, 3);
    private final Histogram newPayloadCall = new Histogram(HIGHEST_NS, 3);
    private final Histogram probeCall = new Histogram(HIGHEST_NS, 3);
    private final Histogram tickTransactions = new Histogram(100_000, 3);
    private long early;
    private long flushes;
    private String previousPayloadId = "";
    private long missing;

    private BuilderCadenceHarness(final Options o)
    {
        this.o = o;
    }

    public static void main(final String[] args) throws Exception
    {
        final Options o = Options.parse(args);
        final Path dir = Paths.get(o.resultsDir).resolve(
            LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-cadence");
        Files.createDirectories(dir);
        LogSetup.configure("warn", "text", dir.resolve("builder.log"));
        final String load = Files.readString(Paths.get("/proc/loadavg")).trim();
        final BuilderCadenceHarness h = new BuilderCadenceHarness(o);
        final String report = h.run() + String.format("load average at start: %s, at end: %s%n", load,
            Files.readString(Paths.get("/proc/loadavg")).trim());
        System.out.print(report);
        Files.writeString(dir.resolve("summary.txt"), report);
        h.write(dir);
        System.out.println("results: " + dir.toAbsolutePath());
    }

    private String run() throws Exception
    {
        final int senders = Math.max(1, Math.min(1_000, o.txRate));
        final int transfers = (int)(o.txRate * (o.warmupBlocks + o.blocks + 1) * o.blockTimeMs / 1000);
        final DevChainTransfers chain = new DevChainTransfers(senders);
        final List<byte[]> signed = chain.transfers(transfers);
        try (BuilderNodeServer builder = BuilderNodeServer.launch(new BuilderNodeContext().name("cadence")
            .jwtSecret(SECRET).authPort(0).httpPort(0).flashblocksEnabled(true).flashblocksPort(0)
            .flashblockTimeMs(o.flashblockTimeMs).devAccounts(senders).maxPoolTransactions(Math.max(1, transfers))
            .maxPerSender(Math.max(64, transfers / senders + 1)));
            FlashblockArrivals arrivals = new FlashblockArrivals(builder.flashblocksUrl());
            TransactionStream stream = new TransactionStream(builder.httpUrl(), signed, o.txRate))
        {
            final EngineApiClient engine = new EngineApiClient(builder.authUrl(), SECRET);
            final long blockNs = TimeUnit.MILLISECONDS.toNanos(o.blockTimeMs);
            final long flashblockNs = TimeUnit.MILLISECONDS.toNanos(o.flashblockTimeMs);
            String head = builder.genesisHash();
            final long startNs = System.nanoTime() + blockNs;
            stream.start(startNs);
            for (int b = 0; b < o.warmupBlocks + o.blocks; b++)
            {
                final long dueNs = startNs + b * blockNs;
                sleepUntil(dueNs);
                final long fcuSentNs = System.nanoTime();
                final String payloadId = engine.forkchoiceUpdatedWithAttributes(head, b + 1);
                final long fcuDoneNs = System.nanoTime();
                sleepUntil(dueNs + flashblockNs * 5 / 2);
                final long probeNs = System.nanoTime();
                engine.exchangeCapabilities();
                final long probeDoneNs = System.nanoTime();
                sleepUntil(dueNs + blockNs - TimeUnit.MILLISECONDS.toNanos(o.sealLeadMs));
                final long getPayloadNs = System.nanoTime();
                final JsonNode envelope = engine.getPayload(payloadId);
                final long sealedNs = System.nanoTime();
                engine.newPayload(envelope);
                final long validatedNs = System.nanoTime();
                head = envelope.path("executionPayload").path("blockHash").asText();
                if (b >= o.warmupBlocks)
                {
                    fcuCall.recordValue(Math.min(HIGHEST_NS, fcuDoneNs - fcuSentNs));
                    getPayloadCall.recordValue(Math.min(HIGHEST_NS, sealedNs - getPayloadNs));
                    newPayloadCall.recordValue(Math.min(HIGHEST_NS, validatedNs - sealedNs));
                    probeCall.recordValue(Math.min(HIGHEST_NS, probeDoneNs - probeNs));
                }
                record(b >= o.warmupBlocks, arrivals, payloadId, fcuSentNs, getPayloadNs, flashblockNs,
                    fcuSentNs - dueNs);
                previousPayloadId = payloadId;
            }
            return report(stream.sent(), stream.failed());
        }
    }

    private void record(final boolean measured, final FlashblockArrivals arrivals, final String payloadId,
        final long fcuSentNs, final long getPayloadNs, final long flashblockNs, final long fcuLateNs)
        throws InterruptedException
    {
        final int due = (int)((getPayloadNs - fcuSentNs + flashblockNs - 1) / flashblockNs);
        int seen = 0;
        long firstArrivalNs = -1;
        FlashblockArrivals.Arrival a;
        while (null != (a = arrivals.poll(seen < due ? 1_000 : 2)))
        {
            if (a.payloadId().equals(previousPayloadId))
            {
                // The previous round's flush, later than the 2 ms the previous record() waited for it.
                flushes += measured ? 1 : 0;
                continue;
            }
            if (!payloadId.equals(a.payloadId()))
            {
                throw new IllegalStateException("flashblock of " + a.payloadId() + " during round " + payloadId);
            }
            final int index = a.index();
            final long intendedNs = fcuSentNs + index * flashblockNs;
            if (intendedNs >= getPayloadNs)
            {
                flushes += measured ? 1 : 0;
                continue;
            }
            seen++;
            if (!measured)
            {
                continue;
            }
            firstArrivalNs = 0 == index ? a.arrivalNs : firstArrivalNs;
            final long offsetNs = a.arrivalNs - intendedNs;
            early += offsetNs < 0 ? 1 : 0;
            final long value = Math.min(HIGHEST_NS, Math.abs(offsetNs));
            all.recordValue(value);
            (0 == index ? first : ticks).recordValue(value);
            if (index > 0)
            {
                tickTransactions.recordValue(a.transactions());
                if (firstArrivalNs >= 0)
                {
                    ticksFromFirst.recordValue(Math.min(HIGHEST_NS, Math.abs(a.arrivalNs - firstArrivalNs -
                        index * flashblockNs)));
                }
            }
        }
        if (measured)
        {
            missing += Math.max(0, due - seen);
            fcuLate.recordValue(Math.min(HIGHEST_NS, Math.max(0, fcuLateNs)));
        }
    }

    private String report(final long sent, final long failed)
    {
        final StringBuilder r = new StringBuilder();
        r.append(String.format("builder flashblock cadence: %d blocks of %d ms (after %d warm-up), flashblocks every "
            + "%d ms, getPayload %d ms before the next block, %d tx/s offered (%d sent, %d refused or failed), "
            + "%d cpus, Java %s%n", o.blocks, o.blockTimeMs, o.warmupBlocks, o.flashblockTimeMs, o.sealLeadMs, o.txRate, sent, failed, Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version")));
        r.append(String.format("%-30s %7s %9s %9s %9s %9s %9s%n", "offset from schedule", "count", "p50 µs",
            "p90 µs", "p99 µs", "p99.9 µs", "max µs"));
        line(r, "all flashblocks", all);
        line(r, "index 0 (FCU)", first);
        line(r, "index 1.. (timer ticks)", ticks);
        line(r, "index 1.. from index 0 + k·T", ticksFromFirst);
        line(r, "driver: FCU sent late by", fcuLate);
        line(r, "driver: FCU round trip", fcuCall);
        line(r, "driver: getPayload round trip", getPayloadCall);
        line(r, "driver: newPayload round trip", newPayloadCall);
        line(r, "driver: exchangeCapabilities", probeCall);
        r.append(String.format("early (arrived before due, recorded as |offset|): %d; missing: %d; seal flushes: %d; "
            + "transactions per tick p50 %d, max %d%n", early, missing, flushes,
            tickTransactions.getValueAtPercentile(50), tickTransactions.getMaxValue()));
        return r.toString();
    }

    private static void line(final StringBuilder r, final String what, final Histogram h)
    {
        r.append(String.format("%-30s %7d %9.1f %9.1f %9.1f %9.1f %9.1f%n", what, h.getTotalCount(),
            h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
            h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3));
    }

    private void write(final Path dir) throws Exception
    {
        for (final Object[] named : new Object[][] {{"all", all}, {"index0", first}, {"ticks", ticks},
            {"ticks-from-index0", ticksFromFirst}})
        {
            try (PrintStream ps = new PrintStream(dir.resolve(named[0] + ".hgrm").toFile()))
            {
                ((Histogram)named[1]).outputPercentileDistribution(ps, 1000.0);
            }
        }
    }

    static void sleepUntil(final long deadlineNs)
    {
        for (long left = deadlineNs - System.nanoTime(); left > 0; left = deadlineNs - System.nanoTime())
        {
            LockSupport.parkNanos(Math.min(left, 100_000));
        }
    }

    /** Pre-signed transfers sent open loop to the public JSON-RPC port, asynchronously, at a fixed rate. */
    private static final class TransactionStream implements AutoCloseable
    {
        private final HttpClient http = HttpClient.newHttpClient();
        private final URI url;
        private final List<byte[]> signed;
        private final int ratePerS;
        private final AtomicLong failed = new AtomicLong();
        private volatile boolean running = true;
        private volatile long sent;
        private Thread thread;

        TransactionStream(final String url, final List<byte[]> signed, final int ratePerS)
        {
            this.url = URI.create(url);
            this.signed = signed;
            this.ratePerS = ratePerS;
        }

        void start(final long startNs)
        {
            if (0 == ratePerS)
            {
                return;
            }
            thread = new Thread(() -> send(startNs), "tx-stream");
            thread.setDaemon(true);
            thread.start();
        }

        private void send(final long startNs)
        {
            final long periodNs = TimeUnit.SECONDS.toNanos(1) / ratePerS;
            for (int i = 0; i < signed.size() && running; i++)
            {
                sleepUntil(startNs + i * periodNs);
                final String body = "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"eth_sendRawTransaction\","
                    + "\"params\":[\"0x" + BitUtil.toHex(signed.get(i)) + "\"]}";
                http.sendAsync(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) ->
                    {
                        if (null != error || !response.body().contains("\"result\""))
                        {
                            failed.incrementAndGet();
                        }
                    });
                sent = i + 1;
            }
        }

        long sent()
        {
            return sent;
        }

        long failed()
        {
            return failed.get();
        }

        @Override
        public void close() throws InterruptedException
        {
            running = false;
            if (null != thread)
            {
                thread.join(5_000);
            }
        }
    }

    private static final class Options
    {
        String resultsDir = "perf/results";
        int blocks = 60;
        int warmupBlocks = 5;
        long blockTimeMs = 1_000;
        long flashblockTimeMs = 200;
        int txRate;
        long sealLeadMs = 50;

        static Options parse(final String[] args)
        {
            final Options o = new Options();
            for (int i = 0; i < args.length; i++)
            {
                switch (args[i])
                {
                    case "--results-dir":
                        o.resultsDir = args[++i];
                        break;
                    case "--blocks":
                        o.blocks = Integer.parseInt(args[++i]);
                        break;
                    case "--warmup-blocks":
                        o.warmupBlocks = Integer.parseInt(args[++i]);
                        break;
                    case "--block-time-ms":
                        o.blockTimeMs = Long.parseLong(args[++i]);
                        break;
                    case "--flashblock-time-ms":
                        o.flashblockTimeMs = Long.parseLong(args[++i]);
                        break;
                    case "--seal-lead-ms":
                        o.sealLeadMs = Long.parseLong(args[++i]);
                        break;
                    case "--tx-rate":
                        o.txRate = Integer.parseInt(args[++i]);
                        break;
                    case "--help":
                        System.out.println(String.join(System.lineSeparator(),
                            "perf/run-builder-cadence [options]",
                            "  --blocks N              recorded blocks (default 60)",
                            "  --warmup-blocks N       not recorded (default 5)",
                            "  --block-time-ms MS      op-node's block time (default 1000)",
                            "  --flashblock-time-ms MS the builder's flashblock interval (default 200)",
                            "  --seal-lead-ms MS       getPayload this long before the next block (default 50)",
                            "  --tx-rate R             transfers/s sent to the builder's JSON-RPC (default 0)",
                            "  --results-dir DIR       where <timestamp>-cadence/ goes (default perf/results)"));
                        System.exit(0);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
                }
            }
            if (o.blocks < 1 || o.warmupBlocks < 0 || o.flashblockTimeMs < 1 || o.blockTimeMs < o.flashblockTimeMs
                || o.txRate < 0 || o.sealLeadMs < 0 || o.sealLeadMs >= o.blockTimeMs)
            {
                throw new IllegalArgumentException("need --blocks >= 1, --block-time-ms >= --flashblock-time-ms >= 1,"
                    + " --tx-rate >= 0, 0 <= --seal-lead-ms < --block-time-ms");
            }
            return o;
        }
    }
}
