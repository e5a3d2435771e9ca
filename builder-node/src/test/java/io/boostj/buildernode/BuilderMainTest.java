package io.boostj.buildernode;

import io.boostj.core.builder.DevAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line: every op-rbuilder-style flag in --help and mapped onto the context; bad usage refused; metrics
 * served on the port --metrics names.
 */
class BuilderMainTest
{
    private static final String[] FLAGS = {"--authrpc.addr", "--authrpc.port", "--authrpc.jwtsecret", "--http",
        "--http.addr", "--http.port", "--flashblocks.enabled", "--flashblocks.addr", "--flashblocks.port",
        "--flashblocks.block-time", "--flashblocks.aeron-channel", "--flashblocks.aeron-stream-id",
        "--flashblocks.aeron-dir", "--dev.accounts", "--dev.genesis-timestamp", "--rollup.builder-secret-key",
        "--sync.peer-url", "--metrics", "--txpool.max-pending-txns", "--txpool.max-account-slots", "--log-level"};

    @TempDir
    Path dir;

    @Test
    void shouldListEveryFlagInHelp()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CommandLine(new BuilderArgs()).usage(new PrintWriter(out, true, StandardCharsets.UTF_8));
        final String help = out.toString(StandardCharsets.UTF_8);
        for (final String flag : FLAGS)
        {
            assertTrue(help.contains(flag), flag + " in --help");
        }
        assertEquals(0, BuilderMain.run(new String[] {"--help"}));
    }

    @Test
    void shouldRefuseUsageWithoutAJwtSecret()
    {
        assertEquals(2, BuilderMain.run(new String[] {"--http"}));
    }

    @Test
    void shouldRefuseAnUnreadableSecretOrABadKey() throws Exception
    {
        assertEquals(2, BuilderMain.run(new String[] {"--authrpc.jwtsecret", dir.resolve("missing").toString()}));
        final Path secret = Files.writeString(dir.resolve("jwt.hex"), "ab".repeat(32));
        final BuilderArgs args = new BuilderArgs();
        new CommandLine(args).parseArgs("--authrpc.jwtsecret", secret.toString(), "--rollup.builder-secret-key",
            "0x12");
        assertThrows(IllegalArgumentException.class, () -> BuilderMain.toContext(args));
    }

    @Test
    void shouldMapTheFlagsOntoTheContext() throws Exception
    {
        final Path secret = Files.writeString(dir.resolve("jwt.hex"), "0x" + "ab".repeat(32));
        final BuilderArgs args = new BuilderArgs();
        new CommandLine(args).parseArgs("--authrpc.jwtsecret", secret.toString(), "--authrpc.port", "0",
            "--flashblocks.enabled", "--flashblocks.block-time", "250", "--dev.accounts", "7",
            "--rollup.builder-secret-key", DevAccounts.WELL_KNOWN_KEY_HEX, "--metrics", "127.0.0.1:0",
            "--txpool.max-pending-txns", "99", "--txpool.max-account-slots", "9");

        final BuilderNodeContext ctx = BuilderMain.toContext(args).conclude();

        assertEquals(0, ctx.authPort());
        assertEquals(-1, ctx.httpPort(), "no --http: the public RPC is off");
        assertTrue(ctx.flashblocksEnabled());
        assertEquals(250, ctx.flashblockTimeMs());
        assertEquals(1111, ctx.flashblocksPort());
        assertEquals(7, ctx.devAccounts());
        assertEquals(32, ctx.builderSecretKey().length);
        assertEquals(0, ctx.metricsPort());
        assertEquals(99, ctx.maxPoolTransactions());
        assertEquals(9, ctx.maxPerSender());
        assertNull(ctx.syncPeerUrl());
    }

    @Test
    void shouldServeTheBuilderMetrics() throws Exception
    {
        try (BuilderNodeServer node = BuilderNodeServer.launch(TestChain.context("metrics").metricsPort(0)))
        {
            TestChain.produceBlock(node.authUrl(), 2);
            final HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + node.metricsPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, metrics.statusCode());
            for (final String name : new String[] {"builder_block_tx_count 1", "builder_block_total_gas",
                "builder_block_revenue_wei", "builder_block_build_time_ms", "builder_flashblock_count",
                "builder_flashblock_build_time_ms", "builder_flashblock_tx_count"})
            {
                assertTrue(metrics.body().contains(name), name + " in\n" + metrics.body());
            }
        }
    }
}
