package io.boostj.rpc;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The real programs the tests drive: anvil and cast (npm {@code @foundry-rs/*}), node with ethers v6, all installed
 * into the repository's {@code .tools/} by .ci/run. Missing locally: the test is skipped with the install command;
 * missing under CI=true: the test fails.
 */
final class Tools
{
    static final String ANVIL = ".tools/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil";
    static final String CAST = ".tools/node_modules/@foundry-rs/cast-linux-amd64/bin/cast";
    static final String ETHERS = ".tools/node_modules/ethers";

    private Tools()
    {
    }

    static Path locate(final String relative, final String envName, final String npmPackage)
    {
        final String env = System.getenv(envName);
        if (null != env && !env.isEmpty())
        {
            return Path.of(env);
        }
        for (Path d = Path.of("").toAbsolutePath(); null != d; d = d.getParent())
        {
            final Path p = d.resolve(relative);
            if (Files.exists(p))
            {
                return p;
            }
        }
        missing(relative + " not found: set " + envName + " or run 'npm install --no-audit --no-fund --prefix " +
            ".tools " + npmPackage + "' at the repository root");
        return null;
    }

    static Path node()
    {
        for (final String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        {
            final Path p = Path.of(dir, "node");
            if (Files.isExecutable(p))
            {
                return p;
            }
        }
        missing("node not found on PATH (needed for the ethers v6 client)");
        return null;
    }

    private static void missing(final String why)
    {
        if ("true".equalsIgnoreCase(System.getenv("CI")))
        {
            fail(why + " (CI=true: this test may not be skipped)");
        }
        abort(why);
    }

    /** What one run printed. */
    record Result(List<String> command, int exitCode, String stdout, String stderr)
    {
        @Override
        public String toString()
        {
            return String.join(" ", command) + " -> exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    static Result run(final Map<String, String> env, final List<String> cmd)
    {
        try
        {
            final ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(env);
            final Process p = pb.start();
            final CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            final CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(60, TimeUnit.SECONDS))
            {
                p.destroyForcibly();
                return new Result(cmd, -1, out.getNow(""), "timed out; " + err.getNow(""));
            }
            return new Result(cmd, p.exitValue(), out.join(), err.join());
        }
        catch (final IOException ex)
        {
            return new Result(cmd, -1, "", "cannot run: " + ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return new Result(cmd, -1, "", "interrupted");
        }
    }

    static Result cast(final String... args)
    {
        final List<String> cmd = new ArrayList<>();
        cmd.add(locate(CAST, "CAST_BIN", "@foundry-rs/cast-linux-amd64").toString());
        cmd.addAll(List.of(args));
        return run(Map.of(), cmd);
    }

    /** Runs a node script (ES module text) with ethers v6 resolvable; args follow the script. */
    static Result ethers(final Path workDir, final String script, final String... args)
    {
        final Path ethers = locate(ETHERS, "ETHERS_DIR", "ethers@6");
        final Path nodeModules = ethers.getParent();
        try
        {
            final Path file = workDir.resolve("client.cjs");
            Files.writeString(file, script, StandardCharsets.UTF_8);
            final List<String> cmd = new ArrayList<>(List.of(node().toString(), file.toString()));
            cmd.addAll(List.of(args));
            return run(Map.of("NODE_PATH", nodeModules.toString()), cmd);
        }
        catch (final IOException ex)
        {
            return new Result(List.of("node"), -1, "", ex.toString());
        }
    }

    private static String read(final java.io.InputStream in)
    {
        try
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            return "(unreadable: " + ex + ")";
        }
    }
}
