package io.boostj.io.runtime;

import io.boostj.core.sidecar.SidecarEngine;
import io.boostj.io.config.RollupBoostArgs;
import io.boostj.io.flashblocks.FlashblockIngress;
import io.boostj.io.flashblocks.FlashblocksInboundClient;
import io.boostj.io.flashblocks.FlashblocksPublisher;
import io.boostj.io.flashblocks.FlashblocksSettings;
import io.boostj.io.flashblocks.aeron.AeronConnection;
import io.boostj.io.flashblocks.aeron.FlashblocksAeronReceiver;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import io.boostj.io.metrics.FlashblocksMetrics;
import io.boostj.io.http.DebugRequestHandler;
import io.boostj.io.http.HttpServer;
import io.boostj.io.http.NettyTransport;
import io.boostj.io.http.RpcRequestHandler;
import io.boostj.io.jwt.JwtSigner;
import io.boostj.io.jwt.JwtVerifier;
import io.boostj.io.metrics.SidecarMetrics;
import io.boostj.io.tracing.SidecarTracing;
import io.boostj.io.upstream.Forwarder;
import io.boostj.io.upstream.UpstreamClient;
import io.boostj.journal.Direction;
import io.boostj.journal.Journal;
import io.boostj.journal.JournalContext;
import io.boostj.journal.JournalWriter;
import io.boostj.ring.MessageRing;
import io.boostj.ring.WaitStrategies;
import com.lmax.disruptor.Sequence;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The running sidecar, wired as DESIGN.md draws it:
 * <pre>
 *  Netty (RPC, debug, upstream replies) ──SBE──▶ inbound ring ─┬─▶ journal consumer (Chronicle append)
 *  tick source ─────────────────────────────────▶              └─▶ engine consumer (SidecarEngine, 1 thread)
 *                                                                          │ commands (SBE)
 *                                    outbound ring ◀───────────────────────┘
 *                                         └─▶ egress consumer: upstream calls, replies, health, decisions, journal
 * </pre>
 * In the {@link ThreadingMode#SHARED} mode (default) the owning Netty event loop polls both rings, journals inline and
 * runs the engine and egress; in {@link ThreadingMode#DEDICATED} each consumer has its own thread.
 */
public final class SidecarRuntime implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(SidecarRuntime.class);

    private final SidecarContext ctx;
    private final SidecarMetrics metrics = new SidecarMetrics();
    private final EpochNanoClock clock = new SystemEpochNanoClock();
    private final HealthState health = new HealthState();
    private final PendingRequests pending = new PendingRequests();
    private Journal journal;
    private JournalWriter inWriter;
    private JournalWriter outWriter;
    private MessageRing inbound;
    private MessageRing outbound;
    private SidecarEngine engine;
    private EventLoopGroup group;
    private UpstreamClient l2;
    private UpstreamClient builder;
    private HttpServer rpcServer;
    private HttpServer debugServer;
    private TickSource tickSource;
    private EngineEventHandler engineHandler;
    private SidecarTracing tracing;
    private FlashblocksPublisher flashblocksPublisher;
    private FlashblocksInboundClient flashblocksClient;
    private AeronConnection flashblocksAeron;
    private AgentRunner flashblocksAeronRunner;

    private SidecarRuntime(final SidecarContext ctx)
    {
        this.ctx = ctx;
    }

    /**
     * Starts everything; on failure, closes what was started and rethrows.
     *
     * @param ctx the concluded context.
     * @return the running sidecar.
     * @throws Exception if a port cannot be bound or the journal cannot be opened.
     */
    public static SidecarRuntime start(final SidecarContext ctx) throws Exception
    {
        final SidecarRuntime runtime = new SidecarRuntime(ctx);
        try
        {
            runtime.doStart();
            return runtime;
        }
        catch (final Exception | Error ex)
        {
            runtime.close();
            throw ex;
        }
    }

    private void doStart() throws Exception
    {
        JournalStartupCheck.check(ctx.journalDir(), ctx.journalRollCycle());
        if (ctx.warmupRounds() > 0)
        {
            final long startNs = System.nanoTime();
            final long events = new EngineWarmup().run(ctx.warmupRounds());
            LOG.info("JIT warm-up: {} events through a scratch engine in {} ms", events,
                (System.nanoTime() - startNs) / 1_000_000);
        }
        journal = Journal.open(new JournalContext()
            .directory(ctx.journalDir().toFile())
            .rollCycle(ctx.journalRollCycle())
            .retentionCycles(ctx.journalRetention())
            .syncMode(ctx.journalSyncMode()));
        inWriter = journal.newWriter();
        outWriter = journal.newWriter();
        final ExpandableArrayBuffer configRecord = new ExpandableArrayBuffer(256);
        final int configLength = ctx.engineConfig().encode(configRecord, 0, clock.nanoTime());
        inWriter.append(clock.nanoTime(), Direction.IN, configRecord, 0, configLength);

        if (null != ctx.otlpEndpoint())
        {
            final String service = System.getenv().getOrDefault("OTEL_SERVICE_NAME", "rollup-boost");
            tracing = SidecarTracing.otlp(ctx.otlpEndpoint(), service);
        }
        outbound = new MessageRing("egress", ctx.ringSize(), 1024, false, WaitStrategies.byName(ctx.waitStrategy()));
        inbound = new MessageRing("inbound", ctx.ringSize(), 1024, true, WaitStrategies.byName(ctx.waitStrategy()));
        final OutboundCommandSink sink = new OutboundCommandSink(outbound);
        engine = new SidecarEngine(ctx.engineConfig(), sink);

        final NettyTransport transport = NettyTransport.choose(true);
        group = transport.newGroup(ctx.ioThreads(), "boostj-io");
        final String userAgent = "boostj-rollup-boost/" + RollupBoostArgs.VERSION;
        l2 = new UpstreamClient("l2", ctx.l2Endpoint(), new JwtSigner(ctx.l2Secret()), group, transport,
            ctx.maxResponseBytes(), userAgent);
        builder = new UpstreamClient("builder", ctx.builderEndpoint(), new JwtSigner(ctx.builderSecret()), group,
            transport, ctx.maxResponseBytes(), userAgent);
        final InboundPublisher publisher = new InboundPublisher(inbound, clock, metrics);

        final EventLoop owner = group.next();
        engineHandler = new EngineEventHandler(engine, sink);
        final boolean shared = ThreadingMode.SHARED == ctx.threadingMode();
        final io.boostj.ring.MessagePoller inboundPoller = shared ? inbound.addPoller() : null;
        final InboundJournal inboundJournal = new InboundJournal(inWriter, clock, ctx.journalSyncMode());
        final Sequence journalSequence = shared ?
            inboundPoller.sequence() : inbound.addConsumer(new JournalEventHandler(inboundJournal));
        final EgressHandler egress = new EgressHandler(l2, builder, publisher, pending, health, metrics, outWriter,
            shared ? null : journalSequence, clock, tracing);
        if (ctx.flashblocksP2p())
        {
            egress.flashblocksP2p(new io.boostj.io.flashblocks.p2p.FlashblocksP2pEgress(
                new io.boostj.io.flashblocks.p2p.FlashblocksAuthorizer(
                    ctx.flashblocksAuthorizerSk(), ctx.flashblocksBuilderVk()),
                ctx.engineConfig().executionMode(), metrics.registry()));
        }
        if (shared)
        {
            final SharedEngineDriver driver = new SharedEngineDriver(
                owner, inboundPoller, outbound.addPoller(), inboundJournal, engineHandler, egress);
            publisher.afterPublish(driver::signal);
            sink.onFull(driver::drainOutbound);
        }
        else
        {
            inbound.addConsumer(engineHandler);
            outbound.addConsumer(egress);
            outbound.start(r -> new Thread(r));
            inbound.start(r -> new Thread(r));
        }

        if (null != ctx.flashblocks())
        {
            startFlashblocks(ctx.flashblocks(), transport, publisher, egress);
        }

        final Forwarder forwarder = new Forwarder(l2, builder, ctx.engineConfig().l2TimeoutMs(),
            ctx.engineConfig().builderTimeoutMs(), metrics);
        final JwtVerifier verifier = null == ctx.inboundSecret() ? null : new JwtVerifier(ctx.inboundSecret());
        rpcServer = HttpServer.bind(group, transport, ctx.rpcHost(), ctx.rpcPort(), ctx.maxRequestBytes(),
            new RpcRequestHandler(publisher, pending, forwarder, health, verifier, metrics));
        debugServer = HttpServer.bind(group, transport, ctx.debugHost(), ctx.debugPort(), 1024 * 1024,
            new DebugRequestHandler(publisher, pending));

        metrics.executionMode(ctx.engineConfig().executionMode().value());
        metrics.gauge("boostj_inbound_ring_depth", "Events published but not yet processed", () -> inbound.depth());
        metrics.gauge("boostj_outbound_ring_depth", "Commands published but not yet carried out", () -> outbound.depth());
        metrics.gauge("boostj_journal_lag_records", "Inbound events not yet journaled",
            () -> inbound.cursor() - journalSequence.get());
        metrics.gauge("boostj_journal_free_disk_bytes", "Free space where the journal is written",
            () -> journal.freeDiskBytes());
        metrics.gauge("boostj_journal_syncs", "Journal syncs (msync at inbound batch ends, --journal-sync-mode sync)",
            inboundJournal::syncCount);
        metrics.gauge("boostj_pending_requests", "Requests waiting for the engine's answer", pending::size);
        metrics.gauge("boostj_engine_errors", "Events on which the engine threw (a bug: see the log)",
            engineHandler::errors);
        metrics.gauge("boostj_outbound_ring_full_waits", "Times the engine found the outbound ring full",
            sink::fullWaits);
        metrics.gauge("boostj_journal_gate_timeouts", "Dedicated mode: replies sent although their cause was not " +
            "journaled within 100 ms", egress::journalGateTimeouts);
        if (ctx.metricsEnabled())
        {
            metrics.serve(ctx.metricsHost(), ctx.metricsPort());
        }

        tickSource = new TickSource(engine, publisher, ctx.tickPeriodMs(), ctx.journalSnapshotIntervalMs());
        tickSource.start(owner, ctx.tickPeriodMs());
        LOG.info("rollup-boost listening on {}:{} (debug {}:{}), l2={} builder={} mode={} transport={} threading={} journal={} ({})",
            ctx.rpcHost(), rpcServer.port(), ctx.debugHost(), debugServer.port(), ctx.l2Endpoint(),
            ctx.builderEndpoint(), ctx.engineConfig().executionMode(), transport.name(), ctx.threadingMode(),
            ctx.journalDir(), ctx.journalSyncMode());
    }

    private void startFlashblocks(
        final FlashblocksSettings settings,
        final NettyTransport transport,
        final InboundPublisher publisher,
        final EgressHandler egress) throws InterruptedException
    {
        final FlashblocksMetrics flashblocksMetrics = new FlashblocksMetrics(metrics.registry());
        flashblocksPublisher = FlashblocksPublisher.bind(new FlashblocksPublisher.Context()
            .host(settings.host())
            .port(settings.port())
            .eventLoopGroup(group)
            .transport(transport));
        final FlashblocksPublisher outbound = flashblocksPublisher;
        egress.flashblocks((buffer, offset, length) ->
        {
            final int result = outbound.tryPublish(buffer, offset, length);
            if (result < 0)
            {
                LOG.error("flashblock not published to subscribers: outbound hand-off {}",
                    FlashblocksPublisher.QUEUE_FULL == result ? "queue full" : "closed");
            }
        }, flashblocksMetrics);
        metrics.gauge("boostj_flashblocks_subscribers", "Subscribers of the outbound flashblocks stream",
            outbound::subscribers);
        metrics.gauge("boostj_flashblocks_published_messages", "Flashblocks sent to the outbound stream",
            outbound::messagesPublished);
        metrics.gauge("boostj_flashblocks_lagging_skips", "Messages skipped for subscribers that lag behind",
            outbound::messagesDroppedForLag);
        metrics.gauge("boostj_flashblocks_publish_rejected", "Flashblocks refused by a full outbound hand-off queue",
            outbound::publishRejected);

        final FlashblockIngress ingress = new FlashblockIngress(publisher, flashblocksMetrics, settings.maxFrameBytes());
        flashblocksClient = new FlashblocksInboundClient(new FlashblocksInboundClient.Context()
            .url(settings.builderUrl().toString())
            .eventLoopGroup(group)
            .transport(transport)
            .listener(ingress)
            .connectTimeoutMs(settings.connectTimeoutMs())
            .pingIntervalMs(settings.pingIntervalMs())
            .pongTimeoutMs(settings.pongTimeoutMs())
            .initialReconnectMs(settings.initialReconnectMs())
            .maxReconnectMs(settings.maxReconnectMs())
            .maxFrameBytes(settings.maxFrameBytes())
            .epochClock(clock));
        flashblocksClient.start();
        if (null != settings.aeronChannel())
        {
            startFlashblocksAeron(settings, new FlashblockIngress(publisher, flashblocksMetrics,
                settings.maxFrameBytes()), flashblocksMetrics);
        }
        LOG.info("flashblocks: following {} and serving {}:{}", settings.builderUrl(), settings.host(), outbound.port());
    }

    private void startFlashblocksAeron(
        final FlashblocksSettings settings, final FlashblockIngress ingress, final FlashblocksMetrics flashblocksMetrics)
    {
        flashblocksAeron = AeronConnection.connect(settings.aeronDir(), settings.aeronEmbeddedDriver());
        final io.aeron.Subscription subscription = flashblocksAeron.aeron().addSubscription(
            settings.aeronChannel(), settings.aeronStreamId());
        flashblocksAeronRunner = new AgentRunner(new BackoffIdleStrategy(10, 20, 1_000, 1_000_000),
            ex -> LOG.error("flashblocks aeron receiver failed", ex), null,
            new FlashblocksAeronReceiver(subscription, ingress, flashblocksMetrics));
        AgentRunner.startOnThread(flashblocksAeronRunner);
        LOG.info("flashblocks: receiving SBE flashblocks on {} stream {} (aeron dir {})", settings.aeronChannel(),
            settings.aeronStreamId(), flashblocksAeron.aeronDirectoryName());
    }

    /**
     * @return subscribers of the outbound flashblocks stream now, or -1 when flashblocks are off.
     */
    public int flashblocksSubscribers()
    {
        return null == flashblocksPublisher ? -1 : flashblocksPublisher.subscribers();
    }

    /**
     * @return the Aeron directory of the flashblocks receiver, or null when it is off.
     */
    public String flashblocksAeronDirectory()
    {
        return null == flashblocksAeron ? null : flashblocksAeron.aeronDirectoryName();
    }

    /**
     * @return the bound outbound flashblocks port, or -1 when flashblocks are off.
     */
    public int flashblocksPort()
    {
        return null == flashblocksPublisher ? -1 : flashblocksPublisher.port();
    }

    /**
     * @return the bound RPC port.
     */
    public int rpcPort()
    {
        return rpcServer.port();
    }

    /**
     * @return the bound debug API port.
     */
    public int debugPort()
    {
        return debugServer.port();
    }

    /**
     * @return the bound /metrics port, or -1 when metrics are off.
     */
    public int metricsPort()
    {
        return metrics.port();
    }

    /**
     * @return the metrics.
     */
    public SidecarMetrics metrics()
    {
        return metrics;
    }

    /**
     * @return the health served on /healthz.
     */
    public HealthState health()
    {
        return health;
    }

    /**
     * @return the journal.
     */
    public Journal journal()
    {
        return journal;
    }

    @Override
    public void close()
    {
        if (null != tickSource)
        {
            tickSource.stop();
        }
        closeQuietly(flashblocksClient);
        closeQuietly(flashblocksAeronRunner);
        closeQuietly(flashblocksAeron);
        closeQuietly(rpcServer);
        closeQuietly(debugServer);
        closeQuietly(flashblocksPublisher);
        try
        {
            if (null != inbound)
            {
                inbound.close(2000);
            }
            if (null != outbound)
            {
                outbound.close(2000);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        closeQuietly(l2);
        closeQuietly(builder);
        if (null != group)
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        closeQuietly(inWriter);
        closeQuietly(outWriter);
        closeQuietly(journal);
        closeQuietly(tracing);
        metrics.close();
    }

    private static void closeQuietly(final AutoCloseable c)
    {
        if (null == c)
        {
            return;
        }
        try
        {
            c.close();
        }
        catch (final Exception ex)
        {
            LOG.warn("closing {} failed: {}", c.getClass().getSimpleName(), ex.toString());
        }
    }
}
