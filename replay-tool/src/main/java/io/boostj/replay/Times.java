package io.boostj.replay;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Time formatting and parsing for the tools: ISO-8601 UTC with nanoseconds.
 */
final class Times
{
    private static final DateTimeFormatter ISO_NANOS =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Times()
    {
    }

    /**
     * @param epochNs nanoseconds since the epoch.
     * @return e.g. {@code 2026-11-22T02:50:27.123456789Z}.
     */
    static String iso(final long epochNs)
    {
        return ISO_NANOS.format(Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L),
            Math.floorMod(epochNs, 1_000_000_000L)));
    }

    /**
     * A position given as a journal index (decimal or {@code 0x} hex) or as a time.
     *
     * @param isIndex true if {@link #value} is an index, false if epoch nanoseconds.
     * @param value   the index or the time.
     */
    record Bound(boolean isIndex, long value)
    {
    }

    /**
     * Parse {@code --from}/{@code --to}: a record index ({@code 123}, {@code 0x4a1b00000003}), epoch nanoseconds
     * with an {@code ns} suffix ({@code 1700000000000000000ns}), or an ISO-8601 instant
     * ({@code 2026-11-22T02:50:27Z}, {@code 2026-11-22T02:50:27.123456789Z}).
     *
     * @param text the argument.
     * @return the bound.
     * @throws IllegalArgumentException if it is none of these.
     */
    static Bound parseBound(final String text)
    {
        final String trimmed = text.trim();
        try
        {
            if (trimmed.startsWith("0x") || trimmed.startsWith("0X"))
            {
                return new Bound(true, Long.parseUnsignedLong(trimmed.substring(2), 16));
            }
            if (trimmed.endsWith("ns"))
            {
                return new Bound(false, Long.parseLong(trimmed.substring(0, trimmed.length() - 2)));
            }
            if (!trimmed.isEmpty() && trimmed.chars().allMatch(Character::isDigit))
            {
                return new Bound(true, Long.parseLong(trimmed));
            }

            final Instant instant = Instant.parse(trimmed);
            return new Bound(false, Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L),
                instant.getNano()));
        }
        catch (final NumberFormatException | DateTimeParseException | ArithmeticException ex)
        {
            throw new IllegalArgumentException(
                "expected a record index (123 or 0x7b), epoch nanoseconds (1700000000000000000ns) or an " +
                "ISO-8601 time (2026-11-22T02:50:27.5Z): " + text);
        }
    }
}
