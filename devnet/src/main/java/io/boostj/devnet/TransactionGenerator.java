package io.boostj.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.boostj.codecs.eth.TransactionSigner;
import io.boostj.codecs.eth.trie.MerklePatriciaTrie;
import io.boostj.codecs.hex.Hex;
import io.boostj.core.builder.DevAccounts;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load of EIP-1559 value transfers: transaction {@code i} is due at {@code start + i / tps} and is sent
 * then (or at once when the sender fell behind), never waiting for earlier replies, as {@code eth_sendRawTransaction}
 * to a loopback JSON-RPC endpoint. Senders are {@link DevAccounts} 1..N in turn, with nonces tracked locally; an
 * account whose transaction is refused sits out until its nonce has been read back from the endpoint. Replies are
 * counted ({@link TransactionGeneratorStats}); {@link #onBlock(List, long)} turns the transactions of each new block
 * into inclusion latencies, measured from the intended send time. Bounded by a count and a duration.
 * <p>
 * {@link #start()} runs the pacing loop on its own daemon thread; every other method may be called from any thread.
 */
public final class TransactionGenerator implements AutoCloseable
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Context ctx;
    private final HttpClient http;
    private final TransactionSigner[] signers;
    private final long[] nextNonce;
    private final boolean[] resyncing;
    private final Map<String, Long> intendedSendNsByHash = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final TransactionGeneratorStats stats = new TransactionGeneratorStats();
    private final Thread pacer;
    private volatile boolean running = true;

    /**
     * @param ctx where to send, how fast and how much.
     */
    public TransactionGenerator(final Context ctx)
    {
        this.ctx = ctx.conclude();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
        this.signers = new TransactionSigner[ctx.accounts];
        this.nextNonce = new long[ctx.accounts];
        this.resyncing = new boolean[ctx.accounts];
        for (int i = 0; i < ctx.accounts; i++)
        {
            signers[i] = new TransactionSigner(DevAccounts.privateKey(ctx.firstAccount + i));
        }
        this.pacer = new Thread(this::run, "tx-generator");
        this.pacer.setDaemon(true);
    }

    /**
     * Reads every sender's pending nonce, then starts sending.
     *
     * @return this.
     * @throws IOException          when a nonce cannot be read.
     * @throws InterruptedException if interrupted.
     */
    public TransactionGenerator start() throws IOException, InterruptedException
    {
        for (int i = 0; i < signers.length; i++)
        {
            nextNonce[i] = readNonce(i);
        }
        pacer.start();
        return this;
    }

    /**
     * @param timeoutMs how long to wait.
     * @return true if the generator has sent all it will send.
     * @throws InterruptedException if interrupted.
     */
    public boolean awaitDone(final long timeoutMs) throws InterruptedException
    {
        pacer.join(timeoutMs);
        return !pacer.isAlive();
    }

    /**
     * Records the inclusion of the generator's transactions among a new block's.
     *
     * @param rawTransactions the block's transactions (0x hex, as in an execution payload).
     * @param seenAtNs        {@link System#nanoTime()} when the block became the head.
     * @return how many of them were the generator's.
     */
    public int onBlock(final List<String> rawTransactions, final long seenAtNs)
    {
        int ours = 0;
        for (final String raw : rawTransactions)
        {
            final Long intendedNs = intendedSendNsByHash.remove(transactionHash(raw));
            if (null != intendedNs)
            {
                ours++;
                stats.onIncluded(seenAtNs - intendedNs);
            }
        }
        return ours;
    }

    /**
     * @param raw a raw transaction, 0x hex.
     * @return its hash, 0x hex.
     */
    public static String transactionHash(final String raw)
    {
        return Hex.toHexString(MerklePatriciaTrie.keccak(Hex.fromHexString(raw)));
    }

    /** @return the live counters. */
    public TransactionGeneratorStats stats()
    {
        return stats;
    }

    /** @return transactions accepted and not yet seen in a block. */
    public int pendingInclusion()
    {
        return intendedSendNsByHash.size();
    }

    /** @return its configuration. */
    public Context context()
    {
        return ctx;
    }

    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(pacer);
    }

    private void run()
    {
        final long startNs = System.nanoTime();
        final double intervalNs = 1e9 / ctx.tps;
        final long endNs = startNs + ctx.durationMs * 1_000_000L;
        int account = 0;
        for (long i = 0; running && i < ctx.maxTransactions; i++)
        {
            final long intendedNs = startNs + (long)(i * intervalNs);
            if (intendedNs > endNs)
            {
                break;
            }
            long nowNs;
            while (running && (nowNs = System.nanoTime()) < intendedNs)
            {
                LockSupport.parkNanos(intendedNs - nowNs);
            }
            if (!running)
            {
                break;
            }
            final int sender = nextReadySender(account);
            account = (Math.max(sender, account) + 1) % signers.length;
            if (sender < 0)
            {
                stats.onNotSent("every sender is re-reading its nonce");
            }
            else if (inFlight.get() >= ctx.maxInFlight)
            {
                stats.onNotSent("more than " + ctx.maxInFlight + " requests in flight");
            }
            else
            {
                send(sender, intendedNs);
            }
        }
    }

    private int nextReadySender(final int from)
    {
        synchronized (resyncing)
        {
            for (int k = 0; k < signers.length; k++)
            {
                final int a = (from + k) % signers.length;
                if (!resyncing[a])
                {
                    return a;
                }
            }
        }
        return -1;
    }

    private void send(final int sender, final long intendedNs)
    {
        final long nonce;
        synchronized (resyncing)
        {
            nonce = nextNonce[sender]++;
        }
        final byte[] raw = signers[sender].signDynamicFee(DevAccounts.CHAIN_ID, nonce, ctx.maxPriorityFeePerGasWei,
            ctx.maxFeePerGasWei, 21_000, ctx.recipient, ctx.valueWei, new byte[0]);
        final String rawHex = Hex.toHexString(raw);
        final String hash = Hex.toHexString(MerklePatriciaTrie.keccak(raw));
        intendedSendNsByHash.put(hash, intendedNs);
        inFlight.incrementAndGet();
        stats.onSent();
        http.sendAsync(request("eth_sendRawTransaction", "[\"" + rawHex + "\"]"), HttpResponse.BodyHandlers.ofString())
            .whenComplete((response, failure) ->
            {
                inFlight.decrementAndGet();
                final String refusal = null != failure ? "transport: " + failure.getClass().getSimpleName() :
                    refusal(response);
                if (null == refusal)
                {
                    stats.onAccepted();
                }
                else
                {
                    intendedSendNsByHash.remove(hash);
                    stats.onRefused(refusal);
                    resync(sender);
                }
            });
    }

    private static String refusal(final HttpResponse<String> response)
    {
        if (200 != response.statusCode())
        {
            return "HTTP " + response.statusCode();
        }
        try
        {
            final JsonNode json = MAPPER.readTree(response.body());
            final JsonNode error = json.get("error");
            if (null != error && !error.isNull())
            {
                return error.path("code").asInt() + " " + error.path("message").asText();
            }
            return json.hasNonNull("result") ? null : "no result in " + response.body();
        }
        catch (final IOException ex)
        {
            return "malformed reply: " + ex.getMessage();
        }
    }

    private void resync(final int sender)
    {
        synchronized (resyncing)
        {
            if (resyncing[sender])
            {
                return;
            }
            resyncing[sender] = true;
        }
        http.sendAsync(request("eth_getTransactionCount", "[\"" + Hex.toHexString(signers[sender].address()) +
            "\",\"pending\"]"), HttpResponse.BodyHandlers.ofString())
            .whenComplete((response, failure) ->
            {
                final long nonce = null == failure ? parseNonce(response) : -1;
                synchronized (resyncing)
                {
                    if (nonce >= 0)
                    {
                        nextNonce[sender] = nonce;
                        resyncing[sender] = false;
                    }
                }
                if (nonce < 0)
                {
                    stats.onNotSent("nonce re-read failed for account " + (ctx.firstAccount + sender));
                    retryResyncLater(sender);
                }
            });
    }

    private void retryResyncLater(final int sender)
    {
        synchronized (resyncing)
        {
            resyncing[sender] = false;
        }
        if (running)
        {
            CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS)
                .execute(() -> resync(sender));
        }
    }

    private long readNonce(final int sender) throws IOException, InterruptedException
    {
        final HttpResponse<String> response = http.send(request("eth_getTransactionCount",
            "[\"" + Hex.toHexString(signers[sender].address()) + "\",\"pending\"]"), HttpResponse.BodyHandlers.ofString());
        final long nonce = parseNonce(response);
        if (nonce < 0)
        {
            throw new IOException("eth_getTransactionCount for account " + (ctx.firstAccount + sender) + " failed: HTTP " +
                response.statusCode() + " " + response.body());
        }
        return nonce;
    }

    private static long parseNonce(final HttpResponse<String> response)
    {
        if (200 != response.statusCode())
        {
            return -1;
        }
        try
        {
            final JsonNode result = MAPPER.readTree(response.body()).get("result");
            return null == result || !result.isTextual() ? -1 : Long.decode(result.asText());
        }
        catch (final IOException | NumberFormatException ex)
        {
            return -1;
        }
    }

    private HttpRequest request(final String method, final String paramsJson)
    {
        return HttpRequest.newBuilder(ctx.rpcUri).timeout(Duration.ofMillis(ctx.requestTimeoutMs))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method +
                "\",\"params\":" + paramsJson + "}"))
            .build();
    }

    /**
     * Where to send, how fast and how much. Fluent; {@link #conclude()} validates once.
     */
    public static final class Context
    {
        private URI rpcUri;
        private double tps = 10;
        private long maxTransactions = 1_000;
        private long durationMs = 60_000;
        private int firstAccount = 1;
        private int accounts = 20;
        private int maxInFlight = 256;
        private long requestTimeoutMs = 5_000;
        private byte[] recipient = DevAccounts.address(0).toBytes();
        private BigInteger valueWei = BigInteger.valueOf(1_000_000_000L);
        private BigInteger maxFeePerGasWei = BigInteger.valueOf(10_000_000_000L);
        private BigInteger maxPriorityFeePerGasWei = BigInteger.valueOf(1_000_000L);
        private boolean concluded;

        /** @param v the JSON-RPC endpoint (loopback only). @return this. */
        public Context rpcUri(final URI v)
        {
            rpcUri = v;
            return this;
        }

        /** @param v transactions per second (> 0). @return this. */
        public Context tps(final double v)
        {
            tps = v;
            return this;
        }

        /** @param v stop after this many. @return this. */
        public Context maxTransactions(final long v)
        {
            maxTransactions = v;
            return this;
        }

        /** @param v stop after this long, ms. @return this. */
        public Context durationMs(final long v)
        {
            durationMs = v;
            return this;
        }

        /** @param first the first DevAccounts index used as a sender (>= 1). @param count how many. @return this. */
        public Context senders(final int first, final int count)
        {
            firstAccount = first;
            accounts = count;
            return this;
        }

        /** @param v requests without a reply beyond which a due transaction is counted as not sent. @return this. */
        public Context maxInFlight(final int v)
        {
            maxInFlight = v;
            return this;
        }

        /** @param v per request, ms. @return this. */
        public Context requestTimeoutMs(final long v)
        {
            requestTimeoutMs = v;
            return this;
        }

        /** @param v 20-byte recipient of every transfer. @return this. */
        public Context recipient(final byte[] v)
        {
            recipient = v.clone();
            return this;
        }

        /** @param v wei per transfer. @return this. */
        public Context valueWei(final BigInteger v)
        {
            valueWei = v;
            return this;
        }

        /** @param maxFee fee cap, wei per gas. @param tip tip cap, wei per gas. @return this. */
        public Context fees(final BigInteger maxFee, final BigInteger tip)
        {
            maxFeePerGasWei = maxFee;
            maxPriorityFeePerGasWei = tip;
            return this;
        }

        /** @return the endpoint. */
        public URI rpcUri()
        {
            return rpcUri;
        }

        /** @return transactions per second. */
        public double tps()
        {
            return tps;
        }

        Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            if (null == rpcUri || null == rpcUri.getHost())
            {
                throw new IllegalArgumentException("tx generator: an rpc URI with a host is required");
            }
            if (!isLoopback(rpcUri.getHost()))
            {
                throw new IllegalArgumentException("tx generator: loopback endpoints only, got " + rpcUri);
            }
            if (!(tps > 0) || Double.isInfinite(tps))
            {
                throw new IllegalArgumentException("tx generator: tps must be > 0, got " + tps);
            }
            if (maxTransactions < 0 || durationMs < 0 || maxInFlight < 1 || requestTimeoutMs < 1)
            {
                throw new IllegalArgumentException("tx generator: count, duration, in-flight and timeout must be positive");
            }
            if (firstAccount < 1 || accounts < 1)
            {
                throw new IllegalArgumentException("tx generator: senders are DevAccounts 1.., at least one, got first " +
                    firstAccount + " count " + accounts);
            }
            if (20 != recipient.length)
            {
                throw new IllegalArgumentException("tx generator: recipient must be 20 bytes");
            }
            concluded = true;
            return this;
        }

        private static boolean isLoopback(final String host)
        {
            try
            {
                final String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
                return InetAddress.getByName(bare).isLoopbackAddress();
            }
            catch (final IOException ex)
            {
                return false;
            }
        }
    }
}
