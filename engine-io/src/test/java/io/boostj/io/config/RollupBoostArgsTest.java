package io.boostj.io.config;

import io.boostj.core.sidecar.SidecarConfig;
import io.boostj.io.RollupBoostMain;
import io.boostj.journal.JournalSyncMode;
import io.boostj.sbe.ExecutionModeCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RollupBoostArgsTest
{
    private static RollupBoostArgs parse(final Map<String, String> env, final Map<String, String> dotEnv,
        final String... args)
    {
        final RollupBoostArgs a = new RollupBoostArgs();
        new CommandLine(a).setDefaultValueProvider(new EnvDefaultProvider(env, dotEnv)).parseArgs(args);
        return a;
    }

    @Test
    void shouldUseUpstreamDefaults()
    {
        final RollupBoostArgs a = parse(Map.of(), Map.of());
        assertEquals("127.0.0.1:8551", a.l2Url);
        assertEquals(1000, a.l2TimeoutMs);
        assertEquals(1000, a.builderTimeoutMs);
        assertEquals(8081, a.rpcPort);
        assertEquals(5555, a.debugServerPort);
        assertEquals(60, a.healthCheckIntervalS);
        assertEquals(10, a.maxUnsafeIntervalS);
        assertFalse(a.externalStateRoot);
        assertEquals("enabled", a.executionMode);
    }

    @Test
    void shouldReadEnvThenDotEnvThenFlags()
    {
        final Map<String, String> env = Map.of("L2_URL", "http://env:1", "BUILDER_TIMEOUT", "250",
            "IGNORE_UNHEALTHY_BUILDERS", "true");
        final Map<String, String> dotEnv = Map.of("L2_URL", "http://dotenv:2", "RPC_PORT", "9999",
            "EXECUTION_MODE", "dry-run");
        final RollupBoostArgs a = parse(env, dotEnv, "--builder-url", "http://flag:3");
        assertEquals("http://env:1", a.l2Url);
        assertEquals(250, a.builderTimeoutMs);
        assertTrue(a.ignoreUnhealthyBuilders);
        assertEquals(9999, a.rpcPort);
        assertEquals("http://flag:3", a.builderUrl);
        final SidecarConfig c = a.toSidecarConfig();
        assertEquals(ExecutionModeCode.DRY_RUN, c.executionMode());
        assertEquals(250, c.builderTimeoutMs());
    }

    @Test
    void shouldMapEnvNamesAsClapDoes()
    {
        assertEquals("L2_JWT_PATH", EnvDefaultProvider.envName("--l2-jwt-path"));
        assertEquals("FLASHBLOCK_BUILDER_WS_PING_INTERVAL_MS",
            EnvDefaultProvider.envName("--flashblock-builder-ws-ping-interval-ms"));
    }

    @Test
    void shouldAcceptBooleanFlagsWithAndWithoutValue()
    {
        assertTrue(parse(Map.of(), Map.of(), "--external-state-root").externalStateRoot);
        assertTrue(parse(Map.of(), Map.of(), "--metrics=true").metrics);
        assertFalse(parse(Map.of(), Map.of(), "--metrics=false").metrics);
    }

    @Test
    void shouldRefuseBadValuesClearly()
    {
        final IllegalArgumentException mode = assertThrows(IllegalArgumentException.class,
            () -> parse(Map.of(), Map.of(), "--execution-mode", "sometimes").toSidecarConfig());
        assertTrue(mode.getMessage().contains("--execution-mode"));
        assertThrows(IllegalArgumentException.class,
            () -> parse(Map.of(), Map.of(), "--block-selection-policy", "biggest").toSidecarConfig());
        assertThrows(IllegalArgumentException.class,
            () -> parse(Map.of(), Map.of(), "--l2-timeout", "0").toSidecarConfig());
        final IllegalArgumentException jwt = assertThrows(IllegalArgumentException.class,
            () -> RollupBoostMain.toContext(parse(Map.of(), Map.of())));
        assertTrue(jwt.getMessage().contains("Missing Client JWT secret"));
        final IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> RollupBoostMain.toContext(
            parse(Map.of(), Map.of(), "--flashblocks", "--flashblocks-p2p", "--l2-jwt-token", "ab".repeat(32),
                "--builder-jwt-token", "ab".repeat(32))));
        assertTrue(both.getMessage().contains("exclude each other"), both.getMessage());
        final IllegalArgumentException url = assertThrows(IllegalArgumentException.class, () -> RollupBoostMain.toContext(
            parse(Map.of(), Map.of(), "--flashblocks", "--flashblocks-builder-url", "http://b:1111",
                "--l2-jwt-token", "ab".repeat(32), "--builder-jwt-token", "ab".repeat(32))).conclude());
        assertTrue(url.getMessage().contains("--flashblocks-builder-url"), url.getMessage());
        final IllegalArgumentException backoff = assertThrows(IllegalArgumentException.class,
            () -> RollupBoostMain.toContext(parse(Map.of(), Map.of(), "--flashblocks",
                "--flashblock-builder-ws-initial-reconnect-ms", "9000", "--l2-jwt-token", "ab".repeat(32),
                "--builder-jwt-token", "ab".repeat(32))).conclude());
        assertTrue(backoff.getMessage().contains("exceeds"), backoff.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RollupBoostMain.toContext(
            parse(Map.of(), Map.of(), "--l2-url", "https://x:1", "--l2-jwt-token", "ab".repeat(32),
                "--builder-jwt-token", "ab".repeat(32))));
    }

    @Test
    void shouldParseJournalSyncModeFromFlagOrEnvDefaultingToAsync()
    {
        final String[] jwt = {"--l2-jwt-token", "ab".repeat(32), "--builder-jwt-token", "ab".repeat(32)};
        assertEquals(JournalSyncMode.ASYNC, RollupBoostMain.toContext(parse(Map.of(), Map.of(), jwt)).journalSyncMode());
        assertEquals(JournalSyncMode.SYNC, RollupBoostMain.toContext(parse(Map.of("JOURNAL_SYNC_MODE", "sync"), Map.of(),
            jwt)).journalSyncMode());
        final String[] withFlag = java.util.Arrays.copyOf(jwt, jwt.length + 2);
        withFlag[jwt.length] = "--journal-sync-mode";
        withFlag[jwt.length + 1] = "NONE";
        assertEquals(JournalSyncMode.NONE, RollupBoostMain.toContext(parse(Map.of("JOURNAL_SYNC_MODE", "sync"), Map.of(),
            withFlag)).journalSyncMode());
    }

    @Test
    void shouldExitWithUsageErrorOnBadJournalSyncMode(@TempDir final Path dir)
    {
        final java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        final java.io.PrintStream original = System.err;
        final int exit;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try
        {
            exit = RollupBoostMain.run(new String[] {"--journal-sync-mode", "fsync", "--journal-dir",
                dir.resolve("journal").toString(), "--l2-jwt-token", "ab".repeat(32), "--builder-jwt-token",
                "ab".repeat(32)});
        }
        finally
        {
            System.setErr(original);
        }
        final String message = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(2, exit, message);
        assertTrue(message.contains("--journal-sync-mode") && message.contains("'fsync'") &&
            message.contains("none, async, sync"), message);
        assertFalse(Files.exists(dir.resolve("journal")), "nothing was started");
    }

    @Test
    void shouldLoadDotEnvFile(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve(".env");
        Files.writeString(file, "# comment\nexport L2_URL=\"http://a:1\"\nRPC_PORT=1234 # trailing\n\nX='y z'\n");
        final Map<String, String> vars = DotEnv.load(file);
        assertEquals("http://a:1", vars.get("L2_URL"));
        assertEquals("1234", vars.get("RPC_PORT"));
        assertEquals("y z", vars.get("X"));
        assertTrue(DotEnv.load(dir.resolve("missing")).isEmpty());
        Files.writeString(file, "NOEQUALS\n");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> DotEnv.load(file));
        assertTrue(ex.getMessage().contains(":1"));
    }

    @Test
    void shouldReadTheFlashblocksFlagsFromUpstreamsEnvironmentVariables()
    {
        final Map<String, String> env = Map.ofEntries(
            Map.entry("FLASHBLOCKS", "true"),
            Map.entry("FLASHBLOCKS_BUILDER_URL", "ws://builder:2222"),
            Map.entry("FLASHBLOCKS_HOST", "0.0.0.0"),
            Map.entry("FLASHBLOCKS_PORT", "3333"),
            Map.entry("FLASHBLOCK_BUILDER_WS_INITIAL_RECONNECT_MS", "20"),
            Map.entry("FLASHBLOCK_BUILDER_WS_MAX_RECONNECT_MS", "6000"),
            Map.entry("FLASHBLOCK_BUILDER_WS_CONNECT_TIMEOUT_MS", "7000"),
            Map.entry("FLASHBLOCK_BUILDER_WS_PING_INTERVAL_MS", "400"),
            Map.entry("FLASHBLOCK_BUILDER_WS_PONG_TIMEOUT_MS", "1600"),
            Map.entry("L2_JWT_TOKEN", "ab".repeat(32)),
            Map.entry("BUILDER_JWT_TOKEN", "ab".repeat(32)));
        final io.boostj.io.runtime.SidecarContext ctx = RollupBoostMain.toContext(parse(env, Map.of())).conclude();
        final io.boostj.io.flashblocks.FlashblocksSettings f = ctx.flashblocks();
        assertTrue(ctx.engineConfig().flashblocks());
        assertTrue(ctx.engineConfig().blockHashCheck(), "on by default");
        assertEquals("ws://builder:2222", f.builderUrl().toString());
        assertEquals("0.0.0.0", f.host());
        assertEquals(3333, f.port());
        assertEquals(20, f.initialReconnectMs());
        assertEquals(6000, f.maxReconnectMs());
        assertEquals(7000, f.connectTimeoutMs());
        assertEquals(400, f.pingIntervalMs());
        assertEquals(1600, f.pongTimeoutMs());
        assertEquals(null, RollupBoostMain.toContext(parse(Map.of("L2_JWT_TOKEN", "ab".repeat(32),
            "BUILDER_JWT_TOKEN", "ab".repeat(32)), Map.of())).flashblocks(), "off by default");
    }

    @Test
    void shouldTakeTheJournalSnapshotIntervalAndRefuseANegativeOne()
    {
        final Map<String, String> jwt = Map.of("L2_JWT_TOKEN", "ab".repeat(32), "BUILDER_JWT_TOKEN", "ab".repeat(32));
        assertEquals(60_000, RollupBoostMain.toContext(parse(jwt, Map.of())).conclude().journalSnapshotIntervalMs());
        final Map<String, String> env = new java.util.HashMap<>(jwt);
        env.put("JOURNAL_SNAPSHOT_INTERVAL_S", "5");
        assertEquals(5_000, RollupBoostMain.toContext(parse(env, Map.of())).conclude().journalSnapshotIntervalMs());
        assertEquals(0, RollupBoostMain.toContext(parse(jwt, Map.of(), "--journal-snapshot-interval-s", "0"))
            .conclude().journalSnapshotIntervalMs(), "0 turns snapshots off");
        final IllegalStateException negative = assertThrows(IllegalStateException.class, () -> RollupBoostMain.toContext(
            parse(jwt, Map.of(), "--journal-snapshot-interval-s", "-1")).conclude());
        assertTrue(negative.getMessage().contains("--journal-snapshot-interval-s"), negative.getMessage());
    }

    @Test
    void shouldTakeTheP2pKeysFromUpstreamsEnvironmentVariablesAndRefuseBadOnesNamingTheFlag()
    {
        final String sk = "01".repeat(32);
        final String vk = "8139770ea87d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b394";
        final Map<String, String> jwt = Map.of("L2_JWT_TOKEN", "ab".repeat(32), "BUILDER_JWT_TOKEN", "ab".repeat(32));
        final Map<String, String> env = new java.util.HashMap<>(jwt);
        env.putAll(Map.of("FLASHBLOCKS_P2P", "true", "FLASHBLOCKS_AUTHORIZER_SK", sk, "FLASHBLOCKS_BUILDER_VK", "0x" + vk));
        final io.boostj.io.runtime.SidecarContext ctx = RollupBoostMain.toContext(parse(env, Map.of())).conclude();
        assertTrue(ctx.flashblocksP2p());
        assertEquals(sk, org.bouncycastle.util.encoders.Hex.toHexString(ctx.flashblocksAuthorizerSk()));
        assertEquals(vk, org.bouncycastle.util.encoders.Hex.toHexString(ctx.flashblocksBuilderVk()));
        assertFalse(ctx.engineConfig().flashblocks(), "no flashblocks relaying in P2P mode");
        assertFalse(RollupBoostMain.toContext(parse(jwt, Map.of())).flashblocksP2p(), "off by default");

        final String[][] bad = {
            {"--flashblocks-authorizer-sk", "--flashblocks-p2p", "--flashblocks-builder-vk", vk},
            {"--flashblocks-builder-vk", "--flashblocks-p2p", "--flashblocks-authorizer-sk", sk},
            {"--flashblocks-authorizer-sk", "--flashblocks-p2p", "--flashblocks-authorizer-sk", "0x1234",
                "--flashblocks-builder-vk", vk},
            {"--flashblocks-builder-vk", "--flashblocks-p2p", "--flashblocks-authorizer-sk", sk,
                "--flashblocks-builder-vk", "ff".repeat(32)},
            {"--flashblocks-builder-vk", "--flashblocks-builder-vk", vk}};
        for (final String[] args : bad)
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> RollupBoostMain
                .toContext(parse(jwt, Map.of(), java.util.Arrays.copyOfRange(args, 1, args.length))));
            assertTrue(ex.getMessage().startsWith(args[0]), ex.getMessage());
        }
    }
}
