package io.boostj.io.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code .env} file as upstream does with dotenvy: {@code KEY=VALUE} lines, {@code #} comments, optional
 * {@code export } prefix, single or double quotes around the value. Real environment variables win over the file.
 */
public final class DotEnv
{
    private DotEnv()
    {
    }

    /**
     * @param file the file; a missing file yields an empty map.
     * @return the variables in file order.
     * @throws IllegalArgumentException naming the file and line of a malformed line.
     */
    public static Map<String, String> load(final Path file)
    {
        final Map<String, String> vars = new LinkedHashMap<>();
        if (!Files.isRegularFile(file))
        {
            return vars;
        }
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
        for (int i = 0; i < lines.size(); i++)
        {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            if (line.startsWith("export "))
            {
                line = line.substring(7).trim();
            }
            final int eq = line.indexOf('=');
            if (eq <= 0)
            {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected KEY=VALUE, got '" + line + "'");
            }
            final String key = line.substring(0, eq).trim();
            String value = line.substring(eq + 1).trim();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") ||
                value.startsWith("'") && value.endsWith("'")))
            {
                value = value.substring(1, value.length() - 1);
            }
            else
            {
                final int hash = value.indexOf(" #");
                if (hash >= 0)
                {
                    value = value.substring(0, hash).trim();
                }
            }
            vars.put(key, value);
        }
        return vars;
    }
}
