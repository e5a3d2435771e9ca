package io.boostj.perf;

import io.boostj.core.sidecar.SidecarConfig;
import io.boostj.devnet.Devnet;
import io.boostj.devnet.MockFlashblocksStream;
import io.boostj.devnet.OpNodeDriver;
import io.boostj.io.log.LogSetup;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Flashblock relay latency, open loop: a mock builder streams flashblocks at a fixed rate and real WebSocket subscribers
 * (the JDK's client) time each message from its <em>intended</em> send time (HdrHistogram), in two set-ups in one run:
 * <ul>
 *     <li>{@code direct}: subscribers on the builder's stream itself: one WebSocket hop, the floor;</li>
 *     <li>{@code sidecar}: subscribers on the real sidecar's outbound stream, the sidecar following the builder's:
 *     builder → sidecar (frame decode, checks, inbound ring, journal, engine round, outbound ring, publisher) →
 *     subscribers. The difference of the two is what the sidecar adds.</li>
 * </ul>
 * Rounds: op-node's FCU with attributes (through the sidecar, to the mock L2 and builder, the builder answering the
 * flashblocks' payload id), then {@code --round-size} flashblocks: Unichain Sepolia flashblock 0 (with base) and copies
 * of flashblock 1 renumbered. Each round's schedule starts after its FCU returned; within a round sends are paced
 * open loop. Messages of the first {@code --warmup-s} are not recorded.
 */
public final class FlashblocksRelayHarness
{
    private static final long HIGHEST_NS = TimeUnit.SECONDS.toNanos(10);

    private FlashblocksRelayHarness()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Options o = Options.parse(args);
        final String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        final Path dir = Paths.get(o.resultsDir).resolve(stamp + "-flashblocks");
        Files.createDirectories(dir);
        LogSetup.configure("warn", "text", dir.resolve("sidecar.log"));
        final StringBuilder report = new StringBuilder();
        report.append(String.format("flashblock relay, %d subscribers, round %d flashblocks, %s%n", o.subscribers,
            o.roundSize, machine()));
        report.append(String.format("%-8s %8s %9s %9s %9s %9s %9s %9s %9s%n", "path", "rate/s", "count",
            "p50 µs", "p90 µs", "p99 µs", "p99.9 µs", "max µs", "lost"));
        for (final int rate : o.rates)
        {
            for (final String path : new String[] {"direct", "sidecar"})
            {
                try (FlashblocksDevnet chain = FlashblocksDevnet.start(o.roundSize))
                {
                    final Result r = run(chain, path, rate, o);
                    report.append(String.format("%-8s %8d %9d %9.1f %9.1f %9.1f %9.1f %9.1f %9d%n", path, rate,
                        r.histogram.getTotalCount(), us(r.histogram.getValueAtPercentile(50)),
                        us(r.histogram.getValueAtPercentile(90)), us(r.histogram.getValueAtPercentile(99)),
                        us(r.histogram.getValueAtPercentile(99.9)), us(r.histogram.getMaxValue()), r.lost));
                    try (PrintStream ps = new PrintStream(dir.resolve(path + "-" + rate + "per-s.hgrm").toFile()))
                    {
                        r.histogram.outputPercentileDistribution(ps, 1000.0);
                    }
                }
            }
        }
        System.out.print(report);
        Files.writeString(dir.resolve("summary.txt"), report.toString());
        System.out.println("results: " + dir.toAbsolutePath());
    }

    private static Result run(final FlashblocksDevnet chain, final String path, final int rate, final Options o)
        throws Exception
    {
        final Devnet devnet = chain.devnet();
        final MockFlashblocksStream stream = devnet.flashblocksStream();
        final URI uri = "direct".equals(path) ? URI.create(stream.url()) : devnet.flashblocksUri();
        final long periodNs = TimeUnit.SECONDS.toNanos(1) / rate;
        final int warmup = (int)(o.warmupS * rate);
        final int total = warmup + (int)(o.durationS * rate);
        final AtomicLongArray intendedNs = new AtomicLongArray(total);
        final List<Subscriber> subscribers = new ArrayList<>();
        final HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < o.subscribers; i++)
        {
            subscribers.add(new Subscriber(http, uri, intendedNs, chain.roundSize(), warmup));
        }
        if ("sidecar".equals(path))
        {
            FlashblocksDevnet.awaitTrue("subscribers", () -> devnet.sidecar().flashblocksSubscribers() == o.subscribers);
        }
        else
        {
            FlashblocksDevnet.awaitTrue("subscribers", () -> stream.consumers() == 1 + o.subscribers);
        }
        int sent = 0;
        while (sent < total)
        {
            sent = chain.playRound(periodNs, intendedNs, sent, total, 0, () -> true);
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && subscribers.stream().anyMatch(s -> s.received < total))
        {
            Thread.sleep(10);
        }
        final Histogram merged = new Histogram(HIGHEST_NS, 3);
        long lost = 0;
        for (final Subscriber s : subscribers)
        {
            s.close();
            if (s.outOfOrder > 0)
            {
                throw new IllegalStateException("a subscriber saw " + s.outOfOrder + " messages out of order");
            }
            merged.add(s.histogram);
            lost += total - s.received;
        }
        return new Result(merged, lost);
    }

    private static double us(final long ns)
    {
        return ns / 1000.0;
    }

    private static String machine()
    {
        return Runtime.getRuntime().availableProcessors() + " cpus, Java " + System.getProperty("java.version");
    }

    private static final class Result
    {
        final Histogram histogram;
        final long lost;

        Result(final Histogram histogram, final long lost)
        {
            this.histogram = histogram;
            this.lost = lost;
        }
    }

    /** One subscriber: matches the k-th message to the k-th intended send time, checks its index, records. */
    private static final class Subscriber implements WebSocket.Listener
    {
        final Histogram histogram = new Histogram(HIGHEST_NS, 3);
        private final AtomicLongArray intendedNs;
        private final int roundSize;
        private final int warmup;
        private final StringBuilder partial = new StringBuilder();
        private final WebSocket socket;
        volatile int received;
        volatile int outOfOrder;

        Subscriber(final HttpClient http, final URI uri, final AtomicLongArray intendedNs, final int roundSize,
            final int warmup) throws Exception
        {
            this.intendedNs = intendedNs;
            this.roundSize = roundSize;
            this.warmup = warmup;
            socket = http.newWebSocketBuilder().buildAsync(uri, this).get(10, TimeUnit.SECONDS);
        }

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            final long nowNs = System.nanoTime();
            partial.append(data);
            if (last)
            {
                final int ordinal = received;
                if (ordinal < intendedNs.length())
                {
                    final int at = partial.indexOf("\"index\":");
                    int end = at + 8;
                    while (end < partial.length() && Character.isDigit(partial.charAt(end)))
                    {
                        end++;
                    }
                    final int index = Integer.parseInt(partial, at + 8, end, 10);
                    if (index != ordinal % roundSize)
                    {
                        outOfOrder++;
                    }
                    else if (ordinal >= warmup)
                    {
                        histogram.recordValue(Math.min(HIGHEST_NS, Math.max(0, nowNs - intendedNs.get(ordinal))));
                    }
                }
                received = ordinal + 1;
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last)
        {
            outOfOrder++;
            webSocket.request(1);
            return null;
        }

        void close()
        {
            socket.abort();
        }
    }

    private static final class Options
    {
        String resultsDir = "perf/results";
        int[] rates = {5, 100, 1000};
        int subscribers = 10;
        int roundSize = 10;
        double warmupS = 3;
        double durationS = 20;

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
                    case "--rates":
                        o.rates = java.util.Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                        break;
                    case "--subscribers":
                        o.subscribers = Integer.parseInt(args[++i]);
                        break;
                    case "--round-size":
                        o.roundSize = Integer.parseInt(args[++i]);
                        break;
                    case "--warmup-s":
                        o.warmupS = Double.parseDouble(args[++i]);
                        break;
                    case "--duration-s":
                        o.durationS = Double.parseDouble(args[++i]);
                        break;
                    case "--help":
                        System.out.println(String.join(System.lineSeparator(),
                            "perf/run-flashblocks-harness [options]",
                            "  --rates R1,R2,...   flashblocks per second (default 5,100,1000)",
                            "  --subscribers N     WebSocket subscribers (default 10)",
                            "  --round-size N      flashblocks per FCU round, at most 1024 (default 10)",
                            "  --warmup-s S        not recorded (default 3)",
                            "  --duration-s S      recorded (default 20)",
                            "  --results-dir DIR   where <timestamp>-flashblocks/ goes (default perf/results)"));
                        System.exit(0);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
                }
            }
            if (o.roundSize < 1 || o.roundSize > 1024)
            {
                throw new IllegalArgumentException("--round-size must be 1..1024");
            }
            return o;
        }
    }
}
