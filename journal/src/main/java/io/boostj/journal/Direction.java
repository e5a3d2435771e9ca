package io.boostj.journal;

/**
 * Which way a journaled record crossed the engine boundary: {@link #IN} for an event entering the engine,
 * {@link #OUT} for a command the engine emitted.
 */
public final class Direction
{
    /**
     * An event entering the engine (SBE templates 1, 2, 3, 4, 10, 20, 21 and the lifecycle record 40).
     */
    public static final byte IN = 0;

    /**
     * A command emitted by the engine (SBE templates 30 to 34).
     */
    public static final byte OUT = 1;

    private Direction()
    {
    }

    /**
     * Lower-case name of a direction, as printed by the tools.
     *
     * @param direction {@link #IN} or {@link #OUT}.
     * @return {@code "in"}, {@code "out"} or {@code "unknown(n)"}.
     */
    public static String name(final byte direction)
    {
        switch (direction)
        {
            case IN:
                return "in";
            case OUT:
                return "out";
            default:
                return "unknown(" + direction + ")";
        }
    }

    /**
     * Parse a direction name, case-insensitively.
     *
     * @param name {@code in} or {@code out}.
     * @return {@link #IN} or {@link #OUT}.
     * @throws IllegalArgumentException for any other name.
     */
    public static byte parse(final String name)
    {
        if ("in".equalsIgnoreCase(name))
        {
            return IN;
        }
        if ("out".equalsIgnoreCase(name))
        {
            return OUT;
        }

        throw new IllegalArgumentException("direction must be 'in' or 'out': " + name);
    }

    /**
     * Is this a direction value the journal accepts?
     *
     * @param direction the value to check.
     * @return true for {@link #IN} and {@link #OUT}.
     */
    public static boolean isValid(final byte direction)
    {
        return IN == direction || OUT == direction;
    }
}
