package io.boostj.ring;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

import java.util.concurrent.TimeUnit;

/**
 * Names the consumer wait strategies an operator may choose. The default, {@code phased}, spins briefly, yields, then
 * blocks: low wake-up latency without burning a core on a 2-core machine. {@code busy-spin} is for operators with a
 * dedicated core per consumer thread; it starves everything else otherwise.
 */
public final class WaitStrategies
{
    /** Spin time of the phased strategy before it yields. */
    public static final long PHASED_SPIN_NS = 20_000;
    /** Yield time of the phased strategy before it blocks. */
    public static final long PHASED_YIELD_NS = 50_000;

    private WaitStrategies()
    {
    }

    /**
     * @param name one of {@code phased}, {@code blocking}, {@code lite-blocking}, {@code sleeping}, {@code yielding},
     *             {@code busy-spin}.
     * @return a new wait strategy.
     * @throws IllegalArgumentException for an unknown name.
     */
    public static WaitStrategy byName(final String name)
    {
        switch (name)
        {
            case "phased":
                return PhasedBackoffWaitStrategy.withLiteLock(PHASED_SPIN_NS, PHASED_YIELD_NS, TimeUnit.NANOSECONDS);
            case "blocking":
                return new BlockingWaitStrategy();
            case "lite-blocking":
                return new LiteBlockingWaitStrategy();
            case "sleeping":
                return new SleepingWaitStrategy();
            case "yielding":
                return new YieldingWaitStrategy();
            case "busy-spin":
                return new BusySpinWaitStrategy();
            default:
                throw new IllegalArgumentException(
                    "unknown wait strategy '" + name + "' (phased, blocking, lite-blocking, sleeping, yielding, busy-spin)");
        }
    }
}
