package io.boostj.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reverse proxy of record for the Engine API comparison: a real nginx (Debian's package) started as a child
 * process in front of one upstream, configured the way an operator would put it in front of an execution client:
 * HTTP/1.1 keep-alive to the upstream ({@code keepalive}, {@code Connection ""}), keep-alive to clients, no access log,
 * bodies up to 64 MiB. It forwards every request unchanged (Authorization included), so the JWT check stays the
 * upstream's. {@link #config} is the whole configuration, written into a temp prefix directory.
 */
final class NginxReverseProxy implements AutoCloseable
{
    private static final List<String> DEFAULT_LOCATIONS = List.of("/usr/sbin/nginx", "/usr/bin/nginx");

    private final Process process;
    private final Path prefix;
    private final int port;

    private NginxReverseProxy(final Process process, final Path prefix, final int port)
    {
        this.process = process;
        this.prefix = prefix;
        this.port = port;
    }

    /**
     * Where nginx is: {@code auto} looks in the usual Debian places, {@code off} disables it, anything else is a path.
     *
     * @return the binary, or null when disabled or (for {@code auto}) not installed.
     */
    static String locate(final String setting)
    {
        if ("off".equals(setting))
        {
            return null;
        }
        if (!"auto".equals(setting))
        {
            if (!Files.isExecutable(Paths.get(setting)))
            {
                throw new IllegalArgumentException("--nginx " + setting + " is not an executable file");
            }
            return setting;
        }
        return DEFAULT_LOCATIONS.stream().filter(p -> Files.isExecutable(Paths.get(p))).findFirst().orElse(null);
    }

    /**
     * The configuration for a proxy on {@code listenPort} in front of {@code upstreamPort}, both on loopback.
     */
    static String config(final Path prefix, final int listenPort, final int upstreamPort, final int workers,
        final boolean runAsRoot)
    {
        final String dir = prefix.toAbsolutePath().toString();
        return String.join("\n",
            runAsRoot ? "user root;" : "",
            "worker_processes " + workers + ";",
            "daemon off;",
            "master_process on;",
            "pid " + dir + "/nginx.pid;",
            "error_log " + dir + "/error.log warn;",
            "events { worker_connections 16384; }",
            "http {",
            "  access_log off;",
            "  client_body_temp_path " + dir + "/client_body;",
            "  proxy_temp_path " + dir + "/proxy;",
            "  fastcgi_temp_path " + dir + "/fastcgi;",
            "  uwsgi_temp_path " + dir + "/uwsgi;",
            "  scgi_temp_path " + dir + "/scgi;",
            "  client_max_body_size 64m;",
            "  client_body_buffer_size 4m;",
            "  keepalive_timeout 300s;",
            "  keepalive_requests 10000000;",
            "  tcp_nodelay on;",
            "  upstream execution_client {",
            "    server 127.0.0.1:" + upstreamPort + ";",
            "    keepalive 256;",
            "    keepalive_requests 10000000;",
            "    keepalive_timeout 300s;",
            "  }",
            "  server {",
            "    listen 127.0.0.1:" + listenPort + " backlog=4096;",
            "    location / {",
            "      proxy_pass http://execution_client;",
            "      proxy_http_version 1.1;",
            "      proxy_set_header Connection \"\";",
            "      proxy_buffer_size 64k;",
            "      proxy_buffers 64 64k;",
            "      proxy_busy_buffers_size 128k;",
            "    }",
            "  }",
            "}",
            "");
    }

    /**
     * Starts nginx in front of {@code upstreamPort} and waits until it accepts connections.
     *
     * @throws IOException if it does not start within 10 s (its error log is in the message).
     */
    static NginxReverseProxy start(final String binary, final int upstreamPort, final int workers)
        throws IOException, InterruptedException
    {
        final Path prefix = Files.createTempDirectory("boostj-nginx");
        final int port = io.boostj.devnet.BuilderProcess.freePort();
        final boolean root = "root".equals(System.getProperty("user.name"));
        final Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, config(prefix, port, upstreamPort, workers, root), StandardCharsets.US_ASCII);
        final Process process = new ProcessBuilder(binary, "-p", prefix.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(prefix.resolve("stdout.log").toFile())
            .start();
        final NginxReverseProxy proxy = new NginxReverseProxy(process, prefix, port);
        if (LoopbackPort.awaitListening(process, port, 10_000))
        {
            return proxy;
        }
        final String log = proxy.log();
        proxy.close();
        throw new IOException("nginx did not start on 127.0.0.1:" + port + ": " + log);
    }

    int port()
    {
        return port;
    }

    /** @return the error log and stdout so far, for a report. */
    String log()
    {
        final StringBuilder sb = new StringBuilder();
        for (final String name : new String[] {"error.log", "stdout.log"})
        {
            try
            {
                final Path p = prefix.resolve(name);
                if (Files.exists(p))
                {
                    sb.append(Files.readString(p, StandardCharsets.UTF_8).trim());
                }
            }
            catch (final IOException ex)
            {
                sb.append("(cannot read ").append(name).append(": ").append(ex.getMessage()).append(')');
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws InterruptedException
    {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS))
        {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

}
