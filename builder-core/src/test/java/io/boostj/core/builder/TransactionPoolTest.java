package io.boostj.core.builder;

import io.boostj.codecs.eth.TransactionSigner;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Admission, replacement, limits and block order of the transaction pool, with transactions signed by two dev keys.
 */
class TransactionPoolTest
{
    private static final long CHAIN_ID = 901;
    private static final TransactionSigner ALICE = new TransactionSigner(
        key("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
    private static final TransactionSigner BOB = new TransactionSigner(
        key("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"));
    private static final byte[] TO = Address.parse("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc").toBytes();
    private static final BigInteger BASE_FEE = BigInteger.valueOf(1_000);
    private static final Function<Address, Long> FRESH = a -> 0L;

    private final TransactionPool pool = new TransactionPool(ChainRules.opStack(CHAIN_ID), 8, 4);

    private static byte[] key(final String hex)
    {
        final byte[] out = new byte[32];
        for (int i = 0; i < 32; i++)
        {
            out[i] = (byte)Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    private static byte[] tx(final TransactionSigner who, final long nonce, final long tip, final long feeCap)
    {
        return who.signDynamicFee(CHAIN_ID, nonce, BigInteger.valueOf(tip), BigInteger.valueOf(feeCap), 21_000, TO,
            BigInteger.ONE, new byte[0]);
    }

    private static List<String> order(final List<PooledTransaction> txs)
    {
        final Address alice = Address.of(ALICE.address());
        return txs.stream().map(t -> (t.sender().equals(alice) ? "A" : "B") + t.nonce()).collect(Collectors.toList());
    }

    @Test
    void shouldOfferTheHighestTipFirstButEachSenderInNonceOrder()
    {
        assertEquals(TransactionPool.ADDED, pool.tryAdd(tx(ALICE, 0, 10, 5_000), FRESH), pool::error);
        assertEquals(TransactionPool.ADDED, pool.tryAdd(tx(ALICE, 1, 500, 5_000), FRESH));
        assertEquals(TransactionPool.ADDED, pool.tryAdd(tx(BOB, 0, 100, 5_000), FRESH));
        assertEquals(TransactionPool.ADDED, pool.tryAdd(tx(BOB, 1, 1, 5_000), FRESH));

        assertEquals(List.of("B0", "A0", "A1", "B1"), order(pool.orderFor(BASE_FEE, FRESH)));
    }

    @Test
    void shouldCapTheTipByTheFeeCapAboveTheBaseFeeAndSkipWhatCannotPayTheBaseFee()
    {
        pool.tryAdd(tx(ALICE, 0, 900, 1_100), FRESH);
        pool.tryAdd(tx(BOB, 0, 200, 5_000), FRESH);
        pool.tryAdd(tx(BOB, 1, 5, 999), FRESH);

        assertEquals(List.of("B0", "A0"), order(pool.orderFor(BASE_FEE, FRESH)),
            "Alice's effective tip is 100, not 900; Bob's nonce 1 is below the base fee");
    }

    @Test
    void shouldNotOfferTransactionsBehindANonceGap()
    {
        pool.tryAdd(tx(ALICE, 1, 10, 5_000), FRESH);

        assertTrue(pool.orderFor(BASE_FEE, FRESH).isEmpty());
        assertEquals(0, pool.pendingNonce(Address.of(ALICE.address()), 0));
        pool.tryAdd(tx(ALICE, 0, 10, 5_000), FRESH);
        assertEquals(2, pool.pendingNonce(Address.of(ALICE.address()), 0));
    }

    @Test
    void shouldReplaceOnlyWithTenPercentMoreOnBothCaps()
    {
        pool.tryAdd(tx(ALICE, 0, 100, 1_000), FRESH);

        assertEquals(TransactionPool.REFUSED, pool.tryAdd(tx(ALICE, 0, 109, 2_000), FRESH));
        assertTrue(pool.error().contains("underpriced"), pool.error());
        assertEquals(TransactionPool.REPLACED, pool.tryAdd(tx(ALICE, 0, 110, 1_100), FRESH), pool::error);
        assertEquals(1, pool.size());
        assertEquals(TransactionPool.KNOWN, pool.tryAdd(tx(ALICE, 0, 110, 1_100), FRESH));
    }

    @Test
    void shouldRefuseWhatItCannotExecuteWithAClearReason()
    {
        assertEquals(TransactionPool.REFUSED, pool.tryAdd(ALICE.signDynamicFee(CHAIN_ID + 1, 0, BigInteger.ONE,
            BigInteger.TEN, 21_000, TO, BigInteger.ONE, new byte[0]), FRESH));
        assertTrue(pool.error().contains("chain id"), pool.error());
        assertEquals(TransactionPool.REFUSED, pool.tryAdd(new byte[] {2, 1}, FRESH));
        assertTrue(pool.error().contains("malformed"), pool.error());
        assertEquals(TransactionPool.REFUSED, pool.tryAdd(tx(ALICE, 0, 10, 5_000), a -> 3L));
        assertTrue(pool.error().contains("nonce too low"), pool.error());
        assertEquals(TransactionPool.REFUSED, pool.tryAdd(tx(ALICE, 0, 50, 10), FRESH));
        assertTrue(pool.error().contains("priority"), pool.error());
        assertEquals(0, pool.size());
    }

    @Test
    void shouldRefuseBeyondItsLimitsRatherThanEvict()
    {
        for (int n = 0; n < 4; n++)
        {
            assertEquals(TransactionPool.ADDED, pool.tryAdd(tx(ALICE, n, 10, 5_000), FRESH));
        }
        assertEquals(TransactionPool.FULL, pool.tryAdd(tx(ALICE, 4, 10, 5_000), FRESH));
        assertTrue(pool.error().contains("too many pending"), pool.error());
        for (int n = 0; n < 4; n++)
        {
            assertEquals(TransactionPool.ADDED, pool.tryAdd(tx(BOB, n, 10, 5_000), FRESH));
        }
        final TransactionSigner carol = new TransactionSigner(
            key("5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a"));
        assertEquals(TransactionPool.FULL, pool.tryAdd(tx(carol, 0, 1_000_000, 5_000_000), FRESH));
        assertTrue(pool.error().contains("pool is full"), pool.error());
        assertEquals(8, pool.size());
    }

    @Test
    void shouldPruneWhatTheNewHeadIncluded()
    {
        pool.tryAdd(tx(ALICE, 0, 10, 5_000), FRESH);
        pool.tryAdd(tx(ALICE, 1, 10, 5_000), FRESH);
        pool.tryAdd(tx(BOB, 0, 10, 5_000), FRESH);
        final Map<Address, Long> head = Map.of(Address.of(ALICE.address()), 1L, Address.of(BOB.address()), 1L);

        assertEquals(2, pool.prune(a -> head.getOrDefault(a, 0L)));

        assertEquals(List.of("A1"), order(pool.orderFor(BASE_FEE, a -> head.getOrDefault(a, 0L))));
    }
}
