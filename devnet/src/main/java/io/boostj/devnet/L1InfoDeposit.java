package io.boostj.devnet;

import io.boostj.codecs.eth.trie.MerklePatriciaTrie;
import io.boostj.codecs.hex.Hex;
import io.boostj.core.builder.Address;
import io.boostj.core.builder.DepositTransaction;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The L1-info deposit op-node puts first in every L2 block: a type 0x7e transaction from the depositor account
 * {@code 0xdead…0001} to the L1Block predeploy {@code 0x4200…0015} calling {@code setL1BlockValuesEcotone} with the
 * packed fields below (the calldata layout of Ecotone and later forks up to Holocene; 164 bytes):
 * <pre>
 *   0   selector 0x440a5e20        4   baseFeeScalar uint32     8   blobBaseFeeScalar uint32
 *  12   sequenceNumber uint64     20   l1 timestamp uint64     28   l1 number uint64
 *  36   l1 basefee uint256        68   l1 blobBaseFee uint256 100   l1 block hash bytes32
 * 132   batcherHash bytes32
 * </pre>
 * Its sourceHash is op-node's {@code keccak256(uint256(1) ‖ keccak256(l1BlockHash ‖ uint256(sequenceNumber)))}, so a
 * deposit is unique per (L1 origin, sequence number). A devnet has no L1: the origin's hash and timestamp are derived
 * from its number ({@link #l1BlockHash(long)}, {@link #l1Timestamp(long)}), so the same arguments always give the same
 * bytes. Immutable.
 */
public final class L1InfoDeposit
{
    /** {@code setL1BlockValuesEcotone()}. */
    public static final int ECOTONE_SELECTOR = 0x440a5e20;
    /** The depositor account that sends L1-info deposits. */
    public static final String DEPOSITOR = "0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001";
    /** The L1Block predeploy. */
    public static final String L1_BLOCK_PREDEPLOY = "0x4200000000000000000000000000000000000015";
    /** Gas op-node gives the deposit since Regolith. */
    public static final long GAS_LIMIT = 1_000_000;
    /** Length of the Ecotone calldata. */
    public static final int CALLDATA_LENGTH = 164;
    /** L1 block time of the devnet's imaginary L1, seconds. */
    public static final long L1_BLOCK_TIME_S = 12;
    /** Timestamp of the devnet's imaginary L1 block 0, seconds. */
    public static final long L1_GENESIS_TIMESTAMP_S = 1_700_000_000L;
    /** baseFeeScalar of the real deposit in {@link OpNodeDriver#L1_INFO_DEPOSIT_TX}. */
    public static final int BASE_FEE_SCALAR = 0x558;
    /** blobBaseFeeScalar of that deposit. */
    public static final int BLOB_BASE_FEE_SCALAR = 0xc5fc5;
    /** L1 basefee of that deposit, wei. */
    public static final BigInteger L1_BASE_FEE_WEI = BigInteger.valueOf(0xa9dd4beL);
    /** Batcher hash of that deposit (the batcher address, left-padded). */
    public static final String BATCHER_HASH = "0x000000000000000000000000aff0ca253b97e54440965855cec0a8a2e2399896";

    private static final long L1_INFO_DEPOSIT_SOURCE_DOMAIN = 1;

    private final long l1BlockNumber;
    private final long sequenceNumber;
    private final long l1TimestampS;
    private final byte[] l1BlockHash;
    private final byte[] raw;

    private L1InfoDeposit(
        final long l1BlockNumber, final long sequenceNumber, final long l1TimestampS, final byte[] l1BlockHash,
        final int baseFeeScalar, final int blobBaseFeeScalar, final BigInteger l1BaseFeeWei,
        final BigInteger l1BlobBaseFeeWei, final byte[] batcherHash)
    {
        this.l1BlockNumber = l1BlockNumber;
        this.sequenceNumber = sequenceNumber;
        this.l1TimestampS = l1TimestampS;
        this.l1BlockHash = l1BlockHash.clone();
        final byte[] calldata = calldata(sequenceNumber, l1TimestampS, l1BlockNumber, l1BlockHash, baseFeeScalar,
            blobBaseFeeScalar, l1BaseFeeWei, l1BlobBaseFeeWei, batcherHash);
        this.raw = DepositTransaction.encode(sourceHash(l1BlockHash, sequenceNumber), Address.parse(DEPOSITOR),
            Address.parse(L1_BLOCK_PREDEPLOY), BigInteger.ZERO, BigInteger.ZERO, GAS_LIMIT, calldata);
    }

    /**
     * The devnet's deposit for an L1 origin and a position in its epoch.
     *
     * @param l1BlockNumber  the L1 origin's number.
     * @param sequenceNumber the L2 block's position after the first block of that origin's epoch (0 for the first).
     * @return the deposit.
     */
    public static L1InfoDeposit of(final long l1BlockNumber, final long sequenceNumber)
    {
        return of(l1BlockNumber, sequenceNumber, l1Timestamp(l1BlockNumber), l1BlockHash(l1BlockNumber),
            BASE_FEE_SCALAR, BLOB_BASE_FEE_SCALAR, L1_BASE_FEE_WEI, BigInteger.ONE,
            Hex.fromHexString(BATCHER_HASH));
    }

    /**
     * A deposit with every field given (to reproduce a real one).
     *
     * @param l1BlockNumber     the L1 origin's number.
     * @param sequenceNumber    the position in the epoch.
     * @param l1TimestampS      the L1 origin's timestamp, seconds.
     * @param l1BlockHash       its 32-byte hash.
     * @param baseFeeScalar     the L1 fee's base fee scalar.
     * @param blobBaseFeeScalar its blob base fee scalar.
     * @param l1BaseFeeWei      the L1 origin's base fee.
     * @param l1BlobBaseFeeWei  its blob base fee.
     * @param batcherHash       the 32-byte batcher hash.
     * @return the deposit.
     */
    public static L1InfoDeposit of(
        final long l1BlockNumber, final long sequenceNumber, final long l1TimestampS, final byte[] l1BlockHash,
        final int baseFeeScalar, final int blobBaseFeeScalar, final BigInteger l1BaseFeeWei,
        final BigInteger l1BlobBaseFeeWei, final byte[] batcherHash)
    {
        if (l1BlockNumber < 0 || sequenceNumber < 0)
        {
            throw new IllegalArgumentException(
                "l1 block number and sequence number must be >= 0, got " + l1BlockNumber + ", " + sequenceNumber);
        }
        if (32 != l1BlockHash.length || 32 != batcherHash.length)
        {
            throw new IllegalArgumentException("l1 block hash and batcher hash must be 32 bytes");
        }
        return new L1InfoDeposit(l1BlockNumber, sequenceNumber, l1TimestampS, l1BlockHash, baseFeeScalar,
            blobBaseFeeScalar, l1BaseFeeWei, l1BlobBaseFeeWei, batcherHash);
    }

    /**
     * The deposit of the n-th L2 block (1-based) when every L1 origin spans {@code blocksPerEpoch} L2 blocks.
     *
     * @param l2BlockIndex   the L2 block, from 1.
     * @param blocksPerEpoch L2 blocks per L1 origin (6 for 2 s L2 blocks on 12 s L1 blocks).
     * @return its deposit.
     */
    public static L1InfoDeposit forL2Block(final long l2BlockIndex, final int blocksPerEpoch)
    {
        if (l2BlockIndex < 1 || blocksPerEpoch < 1)
        {
            throw new IllegalArgumentException(
                "l2 block index and blocks per epoch must be >= 1, got " + l2BlockIndex + ", " + blocksPerEpoch);
        }
        final long zeroBased = l2BlockIndex - 1;
        return of(zeroBased / blocksPerEpoch, zeroBased % blocksPerEpoch);
    }

    /**
     * @param l1BlockNumber a number of the devnet's imaginary L1.
     * @return its hash: {@code keccak256("boostj devnet l1 block " + n)}.
     */
    public static byte[] l1BlockHash(final long l1BlockNumber)
    {
        return MerklePatriciaTrie.keccak(("boostj devnet l1 block " + l1BlockNumber).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @param l1BlockNumber a number of the devnet's imaginary L1.
     * @return its timestamp, seconds.
     */
    public static long l1Timestamp(final long l1BlockNumber)
    {
        return L1_GENESIS_TIMESTAMP_S + L1_BLOCK_TIME_S * l1BlockNumber;
    }

    /**
     * @param l1BlockHash    the L1 origin's hash.
     * @param sequenceNumber the position in the epoch.
     * @return op-node's L1-info deposit source hash.
     */
    public static byte[] sourceHash(final byte[] l1BlockHash, final long sequenceNumber)
    {
        final byte[] depositId = MerklePatriciaTrie.keccak(ByteBuffer.allocate(64).put(l1BlockHash)
            .putLong(56, sequenceNumber).array());
        return MerklePatriciaTrie.keccak(ByteBuffer.allocate(64).putLong(24, L1_INFO_DEPOSIT_SOURCE_DOMAIN)
            .put(32, depositId).array());
    }

    private static byte[] calldata(
        final long sequenceNumber, final long l1TimestampS, final long l1BlockNumber, final byte[] l1BlockHash,
        final int baseFeeScalar, final int blobBaseFeeScalar, final BigInteger l1BaseFeeWei,
        final BigInteger l1BlobBaseFeeWei, final byte[] batcherHash)
    {
        return ByteBuffer.allocate(CALLDATA_LENGTH)
            .putInt(ECOTONE_SELECTOR)
            .putInt(baseFeeScalar)
            .putInt(blobBaseFeeScalar)
            .putLong(sequenceNumber)
            .putLong(l1TimestampS)
            .putLong(l1BlockNumber)
            .put(uint256(l1BaseFeeWei))
            .put(uint256(l1BlobBaseFeeWei))
            .put(l1BlockHash)
            .put(batcherHash)
            .array();
    }

    private static byte[] uint256(final BigInteger value)
    {
        final byte[] be = value.toByteArray();
        if (value.signum() < 0 || be.length > 33 || (33 == be.length && 0 != be[0]))
        {
            throw new IllegalArgumentException("not a uint256: " + value);
        }
        final byte[] out = new byte[32];
        final int n = Math.min(32, be.length);
        System.arraycopy(be, be.length - n, out, 32 - n, n);
        return out;
    }

    /** @return the L1 origin's number. */
    public long l1BlockNumber()
    {
        return l1BlockNumber;
    }

    /** @return the position in the epoch. */
    public long sequenceNumber()
    {
        return sequenceNumber;
    }

    /** @return the L1 origin's timestamp, seconds. */
    public long l1TimestampS()
    {
        return l1TimestampS;
    }

    /** @return the L1 origin's hash (a copy). */
    public byte[] l1BlockHash()
    {
        return l1BlockHash.clone();
    }

    /** @return the raw transaction (a copy): {@code 0x7e ‖ rlp([...])}. */
    public byte[] raw()
    {
        return raw.clone();
    }

    /** @return the raw transaction as 0x-prefixed hex, as payload attributes carry it. */
    public String hex()
    {
        return Hex.toHexString(raw);
    }

    @Override
    public String toString()
    {
        return "L1InfoDeposit{l1=" + l1BlockNumber + ", seq=" + sequenceNumber + "}";
    }
}
