package io.boostj.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.boostj.core.sidecar.SidecarConfig;
import io.boostj.devnet.Devnet;
import io.boostj.devnet.MockFlashblocksStream;
import io.boostj.devnet.OpNodeDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The in-process flashblocks pipeline the relay harnesses drive ({@link FlashblocksRelayHarness}, the {@code chain}
 * target of {@link ProxyFanoutHarness}): a {@link Devnet} with flashblocks on (real sidecar runtime, mock L2 and
 * builder, payload version 4, a fresh journal) whose builder answers the payload id of the Unichain Sepolia
 * flashblocks, and the rounds it plays as the builder: op-node's FCU through the sidecar, then Unichain flashblock 0
 * (with base) and copies of flashblock 1 renumbered, each at its intended send time.
 */
final class FlashblocksDevnet implements AutoCloseable
{
    private final Path journal;
    private final Devnet devnet;
    private final String[] round;

    private FlashblocksDevnet(final Path journal, final Devnet devnet, final String[] round)
    {
        this.journal = journal;
        this.devnet = devnet;
        this.round = round;
    }

    /** @param roundSize flashblocks per FCU round (index 0 .. roundSize - 1). */
    static FlashblocksDevnet start(final int roundSize) throws Exception
    {
        final List<String> lines = FlashblockAssemblyBenchmark.unichainLines();
        final String payloadId = new ObjectMapper().readTree(lines.get(0)).get("payload_id").asText();
        final String[] round = new String[roundSize];
        round[0] = lines.get(0);
        for (int i = 1; i < roundSize; i++)
        {
            round[i] = lines.get(1).replaceFirst("\"index\":1", "\"index\":" + i);
        }
        final Path journal = Files.createTempDirectory("boostj-relay-journal");
        try
        {
            final Devnet devnet = Devnet.start(new Devnet.Options()
                .engineConfig(new SidecarConfig().builderTimeoutMs(1000).l2TimeoutMs(1000)
                    .healthCheckIntervalMs(0).maxUnsafeIntervalS(60))
                .journalDir(journal.resolve("journal"))
                .payloadVersion(4)
                .flashblocks(true));
            devnet.builder().fixedPayloadId(payloadId);
            final FlashblocksDevnet started = new FlashblocksDevnet(journal, devnet, round);
            awaitTrue("the sidecar following the builder", () -> devnet.flashblocksStream().consumers() == 1);
            return started;
        }
        catch (final Exception ex)
        {
            deleteTree(journal);
            throw ex;
        }
    }

    Devnet devnet()
    {
        return devnet;
    }

    int roundSize()
    {
        return round.length;
    }

    /**
     * One round: the FCU, then the round's flashblocks (fewer when {@code total} is reached or {@code running} turns
     * false), message k at {@code intendedNs[k]}. The schedule starts one period after the FCU returned, or, with
     * {@code openLoopStartNs} non-zero, message k is due at {@code openLoopStartNs + (k + 1) * periodNs} whatever the
     * FCU took (late sends are then timed from when they were due).
     *
     * @return messages sent so far ({@code sent} plus this round's).
     */
    int playRound(final long periodNs, final AtomicLongArray intendedNs, final int sent, final int total,
        final long openLoopStartNs, final BooleanSupplier running) throws IOException, InterruptedException
    {
        final MockFlashblocksStream stream = devnet.flashblocksStream();
        final OpNodeDriver.RpcResult fcu = devnet.driver().startBlock();
        if (!fcu.ok())
        {
            throw new IllegalStateException("FCU failed: " + fcu);
        }
        final long roundStartNs = 0 == openLoopStartNs ? System.nanoTime() + periodNs :
            openLoopStartNs + (sent + 1) * periodNs;
        int k = sent;
        for (int i = 0; i < round.length && k < total && running.getAsBoolean(); i++, k++)
        {
            final long intended = roundStartNs + i * periodNs;
            long waitNs;
            while ((waitNs = intended - System.nanoTime()) > 0)
            {
                // coarse sleep until 1 ms before, then 50 µs steps: no 20,000 wake-ups a second on a 2-core box
                LockSupport.parkNanos(waitNs > 2_000_000 ? waitNs - 1_000_000 : Math.min(50_000, waitNs));
            }
            intendedNs.set(k, intended);
            stream.sendText(round[i]);
        }
        return k;
    }

    @Override
    public void close() throws IOException
    {
        try
        {
            devnet.close();
        }
        finally
        {
            deleteTree(journal);
        }
    }

    static void awaitTrue(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    private static void deleteTree(final Path root) throws IOException
    {
        try (Stream<Path> files = Files.walk(root))
        {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
