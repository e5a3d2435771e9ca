package io.boostj.core.builder;

import io.boostj.codecs.eth.SenderRecovery;
import io.boostj.codecs.eth.TransactionDecoder;
import io.boostj.codecs.eth.TransactionSigner;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The sender cache answers what recovery answers, from memory the second time, forgets the least recently used, and
 * never remembers a failed recovery.
 */
class SenderCacheTest
{
    private final UnsafeBuffer sender = new UnsafeBuffer(new byte[20]);

    @Test
    void shouldAnswerWhatRecoveryAnswersAndFromMemoryTheSecondTime()
    {
        final SenderCache cache = new SenderCache(4);
        final TransactionDecoder tx = decode(transfer(1, 0));

        assertEquals(SenderRecovery.ADDRESS_LENGTH, cache.tryRecoverSender(tx, sender, 0));
        assertArrayEquals(DevAccounts.address(1).toBytes(), sender.byteArray());
        sender.setMemory(0, 20, (byte)0);
        assertEquals(SenderRecovery.ADDRESS_LENGTH, cache.tryRecoverSender(tx, sender, 0));

        assertArrayEquals(DevAccounts.address(1).toBytes(), sender.byteArray());
        assertEquals(1, cache.hits());
        assertEquals(1, cache.misses());
    }

    @Test
    void shouldForgetTheLeastRecentlyUsedBeyondItsCapacity()
    {
        final SenderCache cache = new SenderCache(2);
        final TransactionDecoder a = decode(transfer(1, 0));
        cache.tryRecoverSender(a, sender, 0);
        cache.tryRecoverSender(decode(transfer(2, 0)), sender, 0);
        cache.tryRecoverSender(decode(transfer(3, 0)), sender, 0);

        cache.tryRecoverSender(decode(transfer(1, 0)), sender, 0);

        assertEquals(0, cache.hits());
        assertEquals(4, cache.misses());
    }

    @Test
    void shouldNotRememberAFailedRecovery()
    {
        final SenderCache cache = new SenderCache(4);
        final byte[] raw = transfer(1, 0);
        java.util.Arrays.fill(raw, raw.length - 32, raw.length, (byte)0xFF);
        final TransactionDecoder tx = decode(raw);
        final int first = cache.tryRecoverSender(tx, sender, 0);
        final int second = cache.tryRecoverSender(tx, sender, 0);

        assertNotEquals(SenderRecovery.ADDRESS_LENGTH, first, "s above the curve order recovers nobody");
        assertEquals(first, second);
        assertEquals(0, cache.hits());
        assertEquals(2, cache.misses());
        assertThrows(IllegalArgumentException.class, () -> new SenderCache(-1));
    }

    private static byte[] transfer(final int account, final long nonce)
    {
        return new TransactionSigner(DevAccounts.privateKey(account)).signDynamicFee(DevAccounts.CHAIN_ID, nonce,
            BigInteger.ONE, BigInteger.valueOf(2_000_000_000L), 21_000, DevAccounts.address(0).toBytes(),
            BigInteger.TEN, new byte[0]);
    }

    private static TransactionDecoder decode(final byte[] raw)
    {
        final TransactionDecoder tx = new TransactionDecoder();
        assertEquals(TransactionDecoder.OK, tx.tryWrap(new UnsafeBuffer(raw), 0, raw.length), tx.errorReason());
        return tx;
    }
}
