package io.boostj.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.boostj.devnet.BlockResult;
import io.boostj.devnet.BuilderProcess;
import io.boostj.devnet.Devnet;
import io.boostj.devnet.MockExecutionClient;
import io.boostj.devnet.OpNodeDriver;
import io.boostj.devnet.PayloadChain;
import io.boostj.io.jwt.JwtSecret;
import io.boostj.journal.Direction;
import io.boostj.journal.Journal;
import io.boostj.journal.JournalContext;
import io.boostj.journal.JournalReader;
import io.boostj.replay.EngineMessages;
import io.boostj.replay.ReplayTool;
import io.boostj.sbe.EngineConfigDecoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal survives {@code kill -9}: a real {@code bin/rollup-boost} (its main in a child JVM) between two mock
 * execution clients, driven as op-node drives it plus a stream of {@code eth_sendRawTransaction} (real transactions
 * from the Cancun test chain), is killed mid-load, restarted on the same journal directory and driven again. Every
 * Engine API call that got an answer before the kill must be in the journal (the sidecar answers only after the
 * request is journaled), {@code replay-tool verify} must pass, and the journal must read to its end with two process
 * starts.
 */
class SidecarCrashSystemTest
{
    private static final String MAIN_CLASS = "io.boostj.io.RollupBoostMain";

    @TempDir
    Path tempDir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(1)).build();
    private final String l2SecretHex = BuilderProcess.randomSecretHex();
    private final String builderSecretHex = BuilderProcess.randomSecretHex();
    private MockExecutionClient l2;
    private MockExecutionClient builder;
    private Process sidecar;

    @AfterEach
    void stopAll() throws InterruptedException
    {
        if (null != sidecar && sidecar.isAlive())
        {
            sidecar.destroyForcibly();
            sidecar.waitFor(10, TimeUnit.SECONDS);
        }
        if (null != l2)
        {
            l2.close();
        }
        if (null != builder)
        {
            builder.close();
        }
    }

    @Test
    void shouldKeepEveryAcknowledgedCallAcrossKillMinus9AndReplayTheJournal() throws Exception
    {
        l2 = MockExecutionClient.builder("l2").versionByte(MockExecutionClient.OP_GETH_VERSION_BYTE)
            .blockValue(Devnet.L2_BLOCK_VALUE).jwtSecret(JwtSecret.fromHex(l2SecretHex)).start();
        builder = MockExecutionClient.builder("builder").versionByte(MockExecutionClient.OP_RETH_VERSION_BYTE)
            .blockValue(Devnet.BUILDER_BLOCK_VALUE).jwtSecret(JwtSecret.fromHex(builderSecretHex)).start();
        final Path journalDir = tempDir.resolve("journal");
        final int rpcPort = BuilderProcess.freePort();
        final int debugPort = BuilderProcess.freePort();
        final List<String> command = command(journalDir, rpcPort, debugPort);
        final Path log = tempDir.resolve("sidecar.log");
        final OpNodeDriver driver = new OpNodeDriver(new OpNodeDriver.Config().rpc("127.0.0.1", rpcPort)
            .buildWaitMs(20).requestTimeout(Duration.ofSeconds(5))
            .source(Devnet.L2_BLOCK_VALUE, "l2").source(Devnet.BUILDER_BLOCK_VALUE, "builder"));
        final Set<String> acknowledged = new LinkedHashSet<>();

        sidecar = launch(command, log, rpcPort);
        final Load load = new Load(driver, URI.create("http://127.0.0.1:" + rpcPort), acknowledged).start();
        Await.value("blocks under load", load.okBlocks::get, n -> n >= 15, Duration.ofSeconds(60));
        sidecar.destroyForcibly();
        assertTrue(sidecar.waitFor(10, TimeUnit.SECONDS), "killed");
        final int exitOfKilled = sidecar.exitValue();
        load.stop();
        final Set<String> acknowledgedBeforeKill = new LinkedHashSet<>(acknowledged);
        final long txsBeforeKill = load.acceptedTransactions.get();

        sidecar = launch(command, log, rpcPort);
        final List<BlockResult> after = driver.produceBlocks(5);
        assertTrue(after.stream().filter(BlockResult::ok).count() >= 4, () -> "after restart: " + after);
        sidecar.destroy();
        assertTrue(sidecar.waitFor(20, TimeUnit.SECONDS), "stopped on SIGTERM");

        assertEquals(137, exitOfKilled, "the first process died of SIGKILL");
        assertTrue(txsBeforeKill > 0, "transactions were sent during the load");
        final JournalContents journal = read(journalDir);
        final List<String> missing = new ArrayList<>();
        for (final String call : acknowledgedBeforeKill)
        {
            if (!journal.requests.contains(call))
            {
                missing.add(call);
            }
        }
        assertTrue(acknowledgedBeforeKill.size() >= 15 * 4, "acknowledged calls " + acknowledgedBeforeKill.size());
        assertTrue(missing.isEmpty(), () -> missing.size() + " acknowledged calls not journaled: " + missing);
        assertEquals(2, journal.engineStarts, "two process starts");

        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int verifyExit = ReplayTool.run(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), "verify", "--journal-dir", journalDir.toString());
        assertEquals(0, verifyExit, () -> "replay-tool verify: " + out.toString(StandardCharsets.UTF_8) +
            err.toString(StandardCharsets.UTF_8));
    }

    private List<String> command(final Path journalDir, final int rpcPort, final int debugPort)
    {
        final List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(BuilderProcess.childJvmFlags());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN_CLASS);
        cmd.addAll(List.of(
            "--l2-url", l2.url(), "--l2-jwt-token", l2SecretHex,
            "--builder-url", builder.url(), "--builder-jwt-token", builderSecretHex,
            "--rpc-host", "127.0.0.1", "--rpc-port", Integer.toString(rpcPort),
            "--debug-host", "127.0.0.1", "--debug-server-port", Integer.toString(debugPort),
            "--builder-timeout", "2000", "--l2-timeout", "2000", "--health-check-interval", "3600",
            "--max-unsafe-interval", "3600", "--warmup-rounds", "200", "--journal-dir", journalDir.toString()));
        return cmd;
    }

    private Process launch(final List<String> command, final Path log, final int rpcPort)
        throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadlineNs)
        {
            if (!process.isAlive())
            {
                throw new IllegalStateException("sidecar exited " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try
            {
                final HttpResponse<Void> r = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + rpcPort + "/healthz")).timeout(Duration.ofSeconds(1)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
                if (200 == r.statusCode())
                {
                    return process;
                }
            }
            catch (final IOException notYet)
            {
                // not listening yet
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("sidecar did not answer /healthz within 60 s:\n" + Files.readString(log));
    }

    private static JournalContents read(final Path dir)
    {
        final JournalContents contents = new JournalContents();
        final EngineMessages messages = new EngineMessages();
        try (Journal journal = Journal.open(new JournalContext().directory(dir.toFile()).readOnly(true));
            JournalReader reader = journal.newReader())
        {
            reader.moveToStart();
            while (true)
            {
                final int n = reader.poll(record ->
                {
                    if (Direction.IN != record.direction())
                    {
                        return;
                    }
                    if (EngineConfigDecoder.TEMPLATE_ID == record.templateId())
                    {
                        contents.engineStarts++;
                    }
                    final String key = key(messages.decode(record.buffer(), record.bodyOffset(), record.bodyLength()));
                    if (null != key)
                    {
                        contents.requests.add(key);
                    }
                }, 256);
                if (0 == n && reader.checkAtEnd())
                {
                    break;
                }
            }
        }
        return contents;
    }

    private static String key(final EngineMessages.Decoded decoded)
    {
        switch (decoded.name())
        {
            case "ForkchoiceUpdatedRequest":
                return ("true".equals(field(decoded, "hasAttributes")) ? "fcu:" : "fcuHead:") +
                    field(decoded, "headBlockHash");
            case "GetPayloadRequest":
                return "getPayload:" + field(decoded, "payloadId");
            case "NewPayloadRequest":
                return "newPayload:" + field(decoded, "blockHash");
            default:
                return null;
        }
    }

    private static String field(final EngineMessages.Decoded decoded, final String name)
    {
        for (final EngineMessages.Field f : decoded.fields())
        {
            if (f.name().equals(name))
            {
                return f.value().toLowerCase(java.util.Locale.ROOT);
            }
        }
        throw new IllegalStateException("no field " + name + " in " + decoded);
    }

    /**
     * The Engine API calls that got an HTTP answer, as the journal keys them; each step of a block that
     * {@link BlockResult} timed got one.
     */
    private static void acknowledge(final Set<String> acknowledged, final String headBefore, final BlockResult r)
    {
        final java.util.Map<String, Long> answered = r.latenciesNs();
        if (answered.containsKey(BlockResult.FCU))
        {
            acknowledged.add("fcu:" + headBefore.toLowerCase(java.util.Locale.ROOT));
        }
        if (answered.containsKey(BlockResult.GET_PAYLOAD))
        {
            acknowledged.add("getPayload:" + r.payloadId().toLowerCase(java.util.Locale.ROOT));
        }
        if (answered.containsKey(BlockResult.NEW_PAYLOAD))
        {
            acknowledged.add("newPayload:" + r.blockHash().toLowerCase(java.util.Locale.ROOT));
        }
        if (answered.containsKey(BlockResult.FCU_HEAD))
        {
            acknowledged.add("fcuHead:" + r.blockHash().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static final class JournalContents
    {
        final Set<String> requests = new HashSet<>();
        int engineStarts;
    }

    /**
     * op-node's block loop on one thread, a stream of raw transactions on another, until stopped.
     */
    private final class Load
    {
        final AtomicLong okBlocks = new AtomicLong();
        final AtomicLong acceptedTransactions = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final OpNodeDriver driver;
        private final URI rpc;
        private final Set<String> acknowledged;
        private final Thread blocks;
        private final Thread transactions;

        Load(final OpNodeDriver driver, final URI rpc, final Set<String> acknowledged)
        {
            this.driver = driver;
            this.rpc = rpc;
            this.acknowledged = acknowledged;
            this.blocks = new Thread(this::produceBlocks, "crash-test-blocks");
            this.transactions = new Thread(this::sendTransactions, "crash-test-txs");
        }

        Load start()
        {
            blocks.start();
            transactions.start();
            return this;
        }

        void stop() throws InterruptedException
        {
            running.set(false);
            blocks.join(30_000);
            transactions.join(30_000);
            assertTrue(!blocks.isAlive() && !transactions.isAlive(), "load stopped");
        }

        private void produceBlocks()
        {
            while (running.get())
            {
                final String headBefore = driver.head();
                final BlockResult r = driver.produceBlock();
                synchronized (acknowledged)
                {
                    acknowledge(acknowledged, headBefore, r);
                }
                if (r.ok())
                {
                    okBlocks.incrementAndGet();
                }
                else if (!r.error().contains("I/O"))
                {
                    throw new AssertionError("block failed while the sidecar ran: " + r);
                }
            }
        }

        private void sendTransactions()
        {
            final List<String> raw = new ArrayList<>();
            for (final PayloadChain.Block block : PayloadChain.cancun().blocks())
            {
                for (final JsonNode tx : block.payload().path("transactions"))
                {
                    raw.add(tx.asText());
                }
            }
            int next = 0;
            while (running.get())
            {
                final String body = "{\"jsonrpc\":\"2.0\",\"id\":" + next + ",\"method\":\"eth_sendRawTransaction\"," +
                    "\"params\":[\"" + raw.get(next++ % raw.size()) + "\"]}";
                try
                {
                    final HttpResponse<String> r = http.send(HttpRequest.newBuilder(rpc)
                        .timeout(Duration.ofSeconds(2)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (200 == r.statusCode() && r.body().contains("\"result\""))
                    {
                        acceptedTransactions.incrementAndGet();
                    }
                    Thread.sleep(5);
                }
                catch (final IOException killed)
                {
                    // the sidecar is gone: the next attempts fail the same way until the load stops
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
