package io.boostj.core.sidecar;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A LIFO pool of reusable per-request state objects. The factory runs only when the pool is empty, so a steady
 * state with a bounded number of requests in flight stops allocating.
 *
 * @param <T> the pooled type.
 */
final class ObjectPool<T>
{
    private final Supplier<T> factory;
    private Object[] free;
    private int size;
    private int created;

    ObjectPool(final Supplier<T> factory, final int initialSize)
    {
        this.factory = factory;
        this.free = new Object[Math.max(4, initialSize)];
        for (int i = 0; i < initialSize; i++)
        {
            free[size++] = factory.get();
            created++;
        }
    }

    @SuppressWarnings("unchecked")
    T acquire()
    {
        if (0 == size)
        {
            created++;
            return factory.get();
        }
        final T t = (T)free[--size];
        free[size] = null;
        return t;
    }

    void release(final T t)
    {
        if (size == free.length)
        {
            free = Arrays.copyOf(free, size * 2);
        }
        free[size++] = t;
    }

    /**
     * Objects handed out and not returned.
     *
     * @return the number in use.
     */
    int inUse()
    {
        return created - size;
    }
}
