package io.boostj.devnet;

import io.boostj.codecs.eth.TransactionDecoder;
import io.boostj.codecs.hex.Hex;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class L1InfoDepositTest
{
    private static final byte[] REAL = Hex.fromHexString(OpNodeDriver.L1_INFO_DEPOSIT_TX);

    @Test
    void shouldReproduceTheRealDepositByteForByteFromItsValues()
    {
        final TransactionDecoder real = decode(REAL);
        final byte[] data = slice(REAL, real.dataOffset(), real.dataLength());
        final L1InfoDeposit ours = L1InfoDeposit.of(0xd, 1, 0x68e8f688L, Arrays.copyOfRange(data, 100, 132),
            0x558, 0xc5fc5, BigInteger.valueOf(0xa9dd4beL), BigInteger.ONE, Arrays.copyOfRange(data, 132, 164));

        assertEquals(OpNodeDriver.L1_INFO_DEPOSIT_TX, ours.hex());
    }

    @Test
    void shouldDecodeToTheFieldsOpNodePuts()
    {
        final L1InfoDeposit deposit = L1InfoDeposit.of(7, 3);
        final byte[] raw = deposit.raw();
        final TransactionDecoder tx = decode(raw);

        assertTrue(tx.isDeposit());
        assertArrayEquals(L1InfoDeposit.sourceHash(L1InfoDeposit.l1BlockHash(7), 3), slice(raw, tx.sourceHashOffset(), 32));
        assertEquals(L1InfoDeposit.DEPOSITOR, Hex.toHexString(slice(raw, tx.fromOffset(), 20)));
        assertEquals(L1InfoDeposit.L1_BLOCK_PREDEPLOY, Hex.toHexString(slice(raw, tx.toOffset(), 20)));
        assertEquals(0, tx.mintLength());
        assertEquals(0, tx.valueLength());
        assertEquals(L1InfoDeposit.GAS_LIMIT, tx.gasLimit());
        assertFalse(tx.isSystemTx());

        final byte[] data = slice(raw, tx.dataOffset(), tx.dataLength());
        assertEquals(L1InfoDeposit.CALLDATA_LENGTH, data.length);
        assertEquals("0x440a5e20", Hex.toHexString(Arrays.copyOfRange(data, 0, 4)));
        assertEquals(3, new BigInteger(1, Arrays.copyOfRange(data, 12, 20)).longValue());
        assertEquals(L1InfoDeposit.l1Timestamp(7), new BigInteger(1, Arrays.copyOfRange(data, 20, 28)).longValue());
        assertEquals(7, new BigInteger(1, Arrays.copyOfRange(data, 28, 36)).longValue());
        assertArrayEquals(L1InfoDeposit.l1BlockHash(7), Arrays.copyOfRange(data, 100, 132));
    }

    @Test
    void shouldComputeTheRealDepositsSourceHash()
    {
        final TransactionDecoder real = decode(REAL);
        final byte[] data = slice(REAL, real.dataOffset(), real.dataLength());

        assertArrayEquals(slice(REAL, real.sourceHashOffset(), 32),
            L1InfoDeposit.sourceHash(Arrays.copyOfRange(data, 100, 132), 1));
    }

    @Test
    void shouldBeDeterministicAndUniquePerBlock()
    {
        assertEquals(L1InfoDeposit.of(2, 5).hex(), L1InfoDeposit.of(2, 5).hex());
        final Set<String> seen = new HashSet<>();
        for (int block = 1; block <= 30; block++)
        {
            assertTrue(seen.add(L1InfoDeposit.forL2Block(block, 6).hex()), "duplicate deposit for block " + block);
        }
        assertEquals(L1InfoDeposit.of(0, 0).hex(), L1InfoDeposit.forL2Block(1, 6).hex());
        assertEquals(L1InfoDeposit.of(1, 0).hex(), L1InfoDeposit.forL2Block(7, 6).hex());
        assertNotEquals(L1InfoDeposit.of(0, 1).hex(), L1InfoDeposit.of(1, 0).hex());
    }

    @Test
    void shouldRefuseImpossibleArguments()
    {
        assertThrows(IllegalArgumentException.class, () -> L1InfoDeposit.of(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> L1InfoDeposit.forL2Block(0, 6));
        assertThrows(IllegalArgumentException.class, () -> L1InfoDeposit.forL2Block(1, 0));
        assertThrows(IllegalArgumentException.class, () -> L1InfoDeposit.of(0, 0, 0, new byte[31], 0, 0,
            BigInteger.ZERO, BigInteger.ZERO, new byte[32]));
    }

    private static TransactionDecoder decode(final byte[] raw)
    {
        final TransactionDecoder tx = new TransactionDecoder();
        assertEquals(TransactionDecoder.OK, tx.tryWrap(new UnsafeBuffer(raw), 0, raw.length), tx.errorReason());
        return tx;
    }

    private static byte[] slice(final byte[] raw, final int offset, final int length)
    {
        return Arrays.copyOfRange(raw, offset, offset + length);
    }
}
