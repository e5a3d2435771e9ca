package io.boostj.proxy;

import io.boostj.io.config.DotEnv;
import io.boostj.io.config.EnvDefaultProvider;
import io.boostj.io.config.LauncherCommandLine;
import io.boostj.io.log.LogSetup;
import io.boostj.io.runtime.RunUntilShutdown;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import picocli.CommandLine;

import java.nio.file.Paths;

/**
 * {@code bin/websocket-proxy}: loads {@code .env}, parses upstream websocket-proxy's flags, runs until SIGINT/SIGTERM.
 * Exit codes: 0 clean stop or help, 2 bad usage, 1 cannot start.
 */
public final class WebsocketProxyMain
{
    private WebsocketProxyMain()
    {
    }

    /** @param args the command line. */
    public static void main(final String[] args)
    {
        System.exit(run(args));
    }

    /**
     * @param args the command line.
     * @return the exit code.
     */
    public static int run(final String[] args)
    {
        final ProxyArgs parsed = new ProxyArgs();
        final CommandLine cli = new CommandLine(parsed)
            .setDefaultValueProvider(new EnvDefaultProvider(System.getenv(), DotEnv.load(Paths.get(".env"))));
        final int parsedExit = LauncherCommandLine.parse(cli, args);
        if (LauncherCommandLine.PROCEED != parsedExit)
        {
            return parsedExit;
        }
        final ProxyRuntime runtime;
        try
        {
            LogSetup.configure(parsed.logLevel, parsed.logFormat, null);
            runtime = ProxyRuntime.start(parsed, PrometheusRegistry.defaultRegistry);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("error: " + ex.getMessage());
            return 2;
        }
        catch (final Exception ex)
        {
            System.err.println("error: cannot start: " + ex);
            return 1;
        }
        return RunUntilShutdown.await(runtime);
    }
}
