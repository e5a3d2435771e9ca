package io.boostj.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Foundry's {@code cast}, a real Ethereum client: from {@code $CAST_BIN}, or from the npm prefix {@code .tools/} at the
 * repository root ({@code npm install --prefix .tools @foundry-rs/cast-linux-amd64}, as {@code .ci/run} does). Absent,
 * a test that needs it fails when {@code CI=true} and is skipped, saying why, otherwise.
 */
final class CastBinary
{
    static final String NPM_PATH = ".tools/node_modules/@foundry-rs/cast-linux-amd64/bin/cast";
    private static final long TIMEOUT_S = 120;

    private CastBinary()
    {
    }

    static Path locate()
    {
        final String env = System.getenv("CAST_BIN");
        if (null != env && !env.isEmpty())
        {
            final Path p = Path.of(env);
            if (!Files.isExecutable(p))
            {
                fail("CAST_BIN=" + env + " is not an executable file");
            }
            return p;
        }
        for (Path d = Path.of("").toAbsolutePath(); null != d; d = d.getParent())
        {
            final Path p = d.resolve(NPM_PATH);
            if (Files.isExecutable(p))
            {
                return p;
            }
        }
        final String why = "Foundry's cast not found: set CAST_BIN or run 'npm install --prefix .tools " +
            "@foundry-rs/cast-linux-amd64' at the repository root";
        if ("true".equalsIgnoreCase(System.getenv("CI")))
        {
            fail(why + " (CI=true: this test may not be skipped)");
        }
        abort(why);
        return null;
    }

    static Result run(final Path cast, final String... args)
    {
        final List<String> cmd = new ArrayList<>();
        cmd.add(cast.toString());
        cmd.addAll(List.of(args));
        try
        {
            final Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
            final CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            final CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS))
            {
                p.destroyForcibly();
                return new Result(cmd, -1, out.getNow(""), "timed out after " + TIMEOUT_S + " s; " + err.getNow(""));
            }
            return new Result(cmd, p.exitValue(), out.join(), err.join());
        }
        catch (final IOException ex)
        {
            return new Result(cmd, -1, "", "cannot run cast: " + ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return new Result(cmd, -1, "", "interrupted");
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

    /** What one cast run printed. */
    static final class Result
    {
        final List<String> command;
        final int exitCode;
        final String stdout;
        final String stderr;

        Result(final List<String> command, final int exitCode, final String stdout, final String stderr)
        {
            this.command = command;
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        @Override
        public String toString()
        {
            return String.join(" ", command) + " -> exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }
}
