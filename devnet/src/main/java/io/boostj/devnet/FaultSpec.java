package io.boostj.devnet;

import java.util.Locale;

/**
 * One {@code --fault} of {@code bin/devnet}: {@code builder-down:AT:FOR}, {@code builder-slow:AT:FOR:MS},
 * {@code builder-invalid:AT:FOR}. AT is the 1-based block at which the fault starts, FOR how many blocks it lasts.
 */
public final class FaultSpec
{
    /** The kinds of fault. */
    public enum Kind
    {
        /** The builder stops listening and drops its connections, then comes back on the same port. */
        BUILDER_DOWN("builder-down"),
        /** The builder answers getPayload only after a delay. */
        BUILDER_SLOW("builder-slow"),
        /** The builder serves payloads with a zeroed stateRoot, which L2's block hash check refuses. */
        BUILDER_INVALID("builder-invalid");

        private final String label;

        Kind(final String label)
        {
            this.label = label;
        }

        /** @return the command-line name. */
        public String label()
        {
            return label;
        }
    }

    private final Kind kind;
    private final int at;
    private final int length;
    private final long delayMs;

    private FaultSpec(final Kind kind, final int at, final int length, final long delayMs)
    {
        this.kind = kind;
        this.at = at;
        this.length = length;
        this.delayMs = delayMs;
    }

    /**
     * @param text e.g. {@code builder-slow:5:2:1500}.
     * @return the fault.
     * @throws IllegalArgumentException if malformed.
     */
    public static FaultSpec parse(final String text)
    {
        final String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":");
        Kind kind = null;
        for (final Kind k : Kind.values())
        {
            if (k.label.equals(parts[0]))
            {
                kind = k;
            }
        }
        if (null == kind)
        {
            throw new IllegalArgumentException("--fault '" + text +
                "': unknown kind (builder-down:AT:FOR, builder-slow:AT:FOR:MS, builder-invalid:AT:FOR)");
        }
        final int expected = Kind.BUILDER_SLOW == kind ? 4 : 3;
        if (parts.length != expected)
        {
            throw new IllegalArgumentException("--fault '" + text + "': expected " + kind.label +
                (Kind.BUILDER_SLOW == kind ? ":AT:FOR:MS" : ":AT:FOR"));
        }
        try
        {
            final int at = Integer.parseInt(parts[1]);
            final int length = Integer.parseInt(parts[2]);
            final long ms = Kind.BUILDER_SLOW == kind ? Long.parseLong(parts[3]) : 0;
            if (at < 1 || length < 1 || ms < 0)
            {
                throw new IllegalArgumentException("--fault '" + text + "': AT and FOR must be >= 1, MS >= 0");
            }
            return new FaultSpec(kind, at, length, ms);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("--fault '" + text + "': AT, FOR and MS must be numbers", ex);
        }
    }

    /** @return the kind. */
    public Kind kind()
    {
        return kind;
    }

    /** @return the first block affected, from 1. */
    public int at()
    {
        return at;
    }

    /** @return how many blocks it lasts. */
    public int length()
    {
        return length;
    }

    /** @return the delay of builder-slow, ms. */
    public long delayMs()
    {
        return delayMs;
    }

    /**
     * @param block a block number of the run, from 1.
     * @return whether the fault is active while that block is produced.
     */
    public boolean activeAt(final int block)
    {
        return block >= at && block < at + length;
    }

    /**
     * Turns the fault on or off on the builder.
     *
     * @param builder the mock builder.
     * @param on      on or off.
     */
    public void apply(final MockExecutionClient builder, final boolean on)
    {
        switch (kind)
        {
            case BUILDER_DOWN:
                if (on)
                {
                    builder.stop();
                }
                else
                {
                    builder.start();
                }
                break;
            case BUILDER_SLOW:
                builder.faults().delay("engine_getPayload*", on ? delayMs : 0);
                break;
            case BUILDER_INVALID:
                builder.faults().zeroStateRoot(on);
                break;
            default:
                throw new IllegalStateException(kind.toString());
        }
    }

    @Override
    public String toString()
    {
        return kind.label + ":" + at + ":" + length + (Kind.BUILDER_SLOW == kind ? ":" + delayMs : "");
    }
}
