package io.boostj.perf;

import io.boostj.codecs.eth.SenderRecovery;
import io.boostj.codecs.eth.TransactionDecoder;
import io.boostj.core.builder.Account;
import io.boostj.core.builder.Address;
import io.boostj.core.builder.TransferExecutor;
import io.boostj.core.builder.WorldState;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The builder's executor (issue 5), on {@link DevChainTransfers}' pre-signed EIP-1559 transfers:
 * <ul>
 *     <li>{@link #executeTransfer}: {@link TransferExecutor#tryExecute} of {@value #SENDERS} transfers, one from each
 *     of {@value #SENDERS} senders, on a fresh copy of the genesis state so that every one is included: decode, sender
 *     recovery, intrinsic gas, nonce and balance checks, the state writes (sender, recipient, fee recipient and
 *     vaults). Score per transfer; its inverse is transfers per second on one thread;</li>
 *     <li>{@link #recoverSender}: decode and sender recovery alone (the secp256k1 part of the above);</li>
 *     <li>{@link #stateRoot}: {@link WorldState#stateRoot} after {@code transfers} transfers (the accounts they changed
 *     written into a copy of the genesis state, whose own root was already computed, as a parent's is): what the state
 *     root of a flashblock or a sealed block costs.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xms512m", "-Xmx512m"})
public class BuilderExecutorBenchmark
{
    static final int SENDERS = 2_000;

    private static final BigInteger BASE_FEE = DevChainTransfers.parent().nextBaseFee();

    /** One signed transfer from each sender, and the chain they run on. */
    @State(Scope.Thread)
    public static class Transfers
    {
        final TransferExecutor executor = new TransferExecutor(DevChainTransfers.RULES);
        DevChainTransfers chain;
        UnsafeBuffer[] batch;

        @Setup(Level.Trial)
        public void sign()
        {
            chain = new DevChainTransfers(SENDERS);
            batch = new UnsafeBuffer[SENDERS];
            for (int k = 0; k < SENDERS; k++)
            {
                batch[k] = new UnsafeBuffer(chain.transfer(k));
            }
        }

        int execute(final UnsafeBuffer tx, final WorldState state)
        {
            return executor.tryExecute(tx, 0, tx.capacity(), BASE_FEE, DevChainTransfers.FEE_RECIPIENT, Long.MAX_VALUE,
                state);
        }
    }

    /**
     * A fresh copy of the genesis state for each invocation. {@link #executeTransfer} reaches {@link Transfers} through
     * it: JMH gives a state injected into a helper method and the same state taken by the benchmark method two
     * different instances.
     */
    @State(Scope.Thread)
    public static class Fresh
    {
        Transfers transfers;
        WorldState state;

        @Setup(Level.Invocation)
        public void copy(final Transfers t)
        {
            transfers = t;
            state = t.chain.genesis().copy();
        }
    }

    /** The genesis state with the accounts {@code transfers} transfers changed written into it, root not computed. */
    @State(Scope.Thread)
    public static class Changed
    {
        @Param({"100", "1000", "10000"})
        int transfers;

        DevChainTransfers chain;
        final List<Map.Entry<Address, Account>> accounts = new ArrayList<>();
        WorldState state;

        @Setup(Level.Trial)
        public void execute(final Transfers t)
        {
            chain = t.chain;
            final WorldState after = chain.genesis().copy();
            for (int k = 0; k < transfers; k++)
            {
                if (TransferExecutor.INCLUDED != t.execute(new UnsafeBuffer(chain.transfer(k)), after))
                {
                    throw new IllegalStateException("transfer " + k + " refused: " + t.executor.result().error());
                }
            }
            for (final Map.Entry<Address, Account> e : after.accounts().entrySet())
            {
                if (!Arrays.equals(e.getValue().rlp(), chain.genesis().account(e.getKey()).rlp()))
                {
                    accounts.add(Map.entry(e.getKey(), e.getValue()));
                }
            }
            write();
            if (!Arrays.equals(after.stateRoot(), state.stateRoot()))
            {
                throw new IllegalStateException("the changed accounts do not give the executed state's root");
            }
            System.out.println("[setup] " + transfers + " transfers changed " + accounts.size() + " accounts");
        }

        @Setup(Level.Invocation)
        public void write()
        {
            state = chain.genesis().copy();
            for (final Map.Entry<Address, Account> e : accounts)
            {
                state.put(e.getKey(), e.getValue());
            }
        }
    }

    /** Decoder and recovery for {@link #recoverSender}, cycling through the batch. */
    @State(Scope.Thread)
    public static class Recovery
    {
        final TransactionDecoder decoder = new TransactionDecoder();
        final SenderRecovery recovery = new SenderRecovery();
        final UnsafeBuffer sender = new UnsafeBuffer(new byte[Address.LENGTH]);
        int next;
    }

    @Benchmark
    @OperationsPerInvocation(SENDERS)
    public int executeTransfer(final Fresh f)
    {
        final Transfers t = f.transfers;
        int included = 0;
        for (final UnsafeBuffer tx : t.batch)
        {
            if (TransferExecutor.INCLUDED == t.execute(tx, f.state))
            {
                included++;
            }
        }
        if (SENDERS != included)
        {
            throw new IllegalStateException("only " + included + " of " + SENDERS + " included");
        }
        return included;
    }

    @Benchmark
    public int recoverSender(final Transfers t, final Recovery r)
    {
        final UnsafeBuffer tx = t.batch[r.next];
        r.next = (r.next + 1) % SENDERS;
        r.decoder.tryWrap(tx, 0, tx.capacity());
        return r.recovery.tryRecoverSender(r.decoder, r.sender, 0);
    }

    @Benchmark
    public byte[] stateRoot(final Changed c)
    {
        return c.state.stateRoot();
    }
}
