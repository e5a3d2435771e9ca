package io.boostj.replay;

import io.boostj.journal.Journal;
import io.boostj.journal.JournalContext;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs {@link ReplayTool} in process with captured output, for the subcommand tests; and records a journal of a live
 * engine driven by {@link SidecarScenario}.
 */
final class ToolRun
{
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    /**
     * Runs the tool after forgetting the previous run's output.
     *
     * @param args command line.
     * @return the exit code.
     */
    int run(final String... args)
    {
        outBytes.reset();
        errBytes.reset();
        return ReplayTool.run(out, err, args);
    }

    String out()
    {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    String err()
    {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * @param dir   where the journal goes.
     * @param seed  the scenario's seed.
     * @param steps random events after one process start.
     * @return the journal directory.
     */
    static File recordScenario(final File dir, final long seed, final int steps)
    {
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            final SidecarScenario scenario = new SidecarScenario(journal, seed);
            scenario.start(SidecarScenario.config());
            scenario.run(steps);
            scenario.finish();
        }
        return dir;
    }
}
