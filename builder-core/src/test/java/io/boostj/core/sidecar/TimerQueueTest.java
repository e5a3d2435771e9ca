package io.boostj.core.sidecar;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimerQueueTest
{
    @Test
    void shouldFireByDeadlineThenSchedulingOrder()
    {
        final TimerQueue timers = new TimerQueue();
        final List<Long> fired = new ArrayList<>();
        final TimerQueue.Handler handler = (context, id) -> fired.add(id);
        timers.schedule(30, handler, null, 1);
        timers.schedule(10, handler, null, 2);
        timers.schedule(30, handler, null, 3);
        timers.schedule(10, handler, null, 4);
        timers.schedule(20, handler, null, 5);

        assertEquals(10, timers.nextDeadlineNs());
        assertEquals(0, timers.poll(9));
        assertEquals(3, timers.poll(20));
        assertEquals(List.of(2L, 4L, 5L), fired);
        assertEquals(2, timers.poll(100));
        assertEquals(List.of(2L, 4L, 5L, 1L, 3L), fired);
        assertEquals(Long.MAX_VALUE, timers.nextDeadlineNs());
    }

    @Test
    void shouldCancelAnyTimer()
    {
        final TimerQueue timers = new TimerQueue();
        final List<Long> fired = new ArrayList<>();
        final TimerQueue.Handler handler = (context, id) -> fired.add(id);
        final Random random = new Random(42);
        final List<TimerQueue.Timer> scheduled = new ArrayList<>();
        final List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++)
        {
            scheduled.add(timers.schedule(random.nextInt(50), handler, null, i));
        }
        final List<long[]> kept = new ArrayList<>();
        for (int i = 0; i < 200; i++)
        {
            if (i % 3 == 0)
            {
                timers.cancel(scheduled.get(i));
            }
            else
            {
                kept.add(new long[]{ scheduled.get(i).deadlineNs(), i });
            }
        }
        kept.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        kept.forEach(k -> expected.add(k[1]));
        timers.poll(1000);
        assertEquals(expected, fired);
        assertEquals(0, timers.size());
    }

    @Test
    void shouldFireTimersScheduledByHandlersWhenAlreadyDue()
    {
        final TimerQueue timers = new TimerQueue();
        final List<Long> fired = new ArrayList<>();
        final TimerQueue.Handler[] handler = new TimerQueue.Handler[1];
        handler[0] = (context, id) ->
        {
            fired.add(id);
            if (id < 3)
            {
                timers.schedule(5 + id, handler[0], null, id + 1);
            }
        };
        timers.schedule(5, handler[0], null, 1);
        timers.poll(6);
        assertEquals(List.of(1L, 2L), fired);
        assertEquals(7, timers.nextDeadlineNs());
    }
}
