package io.boostj.proxy.limits;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real redis-server for tests, on a random port with a temporary directory; skips the test when it is not installed. */
public final class RedisServerProcess implements AutoCloseable
{
    private final Path dir;
    private final int port;
    private Process process;

    private RedisServerProcess(final Path dir, final int port)
    {
        this.dir = dir;
        this.port = port;
    }

    /** @return a started server. */
    public static RedisServerProcess start() throws Exception
    {
        Assumptions.assumeTrue(binary() != null,
            "redis-server is not installed (apt-get install redis-server; .ci/run installs it)");
        final int port;
        try (ServerSocket s = new ServerSocket(0))
        {
            port = s.getLocalPort();
        }
        final RedisServerProcess server = new RedisServerProcess(Files.createTempDirectory("redis-test"), port);
        server.startProcess();
        return server;
    }

    private static String binary()
    {
        for (final String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
        {
            final File f = new File(dir, "redis-server");
            if (f.canExecute())
            {
                return f.getPath();
            }
        }
        return null;
    }

    /** Starts (again) on the same port. */
    public void startProcess() throws Exception
    {
        process = new ProcessBuilder(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--dir", dir.toString())
            .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        final long deadline = System.currentTimeMillis() + 10_000;
        while (!ping())
        {
            if (System.currentTimeMillis() > deadline || !process.isAlive())
            {
                throw new IllegalStateException("redis-server did not start: " + Files.readString(dir.resolve("redis.log")));
            }
            Thread.sleep(20);
        }
    }

    private boolean ping()
    {
        try (Socket s = new Socket("127.0.0.1", port))
        {
            s.setSoTimeout(1_000);
            final OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final InputStream in = s.getInputStream();
            final byte[] reply = new byte[7];
            return in.read(reply) > 0 && new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
        }
        catch (final Exception ex)
        {
            return false;
        }
    }

    /** Kills the server (the port stays reserved for {@link #startProcess()}). */
    public void stopProcess() throws InterruptedException
    {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    /** @return redis://127.0.0.1:port. */
    public String url()
    {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception
    {
        stopProcess();
        try (var files = Files.walk(dir))
        {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
