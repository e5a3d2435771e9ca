package io.boostj.codecs.eth;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What the signer writes, the decoder reads and sender recovery attributes to the signing key: the well-known
 * development key (private key 0xac09…ff80, address 0xf39f…2266).
 */
class TransactionSignerTest
{
    private static final byte[] DEV_KEY = hex("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    private static final byte[] DEV_ADDRESS = hex("f39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    private static final byte[] TO = hex("70997970c51812dc3a010c7d01b50e0d17dc79c8");

    private static byte[] hex(final String digits)
    {
        final byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++)
        {
            out[i] = (byte)Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    private static byte[] recover(final TransactionDecoder tx)
    {
        final UnsafeBuffer sender = new UnsafeBuffer(new byte[20]);
        assertEquals(SenderRecovery.ADDRESS_LENGTH, new SenderRecovery().tryRecoverSender(tx, sender, 0));
        return sender.byteArray();
    }

    @Test
    void shouldDeriveTheWellKnownDevAddress()
    {
        assertArrayEquals(DEV_ADDRESS, new TransactionSigner(DEV_KEY).address());
    }

    @Test
    void shouldSignADynamicFeeTransferThatDecodesAndRecoversToTheSigner()
    {
        final byte[] raw = new TransactionSigner(DEV_KEY).signDynamicFee(901, 7, BigInteger.valueOf(1_000_000),
            BigInteger.valueOf(3_000_000_000L), 21_000, TO, new BigInteger("1000000000000000000"), new byte[0]);
        final TransactionDecoder tx = new TransactionDecoder();

        assertEquals(TransactionDecoder.OK, tx.tryWrap(new UnsafeBuffer(raw), 0, raw.length), tx::errorReason);
        assertEquals(TransactionDecoder.TYPE_DYNAMIC_FEE, tx.type());
        assertEquals(901, tx.chainId());
        assertEquals(7, tx.nonce());
        assertEquals(21_000, tx.gasLimit());
        assertArrayEquals(DEV_ADDRESS, recover(tx));
    }

    @Test
    void shouldSignAnEip155LegacyTransferThatRecoversToTheSigner()
    {
        final byte[] raw = new TransactionSigner(DEV_KEY).signLegacy(31337, 0, BigInteger.valueOf(2_000_000_000L),
            21_000, TO, BigInteger.ONE, new byte[] {1, 2, 3});
        final TransactionDecoder tx = new TransactionDecoder();

        assertEquals(TransactionDecoder.OK, tx.tryWrap(new UnsafeBuffer(raw), 0, raw.length), tx::errorReason);
        assertEquals(TransactionDecoder.TYPE_LEGACY, tx.type());
        assertEquals(31337, tx.chainId());
        assertArrayEquals(DEV_ADDRESS, recover(tx));
    }

    @Test
    void shouldRefuseKeysOutsideTheCurveOrder()
    {
        assertThrows(IllegalArgumentException.class, () -> new TransactionSigner(new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> new TransactionSigner(new byte[31]));
    }
}
