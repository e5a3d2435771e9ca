package io.boostj.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.boostj.codecs.hex.Hex;
import io.boostj.io.jwt.JwtSecret;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code bin/builder} as a child process of this JVM (same {@code java}, same class path, main class
 * {@code io.boostj.buildernode.BuilderMain}), on loopback ports chosen once so that a restart comes back where the
 * sidecar expects it. Its JWT secret is written to a file in the run directory, its stdout and stderr go to
 * {@code <name>.log} there. Ready means its HTTP JSON-RPC answers {@code eth_getBlockByNumber("0x0")}.
 * {@link #kill()} is {@code kill -9}; {@link #start()} after it relaunches with the same flags.
 * <p>
 * Not thread-safe: one owner starts, kills and closes it.
 */
public final class BuilderProcess implements AutoCloseable
{
    /** The builder's main class. */
    public static final String MAIN_CLASS = "io.boostj.buildernode.BuilderMain";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Context ctx;
    private final Path secretFile;
    private final Path logFile;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(1)).build();
    private Process process;
    private String genesisHash;
    private int starts;

    private BuilderProcess(final Context ctx) throws IOException
    {
        this.ctx = ctx;
        Files.createDirectories(ctx.runDir);
        this.secretFile = ctx.runDir.resolve(ctx.name + ".jwt.hex");
        Files.writeString(secretFile, ctx.jwtSecretHex, StandardCharsets.US_ASCII);
        this.logFile = ctx.runDir.resolve(ctx.name + ".log");
    }

    /**
     * @param ctx what to launch.
     * @return a process handle, not started yet.
     * @throws IOException if the run directory or secret file cannot be written.
     */
    public static BuilderProcess create(final Context ctx) throws IOException
    {
        return new BuilderProcess(ctx.conclude());
    }

    /**
     * Launches the process and waits until it answers, or fails with the tail of its log.
     *
     * @return this.
     * @throws IOException          if it cannot start, exits, or does not answer within the context's timeout.
     * @throws InterruptedException if interrupted.
     */
    public BuilderProcess start() throws IOException, InterruptedException
    {
        if (isAlive())
        {
            throw new IllegalStateException(ctx.name + " is already running");
        }
        final ProcessBuilder pb = new ProcessBuilder(command())
            .redirectErrorStream(true)
            .redirectOutput(0 == starts++ ? ProcessBuilder.Redirect.to(logFile.toFile()) :
                ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        process = pb.start();
        awaitReady();
        return this;
    }

    /**
     * @return the command line this process runs.
     */
    public List<String> command()
    {
        final List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(childJvmFlags());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN_CLASS);
        add(cmd, "--name", ctx.name);
        add(cmd, "--authrpc.addr", "127.0.0.1");
        add(cmd, "--authrpc.port", Integer.toString(ctx.authPort));
        add(cmd, "--authrpc.jwtsecret", secretFile.toString());
        cmd.add("--http");
        add(cmd, "--http.addr", "127.0.0.1");
        add(cmd, "--http.port", Integer.toString(ctx.httpPort));
        if (ctx.flashblocks)
        {
            cmd.add("--flashblocks.enabled");
            add(cmd, "--flashblocks.addr", "127.0.0.1");
            add(cmd, "--flashblocks.port", Integer.toString(ctx.flashblocksPort));
            add(cmd, "--flashblocks.block-time", Long.toString(ctx.flashblockTimeMs));
        }
        add(cmd, "--dev.accounts", Integer.toString(ctx.devAccounts));
        add(cmd, "--dev.genesis-timestamp", Long.toString(ctx.genesisTimestampS));
        if (null != ctx.builderSecretKey)
        {
            add(cmd, "--rollup.builder-secret-key", Hex.toHexString(ctx.builderSecretKey));
        }
        if (null != ctx.syncPeerUrl)
        {
            add(cmd, "--sync.peer-url", ctx.syncPeerUrl);
        }
        return cmd;
    }

    /**
     * The flags a child JVM of this project needs (Chronicle's, Aeron's and Netty's module opens, as
     * {@code bin/lib/common.sh} passes them, and a small serial-GC heap), for any launcher that starts one of our mains
     * as a child process.
     *
     * @return the JVM flags, before {@code -cp}.
     */
    public static List<String> childJvmFlags()
    {
        final List<String> flags = new ArrayList<>(List.of(
            "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "-Dchronicle.analytics.disable=true",
            "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC"));
        if (Runtime.version().feature() >= 24)
        {
            flags.add("--enable-native-access=ALL-UNNAMED");
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        return flags;
    }

    private static void add(final List<String> cmd, final String flag, final String value)
    {
        cmd.add(flag);
        cmd.add(value);
    }

    private void awaitReady() throws IOException, InterruptedException
    {
        final long deadlineNs = System.nanoTime() + ctx.startTimeoutMs * 1_000_000L;
        IOException last = null;
        while (System.nanoTime() < deadlineNs)
        {
            if (!process.isAlive())
            {
                throw new IOException(ctx.name + " exited with status " + process.exitValue() + " before answering; " +
                    "its log " + logFile + " ends with:\n" + logTail());
            }
            try
            {
                final JsonNode genesis = rpc("eth_getBlockByNumber", "[\"0x0\",false]");
                if (genesis.hasNonNull("hash"))
                {
                    genesisHash = genesis.get("hash").asText();
                    return;
                }
            }
            catch (final IOException ex)
            {
                last = ex;
            }
            Thread.sleep(50);
        }
        kill();
        throw new IOException(ctx.name + " did not answer on " + httpUrl() + " within " + ctx.startTimeoutMs + " ms (" +
            last + "); its log " + logFile + " ends with:\n" + logTail());
    }

    /**
     * One JSON-RPC call on the process's HTTP port.
     *
     * @param method     the method.
     * @param paramsJson its params, a JSON array.
     * @return the result.
     * @throws IOException          on a transport failure or an error answer.
     * @throws InterruptedException if interrupted.
     */
    public JsonNode rpc(final String method, final String paramsJson) throws IOException, InterruptedException
    {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(httpUrl()))
            .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method +
                "\",\"params\":" + paramsJson + "}")).build(), HttpResponse.BodyHandlers.ofString());
        final JsonNode json = MAPPER.readTree(response.body());
        if (200 != response.statusCode() || !json.has("result"))
        {
            throw new IOException(ctx.name + " " + method + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return json.get("result");
    }

    /**
     * {@code kill -9}: the process gets no chance to close anything.
     *
     * @throws InterruptedException if interrupted while waiting for it to die.
     */
    public void kill() throws InterruptedException
    {
        if (null != process && process.isAlive())
        {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** @return true if the process runs. */
    public boolean isAlive()
    {
        return null != process && process.isAlive();
    }

    /** @return the process id, or -1 before the first start. */
    public long pid()
    {
        return null == process ? -1 : process.pid();
    }

    /** @return its name ("l2", "builder"). */
    public String name()
    {
        return ctx.name;
    }

    /** @return the genesis hash it reported on its last start. */
    public String genesisHash()
    {
        return genesisHash;
    }

    /** @return its Engine API URL. */
    public String authUrl()
    {
        return "http://127.0.0.1:" + ctx.authPort;
    }

    /** @return its Ethereum JSON-RPC URL. */
    public String httpUrl()
    {
        return "http://127.0.0.1:" + ctx.httpPort;
    }

    /** @return its flashblocks WebSocket URL (meaningful only with flashblocks on). */
    public String flashblocksUrl()
    {
        return "ws://127.0.0.1:" + ctx.flashblocksPort;
    }

    /** @return its JWT secret. */
    public JwtSecret jwtSecret()
    {
        return JwtSecret.fromHex(ctx.jwtSecretHex);
    }

    /** @return where its output goes. */
    public Path logFile()
    {
        return logFile;
    }

    /** @return the last lines of its log. */
    public String logTail()
    {
        try
        {
            final List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        }
        catch (final IOException ex)
        {
            return "(cannot read " + logFile + ": " + ex.getMessage() + ")";
        }
    }

    @Override
    public void close()
    {
        if (null != process && process.isAlive())
        {
            process.destroy();
            try
            {
                if (!process.waitFor(5, TimeUnit.SECONDS))
                {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
            catch (final InterruptedException ex)
            {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * @return a fresh random 32-byte secret as 64 hex digits.
     */
    public static String randomSecretHex()
    {
        final byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Hex.toHexString(b).substring(2);
    }

    /**
     * @return a port on 127.0.0.1 that was free a moment ago.
     * @throws IOException if none can be bound.
     */
    public static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket())
        {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    /**
     * What to launch. Ports left at 0 are chosen free at {@link #conclude()}.
     */
    public static final class Context
    {
        private String name = "builder";
        private Path runDir;
        private String jwtSecretHex;
        private int authPort;
        private int httpPort;
        private boolean flashblocks;
        private int flashblocksPort;
        private long flashblockTimeMs = 200;
        private int devAccounts = 100;
        private long genesisTimestampS;
        private byte[] builderSecretKey;
        private String syncPeerUrl;
        private long startTimeoutMs = 60_000;

        /** @param v its name, also its log's. @return this. */
        public Context name(final String v)
        {
            name = v;
            return this;
        }

        /** @param v where its secret and log go. @return this. */
        public Context runDir(final Path v)
        {
            runDir = v;
            return this;
        }

        /** @param v its Engine API secret, 64 hex digits. @return this. */
        public Context jwtSecretHex(final String v)
        {
            jwtSecretHex = v;
            return this;
        }

        /** @param auth Engine API port. @param http JSON-RPC port. @return this. */
        public Context ports(final int auth, final int http)
        {
            authPort = auth;
            httpPort = http;
            return this;
        }

        /** @param port its flashblocks WebSocket port (0 = choose). @param intervalMs flashblock time. @return this. */
        public Context flashblocks(final int port, final long intervalMs)
        {
            flashblocks = true;
            flashblocksPort = port;
            flashblockTimeMs = intervalMs;
            return this;
        }

        /** @param v prefunded accounts in its genesis. @return this. */
        public Context devAccounts(final int v)
        {
            devAccounts = v;
            return this;
        }

        /** @param v its genesis timestamp, seconds. @return this. */
        public Context genesisTimestampS(final long v)
        {
            genesisTimestampS = v;
            return this;
        }

        /** @param v the key of its builder transaction, or null for none. @return this. */
        public Context builderSecretKey(final byte[] v)
        {
            builderSecretKey = null == v ? null : v.clone();
            return this;
        }

        /** @param v where it catches up from after a restart, or null. @return this. */
        public Context syncPeerUrl(final String v)
        {
            syncPeerUrl = v;
            return this;
        }

        /** @param v how long a start may take, ms. @return this. */
        public Context startTimeoutMs(final long v)
        {
            startTimeoutMs = v;
            return this;
        }

        Context conclude() throws IOException
        {
            if (null == runDir || null == jwtSecretHex || null == name || name.isEmpty())
            {
                throw new IllegalArgumentException("builder process: name, run dir and JWT secret are required");
            }
            JwtSecret.fromHex(jwtSecretHex);
            authPort = 0 == authPort ? freePort() : authPort;
            httpPort = 0 == httpPort ? freePort() : httpPort;
            flashblocksPort = flashblocks && 0 == flashblocksPort ? freePort() : flashblocksPort;
            return this;
        }
    }
}
