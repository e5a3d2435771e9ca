package io.boostj.core.sidecar;

import java.util.Arrays;

/**
 * Timers in event time: an indexed binary min-heap ordered by deadline, then by scheduling sequence (so timers with
 * the same deadline fire in the order they were scheduled, and calls in call id order). Timers are pooled and can
 * be cancelled in O(log n). Nothing here reads a clock: {@link #poll(long)} is given the time.
 */
final class TimerQueue
{
    /**
     * Told when a timer fires.
     */
    interface Handler
    {
        /**
         * A timer fired. The timer is already removed and recycled: forget any reference to it.
         *
         * @param context the context given to {@link #schedule(long, Handler, Object, long)}.
         * @param id      the id given to {@link #schedule(long, Handler, Object, long)}.
         */
        void onTimer(Object context, long id);
    }

    /**
     * A scheduled timer; hold it only to {@link #cancel(Timer)} it.
     */
    static final class Timer
    {
        long deadlineNs;
        long sequence;
        long id;
        Object context;
        Handler handler;
        int heapIndex = -1;

        long deadlineNs()
        {
            return deadlineNs;
        }
    }

    private final ObjectPool<Timer> pool = new ObjectPool<>(Timer::new, 16);
    private Timer[] heap = new Timer[64];
    private int size;
    private long nextSequence = 1;

    Timer schedule(final long deadlineNs, final Handler handler, final Object context, final long id)
    {
        final Timer timer = pool.acquire();
        timer.deadlineNs = deadlineNs;
        timer.sequence = nextSequence++;
        timer.id = id;
        timer.context = context;
        timer.handler = handler;

        if (size == heap.length)
        {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = timer;
        timer.heapIndex = size;
        size++;
        siftUp(timer.heapIndex);

        return timer;
    }

    /**
     * Cancels a pending timer; a no-op for null.
     *
     * @param timer to cancel, as returned by schedule and not yet fired or cancelled.
     */
    void cancel(final Timer timer)
    {
        if (null == timer || timer.heapIndex < 0)
        {
            return;
        }
        removeAt(timer.heapIndex);
        recycle(timer);
    }

    /**
     * Fires, in order, every timer due at or before {@code nowNs}, including timers scheduled by handlers that are
     * already due.
     *
     * @param nowNs the event time.
     * @return the number fired.
     */
    int poll(final long nowNs)
    {
        int fired = 0;
        while (size > 0 && heap[0].deadlineNs <= nowNs)
        {
            final Timer timer = heap[0];
            removeAt(0);
            final Handler handler = timer.handler;
            final Object context = timer.context;
            final long id = timer.id;
            recycle(timer);
            handler.onTimer(context, id);
            fired++;
        }
        return fired;
    }

    /**
     * The earliest deadline.
     *
     * @return the deadline in event time, or {@link Long#MAX_VALUE} if no timer is pending.
     */
    long nextSequence()
    {
        return nextSequence;
    }

    /**
     * Schedules a timer taken from a snapshot with its original sequence (ties keep their order), then continues
     * numbering where the snapshotted queue stopped.
     */
    Timer restore(
        final long deadlineNs,
        final long sequence,
        final long nextSequence,
        final Handler handler,
        final Object context,
        final long id)
    {
        final Timer timer = schedule(deadlineNs, handler, context, id);
        timer.sequence = sequence;
        this.nextSequence = nextSequence;
        return timer;
    }

    void restoreNextSequence(final long nextSequence)
    {
        this.nextSequence = nextSequence;
    }

    long nextDeadlineNs()
    {
        return 0 == size ? Long.MAX_VALUE : heap[0].deadlineNs;
    }

    int size()
    {
        return size;
    }

    private void recycle(final Timer timer)
    {
        timer.heapIndex = -1;
        timer.context = null;
        timer.handler = null;
        pool.release(timer);
    }

    private void removeAt(final int index)
    {
        final int last = --size;
        final Timer removed = heap[index];
        removed.heapIndex = -1;
        if (index != last)
        {
            final Timer moved = heap[last];
            heap[index] = moved;
            moved.heapIndex = index;
            heap[last] = null;
            siftDown(index);
            if (heap[index] == moved)
            {
                siftUp(index);
            }
        }
        else
        {
            heap[last] = null;
        }
    }

    private void siftUp(final int from)
    {
        int index = from;
        final Timer timer = heap[index];
        while (index > 0)
        {
            final int parent = (index - 1) >>> 1;
            final Timer p = heap[parent];
            if (!before(timer, p))
            {
                break;
            }
            heap[index] = p;
            p.heapIndex = index;
            index = parent;
        }
        heap[index] = timer;
        timer.heapIndex = index;
    }

    private void siftDown(final int from)
    {
        int index = from;
        final Timer timer = heap[index];
        final int half = size >>> 1;
        while (index < half)
        {
            int child = (index << 1) + 1;
            final int right = child + 1;
            if (right < size && before(heap[right], heap[child]))
            {
                child = right;
            }
            if (!before(heap[child], timer))
            {
                break;
            }
            heap[index] = heap[child];
            heap[index].heapIndex = index;
            index = child;
        }
        heap[index] = timer;
        timer.heapIndex = index;
    }

    private static boolean before(final Timer a, final Timer b)
    {
        return a.deadlineNs < b.deadlineNs || (a.deadlineNs == b.deadlineNs && a.sequence < b.sequence);
    }
}
