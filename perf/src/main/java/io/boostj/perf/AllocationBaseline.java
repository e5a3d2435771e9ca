package io.boostj.perf;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Measures nothing on purpose: with {@code -prof gc}, its bytes per iteration are what JMH itself allocates during an
 * iteration (a few KB, whatever the benchmark), which {@link AllocationCheck} subtracts from the other benchmarks so
 * that a slow benchmark (few operations per iteration) is not blamed for JMH's own allocation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xms256m", "-Xmx256m"})
public class AllocationBaseline
{
    private long counter;

    /**
     * @return a counter, so the call is not eliminated.
     */
    @Benchmark
    public long nothing()
    {
        return ++counter;
    }
}
