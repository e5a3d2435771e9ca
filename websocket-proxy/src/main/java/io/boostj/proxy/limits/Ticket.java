package io.boostj.proxy.limits;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One admitted connection's slot in the limits. {@link #release()} gives it back, once, however often it is called.
 */
public final class Ticket
{
    private final AtomicBoolean released = new AtomicBoolean();
    private final Runnable onRelease;
    private final String ip;
    private final String app;

    /**
     * @param ip        the client IP counted.
     * @param app       the app counted, or null.
     * @param onRelease what gives the slot back.
     */
    public Ticket(final String ip, final String app, final Runnable onRelease)
    {
        this.ip = ip;
        this.app = app;
        this.onRelease = onRelease;
    }

    /** Gives the slot back; later calls do nothing. */
    public void release()
    {
        if (released.compareAndSet(false, true))
        {
            onRelease.run();
        }
    }

    /** @return the client IP counted. */
    public String ip()
    {
        return ip;
    }

    /** @return the app counted, or null for the public route. */
    public String app()
    {
        return app;
    }
}
