package io.boostj.codecs.eth;

import io.boostj.codecs.eth.trie.MerklePatriciaTrie;
import org.agrona.concurrent.UnsafeBuffer;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;

/**
 * Signs value transfers with a secp256k1 key (RFC 6979 deterministic nonces, low s as EIP-2 requires) and returns the
 * raw transaction bytes {@code eth_sendRawTransaction} takes: EIP-1559 (type 2) and EIP-155 legacy. For wallets of the
 * devnet's transaction generator and for tests; {@link TransactionDecoder} and {@link SenderRecovery} read what it
 * writes. Allocates; not for a hot path. Thread safe.
 */
public final class TransactionSigner
{
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE.getCurve(), CURVE.getG(),
        CURVE.getN(), CURVE.getH());
    private static final BigInteger HALF_N = CURVE.getN().shiftRight(1);

    private final BigInteger privateKey;
    private final byte[] address;

    /**
     * @param privateKey the 32-byte secret key.
     * @throws IllegalArgumentException if it is not a valid secp256k1 key.
     */
    public TransactionSigner(final byte[] privateKey)
    {
        if (32 != privateKey.length)
        {
            throw new IllegalArgumentException("a secp256k1 private key is 32 bytes, got " + privateKey.length);
        }
        this.privateKey = new BigInteger(1, privateKey);
        if (this.privateKey.signum() == 0 || this.privateKey.compareTo(CURVE.getN()) >= 0)
        {
            throw new IllegalArgumentException("private key out of range");
        }
        final ECPoint publicKey = CURVE.getG().multiply(this.privateKey).normalize();
        final byte[] uncompressed = publicKey.getEncoded(false);
        final byte[] hash = MerklePatriciaTrie.keccak(java.util.Arrays.copyOfRange(uncompressed, 1, 65));
        address = java.util.Arrays.copyOfRange(hash, 12, 32);
    }

    /**
     * @return the 20-byte address of the key (a fresh array).
     */
    public byte[] address()
    {
        return address.clone();
    }

    /**
     * An EIP-1559 transfer.
     *
     * @param chainId              chain id.
     * @param nonce                sender nonce.
     * @param maxPriorityFeePerGas tip cap, wei.
     * @param maxFeePerGas         fee cap, wei.
     * @param gasLimit             gas limit.
     * @param to                   20-byte recipient.
     * @param value                wei.
     * @param data                 call data (may be empty).
     * @return the raw transaction: {@code 0x02 || rlp([...fields, yParity, r, s])}.
     */
    public byte[] signDynamicFee(
        final long chainId, final long nonce, final BigInteger maxPriorityFeePerGas, final BigInteger maxFeePerGas,
        final long gasLimit, final byte[] to, final BigInteger value, final byte[] data)
    {
        final byte[][] fields = {
            uint(BigInteger.valueOf(chainId)), uint(BigInteger.valueOf(nonce)), uint(maxPriorityFeePerGas),
            uint(maxFeePerGas), uint(BigInteger.valueOf(gasLimit)), MerklePatriciaTrie.rlpString(to), uint(value),
            MerklePatriciaTrie.rlpString(data), MerklePatriciaTrie.rlpList()};
        final byte[] unsigned = typed(TransactionDecoder.TYPE_DYNAMIC_FEE, MerklePatriciaTrie.rlpList(fields));
        final BigInteger[] rs = sign(MerklePatriciaTrie.keccak(unsigned));
        final byte[][] signed = java.util.Arrays.copyOf(fields, fields.length + 3);
        signed[fields.length] = uint(rs[2]);
        signed[fields.length + 1] = uint(rs[0]);
        signed[fields.length + 2] = uint(rs[1]);
        return typed(TransactionDecoder.TYPE_DYNAMIC_FEE, MerklePatriciaTrie.rlpList(signed));
    }

    /**
     * An EIP-155 legacy transfer.
     *
     * @param chainId  chain id.
     * @param nonce    sender nonce.
     * @param gasPrice wei per gas.
     * @param gasLimit gas limit.
     * @param to       20-byte recipient.
     * @param value    wei.
     * @param data     call data (may be empty).
     * @return the raw transaction: {@code rlp([nonce, gasPrice, gas, to, value, data, v, r, s])}.
     */
    public byte[] signLegacy(
        final long chainId, final long nonce, final BigInteger gasPrice, final long gasLimit, final byte[] to,
        final BigInteger value, final byte[] data)
    {
        final byte[][] fields = {
            uint(BigInteger.valueOf(nonce)), uint(gasPrice), uint(BigInteger.valueOf(gasLimit)),
            MerklePatriciaTrie.rlpString(to), uint(value), MerklePatriciaTrie.rlpString(data)};
        final byte[][] forSigning = java.util.Arrays.copyOf(fields, fields.length + 3);
        forSigning[fields.length] = uint(BigInteger.valueOf(chainId));
        forSigning[fields.length + 1] = uint(BigInteger.ZERO);
        forSigning[fields.length + 2] = uint(BigInteger.ZERO);
        final BigInteger[] rs = sign(MerklePatriciaTrie.keccak(MerklePatriciaTrie.rlpList(forSigning)));
        final byte[][] signed = java.util.Arrays.copyOf(fields, fields.length + 3);
        signed[fields.length] = uint(BigInteger.valueOf(chainId).shiftLeft(1).add(BigInteger.valueOf(35))
            .add(rs[2]));
        signed[fields.length + 1] = uint(rs[0]);
        signed[fields.length + 2] = uint(rs[1]);
        return MerklePatriciaTrie.rlpList(signed);
    }

    /**
     * @return {r, s, recoveryId}.
     */
    private BigInteger[] sign(final byte[] hash)
    {
        final ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(privateKey, DOMAIN));
        final BigInteger[] sig = signer.generateSignature(hash);
        final BigInteger r = sig[0];
        final BigInteger s = sig[1].compareTo(HALF_N) > 0 ? CURVE.getN().subtract(sig[1]) : sig[1];
        final SenderRecovery recovery = new SenderRecovery();
        final UnsafeBuffer signature = new UnsafeBuffer(new byte[64]);
        signature.putBytes(0, fixed32(r));
        signature.putBytes(32, fixed32(s));
        final UnsafeBuffer recovered = new UnsafeBuffer(new byte[20]);
        for (int id = 0; id < 2; id++)
        {
            if (SenderRecovery.ADDRESS_LENGTH == recovery.tryRecoverAddress(new UnsafeBuffer(hash), 0, signature, 0,
                32, 32, 32, id, recovered, 0) && java.util.Arrays.equals(address, recovered.byteArray()))
            {
                return new BigInteger[] {r, s, BigInteger.valueOf(id)};
            }
        }
        throw new IllegalStateException("signature does not recover to the signing key");
    }

    private static byte[] typed(final int type, final byte[] rlp)
    {
        final byte[] out = new byte[rlp.length + 1];
        out[0] = (byte)type;
        System.arraycopy(rlp, 0, out, 1, rlp.length);
        return out;
    }

    private static byte[] fixed32(final BigInteger value)
    {
        final byte[] be = value.toByteArray();
        final byte[] out = new byte[32];
        final int n = Math.min(32, be.length);
        System.arraycopy(be, be.length - n, out, 32 - n, n);
        return out;
    }

    /**
     * @param value a non-negative integer.
     * @return its RLP encoding (big-endian, no leading zeros; zero is the empty string).
     */
    public static byte[] uint(final BigInteger value)
    {
        if (value.signum() < 0)
        {
            throw new IllegalArgumentException("negative: " + value);
        }
        if (value.signum() == 0)
        {
            return MerklePatriciaTrie.rlpString(new byte[0]);
        }
        final byte[] be = value.toByteArray();
        return MerklePatriciaTrie.rlpString(be[0] == 0 ? java.util.Arrays.copyOfRange(be, 1, be.length) : be);
    }
}
