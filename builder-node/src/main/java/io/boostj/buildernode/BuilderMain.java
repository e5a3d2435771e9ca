package io.boostj.buildernode;

import io.boostj.io.config.LauncherCommandLine;
import io.boostj.io.jwt.JwtSecret;
import io.boostj.io.log.LogSetup;
import io.boostj.io.runtime.RunUntilShutdown;
import picocli.CommandLine;


/**
 * {@code bin/builder}: parses op-rbuilder-style flags, starts a {@link BuilderNodeServer}, prints one line with the
 * genesis hash and the URLs, and stops on SIGINT/SIGTERM. Exit code 2 for bad usage, 1 when it cannot start.
 */
public final class BuilderMain
{
    private BuilderMain()
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
     * @return the process exit code (after a shutdown signal when it started).
     */
    public static int run(final String[] args)
    {
        final BuilderArgs parsed = new BuilderArgs();
        final CommandLine cli = new CommandLine(parsed);
        final int parsedExit = LauncherCommandLine.parse(cli, args);
        if (LauncherCommandLine.PROCEED != parsedExit)
        {
            return parsedExit;
        }
        final BuilderNodeContext ctx;
        try
        {
            LogSetup.configure(parsed.logLevel, "text", null);
            ctx = toContext(parsed).conclude();
        }
        catch (final IllegalArgumentException | IllegalStateException ex)
        {
            System.err.println("error: " + ex.getMessage());
            return 2;
        }
        final BuilderNodeServer server;
        try
        {
            server = BuilderNodeServer.launch(ctx);
        }
        catch (final Exception ex)
        {
            System.err.println("error: cannot start: " + ex);
            return 1;
        }
        System.out.println("builder " + ctx.name() + " genesis " + server.genesisHash() + " engine " +
            server.authUrl() + " rpc " + (null == server.httpUrl() ? "off" : server.httpUrl()) + " flashblocks " +
            (null == server.flashblocksUrl() ? "off" : server.flashblocksUrl()) + " metrics " +
            (server.metricsPort() < 0 ? "off" : ctx.metricsHost() + ":" + server.metricsPort()));
        return RunUntilShutdown.await(server);
    }

    /**
     * @param a parsed flags.
     * @return the node configuration they describe.
     * @throws IllegalArgumentException for values that make no sense (a bad key, an unreadable secret).
     */
    public static BuilderNodeContext toContext(final BuilderArgs a)
    {
        final BuilderNodeContext ctx = new BuilderNodeContext()
            .name(a.name)
            .authHost(a.authAddr).authPort(a.authPort)
            .jwtSecret(JwtSecret.fromFile(a.jwtSecretPath))
            .httpHost(a.httpAddr).httpPort(a.http ? a.httpPort : -1)
            .flashblocksEnabled(a.flashblocksEnabled).flashblocksHost(a.flashblocksAddr)
            .flashblocksPort(a.flashblocksPort).flashblockTimeMs(a.flashblockTimeMs)
            .aeronChannel(a.aeronChannel).aeronStreamId(a.aeronStreamId).aeronDir(a.aeronDir)
            .devAccounts(a.devAccounts).genesisTimestamp(a.genesisTimestamp).genesisGasLimit(a.genesisGasLimit)
            .syncPeerUrl(a.syncPeerUrl)
            .maxPoolTransactions(a.maxPendingTransactions).maxPerSender(a.maxAccountSlots);
        if (null != a.builderSecretKey)
        {
            ctx.builderSecretKey(hexKey(a.builderSecretKey));
        }
        if (null != a.metrics)
        {
            final int colon = a.metrics.lastIndexOf(':');
            if (colon <= 0)
            {
                throw new IllegalArgumentException("--metrics must be HOST:PORT, got " + a.metrics);
            }
            ctx.metricsHost(a.metrics.substring(0, colon));
            try
            {
                ctx.metricsPort(Integer.parseInt(a.metrics.substring(colon + 1)));
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("--metrics port is not a number: " + a.metrics);
            }
        }
        return ctx;
    }

    private static byte[] hexKey(final String hex)
    {
        final String s = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (64 != s.length())
        {
            throw new IllegalArgumentException("--rollup.builder-secret-key must be 32 bytes of hex");
        }
        final byte[] key = new byte[32];
        for (int i = 0; i < 32; i++)
        {
            final int hi = Character.digit(s.charAt(2 * i), 16);
            final int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0)
            {
                throw new IllegalArgumentException("--rollup.builder-secret-key is not hex");
            }
            key[i] = (byte)(hi << 4 | lo);
        }
        return key;
    }
}
