package io.boostj.perf;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * The zero-allocation gate of the perf run (not of the unit tests): runs the engine-step, codec and ring hand-off JMH
 * suites with {@code -prof gc} and exits with status 1 if any of them allocates more than {@code -Dboostj.alloc.epsilon}
 * bytes per operation (default 1 B/op).
 * <p>
 * {@code gc.alloc.rate.norm} counts every byte allocated by every thread during an iteration, JMH's own included: a
 * constant few KB per iteration, which is 5 B/op for a benchmark that runs 1,000 operations a second and 0.005 B/op for
 * one that runs a million. So the check also runs {@link AllocationBaseline} (which does nothing), takes its bytes
 * per iteration (median) as JMH's share, and judges each benchmark on
 * {@code (gc.alloc.rate.norm × ops − baseline) / ops} per iteration (median over iterations).
 * <p>
 * Takes ordinary JMH arguments (e.g. {@code -wi 3 -i 5 -w 1s -r 1s -rf json -rff alloc.json}); with no benchmark
 * pattern it runs {@code EngineStepBenchmark}, {@code JsonToSbeBenchmark}, {@code RingHandoffBenchmark},
 * {@code EthPrimitivesBenchmark}, {@code PayloadSizeBenchmark} and {@code FlashblockAssemblyBenchmark}, except
 * {@code RingHandoffBenchmark.roundTripAfterIdle}: a latency probe in sample mode with a per-invocation setup, where JMH
 * itself allocates per operation (its consumer wakes through {@code Object.wait/notifyAll}, which allocates nothing on
 * the heap).
 */
public final class AllocationCheck
{
    private static final String NORM = "gc.alloc.rate.norm";

    private AllocationCheck()
    {
    }

    /**
     * @param args JMH command-line arguments.
     * @throws Exception if JMH cannot run.
     */
    public static void main(final String[] args) throws Exception
    {
        final double epsilon = Double.parseDouble(System.getProperty("boostj.alloc.epsilon", "1.0"));
        final CommandLineOptions cli = new CommandLineOptions(args);
        final ChainedOptionsBuilder builder = new OptionsBuilder().parent(cli).addProfiler(GCProfiler.class)
            .shouldFailOnError(true)
            .include(AllocationBaseline.class.getSimpleName());
        if (cli.getIncludes().isEmpty())
        {
            builder.include(EngineStepBenchmark.class.getSimpleName())
                .include(JsonToSbeBenchmark.class.getSimpleName())
                .include(RingHandoffBenchmark.class.getSimpleName())
                .include(EthPrimitivesBenchmark.class.getSimpleName())
                .include(PayloadSizeBenchmark.class.getSimpleName())
                .include(FlashblockAssemblyBenchmark.class.getSimpleName())
                .exclude(RingHandoffBenchmark.class.getSimpleName() + ".roundTripAfterIdle");
        }

        final Collection<RunResult> results = new Runner(builder.build()).run();
        double baselineBytesPerIteration = 0;
        for (final RunResult run : results)
        {
            if (run.getParams().getBenchmark().endsWith(AllocationBaseline.class.getSimpleName() + ".nothing"))
            {
                baselineBytesPerIteration = median(bytesPerIteration(run, 0));
            }
        }

        int failures = 0;
        int checked = 0;
        System.out.println();
        System.out.printf("Allocation check: epsilon %.2f B/op; JMH's own allocation (AllocationBaseline) %.0f B per " +
            "iteration, subtracted%n", epsilon, baselineBytesPerIteration);
        System.out.printf("  %-78s %12s %12s %12s%n", "benchmark", "raw B/op", "ops/iter", "net B/op");
        for (final RunResult run : results)
        {
            final String benchmark = run.getParams().getBenchmark();
            if (benchmark.endsWith(AllocationBaseline.class.getSimpleName() + ".nothing"))
            {
                continue;
            }
            checked++;
            final String name = benchmark.replaceFirst("^.*\\.perf\\.", "") + paramsOf(run);
            final Result<?> norm = run.getAggregatedResult().getSecondaryResults().get(NORM);
            if (null == norm)
            {
                System.out.printf("  %-78s no %s result (profiler missing?)%n", name, NORM);
                failures++;
                continue;
            }
            final List<Double> net = bytesPerIteration(run, baselineBytesPerIteration);
            final double netPerOp = median(net);
            final double opsPerIteration = median(opsPerIteration(run));
            final boolean ok = netPerOp <= epsilon;
            if (!ok)
            {
                failures++;
            }
            System.out.printf("  %-78s %12.3f %12.0f %12.3f  %s%n",
                name, norm.getScore(), opsPerIteration, netPerOp, ok ? "ok" : "ALLOCATES");
        }
        if (0 == checked)
        {
            System.out.println("  no benchmark ran");
            failures++;
        }
        System.out.println(0 == failures ? "PASS: nothing allocates" : "FAIL: " + failures + " benchmark(s) allocate");
        System.exit(0 == failures ? 0 : 1);
    }

    /**
     * With {@code subtract} 0: bytes allocated per iteration. Otherwise: (bytes per iteration − subtract) / ops,
     * the net bytes per operation of each iteration.
     */
    private static List<Double> bytesPerIteration(final RunResult run, final double subtract)
    {
        final List<Double> out = new ArrayList<>();
        for (final BenchmarkResult b : run.getBenchmarkResults())
        {
            for (final IterationResult it : b.getIterationResults())
            {
                final Result<?> norm = it.getSecondaryResults().get(NORM);
                final long ops = it.getMetadata().getMeasuredOps();
                if (null == norm || ops <= 0)
                {
                    continue;
                }
                final double bytes = norm.getScore() * ops;
                out.add(0 == subtract ? bytes : Math.max(0, bytes - subtract) / ops);
            }
        }
        return out;
    }

    private static List<Double> opsPerIteration(final RunResult run)
    {
        final List<Double> out = new ArrayList<>();
        for (final BenchmarkResult b : run.getBenchmarkResults())
        {
            for (final IterationResult it : b.getIterationResults())
            {
                out.add((double)it.getMetadata().getMeasuredOps());
            }
        }
        return out;
    }

    private static double median(final List<Double> values)
    {
        if (values.isEmpty())
        {
            return Double.NaN;
        }
        final List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        final int n = sorted.size();
        return 1 == n % 2 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String paramsOf(final RunResult run)
    {
        final StringBuilder sb = new StringBuilder();
        for (final String key : run.getParams().getParamsKeys())
        {
            sb.append(0 == sb.length() ? " (" : ", ").append(key).append('=').append(run.getParams().getParam(key));
        }
        return 0 == sb.length() ? "" : sb.append(')').toString();
    }
}
