package io.boostj.io.flashblocks.aeron;

import io.aeron.Aeron;
import io.aeron.CncFileDescriptor;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Aeron client, with the media driver it talks to when the process owns one: an embedded driver in
 * {@code SHARED} threading (one thread for conductor, sender and receiver, backing off when idle: the thread budget of
 * a 2-core machine) or a driver already running in the same directory. Closing closes the client, then the driver.
 */
public final class AeronConnection implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(AeronConnection.class);

    private final MediaDriver driver;
    private final Aeron aeron;

    private AeronConnection(final MediaDriver driver, final Aeron aeron)
    {
        this.driver = driver;
        this.aeron = aeron;
    }

    /**
     * Connects, launching an embedded media driver first when asked.
     *
     * @param aeronDir       the Aeron directory, or null for Aeron's default.
     * @param embeddedDriver whether to launch a driver there (it refuses to start if another live driver owns it).
     * @return the connection.
     * @throws IllegalStateException naming the directory when no driver can be launched or reached.
     */
    public static AeronConnection connect(final String aeronDir, final boolean embeddedDriver)
    {
        MediaDriver driver = null;
        try
        {
            String dir = aeronDir;
            if (embeddedDriver)
            {
                final MediaDriver.Context ctx = new MediaDriver.Context()
                    .threadingMode(ThreadingMode.SHARED)
                    .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 1_000_000))
                    .dirDeleteOnShutdown(true);
                if (null != dir)
                {
                    ctx.aeronDirectoryName(dir);
                }
                driver = MediaDriver.launch(ctx);
                dir = driver.aeronDirectoryName();
                LOG.info("aeron: embedded media driver in {}", dir);
            }
            final Aeron.Context clientCtx = new Aeron.Context();
            if (null != dir)
            {
                clientCtx.aeronDirectoryName(dir);
            }
            if (!embeddedDriver && !new java.io.File(clientCtx.aeronDirectoryName(), CncFileDescriptor.CNC_FILE).exists())
            {
                throw new IllegalStateException("no " + CncFileDescriptor.CNC_FILE + " there: is the media driver running?");
            }
            return new AeronConnection(driver, Aeron.connect(clientCtx));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(driver);
            throw new IllegalStateException("aeron: cannot " + (embeddedDriver ? "launch a media driver in " :
                "reach a media driver in ") + (null == aeronDir ? "the default Aeron directory" : aeronDir) + ": " + ex,
                ex);
        }
    }

    /**
     * @return the client.
     */
    public Aeron aeron()
    {
        return aeron;
    }

    /**
     * @return the directory the client uses.
     */
    public String aeronDirectoryName()
    {
        return aeron.context().aeronDirectoryName();
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(aeron, driver);
    }
}
