package io.boostj.io.config;

import picocli.CommandLine;

import java.util.Locale;
import java.util.Map;

/**
 * Gives every long option a default from its environment variable, named as upstream's clap does: the long name
 * without dashes, upper-cased, {@code -} and {@code .} turned into {@code _} ({@code --l2-url} reads {@code L2_URL}).
 * The process environment wins over {@code .env}; an explicit flag wins over both.
 */
public final class EnvDefaultProvider implements CommandLine.IDefaultValueProvider
{
    private final Map<String, String> env;
    private final Map<String, String> dotEnv;

    /**
     * @param env    the process environment.
     * @param dotEnv variables from {@code .env}.
     */
    public EnvDefaultProvider(final Map<String, String> env, final Map<String, String> dotEnv)
    {
        this.env = env;
        this.dotEnv = dotEnv;
    }

    /**
     * @param longName an option name such as {@code --l2-url}.
     * @return its environment variable name, {@code L2_URL}.
     */
    public static String envName(final String longName)
    {
        String s = longName;
        while (s.startsWith("-"))
        {
            s = s.substring(1);
        }
        return s.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(final CommandLine.Model.ArgSpec argSpec)
    {
        if (!argSpec.isOption())
        {
            return null;
        }
        final CommandLine.Model.OptionSpec option = (CommandLine.Model.OptionSpec)argSpec;
        final String name = envName(option.longestName());
        final String fromEnv = env.get(name);
        if (null != fromEnv)
        {
            return fromEnv;
        }
        return dotEnv.get(name);
    }
}
