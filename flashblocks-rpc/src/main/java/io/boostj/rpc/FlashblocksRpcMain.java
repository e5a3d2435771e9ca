package io.boostj.rpc;

import io.boostj.io.config.DotEnv;
import io.boostj.io.config.EnvDefaultProvider;
import io.boostj.io.config.LauncherCommandLine;
import io.boostj.io.log.LogSetup;
import io.boostj.io.runtime.RunUntilShutdown;
import picocli.CommandLine;

import java.nio.file.Path;

/**
 * {@code bin/flashblocks-rpc}.
 */
public final class FlashblocksRpcMain
{
    private FlashblocksRpcMain()
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
     * @return the exit code: 0 after a clean stop or --help, 2 for bad usage, 1 when it cannot start.
     */
    public static int run(final String[] args)
    {
        final FlashblocksRpcArgs parsed = new FlashblocksRpcArgs();
        final CommandLine cli = new CommandLine(parsed);
        cli.setDefaultValueProvider(new EnvDefaultProvider(System.getenv(), DotEnv.load(Path.of(".env"))));
        final int parsedExit = LauncherCommandLine.parse(cli, args);
        if (LauncherCommandLine.PROCEED != parsedExit)
        {
            return parsedExit;
        }
        final FlashblocksRpcServer server;
        try
        {
            LogSetup.configure(parsed.logLevel, "text", null);
            server = FlashblocksRpcServer.launch(parsed);
        }
        catch (final IllegalArgumentException | IllegalStateException ex)
        {
            System.err.println("error: " + ex.getMessage());
            return 2;
        }
        catch (final Exception ex)
        {
            System.err.println("error: cannot start: " + ex);
            return 1;
        }
        System.out.println("flashblocks-rpc http " + parsed.httpAddr + ":" + server.httpPort() + " ws " +
            (server.wsPort() < 0 ? "off" : parsed.httpAddr + ":" + server.wsPort()) + " upstream " +
            parsed.upstreamUrl + " feed " + parsed.flashblocksUrl);
        return RunUntilShutdown.await(server);
    }
}
