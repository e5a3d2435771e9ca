package io.boostj.proxy.limits;

/**
 * The answer to a connection request: a {@link Ticket} to hold for the connection's life, or the reason it was
 * refused (sent to the client as the 429 body's {@code message}).
 */
public final class Admission
{
    private final Ticket ticket;
    private final String refusal;

    private Admission(final Ticket ticket, final String refusal)
    {
        this.ticket = ticket;
        this.refusal = refusal;
    }

    /** @param ticket the held slot. @return an admission. */
    public static Admission admitted(final Ticket ticket)
    {
        return new Admission(ticket, null);
    }

    /** @param reason why. @return a refusal. */
    public static Admission refused(final String reason)
    {
        return new Admission(null, reason);
    }

    /** @return true when {@link #ticket()} is set. */
    public boolean isAdmitted()
    {
        return null != ticket;
    }

    /** @return the slot to release when the connection ends, or null when refused. */
    public Ticket ticket()
    {
        return ticket;
    }

    /** @return why the connection was refused, or null when admitted. */
    public String refusal()
    {
        return refusal;
    }
}
