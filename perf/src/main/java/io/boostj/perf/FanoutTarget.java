package io.boostj.perf;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fan-out server under test, as its own process: {@code ours} is {@code bin/websocket-proxy}, {@code node} the
 * minimal broadcast server on npm's {@code ws} in {@code perf/peers/}. Its CPU time and resident memory are read from
 * {@code /proc/PID}.
 */
final class FanoutTarget implements AutoCloseable
{
    private static final double CLOCK_TICKS_PER_S = 100.0;

    final String name;
    final int port;
    private final Process process;

    private FanoutTarget(final String name, final int port, final Process process)
    {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    static FanoutTarget start(final String name, final Path home, final String upstreamUrl, final int subscribers,
        final int oursIoThreads, final Path log) throws IOException, InterruptedException
    {
        final int port = io.boostj.devnet.BuilderProcess.freePort();
        final ProcessBuilder pb;
        if ("ours".equals(name))
        {
            pb = new ProcessBuilder(home.resolve("bin/websocket-proxy").toString(),
                "--upstream-ws", upstreamUrl, "--listen-addr", "127.0.0.1:" + port,
                "--instance-connection-limit", Integer.toString(subscribers + 1000), "--per-ip-connection-limit", "0",
                "--metrics=false", "--log-level", "warn", "--client-send-timeout-ms", "5000",
                "--io-threads", Integer.toString(oursIoThreads));
            pb.environment().put("BOOSTJ_JAVA_OPTS", "-Xms512m -Xmx1g");
        }
        else if ("node".equals(name))
        {
            pb = new ProcessBuilder("node", home.resolve("perf/peers/ws-broadcast.js").toString(), upstreamUrl,
                Integer.toString(port));
        }
        else
        {
            throw new IllegalArgumentException("target must be ours or node, got " + name);
        }
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        final FanoutTarget target = new FanoutTarget(name, port, pb.start());
        if (!LoopbackPort.awaitListening(target.process, port, 120_000))
        {
            target.close();
            throw new IOException(name + " did not start listening on " + port + "; see " + log);
        }
        return target;
    }



    /** @return user plus system CPU seconds the process used so far. */
    double cpuSeconds()
    {
        return cpuSeconds(process.pid());
    }

    /** @return user plus system CPU seconds process {@code pid} used so far (NaN when unreadable). */
    static double cpuSeconds(final long pid)
    {
        try
        {
            final String stat = Files.readString(Paths.get("/proc/" + pid + "/stat"));
            final String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / CLOCK_TICKS_PER_S;
        }
        catch (final IOException | RuntimeException ex)
        {
            return Double.NaN;
        }
    }

    /** @return resident memory in MiB. */
    double rssMb()
    {
        try
        {
            final List<String> lines = Files.readAllLines(Paths.get("/proc/" + process.pid() + "/status"));
            for (final String line : lines)
            {
                if (line.startsWith("VmRSS:"))
                {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        }
        catch (final IOException ex)
        {
            return Double.NaN;
        }
        return Double.NaN;
    }

    @Override
    public void close() throws InterruptedException
    {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS))
        {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    static boolean nodeAvailable(final Path home)
    {
        return new File(home.toFile(), "perf/peers/node_modules/ws").isDirectory();
    }
}
