package io.boostj.codecs.json;

/**
 * Unchecked exception for malformed or unexpected JSON seen by {@link JsonScanner} and the codecs built on it.
 * <p>
 * Bad input from the network is an expected event rather than a bug, so by default the exception does not fill in a
 * stack trace: throwing it costs one small allocation. The message is a constant; the offending absolute buffer
 * position is kept separately and only formatted into {@link #getMessage()} when someone asks for it.
 */
public final class JsonException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * Constant description of the failure.
     */
    private final String reason;

    /**
     * Absolute buffer index of the failure, -1 if unknown.
     */
    private final int position;

    /**
     * Stackless exception for a failure at a position.
     *
     * @param reason   short constant description of what was wrong.
     * @param position absolute buffer index where the problem was detected, or -1 if unknown.
     */
    public JsonException(final String reason, final int position)
    {
        this(reason, position, false);
    }

    /**
     * Exception for a failure at a position, optionally capturing the stack trace.
     *
     * @param reason             short constant description of what was wrong.
     * @param position           absolute buffer index where the problem was detected, or -1 if unknown.
     * @param writableStackTrace true to capture a stack trace (debugging), false for a cheap stackless exception.
     */
    public JsonException(final String reason, final int position, final boolean writableStackTrace)
    {
        super(reason, null, false, writableStackTrace);
        this.reason = reason;
        this.position = position;
    }

    /**
     * The constant description of the failure, without the position.
     *
     * @return the reason given at construction.
     */
    public String reason()
    {
        return reason;
    }

    /**
     * The absolute buffer index where the failure was detected.
     *
     * @return the position, or -1 if unknown.
     */
    public int position()
    {
        return position;
    }

    /**
     * The reason followed by the position.
     *
     * @return a human readable message.
     */
    public String getMessage()
    {
        return position < 0 ? reason : reason + " at " + position;
    }
}
