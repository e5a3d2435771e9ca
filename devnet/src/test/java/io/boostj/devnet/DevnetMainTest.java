package io.boostj.devnet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DevnetMainTest
{
    @TempDir
    Path dir;

    @Test
    void shouldProduceEveryBlockThroughTheSidecarDespiteBuilderFaults() throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final int status = DevnetMain.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), "--mock-els",
            "--blocks", "8", "--block-time-ms", "150", "--builder-timeout-ms", "400",
            "--fault", "builder-down:2:2", "--fault", "builder-invalid:5:1", "--fault", "builder-slow:6:1:1000",
            "--journal-dir", dir.resolve("journal").toString(), "--log-file", dir.resolve("sidecar.log").toString());
        final String out = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(0, status, out);
        assertTrue(out.contains("blocks produced   8 of 8"), out);
        assertTrue(out.contains("fallbacks to l2"), out);
        assertTrue(out.matches("(?s).*\\[2/8] #\\d+\\s+l2 .*"), out);
        assertTrue(out.matches("(?s).*\\[5/8] #\\d+\\s+l2 .*"), out);
        assertTrue(out.matches("(?s).*\\[6/8] #\\d+\\s+l2 .*"), out);
        assertTrue(out.contains("bin/replay-tool describe --journal-dir"), out);
        assertTrue(Files.readString(dir.resolve("sidecar.log")).contains("returning block hash="));
    }

    @Test
    void shouldRunTwoBuilderProcessesAndFallBackToL2WhileTheBuilderIsKilled() throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final int status = DevnetMain.run(new PrintStream(bytes, true, StandardCharsets.UTF_8),
            "--blocks", "4", "--tps", "5", "--fault", "builder-down:2:1", "--run-dir", dir.resolve("run").toString(),
            "--journal-dir", dir.resolve("journal").toString(), "--log-file", dir.resolve("sidecar.log").toString());
        final String out = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(0, status, out);
        assertTrue(out.contains("blocks produced   4 of 4"), out);
        assertTrue(out.matches("(?s).*\\[1/4] #1\\s+builder .*"), out);
        assertTrue(out.matches("(?s).*\\[2/4] #2\\s+l2 .*health 206.*"), out);
        assertTrue(out.contains("kill -9 builder"), out);
        assertTrue(out.contains("bin/replay-tool verify --journal-dir"), out);
        assertTrue(out.contains("OK: every block was produced"), out);
    }

    @Test
    void shouldExplainWhatItRunsInItsHelp()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final int status = new picocli.CommandLine(new DevnetMain(new PrintStream(bytes)))
            .setOut(new java.io.PrintWriter(bytes, true)).execute("--help");

        assertEquals(0, status);
        final String help = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("builder-down:AT:FOR"), help);
        assertTrue(help.contains("Not in this devnet yet"), help);
    }

    @Test
    void shouldRefuseMockOnlyFaultsOnRealBuilders()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final int status = new picocli.CommandLine(new DevnetMain(new PrintStream(bytes)))
            .setErr(new java.io.PrintWriter(bytes, true)).execute("--fault", "builder-slow:1:1:100");

        assertEquals(2, status);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("need --mock-els"), bytes.toString());
    }

    @Test
    void shouldRefuseAMalformedFault()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final int status = new picocli.CommandLine(new DevnetMain(new PrintStream(bytes)))
            .setErr(new java.io.PrintWriter(bytes, true)).execute("--fault", "builder-gone:1:1");

        assertEquals(2, status);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("unknown kind"));
    }
}
