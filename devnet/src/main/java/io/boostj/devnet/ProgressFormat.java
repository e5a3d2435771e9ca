package io.boostj.devnet;

import java.util.Locale;

/**
 * Pieces of {@code bin/devnet}'s per-block progress lines, and its slot pacing.
 */
final class ProgressFormat
{
    private ProgressFormat()
    {
    }

    static void appendCounter(final StringBuilder b, final int i, final int of)
    {
        final int width = String.valueOf(of).length();
        b.append(String.format(Locale.ROOT, "[%" + width + "d/%d] ", i, of));
    }

    static void appendLatency(final StringBuilder b, final String label, final long ns)
    {
        b.append(label).append(' ');
        b.append(ns < 0 ? String.format(Locale.ROOT, "%8s", "-") : String.format(Locale.ROOT, "%6.2fms", ns / 1e6));
        b.append(' ');
    }

    static void sleepUntil(final long deadlineNs) throws InterruptedException
    {
        final long sleepNs = deadlineNs - System.nanoTime();
        if (sleepNs > 0)
        {
            Thread.sleep(sleepNs / 1_000_000L, (int)(sleepNs % 1_000_000L));
        }
    }
}
