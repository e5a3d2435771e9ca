package io.boostj.perf;

import io.boostj.codecs.eth.SenderRecovery;
import io.boostj.codecs.eth.TransactionDecoder;
import io.boostj.core.builder.Address;
import io.boostj.core.builder.PooledTransaction;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * {@link FlashblockTickBenchmark}'s tick, timed in this thread's CPU time as well as wall time: on a shared machine
 * whose other processes take the cores, wall time per tick measures the machine, CPU time what a tick costs a core
 * of its own. Same round set-up ({@link FlashblockTickBenchmark.Round}); {@code WARMUP} ticks, then {@code TICKS}
 * timed, median and max of each part printed. {@code recover} is not part of the tick: decode and sender recovery
 * alone of the transactions the tick executed, to show how much of {@code execute} is secp256k1.
 * <pre>java -cp perf/target/benchmarks.jar io.boostj.perf.FlashblockTickCpuTime [pending ...] (default 1000 10000)</pre>
 */
public final class FlashblockTickCpuTime
{
    private static final int WARMUP = 10;
    private static final int TICKS = 15;
    private static final String[] PARTS = {"order", "execute", "cut", "tick", "recover"};

    private FlashblockTickCpuTime()
    {
    }

    public static void main(final String[] args)
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final TransactionDecoder decoder = new TransactionDecoder();
        final SenderRecovery recovery = new SenderRecovery();
        final UnsafeBuffer sender = new UnsafeBuffer(new byte[Address.LENGTH]);
        System.out.printf("%8s %-8s %12s %12s %12s %12s%n", "pending", "part", "cpu p50 ms", "cpu max ms",
            "wall p50 ms", "wall max ms");
        for (final String arg : args.length > 0 ? args : new String[] {"1000", "10000"})
        {
            final FlashblockTickBenchmark.Round round = new FlashblockTickBenchmark.Round();
            round.pending = Integer.parseInt(arg);
            round.fillPool();
            final long[][] cpu = new long[PARTS.length][TICKS];
            final long[][] wall = new long[PARTS.length][TICKS];
            for (int t = -WARMUP; t < TICKS; t++)
            {
                round.start();
                final long c0 = threads.getCurrentThreadCpuTime();
                final long w0 = System.nanoTime();
                final List<PooledTransaction> order = round.order();
                final long c1 = threads.getCurrentThreadCpuTime();
                final long w1 = System.nanoTime();
                round.checked(round.fill(order));
                final long c2 = threads.getCurrentThreadCpuTime();
                final long w2 = System.nanoTime();
                round.builder.nextFlashblock(DevChainTransfers.PAYLOAD_ID);
                final long c3 = threads.getCurrentThreadCpuTime();
                final long w3 = System.nanoTime();
                for (int i = 0; i < round.includedPerTick; i++)
                {
                    final byte[] raw = order.get(i).raw();
                    decoder.tryWrap(new UnsafeBuffer(raw), 0, raw.length);
                    recovery.tryRecoverSender(decoder, sender, 0);
                }
                final long c4 = threads.getCurrentThreadCpuTime();
                final long w4 = System.nanoTime();
                if (t >= 0)
                {
                    final long[] c = {c1 - c0, c2 - c1, c3 - c2, c3 - c0, c4 - c3};
                    final long[] w = {w1 - w0, w2 - w1, w3 - w2, w3 - w0, w4 - w3};
                    for (int p = 0; p < PARTS.length; p++)
                    {
                        cpu[p][t] = c[p];
                        wall[p][t] = w[p];
                    }
                }
            }
            for (int p = 0; p < PARTS.length; p++)
            {
                Arrays.sort(cpu[p]);
                Arrays.sort(wall[p]);
                System.out.printf("%8d %-8s %12.2f %12.2f %12.2f %12.2f%n", round.pending, PARTS[p],
                    cpu[p][TICKS / 2] / 1e6, cpu[p][TICKS - 1] / 1e6, wall[p][TICKS / 2] / 1e6,
                    wall[p][TICKS - 1] / 1e6);
            }
            System.out.printf("%8d included %d per tick%n", round.pending, round.includedPerTick);
        }
    }
}
