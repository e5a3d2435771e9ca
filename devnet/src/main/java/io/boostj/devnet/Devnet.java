package io.boostj.devnet;

import io.boostj.core.sidecar.SidecarConfig;
import io.boostj.io.flashblocks.FlashblocksSettings;
import io.boostj.io.flashblocks.p2p.FlashblocksAuthorizer;
import io.boostj.io.jwt.JwtSecret;
import io.boostj.io.jwt.JwtSigner;
import io.boostj.io.runtime.SidecarContext;
import io.boostj.io.runtime.SidecarRuntime;
import io.boostj.io.upstream.UpstreamEndpoint;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The whole system on loopback: a mock local EL ("l2", op-geth-like payload ids 0x03…), a mock builder EL (op-reth-like
 * ids 0x04…), each with its own JWT secret, the real sidecar ({@link SidecarRuntime}) between them, and an
 * {@link OpNodeDriver} playing op-node against the sidecar. Used by {@code bin/devnet} and the system tests.
 */
public final class Devnet implements AutoCloseable
{
    /** blockValue of the local EL's envelopes (0.01 ETH): how a block from L2 is recognised. */
    public static final String L2_BLOCK_VALUE = "0x2386f26fc10000";
    /** blockValue of the builder's envelopes (0.02 ETH): how a block from the builder is recognised. */
    public static final String BUILDER_BLOCK_VALUE = "0x470de4df820000";

    private final Options options;
    private final JwtSecret l2Secret;
    private final JwtSecret builderSecret;
    private final JwtSecret inboundSecret;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    private MockExecutionClient l2;
    private MockExecutionClient builder;
    private SidecarRuntime sidecar;
    private OpNodeDriver driver;
    private MockFlashblocksStream flashblocksStream;

    private Devnet(final Options options)
    {
        this.options = options;
        this.l2Secret = null != options.l2Secret ? options.l2Secret : randomSecret();
        this.builderSecret = null != options.builderSecret ? options.builderSecret : randomSecret();
        this.inboundSecret = options.inboundJwt ? (null != options.inboundSecret ? options.inboundSecret : randomSecret()) :
            null;
    }

    /**
     * Starts the mocks, the sidecar and the driver; on failure stops what was started and rethrows.
     *
     * @param options what to start.
     * @return the running devnet.
     * @throws Exception if something cannot start.
     */
    public static Devnet start(final Options options) throws Exception
    {
        final Devnet devnet = new Devnet(options);
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
        l2 = MockExecutionClient.builder("l2")
            .versionByte(MockExecutionClient.OP_GETH_VERSION_BYTE)
            .blockValue(L2_BLOCK_VALUE)
            .jwtSecret(null != options.l2MockSecret ? options.l2MockSecret : l2Secret)
            .start();
        final MockExecutionClient.Builder builderMock = MockExecutionClient.builder("builder")
            .versionByte(MockExecutionClient.OP_RETH_VERSION_BYTE)
            .blockValue(BUILDER_BLOCK_VALUE)
            .jwtSecret(null != options.builderMockSecret ? options.builderMockSecret : builderSecret);
        if (null != options.p2pAuthorizerSk)
        {
            builderMock.flashblocksP2p(null != options.p2pMockAuthorizerVk ? options.p2pMockAuthorizerVk :
                new FlashblocksAuthorizer(options.p2pAuthorizerSk, options.p2pBuilderVk).authorizerVk(),
                options.p2pBuilderVk);
        }
        builder = builderMock.start();
        warmUp(l2, null != options.l2MockSecret ? options.l2MockSecret : l2Secret);
        warmUp(builder, null != options.builderMockSecret ? options.builderMockSecret : builderSecret);
        if (options.flashblocks)
        {
            flashblocksStream = MockFlashblocksStream.start("127.0.0.1", 0);
        }
        final SidecarContext ctx = new SidecarContext()
            .engineConfig(options.engineConfig)
            .l2Endpoint(UpstreamEndpoint.parse(l2.address()))
            .l2Secret(l2Secret)
            .builderEndpoint(UpstreamEndpoint.parse(builder.address()))
            .builderSecret(builderSecret)
            .inboundSecret(inboundSecret)
            .rpcHost("127.0.0.1")
            .rpcPort(options.rpcPort)
            .debugHost("127.0.0.1")
            .debugPort(options.debugPort)
            .metricsEnabled(options.metrics)
            .metricsPort(options.metricsPort)
            .journalDir(options.journalDir)
            .flashblocksP2p(options.p2pAuthorizerSk, options.p2pBuilderVk);
        if (options.flashblocks)
        {
            options.engineConfig.flashblocks(true);
            ctx.flashblocks(new FlashblocksSettings()
                .builderUrl(flashblocksStream.url())
                .host("127.0.0.1")
                .port(0)
                .initialReconnectMs(10)
                .maxReconnectMs(200)
                .aeronChannel(options.flashblocksAeronChannel)
                .aeronDir(null == options.flashblocksAeronChannel ? null :
                    options.journalDir.toAbsolutePath().resolveSibling(
                        options.journalDir.getFileName() + "-aeron").toString()));
        }
        if (null != options.contextCustomizer)
        {
            options.contextCustomizer.accept(ctx);
        }
        sidecar = SidecarRuntime.start(ctx.conclude());
        driver = new OpNodeDriver(new OpNodeDriver.Config()
            .rpc("127.0.0.1", sidecar.rpcPort())
            .signer(null == inboundSecret ? null : new JwtSigner(inboundSecret))
            .payloadVersion(options.payloadVersion)
            .buildWaitMs(options.buildWaitMs)
            .source(L2_BLOCK_VALUE, "l2")
            .source(BUILDER_BLOCK_VALUE, "builder"));
    }

    /**
     * Asks a freshly started mock one question so that its first answer to the sidecar is not its slowest (class
     * loading and JIT of the request path), then forgets the call.
     */
    private void warmUp(final MockExecutionClient mock, final JwtSecret secret)
    {
        try
        {
            http.send(HttpRequest.newBuilder(URI.create(mock.url() + "/")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", new JwtSigner(secret).bearer(System.currentTimeMillis() / 1000))
                .POST(HttpRequest.BodyPublishers.ofString(
                    "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"eth_getBlockByNumber\",\"params\":[\"latest\",false]}"))
                .build(), HttpResponse.BodyHandlers.discarding());
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("mock " + mock.name() + " does not answer: " + ex, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            mock.clearCalls();
        }
    }

    /** @return a fresh random 32-byte secret. */
    public static JwtSecret randomSecret()
    {
        return JwtSecret.fromHex(BuilderProcess.randomSecretHex());
    }

    /** @return the mock local execution client. */
    public MockExecutionClient l2()
    {
        return l2;
    }

    /** @return the mock builder. */
    public MockExecutionClient builder()
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

    /** @return the options it was started with. */
    public Options options()
    {
        return options;
    }

    /** @return the secret inbound requests must carry, or null. */
    public JwtSecret inboundSecret()
    {
        return inboundSecret;
    }

    /** @return the secret the sidecar signs requests to L2 with. */
    public JwtSecret l2Secret()
    {
        return l2Secret;
    }

    /** @return the secret the sidecar signs requests to the builder with. */
    public JwtSecret builderSecret()
    {
        return builderSecret;
    }

    /** @return the sidecar's RPC URL. */
    public URI rpcUri()
    {
        return URI.create("http://127.0.0.1:" + sidecar.rpcPort() + "/");
    }

    /** @return the sidecar's debug API URL. */
    public URI debugUri()
    {
        return URI.create("http://127.0.0.1:" + sidecar.debugPort() + "/");
    }

    /**
     * @param path e.g. /healthz.
     * @return status and body of a GET on the sidecar's RPC port.
     * @throws IOException          on a transport failure.
     * @throws InterruptedException if interrupted.
     */
    public HttpResponse<String> get(final String path) throws IOException, InterruptedException
    {
        return http.send(HttpRequest.newBuilder(rpcUri().resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }

    /**
     * @return the HTTP status of GET /healthz (200, 206 or 503).
     * @throws IOException          on a transport failure.
     * @throws InterruptedException if interrupted.
     */
    public int healthz() throws IOException, InterruptedException
    {
        return get("/healthz").statusCode();
    }

    /**
     * Posts a JSON-RPC body to the debug API.
     *
     * @param body the request.
     * @return the response.
     * @throws IOException          on a transport failure.
     * @throws InterruptedException if interrupted.
     */
    public HttpResponse<String> debug(final String body) throws IOException, InterruptedException
    {
        return http.send(HttpRequest.newBuilder(debugUri()).timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sets the execution mode through the debug API ({@code [{"execution_mode": mode}]}).
     *
     * @param mode enabled, dry_run or disabled.
     * @return the response body.
     * @throws IOException          on a transport failure or an error answer.
     * @throws InterruptedException if interrupted.
     */
    public String setExecutionMode(final String mode) throws IOException, InterruptedException
    {
        final HttpResponse<String> r = debug("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"debug_setExecutionMode\"," +
            "\"params\":[{\"execution_mode\":\"" + mode + "\"}]}");
        if (200 != r.statusCode() || r.body().contains("\"error\""))
        {
            throw new IOException("debug_setExecutionMode " + mode + " failed: HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    @Override
    public void close()
    {
        if (null != driver)
        {
            driver.close();
        }
        if (null != sidecar)
        {
            sidecar.close();
        }
        if (null != flashblocksStream)
        {
            flashblocksStream.close();
        }
        if (null != builder)
        {
            builder.close();
        }
        if (null != l2)
        {
            l2.close();
        }
    }

    /**
     * @return the mock builder's flashblocks WebSocket, or null unless {@link Options#flashblocks(boolean)}.
     */
    public MockFlashblocksStream flashblocksStream()
    {
        return flashblocksStream;
    }

    /**
     * @return the sidecar's outbound flashblocks stream, {@code ws://127.0.0.1:port/ws}, or null when off.
     */
    public URI flashblocksUri()
    {
        return null == sidecar || sidecar.flashblocksPort() < 0 ? null :
            URI.create("ws://127.0.0.1:" + sidecar.flashblocksPort() + "/ws");
    }

    /**
     * What a {@link Devnet} starts.
     */
    public static final class Options
    {
        private SidecarConfig engineConfig = new SidecarConfig();
        private Path journalDir = Path.of("data", "devnet-journal");
        private boolean inboundJwt;
        private JwtSecret inboundSecret;
        private JwtSecret l2Secret;
        private JwtSecret builderSecret;
        private JwtSecret l2MockSecret;
        private JwtSecret builderMockSecret;
        private int payloadVersion = 3;
        private long buildWaitMs;
        private int rpcPort;
        private int debugPort;
        private boolean metrics;
        private int metricsPort;
        private Consumer<SidecarContext> contextCustomizer;
        private byte[] p2pAuthorizerSk;
        private byte[] p2pBuilderVk;
        private byte[] p2pMockAuthorizerVk;
        private boolean flashblocks;
        private String flashblocksAeronChannel;

        /** @param v the sidecar engine's configuration. @return this. */
        public Options engineConfig(final SidecarConfig v)
        {
            engineConfig = v;
            return this;
        }

        /** @return the sidecar engine's configuration (modifiable until start). */
        public SidecarConfig engineConfig()
        {
            return engineConfig;
        }

        /** @param v the sidecar's journal directory. @return this. */
        public Options journalDir(final Path v)
        {
            journalDir = v;
            return this;
        }

        /** @return the sidecar's journal directory. */
        public Path journalDir()
        {
            return journalDir;
        }

        /** @param v whether the sidecar checks a JWT on inbound requests (the driver then signs). @return this. */
        public Options inboundJwt(final boolean v)
        {
            inboundJwt = v;
            return this;
        }

        /** @param v the inbound secret (default random; implies nothing unless inboundJwt). @return this. */
        public Options inboundSecret(final JwtSecret v)
        {
            inboundSecret = v;
            return this;
        }

        /** @param v the secret the sidecar signs L2 requests with (default random). @return this. */
        public Options l2Secret(final JwtSecret v)
        {
            l2Secret = v;
            return this;
        }

        /** @param v the secret the sidecar signs builder requests with (default random). @return this. */
        public Options builderSecret(final JwtSecret v)
        {
            builderSecret = v;
            return this;
        }

        /** @param v a different secret for the L2 mock to check (default: the same as the sidecar's). @return this. */
        public Options l2MockSecret(final JwtSecret v)
        {
            l2MockSecret = v;
            return this;
        }

        /** @param v a different secret for the builder mock (default: the same as the sidecar's). @return this. */
        public Options builderMockSecret(final JwtSecret v)
        {
            builderMockSecret = v;
            return this;
        }

        /** @param v getPayload/newPayload version the driver uses (3 or 4). @return this. */
        public Options payloadVersion(final int v)
        {
            payloadVersion = v;
            return this;
        }

        /** @param v the driver's wait between FCU and getPayload, ms. @return this. */
        public Options buildWaitMs(final long v)
        {
            buildWaitMs = v;
            return this;
        }

        /** @param v sidecar RPC port (0 any). @return this. */
        public Options rpcPort(final int v)
        {
            rpcPort = v;
            return this;
        }

        /** @param v sidecar debug port (0 any). @return this. */
        public Options debugPort(final int v)
        {
            debugPort = v;
            return this;
        }

        /** @param v whether the sidecar serves /metrics. @return this. */
        public Options metrics(final boolean v)
        {
            metrics = v;
            return this;
        }

        /** @param v metrics port (0 any). @return this. */
        public Options metricsPort(final int v)
        {
            metricsPort = v;
            return this;
        }

        /**
         * Runs the sidecar with {@code --flashblocks-p2p} and makes the mock builder a P2P builder that verifies the
         * authorizations (against the authorizer key derived from {@code authorizerSk} unless
         * {@link #flashblocksP2pMockAuthorizerVk} says otherwise).
         *
         * @param authorizerSk the sidecar's 32-byte authorizer secret key.
         * @param builderVk    the builder's 32-byte verifying key.
         * @return this.
         */
        public Options flashblocksP2p(final byte[] authorizerSk, final byte[] builderVk)
        {
            p2pAuthorizerSk = authorizerSk.clone();
            p2pBuilderVk = builderVk.clone();
            return this;
        }

        /**
         * @param v the authorizer key the mock builder trusts, when it should differ from the sidecar's (to see
         *          authorizations refused).
         * @return this.
         */
        public Options flashblocksP2pMockAuthorizerVk(final byte[] v)
        {
            p2pMockAuthorizerVk = v.clone();
            return this;
        }

        /**
         * @param v whether the sidecar runs with {@code --flashblocks}, following a {@link MockFlashblocksStream} (the
         *          mock builder's) and serving its outbound stream on a free port.
         * @return this.
         */
        public Options flashblocks(final boolean v)
        {
            flashblocks = v;
            return this;
        }

        /**
         * @param channel also receive flashblocks over this Aeron channel ({@code aeron:ipc}, say), with an embedded
         *                media driver in a directory beside the journal; implies {@link #flashblocks(boolean)}.
         * @return this.
         */
        public Options flashblocksAeronChannel(final String channel)
        {
            flashblocks = true;
            flashblocksAeronChannel = channel;
            return this;
        }

        /** @param v last changes to the sidecar's context before it starts. @return this. */
        public Options contextCustomizer(final Consumer<SidecarContext> v)
        {
            contextCustomizer = v;
            return this;
        }
    }
}
