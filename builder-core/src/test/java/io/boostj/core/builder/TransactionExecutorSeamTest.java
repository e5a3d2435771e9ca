package io.boostj.core.builder;

import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The block builder runs whatever executor it is given (the seam an EVM would use): its verdicts decide what goes in
 * and its refusal reasons reach the caller.
 */
class TransactionExecutorSeamTest
{
    @Test
    void shouldBuildWithTheExecutorItIsGivenAndReportItsRefusals()
    {
        final RefusingExecutor refusing = new RefusingExecutor();
        final PayloadBuilder builder = new PayloadBuilder(refusing);
        final byte[] hash = new byte[32];
        Arrays.fill(hash, (byte)0x11);
        final ParentBlock parent = new ParentBlock(hash, 1, 1_700_000_000, 30_000_000, 5_000_000,
            BigInteger.valueOf(1_000_000_000L), 250, 6);
        final BuildAttributes attributes = new BuildAttributes(1_700_000_002, hash, Address.parse(
            "0x4200000000000000000000000000000000000011"), 30_000_000, 250, 6, hash, List.of(new byte[]{0x7e, 1}),
            false);

        assertEquals(PayloadBuilder.FORCED_TRANSACTION_REFUSED, builder.start(parent, attributes, new WorldState()));
        assertEquals("forced transaction 0 refused: no EVM here (test)", builder.error());
        assertEquals(1, refusing.calls);
    }

    private static final class RefusingExecutor implements TransactionExecutor
    {
        private final ExecutionResult result = new ExecutionResult();
        int calls;

        public int tryExecute(final DirectBuffer raw, final int offset, final int length, final BigInteger baseFee,
            final Address feeRecipient, final long gasRemaining, final WorldState state)
        {
            calls++;
            result.reset();
            result.error = "no EVM here (test)";
            return UNSUPPORTED;
        }

        public ExecutionResult result()
        {
            return result;
        }
    }
}
