package io.boostj.system;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Bounded polling instead of fixed sleeps: the condition is checked every few milliseconds until it holds or the
 * bound passes (then the test fails saying what it waited for and what it last saw).
 */
final class Await
{
    /** The default bound: generous, as a slow CI machine must not fail a correct system. */
    static final Duration DEFAULT = Duration.ofSeconds(10);

    private Await()
    {
    }

    /**
     * Waits until a count has stopped changing for {@code stable} (calls still in flight from what came before have
     * landed), within the default bound.
     *
     * @param what  what is counted.
     * @param count the count.
     * @param stable how long it must stay the same.
     * @return the settled count.
     */
    static long settled(final String what, final Callable<Long> count, final Duration stable)
    {
        final long[] last = {Long.MIN_VALUE, System.nanoTime()};
        return value(what + " to settle for " + stable.toMillis() + " ms", () ->
        {
            final long now = count.call();
            if (now != last[0])
            {
                last[0] = now;
                last[1] = System.nanoTime();
                return null;
            }
            return System.nanoTime() - last[1] >= stable.toNanos() ? now : null;
        }, v -> true, DEFAULT);
    }

    /**
     * @param what      what is awaited, for the failure message.
     * @param condition the condition.
     */
    static void until(final String what, final Callable<Boolean> condition)
    {
        value(what, () -> condition.call() ? Boolean.TRUE : null, v -> true, DEFAULT);
    }

    /**
     * @param what      what is awaited.
     * @param supplier  produces the current value (exceptions count as "not yet").
     * @param accept    when the value is right.
     * @param <T>       value type.
     * @return the accepted value.
     */
    static <T> T value(final String what, final Callable<T> supplier, final Predicate<T> accept)
    {
        return value(what, supplier, accept, DEFAULT);
    }

    /**
     * @param what     what is awaited.
     * @param supplier produces the current value (exceptions and null count as "not yet").
     * @param accept   when the value is right.
     * @param bound    how long at most.
     * @param <T>      value type.
     * @return the accepted value.
     */
    static <T> T value(final String what, final Callable<T> supplier, final Predicate<T> accept, final Duration bound)
    {
        final long deadline = System.nanoTime() + bound.toNanos();
        Object last = null;
        while (true)
        {
            try
            {
                final T v = supplier.call();
                last = v;
                if (null != v && accept.test(v))
                {
                    return v;
                }
            }
            catch (final Exception ex)
            {
                last = ex;
            }
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out after " + bound.toMillis() + " ms waiting for " + what +
                    "; last seen: " + last);
            }
            try
            {
                Thread.sleep(5);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, ex);
            }
        }
    }

    /**
     * Asserts a condition stays false for a while (the "nothing happened" checks use counts instead where they can).
     *
     * @param what      described.
     * @param condition must stay false.
     * @param period    how long.
     */
    static void never(final String what, final Supplier<Boolean> condition, final Duration period)
    {
        final long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < end)
        {
            if (condition.get())
            {
                throw new AssertionError("unexpected: " + what);
            }
            try
            {
                Thread.sleep(5);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
