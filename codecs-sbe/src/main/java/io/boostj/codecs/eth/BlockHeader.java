package io.boostj.codecs.eth;

import io.boostj.codecs.hex.Hex;
import io.boostj.codecs.rlp.Rlp;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A post-merge block header as a reusable flyweight: its fields live in one internal buffer ({@link #fields()}, at the
 * {@code *_OFFSET} indexes) so that a decoder can write them in place, and {@link #encode(MutableDirectBuffer, int)}
 * writes the RLP list the block hash is the Keccak-256 of.
 * <p>
 * The list holds the first {@link #fieldCount()} of: parentHash, ommersHash, beneficiary, stateRoot, transactionsRoot,
 * receiptsRoot, logsBloom, difficulty, number, gasLimit, gasUsed, timestamp, extraData, mixHash (prevRandao), nonce,
 * baseFeePerGas (16, Paris) | withdrawalsRoot (17, Shanghai) | blobGasUsed, excessBlobGas, parentBeaconBlockRoot (20,
 * Cancun) | requestsHash (21, Prague). After {@link #reset()} the ommers hash is {@code keccak256(rlp([]))} and
 * difficulty and nonce are zero, as for every proof-of-stake block. Difficulty and baseFeePerGas are 256-bit big-endian
 * values encoded without leading zeros. Allocation-free. Not thread safe.
 */
public final class BlockHeader
{
    /**
     * Fields of a Paris (London layout) header.
     */
    public static final int PARIS_FIELDS = 16;

    /**
     * Fields of a Shanghai header.
     */
    public static final int SHANGHAI_FIELDS = 17;

    /**
     * Fields of a Cancun header.
     */
    public static final int CANCUN_FIELDS = 20;

    /**
     * Fields of a Prague header.
     */
    public static final int PRAGUE_FIELDS = 21;

    /**
     * {@code keccak256(rlp([]))}, the ommers hash of every post-merge block.
     */
    public static final String EMPTY_OMMERS_HASH_HEX =
        "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347";

    /**
     * Longest extraData accepted (L1 allows 32 bytes; OP Holocene and Jovian use 9 and 17).
     */
    public static final int MAX_EXTRA_DATA_LENGTH = 1024;

    /**
     * Index of parentHash (32 bytes) in {@link #fields()}.
     */
    public static final int PARENT_HASH_OFFSET = 0;

    /**
     * Index of ommersHash (32 bytes).
     */
    public static final int OMMERS_HASH_OFFSET = 32;

    /**
     * Index of beneficiary / feeRecipient (20 bytes).
     */
    public static final int BENEFICIARY_OFFSET = 64;

    /**
     * Index of stateRoot (32 bytes).
     */
    public static final int STATE_ROOT_OFFSET = 84;

    /**
     * Index of transactionsRoot (32 bytes).
     */
    public static final int TRANSACTIONS_ROOT_OFFSET = 116;

    /**
     * Index of receiptsRoot (32 bytes).
     */
    public static final int RECEIPTS_ROOT_OFFSET = 148;

    /**
     * Index of logsBloom (256 bytes).
     */
    public static final int LOGS_BLOOM_OFFSET = 180;

    /**
     * Index of difficulty (32 bytes, big-endian).
     */
    public static final int DIFFICULTY_OFFSET = 436;

    /**
     * Index of mixHash / prevRandao (32 bytes).
     */
    public static final int MIX_HASH_OFFSET = 468;

    /**
     * Index of nonce (8 bytes).
     */
    public static final int NONCE_OFFSET = 500;

    /**
     * Index of baseFeePerGas (32 bytes, big-endian).
     */
    public static final int BASE_FEE_OFFSET = 508;

    /**
     * Index of withdrawalsRoot (32 bytes).
     */
    public static final int WITHDRAWALS_ROOT_OFFSET = 540;

    /**
     * Index of parentBeaconBlockRoot (32 bytes).
     */
    public static final int PARENT_BEACON_BLOCK_ROOT_OFFSET = 572;

    /**
     * Index of requestsHash (32 bytes).
     */
    public static final int REQUESTS_HASH_OFFSET = 604;

    /**
     * Index of extraData ({@link #MAX_EXTRA_DATA_LENGTH} bytes of room).
     */
    public static final int EXTRA_DATA_OFFSET = 636;

    /**
     * Size of {@link #fields()}.
     */
    public static final int FIELDS_LENGTH = EXTRA_DATA_OFFSET + MAX_EXTRA_DATA_LENGTH;

    private static final int HASH_LENGTH = 32;
    private static final int BLOOM_LENGTH = 256;
    private static final byte[] EMPTY_OMMERS_HASH = Hex.fromHexString(EMPTY_OMMERS_HASH_HEX);

    private final UnsafeBuffer fields = new UnsafeBuffer(new byte[FIELDS_LENGTH]);
    private final UnsafeBuffer encoded = new UnsafeBuffer(new byte[FIELDS_LENGTH + 256]);
    private int fieldCount;
    private int extraDataLength;
    private long number;
    private long gasLimit;
    private long gasUsed;
    private long timestamp;
    private long blobGasUsed;
    private long excessBlobGas;

    /**
     * A Paris header of zeros with the empty ommers hash.
     */
    public BlockHeader()
    {
        reset();
    }

    /**
     * Zeroes every field, sets the empty ommers hash and the Paris layout.
     *
     * @return this for a fluent API.
     */
    public BlockHeader reset()
    {
        fields.setMemory(0, EXTRA_DATA_OFFSET, (byte)0);
        fields.putBytes(OMMERS_HASH_OFFSET, EMPTY_OMMERS_HASH);
        fieldCount = PARIS_FIELDS;
        extraDataLength = 0;
        number = 0;
        gasLimit = 0;
        gasUsed = 0;
        timestamp = 0;
        blobGasUsed = 0;
        excessBlobGas = 0;
        return this;
    }

    /**
     * The fixed-size fields, for writing in place at the {@code *_OFFSET} indexes.
     *
     * @return the buffer of {@link #FIELDS_LENGTH} bytes.
     */
    public MutableDirectBuffer fields()
    {
        return fields;
    }

    /**
     * Sets the layout.
     *
     * @param fieldCount {@link #PARIS_FIELDS}, {@link #SHANGHAI_FIELDS}, {@link #CANCUN_FIELDS} or
     *                   {@link #PRAGUE_FIELDS}.
     * @return this for a fluent API.
     * @throws IllegalArgumentException for another count.
     */
    public BlockHeader fieldCount(final int fieldCount)
    {
        if (fieldCount != PARIS_FIELDS && fieldCount != SHANGHAI_FIELDS && fieldCount != CANCUN_FIELDS &&
            fieldCount != PRAGUE_FIELDS)
        {
            throw new IllegalArgumentException("unsupported header field count " + fieldCount);
        }
        this.fieldCount = fieldCount;
        return this;
    }

    /**
     * The layout.
     *
     * @return the number of fields of the RLP list.
     */
    public int fieldCount()
    {
        return fieldCount;
    }

    /**
     * Copies a 32-byte (or 20-byte for {@link #BENEFICIARY_OFFSET}) field in.
     *
     * @param fieldOffset one of the {@code *_OFFSET} constants of a fixed-size field.
     * @param src         the bytes.
     * @param srcOffset   index of the first byte.
     * @param length      the field's length.
     * @return this for a fluent API.
     */
    public BlockHeader put(final int fieldOffset, final DirectBuffer src, final int srcOffset, final int length)
    {
        fields.putBytes(fieldOffset, src, srcOffset, length);
        return this;
    }

    /**
     * Sets a 256-bit field (difficulty or baseFeePerGas) from an unsigned 64-bit value.
     *
     * @param fieldOffset {@link #DIFFICULTY_OFFSET} or {@link #BASE_FEE_OFFSET}.
     * @param value       the value, read as unsigned.
     * @return this for a fluent API.
     */
    public BlockHeader putUint256(final int fieldOffset, final long value)
    {
        fields.setMemory(fieldOffset, HASH_LENGTH - 8, (byte)0);
        fields.putLong(fieldOffset + HASH_LENGTH - 8, value, java.nio.ByteOrder.BIG_ENDIAN);
        return this;
    }

    /**
     * Sets the block number.
     *
     * @param number the number (unsigned).
     * @return this for a fluent API.
     */
    public BlockHeader number(final long number)
    {
        this.number = number;
        return this;
    }

    /**
     * Sets the gas limit.
     *
     * @param gasLimit the limit (unsigned).
     * @return this for a fluent API.
     */
    public BlockHeader gasLimit(final long gasLimit)
    {
        this.gasLimit = gasLimit;
        return this;
    }

    /**
     * Sets the gas used.
     *
     * @param gasUsed the gas (unsigned).
     * @return this for a fluent API.
     */
    public BlockHeader gasUsed(final long gasUsed)
    {
        this.gasUsed = gasUsed;
        return this;
    }

    /**
     * Sets the timestamp.
     *
     * @param timestampSeconds seconds since the epoch (unsigned).
     * @return this for a fluent API.
     */
    public BlockHeader timestamp(final long timestampSeconds)
    {
        this.timestamp = timestampSeconds;
        return this;
    }

    /**
     * Sets blobGasUsed (Cancun and later; the DA footprint on OP Jovian).
     *
     * @param blobGasUsed the value (unsigned).
     * @return this for a fluent API.
     */
    public BlockHeader blobGasUsed(final long blobGasUsed)
    {
        this.blobGasUsed = blobGasUsed;
        return this;
    }

    /**
     * Sets excessBlobGas (Cancun and later).
     *
     * @param excessBlobGas the value (unsigned).
     * @return this for a fluent API.
     */
    public BlockHeader excessBlobGas(final long excessBlobGas)
    {
        this.excessBlobGas = excessBlobGas;
        return this;
    }

    /**
     * Sets the length of extraData, whose bytes the caller wrote at {@link #EXTRA_DATA_OFFSET}.
     *
     * @param length number of bytes.
     * @return this for a fluent API.
     * @throws IllegalArgumentException if longer than {@link #MAX_EXTRA_DATA_LENGTH}.
     */
    public BlockHeader extraDataLength(final int length)
    {
        if (length < 0 || length > MAX_EXTRA_DATA_LENGTH)
        {
            throw new IllegalArgumentException("extraData length " + length);
        }
        this.extraDataLength = length;
        return this;
    }

    /**
     * The block number.
     *
     * @return the number.
     */
    public long number()
    {
        return number;
    }

    /**
     * The timestamp.
     *
     * @return seconds since the epoch.
     */
    public long timestamp()
    {
        return timestamp;
    }

    /**
     * Length of the RLP encoding.
     *
     * @return bytes of {@link #encode(MutableDirectBuffer, int)}.
     */
    public int encodedLength()
    {
        return Rlp.listLength(payloadLength());
    }

    /**
     * Writes the RLP encoding of the header.
     *
     * @param dst    destination, with room for {@link #encodedLength()} bytes.
     * @param offset where to write.
     * @return bytes written.
     */
    public int encode(final MutableDirectBuffer dst, final int offset)
    {
        int p = offset;
        p += Rlp.putListHeader(dst, p, payloadLength());
        p += putHash(dst, p, PARENT_HASH_OFFSET);
        p += putHash(dst, p, OMMERS_HASH_OFFSET);
        p += Rlp.putStringHeader(dst, p, 20);
        dst.putBytes(p, fields, BENEFICIARY_OFFSET, 20);
        p += 20;
        p += putHash(dst, p, STATE_ROOT_OFFSET);
        p += putHash(dst, p, TRANSACTIONS_ROOT_OFFSET);
        p += putHash(dst, p, RECEIPTS_ROOT_OFFSET);
        p += Rlp.putStringHeader(dst, p, BLOOM_LENGTH);
        dst.putBytes(p, fields, LOGS_BLOOM_OFFSET, BLOOM_LENGTH);
        p += BLOOM_LENGTH;
        p += putUint256(dst, p, DIFFICULTY_OFFSET);
        p += Rlp.putUint64(dst, p, number);
        p += Rlp.putUint64(dst, p, gasLimit);
        p += Rlp.putUint64(dst, p, gasUsed);
        p += Rlp.putUint64(dst, p, timestamp);
        p += Rlp.putBytes(dst, p, fields, EXTRA_DATA_OFFSET, extraDataLength);
        p += putHash(dst, p, MIX_HASH_OFFSET);
        p += Rlp.putStringHeader(dst, p, 8);
        dst.putBytes(p, fields, NONCE_OFFSET, 8);
        p += 8;
        p += putUint256(dst, p, BASE_FEE_OFFSET);
        if (fieldCount >= SHANGHAI_FIELDS)
        {
            p += putHash(dst, p, WITHDRAWALS_ROOT_OFFSET);
        }
        if (fieldCount >= CANCUN_FIELDS)
        {
            p += Rlp.putUint64(dst, p, blobGasUsed);
            p += Rlp.putUint64(dst, p, excessBlobGas);
            p += putHash(dst, p, PARENT_BEACON_BLOCK_ROOT_OFFSET);
        }
        if (fieldCount >= PRAGUE_FIELDS)
        {
            p += putHash(dst, p, REQUESTS_HASH_OFFSET);
        }
        return p - offset;
    }

    /**
     * The block hash: Keccak-256 of the RLP encoding.
     *
     * @param keccak    hasher to use (reset by this call).
     * @param dst       destination.
     * @param dstOffset where to write the 32 bytes.
     */
    public void hash(final Keccak256 keccak, final MutableDirectBuffer dst, final int dstOffset)
    {
        final int length = encode(encoded, 0);
        keccak.hash(encoded, 0, length, dst, dstOffset);
    }

    private int payloadLength()
    {
        // parentHash, ommersHash, stateRoot, transactionsRoot, receiptsRoot, mixHash; beneficiary; logsBloom; nonce
        int length = 6 * (1 + HASH_LENGTH) + 1 + 20 + 3 + BLOOM_LENGTH + 1 + 8;
        length += uint256Length(DIFFICULTY_OFFSET) + uint256Length(BASE_FEE_OFFSET);
        length += Rlp.uint64Length(number) + Rlp.uint64Length(gasLimit) + Rlp.uint64Length(gasUsed) +
            Rlp.uint64Length(timestamp);
        length += Rlp.bytesLength(fields, EXTRA_DATA_OFFSET, extraDataLength);
        if (fieldCount >= SHANGHAI_FIELDS)
        {
            length += 1 + HASH_LENGTH;
        }
        if (fieldCount >= CANCUN_FIELDS)
        {
            length += Rlp.uint64Length(blobGasUsed) + Rlp.uint64Length(excessBlobGas) + 1 + HASH_LENGTH;
        }
        if (fieldCount >= PRAGUE_FIELDS)
        {
            length += 1 + HASH_LENGTH;
        }
        return length;
    }

    private int putHash(final MutableDirectBuffer dst, final int offset, final int fieldOffset)
    {
        dst.putByte(offset, (byte)(0x80 + HASH_LENGTH));
        dst.putBytes(offset + 1, fields, fieldOffset, HASH_LENGTH);
        return 1 + HASH_LENGTH;
    }

    private int uint256Length(final int fieldOffset)
    {
        int first = fieldOffset;
        final int end = fieldOffset + HASH_LENGTH;
        while (first < end && fields.getByte(first) == 0)
        {
            first++;
        }
        return Rlp.bytesLength(fields, first, end - first);
    }

    private int putUint256(final MutableDirectBuffer dst, final int offset, final int fieldOffset)
    {
        int first = fieldOffset;
        final int end = fieldOffset + HASH_LENGTH;
        while (first < end && fields.getByte(first) == 0)
        {
            first++;
        }
        return Rlp.putBytes(dst, offset, fields, first, end - first);
    }
}
