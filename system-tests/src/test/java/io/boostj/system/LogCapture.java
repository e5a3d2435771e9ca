package io.boostj.system;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Captures what the sidecar logs (java.util.logging, which SLF4J binds to here) under {@code io.boostj}, so tests can
 * read the decision lines ({@code returning block hash=… context=builder|l2 … reason=…}) as upstream's tests do.
 */
final class LogCapture extends Handler implements AutoCloseable
{
    private final Logger logger;
    private final Level previousLevel;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LogCapture(final Logger logger)
    {
        this.logger = logger;
        this.previousLevel = logger.getLevel();
        setLevel(Level.ALL);
    }

    /**
     * @return a capture of everything at INFO and above under {@code io.boostj}.
     */
    static LogCapture start()
    {
        final Logger logger = Logger.getLogger("io.boostj");
        final LogCapture capture = new LogCapture(logger);
        if (null == logger.getLevel() || logger.getLevel().intValue() > Level.INFO.intValue())
        {
            logger.setLevel(Level.INFO);
        }
        logger.addHandler(capture);
        return capture;
    }

    @Override
    public void publish(final LogRecord record)
    {
        final String message = null == record.getParameters() || 0 == record.getParameters().length ?
            record.getMessage() : new java.util.logging.SimpleFormatter().formatMessage(record);
        lines.add(record.getLevel() + " " + record.getLoggerName() + ": " + message);
    }

    /**
     * @return every captured line.
     */
    List<String> lines()
    {
        return List.copyOf(lines);
    }

    /**
     * @param substring what a line contains.
     * @return the lines that contain it.
     */
    List<String> lines(final String substring)
    {
        return lines.stream().filter(l -> l.contains(substring)).collect(Collectors.toList());
    }

    /**
     * @return the decision lines ("returning block ...").
     */
    List<String> decisions()
    {
        return lines("returning block hash=");
    }

    /**
     * @param substring what a line contains.
     * @return whether one does.
     */
    boolean contains(final String substring)
    {
        return lines.stream().anyMatch(l -> l.contains(substring));
    }

    @Override
    public void flush()
    {
    }

    @Override
    public void close()
    {
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
    }
}
