package io.boostj.io.config;

import picocli.CommandLine;

/**
 * The start of a launcher's {@code main}: parse the flags, answer {@code --help} and {@code --version}, and refuse bad
 * usage with the usage text and exit code 2, the same way for every launcher.
 */
public final class LauncherCommandLine
{
    /** {@link #parse} found flags to run with. */
    public static final int PROCEED = -1;

    private LauncherCommandLine()
    {
    }

    /**
     * @param cli  the command line over the launcher's args object.
     * @param args the process arguments.
     * @return {@link #PROCEED}, or the exit code to return: 0 after help or version, 2 for bad usage.
     */
    public static int parse(final CommandLine cli, final String[] args)
    {
        try
        {
            cli.parseArgs(args);
        }
        catch (final CommandLine.ParameterException ex)
        {
            System.err.println("error: " + ex.getMessage());
            cli.usage(System.err);
            return 2;
        }
        if (cli.isUsageHelpRequested())
        {
            cli.usage(System.out);
            return 0;
        }
        if (cli.isVersionHelpRequested())
        {
            cli.printVersionHelp(System.out);
            return 0;
        }
        return PROCEED;
    }
}
