package io.boostj.devnet;

import io.boostj.core.builder.DevAccounts;
import io.boostj.core.sidecar.SidecarConfig;
import io.boostj.io.flashblocks.FlashblocksSettings;
import io.boostj.io.runtime.SidecarContext;
import io.boostj.io.runtime.SidecarRuntime;
import io.boostj.io.upstream.UpstreamEndpoint;
import org.agrona.CloseHelper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The whole system on loopback with real execution clients: two {@code bin/builder} processes from one dev genesis,
 * "l2" (the sidecar's local EL) and "builder" (its external builder, with flashblocks and a builder transaction signed
 * by a {@link DevAccounts} key), the sidecar in this JVM ({@link SidecarRuntime}, following the builder's flashblocks
 * and journaling), an {@link OpNodeDriver} starting from the genesis L2 reports, a {@link FlashblocksSubscriber} on
 * the sidecar's outbound stream, and a {@link TransactionGenerator} aimed at the sidecar's RPC port (which mirrors
 * {@code eth_sendRawTransaction} to both ELs). The builder catches up from L2 after a restart.
 */
public final class LocalChainDevnet implements AutoCloseable
{
    /** Label of a block that carries the builder's transaction. */
    public static final String SOURCE_BUILDER = "builder";
    /** Label of any other block. */
    public static final String SOURCE_L2 = "l2";

    private final Context ctx;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    private BuilderProcess l2;
    private BuilderProcess builder;
    private SidecarRuntime sidecar;
    private OpNodeDriver driver;
    private FlashblocksSubscriber flashblocks;
    private BlockSource blockSource;

    private LocalChainDevnet(final Context ctx)
    {
        this.ctx = ctx;
    }

    /**
     * Starts everything but the transaction generator; on failure stops what was started and rethrows.
     *
     * @param ctx what to start.
     * @return the running devnet.
     * @throws Exception if a part cannot start.
     */
    public static LocalChainDevnet start(final Context ctx) throws Exception
    {
        final LocalChainDevnet devnet = new LocalChainDevnet(ctx.conclude());
        try
        {
            devnet.doStart();
            return devnet;
        }
        catch (final Exception | Error ex)
        {
            devnet.close();
            throw ex;
        }
    }

    private void doStart() throws Exception
    {
        final Path runDir = ctx.runDir;
        Files.createDirectories(runDir);
        l2 = BuilderProcess.create(new BuilderProcess.Context()
            .name("l2")
            .runDir(runDir)
            .jwtSecretHex(BuilderProcess.randomSecretHex())
            .devAccounts(ctx.devAccounts)
            .startTimeoutMs(ctx.startTimeoutMs));
        l2.start();
        final byte[] builderKey = DevAccounts.privateKey(ctx.builderAccount);
        builder = BuilderProcess.create(new BuilderProcess.Context()
            .name("builder")
            .runDir(runDir)
            .jwtSecretHex(BuilderProcess.randomSecretHex())
            .flashblocks(0, ctx.flashblockTimeMs)
            .devAccounts(ctx.devAccounts)
            .builderSecretKey(builderKey)
            .syncPeerUrl(l2.httpUrl())
            .startTimeoutMs(ctx.startTimeoutMs));
        builder.start();
        if (!l2.genesisHash().equals(builder.genesisHash()))
        {
            throw new IllegalStateException("the two execution clients disagree on the genesis: l2 " + l2.genesisHash() +
                ", builder " + builder.genesisHash());
        }
        blockSource = new BlockSource(DevAccounts.address(ctx.builderAccount).toBytes());

        final SidecarConfig engine = ctx.engineConfig.flashblocks(true).healthCheckIntervalMs(ctx.healthCheckIntervalMs);
        final SidecarContext sidecarCtx = new SidecarContext()
            .engineConfig(engine)
            .l2Endpoint(UpstreamEndpoint.parse(l2.authUrl()))
            .l2Secret(l2.jwtSecret())
            .builderEndpoint(UpstreamEndpoint.parse(builder.authUrl()))
            .builderSecret(builder.jwtSecret())
            .rpcHost("127.0.0.1")
            .rpcPort(ctx.rpcPort)
            .debugHost("127.0.0.1")
            .debugPort(0)
            .metricsEnabled(true)
            .metricsPort(0)
            .journalDir(ctx.journalDir)
            .warmupRounds(ctx.warmupRounds)
            .flashblocks(new FlashblocksSettings()
                .builderUrl(builder.flashblocksUrl())
                .host("127.0.0.1")
                .port(ctx.flashblocksPort)
                .initialReconnectMs(10)
                .maxReconnectMs(500));
        sidecar = SidecarRuntime.start(sidecarCtx.conclude());
        flashblocks = FlashblocksSubscriber.connect(flashblocksUri(), 10_000);
        driver = new OpNodeDriver(new OpNodeDriver.Config()
            .rpc("127.0.0.1", sidecar.rpcPort())
            .payloadVersion(4)
            .buildWaitMs(ctx.buildWaitMs)
            .sourceClassifier(envelope -> blockSource.classify(envelope.path("executionPayload"))));
        driver.startFromExecutionClient("0x0");
    }

    /**
     * A transaction generator aimed at the sidecar's RPC port, not started.
     *
     * @param tps        transactions per second.
     * @param durationMs how long at most.
     * @return the generator.
     */
    public TransactionGenerator transactionGenerator(final double tps, final long durationMs)
    {
        return new TransactionGenerator(new TransactionGenerator.Context()
            .rpcUri(rpcUri())
            .tps(tps)
            .durationMs(durationMs)
            .maxTransactions((long)Math.ceil(tps * durationMs / 1000.0))
            .senders(1, Math.min(ctx.builderAccount - 1, 20)));
    }

    /**
     * {@code kill -9} of the builder process.
     *
     * @throws InterruptedException if interrupted.
     */
    public void killBuilder() throws InterruptedException
    {
        builder.kill();
    }

    /**
     * Relaunches the builder on its ports in the background (a JVM start takes seconds; blocks must not wait).
     *
     * @return completes when it answers, exceptionally if it cannot start.
     */
    public CompletableFuture<Void> restartBuilderAsync()
    {
        return CompletableFuture.runAsync(() ->
        {
            try
            {
                builder.start();
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException("builder restart failed: " + ex.getMessage(), ex);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("builder restart interrupted", ex);
            }
        });
    }

    /**
     * @return the HTTP status of the sidecar's GET /healthz (200, 206 or 503).
     * @throws IOException          on a transport failure.
     * @throws InterruptedException if interrupted.
     */
    public int healthz() throws IOException, InterruptedException
    {
        return http.send(HttpRequest.newBuilder(rpcUri().resolve("/healthz")).timeout(Duration.ofSeconds(5)).GET()
            .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** @return blocks the sidecar reports by source ({@code rollup_boost_rpc_blocks_created}). */
    public Map<String, Long> blocksCreatedBySource()
    {
        return SidecarCounters.blocksCreated(sidecar.metrics().registry());
    }

    /** @return the sidecar's RPC URL (op-node's, wallets' and the generator's endpoint). */
    public URI rpcUri()
    {
        return URI.create("http://127.0.0.1:" + sidecar.rpcPort() + "/");
    }

    /** @return the sidecar's outbound flashblocks WebSocket. */
    public URI flashblocksUri()
    {
        return URI.create("ws://127.0.0.1:" + sidecar.flashblocksPort());
    }

    /** @return the local execution client process. */
    public BuilderProcess l2()
    {
        return l2;
    }

    /** @return the external builder process. */
    public BuilderProcess builder()
    {
        return builder;
    }

    /** @return the sidecar. */
    public SidecarRuntime sidecar()
    {
        return sidecar;
    }

    /** @return the op-node driver. */
    public OpNodeDriver driver()
    {
        return driver;
    }

    /** @return the subscriber of the sidecar's outbound flashblocks. */
    public FlashblocksSubscriber flashblocks()
    {
        return flashblocks;
    }

    /** @return how blocks are told apart. */
    public BlockSource blockSource()
    {
        return blockSource;
    }

    /** @return its configuration. */
    public Context context()
    {
        return ctx;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(flashblocks, sidecar, builder, l2);
    }

    /**
     * What to start. Fluent.
     */
    public static final class Context
    {
        private Path runDir = Path.of("data", "devnet");
        private Path journalDir;
        private long blockTimeMs = 1_000;
        private long flashblockTimeMs = 200;
        private long buildWaitMs = -1;
        private int devAccounts = 100;
        private int builderAccount = 99;
        private long healthCheckIntervalMs = 1_000;
        private int rpcPort;
        private int flashblocksPort;
        private int warmupRounds = 3_000;
        private long startTimeoutMs = 60_000;
        private SidecarConfig engineConfig = new SidecarConfig();

        /** @param v where the builders' secrets and logs go. @return this. */
        public Context runDir(final Path v)
        {
            runDir = v;
            return this;
        }

        /** @param v the sidecar's journal (default: {@code <runDir>/journal}). @return this. */
        public Context journalDir(final Path v)
        {
            journalDir = v;
            return this;
        }

        /** @param v slot length, ms. @return this. */
        public Context blockTimeMs(final long v)
        {
            blockTimeMs = v;
            return this;
        }

        /** @param v the builder's flashblock interval, ms. @return this. */
        public Context flashblockTimeMs(final long v)
        {
            flashblockTimeMs = v;
            return this;
        }

        /** @param v FCU to getPayload, ms (default: 90 % of the block time). @return this. */
        public Context buildWaitMs(final long v)
        {
            buildWaitMs = v;
            return this;
        }

        /** @param v prefunded accounts in the genesis (at least 3). @return this. */
        public Context devAccounts(final int v)
        {
            devAccounts = v;
            return this;
        }

        /** @param v the DevAccounts index that signs the builder's transactions (default 99). @return this. */
        public Context builderAccount(final int v)
        {
            builderAccount = v;
            return this;
        }

        /** @param v the sidecar's health probe period, ms. @return this. */
        public Context healthCheckIntervalMs(final long v)
        {
            healthCheckIntervalMs = v;
            return this;
        }

        /** @param v the sidecar's RPC port, 0 = any. @return this. */
        public Context rpcPort(final int v)
        {
            rpcPort = v;
            return this;
        }

        /** @param v the sidecar's outbound flashblocks port, 0 = any. @return this. */
        public Context flashblocksPort(final int v)
        {
            flashblocksPort = v;
            return this;
        }

        /** @param v the sidecar's JIT warm-up rounds. @return this. */
        public Context warmupRounds(final int v)
        {
            warmupRounds = v;
            return this;
        }

        /** @param v how long each builder process may take to answer, ms. @return this. */
        public Context startTimeoutMs(final long v)
        {
            startTimeoutMs = v;
            return this;
        }

        /** @param v the sidecar's engine configuration (timeouts, mode...). @return this. */
        public Context engineConfig(final SidecarConfig v)
        {
            engineConfig = v;
            return this;
        }

        /** @return slot length, ms. */
        public long blockTimeMs()
        {
            return blockTimeMs;
        }

        /** @return FCU to getPayload, ms. */
        public long buildWaitMs()
        {
            return buildWaitMs;
        }

        /** @return the builder's flashblock interval, ms. */
        public long flashblockTimeMs()
        {
            return flashblockTimeMs;
        }

        /** @return the journal directory. */
        public Path journalDir()
        {
            return journalDir;
        }

        /** @return the run directory. */
        public Path runDir()
        {
            return runDir;
        }

        Context conclude()
        {
            if (blockTimeMs < 1 || flashblockTimeMs < 1 || devAccounts < 3)
            {
                throw new IllegalArgumentException(
                    "block time and flashblock time must be >= 1 ms, dev accounts >= 3");
            }
            if (builderAccount < 2 || builderAccount >= devAccounts)
            {
                throw new IllegalArgumentException("the builder account must be one of DevAccounts 2.." +
                    (devAccounts - 1) + " (1.. sign the generator's transfers), got " + builderAccount);
            }
            journalDir = null == journalDir ? runDir.resolve("journal") : journalDir;
            buildWaitMs = buildWaitMs < 0 ? blockTimeMs * 9 / 10 : buildWaitMs;
            return this;
        }
    }
}
