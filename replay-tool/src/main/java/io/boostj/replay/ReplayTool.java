package io.boostj.replay;

import io.boostj.journal.Journal;
import io.boostj.journal.JournalContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.File;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code bin/replay-tool}: forensics over the journal. Subcommands {@code describe}, {@code dump} and {@code verify}
 * each have {@code --help}, print text by default and JSON with {@code --format json}, and exit non-zero on failure
 * (1: damaged journal, divergence or error; 2: bad usage); {@code assemble} rebuilds a getPayload envelope from
 * flashblock messages (1: invalid sequence or wrong hash) and {@code verify-payload} recomputes the block hashes of
 * {@code engine_newPayload} requests in a file. Every subcommand is also a static method taking the output
 * streams, for tests and for other tools.
 */
@Command(
    name = "replay-tool",
    mixinStandardHelpOptions = true,
    version = "replay-tool 0.1.0",
    description = "Forensics over the sidecar journal: describe, dump, timeline (one block's life), report (HTML), stat, verify " +
        "(deterministic replay); " +
        "assemble (flashblocks to a getPayload envelope); verify-payload (block hashes of engine_newPayload requests).",
    subcommands = CommandLine.HelpCommand.class)
public final class ReplayTool implements Callable<Integer>
{
    /**
     * Chronicle's own logger; kept referenced so that its level survives (JUL holds loggers weakly).
     */
    private static final Logger CHRONICLE_LOGGER = Logger.getLogger("net.openhft");

    @Spec
    CommandSpec spec;

    private ReplayTool()
    {
    }

    /**
     * Without a subcommand: print the usage and fail.
     *
     * @return 2.
     */
    public Integer call()
    {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /**
     * Entry point of {@code bin/replay-tool}.
     *
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        if (null == System.getProperty("chronicle.analytics.disable"))
        {
            System.setProperty("chronicle.analytics.disable", "true");
        }
        System.exit(run(System.out, System.err, args));
    }

    /**
     * Run the tool with the given streams.
     *
     * @param out  where results go.
     * @param err  where errors and usage go.
     * @param args command line.
     * @return the exit code: 0 success, 1 failure, 2 bad usage.
     */
    public static int run(final PrintStream out, final PrintStream err, final String... args)
    {
        if (Boolean.getBoolean("boostj.replay.verbose"))
        {
            CHRONICLE_LOGGER.setLevel(Level.INFO);
        }
        else
        {
            CHRONICLE_LOGGER.setLevel(Level.SEVERE);
        }

        final CommandLine commandLine = new CommandLine(new ReplayTool())
            .addSubcommand("describe", new DescribeCommand(out, err))
            .addSubcommand("dump", new DumpCommand(out, err))
            .addSubcommand("verify", new VerifyCommand(out, err))
            .addSubcommand("timeline", new TimelineCommand(out, err))
            .addSubcommand("report", new ReportCommand(out, err))
            .addSubcommand("stat", new StatCommand(out, err))
            .addSubcommand("assemble", new AssembleCommand(out, err))
            .addSubcommand("verify-payload", new VerifyPayloadCommand(out, err))
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .setExecutionExceptionHandler((ex, cmd, parseResult) ->
            {
                cmd.getErr().println("error: " + (null == ex.getMessage() ? ex.toString() : ex.getMessage()));
                cmd.getErr().flush();
                return 1;
            });

        final int exitCode = commandLine.execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }

    /**
     * Open a journal for reading, or explain on {@code err} why it cannot be.
     *
     * @param err        where the reason goes.
     * @param journalDir the directory.
     * @return the journal, read-only, or null if the directory does not exist or holds no journal.
     */
    static Journal openReadOnly(final PrintStream err, final File journalDir)
    {
        if (null == journalDir || !journalDir.isDirectory())
        {
            err.println("error: journal directory does not exist: " + journalDir);
            return null;
        }
        final String[] files = journalDir.list((dir, name) -> name.endsWith(".cq4") || name.endsWith(".cq4t"));
        if (null == files || 0 == files.length)
        {
            err.println("error: not a journal (no .cq4 files): " + journalDir);
            return null;
        }

        return Journal.open(new JournalContext().directory(journalDir).readOnly(true));
    }
}
