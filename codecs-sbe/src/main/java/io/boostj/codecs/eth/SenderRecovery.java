package io.boostj.codecs.eth;

import java.math.BigInteger;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * secp256k1 public-key recovery (ECDSA "ecrecover") of a transaction's sender: the 20-byte address
 * {@code keccak256(x || y)[12..32]} of the key that signed the transaction's signing hash.
 * <p>
 * {@link #tryRecoverSender(TransactionDecoder, MutableDirectBuffer, int)} handles legacy (with and without EIP-155) and
 * typed transactions and returns the {@code from} field of OP deposits, which are not signed.
 * {@link #tryRecoverAuthority} recovers the signer of an EIP-7702 authorization. Signatures are checked as the
 * execution clients check them: {@code 0 < r < n}, {@code 0 < s <= n / 2} (EIP-2), recovery id 0 or 1.
 * <p>
 * Uses BouncyCastle's curve arithmetic, which allocates: a recovery costs a few kilobytes of short-lived garbage and
 * some tens of microseconds. It is meant for tools and checks off the hot path, not for every transaction of every
 * block. Not thread safe.
 */
public final class SenderRecovery
{
    /**
     * Length of an address.
     */
    public static final int ADDRESS_LENGTH = 20;

    /**
     * Result: r or s is zero, not below the curve order, or s is above n / 2.
     */
    public static final int INVALID_SIGNATURE = -1;

    /**
     * Result: the recovery id is not 0 or 1.
     */
    public static final int INVALID_RECOVERY_ID = -2;

    /**
     * Result: r is not the x coordinate of a curve point, or the recovered key is the point at infinity.
     */
    public static final int NO_KEY = -3;

    /**
     * Result: the transaction is not decoded.
     */
    public static final int NOT_DECODED = -4;

    private static final X9ECParameters CURVE_PARAMS = CustomNamedCurves.getByName("secp256k1");
    private static final ECCurve CURVE = CURVE_PARAMS.getCurve();
    private static final ECPoint G = CURVE_PARAMS.getG();
    private static final BigInteger N = CURVE_PARAMS.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);

    private final Keccak256 keccak = new Keccak256();
    private final UnsafeBuffer hash = new UnsafeBuffer(new byte[32]);
    private final byte[] hashBytes = new byte[32];
    private final byte[] compressed = new byte[33];
    private final byte[] publicKey = new byte[64];
    private final TransactionDecoder.Authorization authorization = new TransactionDecoder.Authorization();

    /**
     * A short description of a result code.
     *
     * @param code a negative result of this class.
     * @return a constant description.
     */
    public static String describe(final int code)
    {
        switch (code)
        {
            case INVALID_SIGNATURE:
                return "invalid signature values (r, s out of range or s above n/2)";
            case INVALID_RECOVERY_ID:
                return "invalid recovery id";
            case NO_KEY:
                return "signature does not recover to a public key";
            case NOT_DECODED:
                return "transaction not decoded";
            default:
                return "recovery error " + code;
        }
    }

    /**
     * The sender of a decoded transaction.
     *
     * @param tx        a transaction on which {@link TransactionDecoder#tryWrap} returned OK.
     * @param dst       destination.
     * @param dstOffset where to write the 20-byte address.
     * @return {@link #ADDRESS_LENGTH}, or a negative code.
     */
    public int tryRecoverSender(final TransactionDecoder tx, final MutableDirectBuffer dst, final int dstOffset)
    {
        if (tx.type() < 0 || null == tx.buffer())
        {
            return NOT_DECODED;
        }
        if (tx.isDeposit())
        {
            dst.putBytes(dstOffset, tx.buffer(), tx.fromOffset(), ADDRESS_LENGTH);
            return ADDRESS_LENGTH;
        }
        tx.signingHash(keccak, hash, 0);
        return tryRecoverAddress(
            hash, 0, tx.buffer(), tx.rOffset(), tx.rLength(), tx.sOffset(), tx.sLength(), tx.yParity(), dst, dstOffset);
    }

    /**
     * The signer (authority) of an EIP-7702 authorization of a decoded set-code transaction.
     *
     * @param tx        a decoded type-4 transaction.
     * @param index     the authorization, 0 .. {@link TransactionDecoder#authorizationCount()} - 1.
     * @param dst       destination.
     * @param dstOffset where to write the 20-byte address.
     * @return {@link #ADDRESS_LENGTH}, or a negative code.
     */
    public int tryRecoverAuthority(
        final TransactionDecoder tx, final int index, final MutableDirectBuffer dst, final int dstOffset)
    {
        if (tx.authorization(index, authorization) != TransactionDecoder.OK)
        {
            return NOT_DECODED;
        }
        authorization.signingHash(keccak, hash, 0);
        return tryRecoverAddress(
            hash,
            0,
            authorization.buffer(),
            authorization.rOffset(),
            authorization.rLength(),
            authorization.sOffset(),
            authorization.sLength(),
            authorization.yParity(),
            dst,
            dstOffset);
    }

    /**
     * Recovers the address whose key produced signature {@code (r, s)} with recovery id {@code recoveryId} over a
     * 32-byte message hash.
     *
     * @param messageHash       buffer holding the 32-byte hash that was signed.
     * @param messageHashOffset index of its first byte.
     * @param signature         buffer holding r and s (big-endian, up to 32 bytes each).
     * @param rOffset           index of r.
     * @param rLength           length of r.
     * @param sOffset           index of s.
     * @param sLength           length of s.
     * @param recoveryId        0 or 1 (the y parity of the ephemeral point).
     * @param dst               destination.
     * @param dstOffset         where to write the 20-byte address.
     * @return {@link #ADDRESS_LENGTH}, or a negative code.
     */
    public int tryRecoverAddress(
        final DirectBuffer messageHash,
        final int messageHashOffset,
        final DirectBuffer signature,
        final int rOffset,
        final int rLength,
        final int sOffset,
        final int sLength,
        final int recoveryId,
        final MutableDirectBuffer dst,
        final int dstOffset)
    {
        if (recoveryId != 0 && recoveryId != 1)
        {
            return INVALID_RECOVERY_ID;
        }
        if (rLength > 32 || sLength > 32 || rLength < 0 || sLength < 0)
        {
            return INVALID_SIGNATURE;
        }
        final BigInteger r = unsigned(signature, rOffset, rLength);
        final BigInteger s = unsigned(signature, sOffset, sLength);
        if (r.signum() <= 0 || r.compareTo(N) >= 0 || s.signum() <= 0 || s.compareTo(HALF_N) > 0)
        {
            return INVALID_SIGNATURE;
        }

        java.util.Arrays.fill(compressed, (byte)0);
        compressed[0] = (byte)(0x02 | recoveryId);
        signature.getBytes(rOffset, compressed, 33 - rLength, rLength);
        final ECPoint point;
        try
        {
            point = CURVE.decodePoint(compressed);
        }
        catch (final IllegalArgumentException ex)
        {
            return NO_KEY;
        }

        messageHash.getBytes(messageHashOffset, hashBytes, 0, 32);
        final BigInteger e = new BigInteger(1, hashBytes);
        final BigInteger rInverse = r.modInverse(N);
        final BigInteger u1 = e.negate().mod(N).multiply(rInverse).mod(N);
        final BigInteger u2 = s.multiply(rInverse).mod(N);
        final ECPoint q = ECAlgorithms.sumOfTwoMultiplies(G, u1, point, u2).normalize();
        if (q.isInfinity())
        {
            return NO_KEY;
        }

        final byte[] x = q.getAffineXCoord().getEncoded();
        final byte[] y = q.getAffineYCoord().getEncoded();
        System.arraycopy(x, 0, publicKey, 0, 32);
        System.arraycopy(y, 0, publicKey, 32, 32);
        keccak.reset();
        keccak.update(publicKey, 0, 64);
        keccak.digest(hash, 0);
        dst.putBytes(dstOffset, hash, 12, ADDRESS_LENGTH);
        return ADDRESS_LENGTH;
    }

    private static BigInteger unsigned(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return new BigInteger(1, bytes);
    }
}
