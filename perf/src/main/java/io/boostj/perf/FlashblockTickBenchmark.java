package io.boostj.perf;

import io.boostj.core.builder.PayloadBuilder;
import io.boostj.core.builder.PooledTransaction;
import io.boostj.core.builder.SenderCache;
import io.boostj.core.builder.TransactionPool;
import io.boostj.core.builder.TransferExecutor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One tick of the builder's 200 ms flashblock loop (issue 5), the first of a round, as {@code BuilderNode.tick} does
 * it: {@link TransactionPool#orderFor} over {@code pending} pool transactions ({@value Round#SENDERS} senders, up to
 * ten nonces each, tips differing by sender), {@link PayloadBuilder#tryAdd} of what fits in a 30M gas block (all
 * 1,000 of the smaller pool; 1,427 of the 10,000) and {@link PayloadBuilder#nextFlashblock} (state root, receipts
 * root, block hash, the flashblock JSON). Each invocation starts from a round just started (one deposit applied);
 * starting it (copying the parent state) is outside the timed region. The parts:
 * <ul>
 *     <li>{@link #tick}: all of it;</li>
 *     <li>{@link #order}: {@code orderFor} alone;</li>
 *     <li>{@link #execute}: the {@code tryAdd} loop over an order computed beforehand;</li>
 *     <li>{@link #cut}: {@code nextFlashblock} alone, on a round already filled;</li>
 *     <li>{@link #seal}: what getPayload and newPayload do after execution (hash, parent facts, payload JSON);</li>
 *     <li>{@link #stateRootOfCut}: the state root of that filled round alone, the first thing {@code nextFlashblock}
 *     computes (the rest of {@link #cut} is the receipts root, the block hash and the JSON).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xms1g", "-Xmx1g"})
public class FlashblockTickBenchmark
{
    /** The pool, the chain and the round being built; the trial setup checks what one tick includes. */
    @State(Scope.Thread)
    public static class Round
    {
        static final int SENDERS = 1_000;

        @Param({"1000", "10000"})
        int pending;

        final SenderCache senders = new SenderCache(SenderCache.DEFAULT_CAPACITY);
        final PayloadBuilder builder = new PayloadBuilder(DevChainTransfers.RULES, senders);
        DevChainTransfers chain;
        TransactionPool pool;
        int includedPerTick;

        @Setup(Level.Trial)
        public void fillPool()
        {
            chain = new DevChainTransfers(SENDERS);
            pool = new TransactionPool(DevChainTransfers.RULES, pending, 16, senders);
            for (int k = 0; k < pending; k++)
            {
                if (TransactionPool.ADDED != pool.tryAdd(chain.transfer(k), a -> chain.genesis().account(a).nonce()))
                {
                    throw new IllegalStateException("pool refused transfer " + k + ": " + pool.error());
                }
            }
            start();
            final int ordered = order().size();
            includedPerTick = fill(order());
            final int flashblockBytes = builder.nextFlashblock(DevChainTransfers.PAYLOAD_ID).length;
            System.out.println("[setup] " + pending + " pending: " + ordered + " ordered, " + includedPerTick +
                " included, gas used " + builder.gasUsed() + ", flashblock " + flashblockBytes + " bytes");
            start();
        }

        void start()
        {
            if (PayloadBuilder.STARTED != builder.start(DevChainTransfers.parent(), DevChainTransfers.attributes(),
                chain.genesis()))
            {
                throw new IllegalStateException("round did not start: " + builder.error());
            }
        }

        List<PooledTransaction> order()
        {
            return pool.orderFor(builder.baseFee(), a -> builder.state().account(a).nonce());
        }

        int fill(final List<PooledTransaction> order)
        {
            int included = 0;
            for (final PooledTransaction t : order)
            {
                if (builder.gasRemaining() < DevChainTransfers.TRANSFER_GAS)
                {
                    break;
                }
                if (TransferExecutor.INCLUDED == builder.tryAdd(t.raw()))
                {
                    included++;
                }
            }
            return included;
        }

        int checked(final int included)
        {
            if (included != includedPerTick)
            {
                throw new IllegalStateException("tick included " + included + ", expected " + includedPerTick);
            }
            return included;
        }
    }

    /**
     * A round just started. The benchmarks reach {@link Round} through these states only: JMH gives a state injected
     * into a helper method and the same state taken by the benchmark method two different instances.
     */
    @State(Scope.Thread)
    public static class Started
    {
        Round round;

        @Setup(Level.Invocation)
        public void start(final Round r)
        {
            round = r;
            r.start();
        }
    }

    /** A round started and the pool's order computed, for {@link #execute}. */
    @State(Scope.Thread)
    public static class Ordered
    {
        Round round;
        List<PooledTransaction> order;

        @Setup(Level.Invocation)
        public void start(final Round r)
        {
            round = r;
            r.start();
            order = r.order();
        }
    }

    /** A round started and filled, nothing hashed yet, for {@link #cut} and {@link #stateRootOfCut}. */
    @State(Scope.Thread)
    public static class Filled
    {
        Round round;

        @Setup(Level.Invocation)
        public void fill(final Round r)
        {
            round = r;
            r.start();
            r.checked(r.fill(r.order()));
        }
    }

    @Benchmark
    public byte[] tick(final Started s)
    {
        final Round r = s.round;
        r.checked(r.fill(r.order()));
        return r.builder.nextFlashblock(DevChainTransfers.PAYLOAD_ID);
    }

    /** On the round the trial setup leaves just started, which it never changes. */
    @Benchmark
    public List<PooledTransaction> order(final Round r)
    {
        return r.order();
    }

    @Benchmark
    public int execute(final Ordered s)
    {
        return s.round.checked(s.round.fill(s.order));
    }

    @Benchmark
    public byte[] cut(final Filled s)
    {
        return s.round.builder.nextFlashblock(DevChainTransfers.PAYLOAD_ID);
    }

    /**
     * What sealing (getPayload) and a newPayload validation do with a filled round after executing it: the block hash
     * and receipts root checked, the child's parent facts, the execution payload JSON.
     */
    @Benchmark
    public String seal(final Filled s)
    {
        final PayloadBuilder b = s.round.builder;
        if (b.blockHash().length + b.asParent().hashCode() == 0)
        {
            throw new IllegalStateException();
        }
        return b.executionPayloadJson();
    }

    @Benchmark
    public byte[] stateRootOfCut(final Filled s)
    {
        return s.round.builder.state().stateRoot();
    }
}
