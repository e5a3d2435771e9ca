package io.boostj.core.builder;

import io.boostj.codecs.eth.TransactionSigner;
import io.boostj.codecs.eth.trie.MerklePatriciaTrie;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Value transfers and deposits, checked to the wei: balances, nonces, fee split (tip to the fee recipient, base fee
 * to the OP BaseFeeVault or burned on Ethereum), gas (intrinsic, access lists, EIP-7623 floor), and every reason a
 * transaction is not included, which must leave the state untouched.
 */
class TransferExecutorTest
{
    private static final long CHAIN_ID = 901;
    private static final byte[] KEY = hex("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    private static final Address SENDER = Address.parse("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    private static final Address TO = Address.parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    private static final Address FEE_RECIPIENT = Address.parse("0x4200000000000000000000000000000000000011");
    private static final BigInteger ETHER = BigInteger.TEN.pow(18);
    private static final BigInteger BASE_FEE = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger TIP = BigInteger.valueOf(2_000_000L);
    private static final long BLOCK_GAS = 30_000_000;

    private final TransactionSigner signer = new TransactionSigner(KEY);
    private WorldState state;
    private TransferExecutor executor;

    private static byte[] hex(final String digits)
    {
        final byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++)
        {
            out[i] = (byte)Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    @BeforeEach
    void setUp()
    {
        state = new WorldState();
        state.put(SENDER, Account.withBalance(ETHER.multiply(BigInteger.TEN)));
        executor = new TransferExecutor(ChainRules.opStack(CHAIN_ID));
    }

    private int execute(final byte[] raw)
    {
        return executor.tryExecute(new UnsafeBuffer(raw), 0, raw.length, BASE_FEE, FEE_RECIPIENT, BLOCK_GAS, state);
    }

    private byte[] transfer(final long nonce, final BigInteger value, final long gas, final byte[] data)
    {
        return signer.signDynamicFee(CHAIN_ID, nonce, TIP, BASE_FEE.multiply(BigInteger.TWO), gas, TO.toBytes(),
            value, data);
    }

    private void assertRefusedAndUntouched(final int expected, final byte[] raw, final String reasonPart)
    {
        final byte[] root = state.stateRoot();
        assertEquals(expected, execute(raw), executor.result()::error);
        assertTrue(executor.result().error().contains(reasonPart), executor.result().error());
        assertArrayEquals(root, state.stateRoot(), "a refused transaction changes nothing");
    }

    @Test
    void shouldMoveTheValueAndSplitTheFeesToTheWei()
    {
        final BigInteger value = ETHER;

        assertEquals(TransferExecutor.INCLUDED, execute(transfer(0, value, 21_000, new byte[0])),
            executor.result()::error);

        final BigInteger gas = BigInteger.valueOf(21_000);
        assertEquals(21_000, executor.result().gasUsed());
        assertEquals(BASE_FEE.add(TIP), executor.result().effectiveGasPrice());
        assertEquals(SENDER, executor.result().sender());
        assertEquals(ETHER.multiply(BigInteger.TEN).subtract(value).subtract(BASE_FEE.add(TIP).multiply(gas)),
            state.account(SENDER).balance());
        assertEquals(1, state.account(SENDER).nonce());
        assertEquals(value, state.account(TO).balance());
        assertEquals(TIP.multiply(gas), state.account(FEE_RECIPIENT).balance());
        assertEquals(BASE_FEE.multiply(gas), state.account(ChainRules.OP_BASE_FEE_VAULT).balance());

        final WorldState expected = new WorldState();
        state.accounts().forEach(expected::put);
        assertArrayEquals(expected.stateRoot(), state.stateRoot());
        assertEquals(4, state.size());
    }

    @Test
    void shouldBurnTheBaseFeeUnderEthereumRules()
    {
        executor = new TransferExecutor(ChainRules.ethereum(CHAIN_ID, true));

        assertEquals(TransferExecutor.INCLUDED, execute(transfer(0, BigInteger.ONE, 21_000, new byte[0])));

        assertEquals(Account.EMPTY, state.account(ChainRules.OP_BASE_FEE_VAULT));
        assertEquals(3, state.size());
    }

    @Test
    void shouldChargeTheCalldataFloorWhenItExceedsTheIntrinsicGas()
    {
        final byte[] data = new byte[100];
        java.util.Arrays.fill(data, (byte)7);

        assertEquals(TransferExecutor.INCLUDED, execute(transfer(0, BigInteger.ZERO, 30_000, data)));

        assertEquals(21_000 + 10 * 400, executor.result().gasUsed(), "floor 25,000 above intrinsic 22,600");
        executor = new TransferExecutor(ChainRules.ethereum(CHAIN_ID, false));
        assertEquals(TransferExecutor.INCLUDED, execute(transfer(1, BigInteger.ZERO, 30_000, data)));
        assertEquals(21_000 + 16 * 100, executor.result().gasUsed(), "no floor before Prague");
    }

    @Test
    void shouldNotCreateAnAccountForAZeroValueTransfer()
    {
        assertEquals(TransferExecutor.INCLUDED, execute(transfer(0, BigInteger.ZERO, 21_000, new byte[0])));

        assertEquals(Account.EMPTY, state.account(TO));
    }

    @Test
    void shouldExecuteALegacyTransfer()
    {
        final byte[] raw = signer.signLegacy(CHAIN_ID, 0, BASE_FEE.add(TIP), 21_000, TO.toBytes(), BigInteger.TEN,
            new byte[0]);

        assertEquals(TransferExecutor.INCLUDED, execute(raw), executor.result()::error);

        assertEquals(0, executor.result().type());
        assertEquals(BigInteger.TEN, state.account(TO).balance());
        assertEquals(TIP.multiply(BigInteger.valueOf(21_000)), state.account(FEE_RECIPIENT).balance());
    }

    @Test
    void shouldRefuseWhatCannotBeIncludedAndChangeNothing()
    {
        assertRefusedAndUntouched(TransferExecutor.NONCE_GAP, transfer(1, BigInteger.ONE, 21_000, new byte[0]),
            "ahead");
        assertRefusedAndUntouched(TransferExecutor.INSUFFICIENT_FUNDS,
            transfer(0, ETHER.multiply(BigInteger.valueOf(11)), 21_000, new byte[0]), "balance");
        assertRefusedAndUntouched(TransferExecutor.INVALID, transfer(0, BigInteger.ONE, 20_999, new byte[0]),
            "intrinsic");
        assertRefusedAndUntouched(TransferExecutor.INVALID, signer.signDynamicFee(CHAIN_ID + 1, 0, TIP,
            BASE_FEE.multiply(BigInteger.TWO), 21_000, TO.toBytes(), BigInteger.ONE, new byte[0]), "chain id");
        assertRefusedAndUntouched(TransferExecutor.FEE_TOO_LOW, signer.signDynamicFee(CHAIN_ID, 0, BigInteger.ONE,
            BASE_FEE.subtract(BigInteger.ONE), 21_000, TO.toBytes(), BigInteger.ONE, new byte[0]), "base fee");
        assertRefusedAndUntouched(TransferExecutor.INVALID, signer.signDynamicFee(CHAIN_ID, 0, BASE_FEE.add(TIP),
            BASE_FEE, 21_000, TO.toBytes(), BigInteger.ONE, new byte[0]), "priority");
        assertRefusedAndUntouched(TransferExecutor.MALFORMED, new byte[] {2, (byte)0xc0}, "malformed");

        final byte[] raw = transfer(0, BigInteger.ONE, 21_000, new byte[0]);
        assertEquals(TransferExecutor.BLOCK_FULL,
            executor.tryExecute(new UnsafeBuffer(raw), 0, raw.length, BASE_FEE, FEE_RECIPIENT, 20_000, state));

        state.put(TO, new Account(1, BigInteger.ZERO, MerklePatriciaTrie.EMPTY_ROOT, new byte[32]));
        assertRefusedAndUntouched(TransferExecutor.UNSUPPORTED, raw, "contract");

        state.put(TO, Account.EMPTY);
        assertEquals(TransferExecutor.INCLUDED, execute(raw));
        assertRefusedAndUntouched(TransferExecutor.NONCE_USED, raw, "already used");
    }

    private static byte[] deposit(final Address from, final Address to, final BigInteger mint, final BigInteger value,
        final long gas)
    {
        final byte[] body = MerklePatriciaTrie.rlpList(
            MerklePatriciaTrie.rlpString(new byte[32]), MerklePatriciaTrie.rlpString(from.toBytes()),
            MerklePatriciaTrie.rlpString(to.toBytes()), TransactionSigner.uint(mint), TransactionSigner.uint(value),
            TransactionSigner.uint(BigInteger.valueOf(gas)), MerklePatriciaTrie.rlpString(new byte[0]),
            MerklePatriciaTrie.rlpString(new byte[0]));
        final byte[] raw = new byte[body.length + 1];
        raw[0] = 0x7E;
        System.arraycopy(body, 0, raw, 1, body.length);
        return raw;
    }

    @Test
    void shouldMintThenTransferADepositWithoutFees()
    {
        final Address depositor = Address.parse("0x00000000000000000000000000000000000000aa");

        assertEquals(TransferExecutor.INCLUDED, execute(deposit(depositor, TO, ETHER, BigInteger.TEN, 100_000)),
            executor.result()::error);

        assertTrue(executor.result().success());
        assertEquals(0, executor.result().depositNonce());
        assertEquals(21_000, executor.result().gasUsed());
        assertEquals(ETHER.subtract(BigInteger.TEN), state.account(depositor).balance());
        assertEquals(1, state.account(depositor).nonce());
        assertEquals(BigInteger.TEN, state.account(TO).balance());
        assertEquals(Account.EMPTY, state.account(FEE_RECIPIENT));
    }

    @Test
    void shouldIncludeAFailedDepositKeepingItsMintAndNonce()
    {
        final Address depositor = Address.parse("0x00000000000000000000000000000000000000aa");

        assertEquals(TransferExecutor.INCLUDED, execute(deposit(depositor, TO, BigInteger.ONE, BigInteger.TEN,
            50_000)));

        assertFalse(executor.result().success());
        assertTrue(executor.result().error().contains("exceeds the balance"), executor.result().error());
        assertEquals(50_000, executor.result().gasUsed(), "a failed deposit uses its whole gas limit");
        assertEquals(BigInteger.ONE, state.account(depositor).balance());
        assertEquals(1, state.account(depositor).nonce());
        assertEquals(Account.EMPTY, state.account(TO));
    }

    @Test
    void shouldRefuseDepositsOutsideOpStackChains()
    {
        executor = new TransferExecutor(ChainRules.ethereum(CHAIN_ID, true));

        assertRefusedAndUntouched(TransferExecutor.UNSUPPORTED,
            deposit(SENDER, TO, BigInteger.ONE, BigInteger.ONE, 50_000), "OP Stack");
    }
}
