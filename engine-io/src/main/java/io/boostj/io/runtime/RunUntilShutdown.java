package io.boostj.io.runtime;

import java.util.concurrent.CountDownLatch;

/**
 * The end of a launcher's {@code main}: keep the process alive until it is asked to stop (SIGTERM, Ctrl-C), then close
 * what it runs from the shutdown hook, once.
 */
public final class RunUntilShutdown
{
    private RunUntilShutdown()
    {
    }

    /**
     * Blocks the calling thread until the JVM shuts down and {@code running} is closed.
     *
     * @param running what to close on shutdown.
     * @return 0, the exit code of a clean stop.
     */
    public static int await(final AutoCloseable running)
    {
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            try
            {
                running.close();
            }
            catch (final Exception ex)
            {
                System.err.println("error: while stopping: " + ex);
            }
            finally
            {
                stopped.countDown();
            }
        }, "shutdown"));
        try
        {
            stopped.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
