package io.boostj.io;

import io.boostj.io.config.DotEnv;
import io.boostj.io.config.EnvDefaultProvider;
import io.boostj.io.config.LauncherCommandLine;
import io.boostj.io.config.RollupBoostArgs;
import io.boostj.io.flashblocks.FlashblocksSettings;
import io.boostj.io.flashblocks.p2p.FlashblocksAuthorizer;
import io.boostj.io.jwt.JwtSecret;
import io.boostj.io.log.LogSetup;
import io.boostj.io.runtime.RunUntilShutdown;
import io.boostj.io.runtime.SidecarContext;
import io.boostj.io.runtime.SidecarRuntime;
import io.boostj.io.upstream.UpstreamEndpoint;
import io.boostj.journal.JournalSyncMode;
import picocli.CommandLine;

import java.nio.file.Paths;

/**
 * {@code bin/rollup-boost}: loads {@code .env}, parses upstream's flags, starts the sidecar, stops on SIGINT/SIGTERM.
 */
public final class RollupBoostMain
{
    private RollupBoostMain()
    {
    }

    /**
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args));
    }

    /**
     * @param args the command line.
     * @return the process exit code.
     */
    public static int run(final String[] args)
    {
        final RollupBoostArgs parsed = new RollupBoostArgs();
        final CommandLine cli = new CommandLine(parsed)
            .setDefaultValueProvider(new EnvDefaultProvider(System.getenv(), DotEnv.load(Paths.get(".env"))));
        final int parsedExit = LauncherCommandLine.parse(cli, args);
        if (LauncherCommandLine.PROCEED != parsedExit)
        {
            return parsedExit;
        }
        final SidecarContext ctx;
        try
        {
            LogSetup.configure(parsed.logLevel, parsed.logFormat, parsed.logFile);
            ctx = toContext(parsed).conclude();
        }
        catch (final IllegalArgumentException | IllegalStateException ex)
        {
            System.err.println("error: " + ex.getMessage());
            return 2;
        }
        final SidecarRuntime runtime;
        try
        {
            runtime = SidecarRuntime.start(ctx);
        }
        catch (final Exception ex)
        {
            System.err.println("error: cannot start: " + ex);
            return 1;
        }
        return RunUntilShutdown.await(runtime);
    }

    private static JournalSyncMode parseJournalSyncMode(final String value)
    {
        try
        {
            return JournalSyncMode.parse(value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("--journal-sync-mode: " + ex.getMessage(), ex);
        }
    }

    /**
     * @param a parsed flags.
     * @return the runtime context they describe.
     * @throws IllegalArgumentException for values that make no sense.
     */
    public static SidecarContext toContext(final RollupBoostArgs a)
    {
        if (a.flashblocks && a.flashblocksP2p)
        {
            throw new IllegalArgumentException("--flashblocks and --flashblocks-p2p exclude each other (as upstream)");
        }
        final byte[] authorizerSk;
        final byte[] builderVk;
        if (a.flashblocksP2p)
        {
            authorizerSk = FlashblocksAuthorizer.parseSecretKey(a.flashblocksAuthorizerSk, "--flashblocks-authorizer-sk");
            builderVk = FlashblocksAuthorizer.parseVerifyingKey(a.flashblocksBuilderVk, "--flashblocks-builder-vk");
        }
        else if (null != a.flashblocksAuthorizerSk || null != a.flashblocksBuilderVk)
        {
            throw new IllegalArgumentException((null != a.flashblocksAuthorizerSk ? "--flashblocks-authorizer-sk" :
                "--flashblocks-builder-vk") + " is set but --flashblocks-p2p is not: turn P2P mode on or drop the key");
        }
        else
        {
            authorizerSk = null;
            builderVk = null;
        }
        final FlashblocksSettings flashblocks = !a.flashblocks ? null : new FlashblocksSettings()
            .builderUrl(a.flashblocksBuilderUrl)
            .host(a.flashblocksHost)
            .port(a.flashblocksPort)
            .initialReconnectMs(a.flashblockBuilderWsInitialReconnectMs)
            .maxReconnectMs(a.flashblockBuilderWsMaxReconnectMs)
            .connectTimeoutMs(a.flashblockBuilderWsConnectTimeoutMs)
            .pingIntervalMs(a.flashblockBuilderWsPingIntervalMs)
            .pongTimeoutMs(a.flashblockBuilderWsPongTimeoutMs)
            .maxFrameBytes(a.flashblocksMaxFrameBytes)
            .aeronChannel(a.flashblocksAeronChannel)
            .aeronStreamId(a.flashblocksAeronStreamId)
            .aeronDir(a.flashblocksAeronDir)
            .aeronEmbeddedDriver(a.flashblocksAeronEmbeddedDriver);
        return new SidecarContext()
            .flashblocks(flashblocks)
            .flashblocksP2p(authorizerSk, builderVk)
            .engineConfig(a.toSidecarConfig())
            .l2Endpoint(UpstreamEndpoint.parse(a.l2Url))
            .l2Secret(JwtSecret.resolve(a.l2JwtToken, a.l2JwtPath, "l2 (--l2-jwt-token or --l2-jwt-path)"))
            .builderEndpoint(UpstreamEndpoint.parse(a.builderUrl))
            .builderSecret(JwtSecret.resolve(a.builderJwtToken, a.builderJwtPath,
                "builder (--builder-jwt-token or --builder-jwt-path)"))
            .inboundSecret(null == a.rpcJwtToken && null == a.rpcJwtPath ? null :
                JwtSecret.resolve(a.rpcJwtToken, a.rpcJwtPath, "inbound RPC"))
            .rpcHost(a.rpcHost).rpcPort(a.rpcPort)
            .debugHost(a.debugHost).debugPort(a.debugServerPort)
            .metricsEnabled(a.metrics).metricsHost(a.metricsHost).metricsPort(a.metricsPort)
            .journalDir(a.journalDir).journalRollCycle(a.journalRollCycle).journalRetention(a.journalRetention)
            .journalSnapshotIntervalMs(java.util.concurrent.TimeUnit.SECONDS.toMillis(a.journalSnapshotIntervalS))
            .journalSyncMode(parseJournalSyncMode(a.journalSyncMode))
            .maxRequestBytes(a.maxRequestBytes)
            .otlpEndpoint(a.tracing ? a.otlpEndpoint : null)
            .threadingMode(io.boostj.io.runtime.ThreadingMode.parse(a.threadingMode))
            .warmupRounds(a.warmupRounds)
            .ringSize(a.ringSize).waitStrategy(a.waitStrategy).ioThreads(a.ioThreads);
    }
}
