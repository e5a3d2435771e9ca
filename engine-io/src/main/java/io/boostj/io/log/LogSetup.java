package io.boostj.io.log;

import io.boostj.io.http.HttpResponses;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Configures java.util.logging (SLF4J binds to it) for the launchers: upstream's {@code --log-level},
 * {@code --log-format text|json} and {@code --log-file} (append). Our loggers ({@code io.boostj}) take the level;
 * libraries stay at INFO, as upstream applies the level to its own target only.
 */
public final class LogSetup
{
    private LogSetup()
    {
    }

    /**
     * @param level  trace, debug, info, warn, error.
     * @param format text or json, case-insensitive.
     * @param file   append to this file, or null for stderr.
     * @throws IllegalArgumentException for an unknown level or format, or an unwritable file.
     */
    public static void configure(final String level, final String format, final Path file)
    {
        final Level julLevel = parseLevel(level);
        final Formatter formatter;
        switch (format.toLowerCase(Locale.ROOT))
        {
            case "text":
                formatter = new TextFormatter();
                break;
            case "json":
                formatter = new JsonFormatter();
                break;
            default:
                throw new IllegalArgumentException("--log-format: '" + format + "' is not text or json");
        }
        final OutputStream out;
        if (null == file)
        {
            out = System.err;
        }
        else
        {
            try
            {
                out = new PrintStream(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE), true);
            }
            catch (final IOException ex)
            {
                throw new IllegalArgumentException("--log-file: cannot open " + file + ": " + ex.getMessage(), ex);
            }
        }
        LogManager.getLogManager().reset();
        final Handler handler = new StreamHandler(out, formatter)
        {
            public synchronized void publish(final LogRecord record)
            {
                super.publish(record);
                flush();
            }
        };
        handler.setLevel(Level.ALL);
        final Logger root = Logger.getLogger("");
        root.setLevel(Level.INFO.intValue() < julLevel.intValue() ? julLevel : Level.INFO);
        root.addHandler(handler);
        Logger.getLogger("io.boostj").setLevel(julLevel);
    }

    /**
     * @param level trace, debug, info, warn, error.
     * @return the java.util.logging level.
     */
    public static Level parseLevel(final String level)
    {
        switch (level.toLowerCase(Locale.ROOT))
        {
            case "trace":
                return Level.FINEST;
            case "debug":
                return Level.FINE;
            case "info":
                return Level.INFO;
            case "warn":
                return Level.WARNING;
            case "error":
                return Level.SEVERE;
            default:
                throw new IllegalArgumentException("--log-level: '" + level + "' is not trace, debug, info, warn, error");
        }
    }

    static String levelName(final Level level)
    {
        if (level.intValue() >= Level.SEVERE.intValue())
        {
            return "ERROR";
        }
        if (level.intValue() >= Level.WARNING.intValue())
        {
            return "WARN";
        }
        if (level.intValue() >= Level.INFO.intValue())
        {
            return "INFO";
        }
        if (level.intValue() >= Level.FINE.intValue())
        {
            return "DEBUG";
        }
        return "TRACE";
    }

    static final class TextFormatter extends Formatter
    {
        public String format(final LogRecord r)
        {
            final StringBuilder b = new StringBuilder(160);
            b.append(Instant.ofEpochMilli(r.getMillis())).append(' ')
                .append(String.format("%-5s", levelName(r.getLevel()))).append(' ')
                .append(shortName(r.getLoggerName())).append(": ").append(formatMessage(r)).append('\n');
            if (null != r.getThrown())
            {
                final java.io.StringWriter sw = new java.io.StringWriter();
                r.getThrown().printStackTrace(new java.io.PrintWriter(sw));
                b.append(sw);
            }
            return b.toString();
        }
    }

    static final class JsonFormatter extends Formatter
    {
        public String format(final LogRecord r)
        {
            final StringBuilder b = new StringBuilder(200);
            b.append("{\"timestamp\":\"").append(Instant.ofEpochMilli(r.getMillis())).append("\",\"level\":\"")
                .append(levelName(r.getLevel())).append("\",\"target\":\"").append(esc(r.getLoggerName()))
                .append("\",\"message\":\"").append(esc(formatMessage(r))).append('"');
            if (null != r.getThrown())
            {
                b.append(",\"error\":\"").append(esc(String.valueOf(r.getThrown()))).append('"');
            }
            return b.append("}\n").toString();
        }
    }

    private static String shortName(final String logger)
    {
        if (null == logger)
        {
            return "";
        }
        final int dot = logger.lastIndexOf('.');
        return dot < 0 ? logger : logger.substring(dot + 1);
    }

    private static String esc(final String s)
    {
        return null == s ? "" : HttpResponses.escape(s);
    }
}
