package io.boostj.codecs.eth;

import io.boostj.codecs.rlp.Rlp;
import io.boostj.codecs.rlp.RlpReader;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Flyweight over the raw bytes of a transaction as it appears in a block (the {@code transactions} strings of an
 * execution payload): legacy (with or without EIP-155), EIP-2930 (0x01), EIP-1559 (0x02), EIP-4844 (0x03, canonical
 * form without the blob sidecar), EIP-7702 (0x04) and OP Stack deposits (0x7e).
 * <p>
 * {@link #tryWrap(DirectBuffer, int, int)} validates the whole envelope strictly (canonical RLP, exact field count, no
 * trailing bytes, 20-byte addresses, integers without leading zeros, access list / blob hash / authorization list
 * shapes) and records where each field is; nothing is copied. 256-bit fields (value, fees, r, s, mint) are exposed as
 * spans of minimal big-endian bytes ({@code *Offset()} / {@code *Length()}, absolute indexes into {@link #buffer()}),
 * 64-bit ones as {@code long}. Errors are negative return codes with a constant {@link #errorReason()} and the name of
 * the offending field ({@link #errorField()}); nothing throws on bad input and nothing allocates.
 * <p>
 * Not thread safe.
 */
public final class TransactionDecoder
{
    /**
     * Legacy transaction (RLP list, no type byte).
     */
    public static final int TYPE_LEGACY = 0;

    /**
     * EIP-2930 access-list transaction.
     */
    public static final int TYPE_ACCESS_LIST = 1;

    /**
     * EIP-1559 dynamic-fee transaction.
     */
    public static final int TYPE_DYNAMIC_FEE = 2;

    /**
     * EIP-4844 blob transaction.
     */
    public static final int TYPE_BLOB = 3;

    /**
     * EIP-7702 set-code transaction.
     */
    public static final int TYPE_SET_CODE = 4;

    /**
     * OP Stack deposit transaction.
     */
    public static final int TYPE_DEPOSIT = 0x7E;

    /**
     * {@link #tryWrap} result: decoded.
     */
    public static final int OK = 0;

    /**
     * {@link #tryWrap} result: no bytes.
     */
    public static final int EMPTY = -1;

    /**
     * {@link #tryWrap} result: a type byte this decoder does not know.
     */
    public static final int UNKNOWN_TYPE = -2;

    /**
     * {@link #tryWrap} result: the RLP ends early or an item runs past its list.
     */
    public static final int TRUNCATED = -3;

    /**
     * {@link #tryWrap} result: non-canonical RLP or a malformed field (wrong kind, length or integer encoding).
     */
    public static final int BAD_FIELD = -4;

    /**
     * {@link #tryWrap} result: the transaction list has too few or too many fields.
     */
    public static final int FIELD_COUNT = -5;

    /**
     * {@link #tryWrap} result: bytes after the transaction.
     */
    public static final int TRAILING_BYTES = -6;

    /**
     * {@link #tryWrap} result: a blob transaction in its network form (with blobs, commitments and proofs), which
     * never appears in a block.
     */
    public static final int NETWORK_FORM = -7;

    /**
     * Result of {@link #signingHash} for a deposit, which is not signed.
     */
    public static final int NOT_SIGNED = -8;

    private static final int ADDRESS_LENGTH = 20;
    private static final int HASH_LENGTH = 32;

    private final RlpReader rlp = new RlpReader();
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[32]);

    private DirectBuffer buffer;
    private int offset;
    private int length;
    private int type;
    private String errorReason;
    private String errorField;

    private long chainId;
    private boolean hasChainId;
    private long nonce;
    private long gasLimit;
    private long v;
    private int yParity;
    private boolean systemTx;
    private int gasPriceOffset;
    private int gasPriceLength;
    private int maxPriorityFeeOffset;
    private int maxPriorityFeeLength;
    private int maxFeeOffset;
    private int maxFeeLength;
    private int maxFeePerBlobGasOffset;
    private int maxFeePerBlobGasLength;
    private int toOffset;
    private int toLength;
    private int valueOffset;
    private int valueLength;
    private int dataOffset;
    private int dataLength;
    private int accessListOffset;
    private int accessListLength;
    private int accessListCount;
    private int blobHashesOffset;
    private int blobHashCount;
    private int authorizationListOffset;
    private int authorizationListLength;
    private int authorizationCount;
    private int sourceHashOffset;
    private int fromOffset;
    private int mintOffset;
    private int mintLength;
    private int rOffset;
    private int rLength;
    private int sOffset;
    private int sLength;
    private int signingStart;
    private int signingEnd;

    private long itemLong;
    private int itemOffset;
    private int itemLength;
    private int itemCount;

    /**
     * Decodes a raw transaction.
     *
     * @param buffer the bytes.
     * @param offset index of the first byte (the type byte, or the list header of a legacy transaction).
     * @param length number of bytes of the transaction.
     * @return {@link #OK} or a negative code; {@link #errorReason()} and {@link #errorField()} then say what is wrong.
     */
    public int tryWrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        clear();
        rlp.wrap(buffer);
        if (length <= 0)
        {
            return fail(EMPTY, "empty transaction", "envelope");
        }

        final int first = buffer.getByte(offset) & 0xFF;
        if (first >= 0xC0)
        {
            type = TYPE_LEGACY;
            return decodeLegacy();
        }
        type = first;
        switch (first)
        {
            case TYPE_ACCESS_LIST:
            case TYPE_DYNAMIC_FEE:
            case TYPE_BLOB:
            case TYPE_SET_CODE:
                return decodeTyped();

            case TYPE_DEPOSIT:
                return decodeDeposit();

            default:
                return fail(UNKNOWN_TYPE, "unknown transaction type", "type");
        }
    }

    /**
     * The wrapped buffer.
     *
     * @return the buffer.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Index of the transaction's first byte.
     *
     * @return the offset given to {@link #tryWrap}.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * Length of the transaction.
     *
     * @return bytes.
     */
    public int length()
    {
        return length;
    }

    /**
     * Why the last {@link #tryWrap} failed.
     *
     * @return a constant description, or null after success.
     */
    public String errorReason()
    {
        return errorReason;
    }

    /**
     * Which field the last {@link #tryWrap} failed on.
     *
     * @return a constant field name, or null after success.
     */
    public String errorField()
    {
        return errorField;
    }

    /**
     * The transaction type.
     *
     * @return one of the {@code TYPE_*} constants.
     */
    public int type()
    {
        return type;
    }

    /**
     * Is this an OP deposit?
     *
     * @return true for type 0x7e.
     */
    public boolean isDeposit()
    {
        return type == TYPE_DEPOSIT;
    }

    /**
     * Does the transaction commit to a chain id (typed, or legacy with EIP-155)?
     *
     * @return true if {@link #chainId()} is meaningful.
     */
    public boolean hasChainId()
    {
        return hasChainId;
    }

    /**
     * The chain id (typed transactions: the field; EIP-155 legacy: {@code (v - 35) / 2}).
     *
     * @return the chain id, 0 when {@link #hasChainId()} is false.
     */
    public long chainId()
    {
        return chainId;
    }

    /**
     * The sender's nonce (0 for deposits, which have none).
     *
     * @return the nonce.
     */
    public long nonce()
    {
        return nonce;
    }

    /**
     * The gas limit.
     *
     * @return gas.
     */
    public long gasLimit()
    {
        return gasLimit;
    }

    /**
     * Index of gasPrice (legacy, 0x01), minimal big-endian.
     *
     * @return the index, -1 for other types.
     */
    public int gasPriceOffset()
    {
        return gasPriceOffset;
    }

    /**
     * Length of gasPrice.
     *
     * @return bytes (0 means zero).
     */
    public int gasPriceLength()
    {
        return gasPriceLength;
    }

    /**
     * Index of maxPriorityFeePerGas (0x02, 0x03, 0x04).
     *
     * @return the index, -1 for other types.
     */
    public int maxPriorityFeePerGasOffset()
    {
        return maxPriorityFeeOffset;
    }

    /**
     * Length of maxPriorityFeePerGas.
     *
     * @return bytes.
     */
    public int maxPriorityFeePerGasLength()
    {
        return maxPriorityFeeLength;
    }

    /**
     * Index of maxFeePerGas (0x02, 0x03, 0x04).
     *
     * @return the index, -1 for other types.
     */
    public int maxFeePerGasOffset()
    {
        return maxFeeOffset;
    }

    /**
     * Length of maxFeePerGas.
     *
     * @return bytes.
     */
    public int maxFeePerGasLength()
    {
        return maxFeeLength;
    }

    /**
     * Index of maxFeePerBlobGas (0x03).
     *
     * @return the index, -1 for other types.
     */
    public int maxFeePerBlobGasOffset()
    {
        return maxFeePerBlobGasOffset;
    }

    /**
     * Length of maxFeePerBlobGas.
     *
     * @return bytes.
     */
    public int maxFeePerBlobGasLength()
    {
        return maxFeePerBlobGasLength;
    }

    /**
     * Does the transaction have a recipient (false for contract creation)?
     *
     * @return true if {@link #toOffset()} points at 20 bytes.
     */
    public boolean hasTo()
    {
        return toLength == ADDRESS_LENGTH;
    }

    /**
     * Index of the 20-byte recipient.
     *
     * @return the index, -1 for a contract creation.
     */
    public int toOffset()
    {
        return hasTo() ? toOffset : -1;
    }

    /**
     * Index of the value transferred (wei), minimal big-endian.
     *
     * @return the index.
     */
    public int valueOffset()
    {
        return valueOffset;
    }

    /**
     * Length of the value.
     *
     * @return bytes (0 means zero).
     */
    public int valueLength()
    {
        return valueLength;
    }

    /**
     * Index of the call data / init code.
     *
     * @return the index.
     */
    public int dataOffset()
    {
        return dataOffset;
    }

    /**
     * Length of the call data.
     *
     * @return bytes.
     */
    public int dataLength()
    {
        return dataLength;
    }

    /**
     * Index of the access list's RLP payload (its entries, without the list header).
     *
     * @return the index, -1 for legacy and deposits.
     */
    public int accessListOffset()
    {
        return accessListOffset;
    }

    /**
     * Length of the access list's RLP payload.
     *
     * @return bytes.
     */
    public int accessListLength()
    {
        return accessListLength;
    }

    /**
     * Number of access list entries (addresses).
     *
     * @return the count.
     */
    public int accessListCount()
    {
        return accessListCount;
    }

    /**
     * Number of blob versioned hashes (0x03).
     *
     * @return the count.
     */
    public int blobHashCount()
    {
        return blobHashCount;
    }

    /**
     * Index of a 32-byte blob versioned hash.
     *
     * @param i 0 .. {@link #blobHashCount()} - 1.
     * @return the index.
     * @throws IndexOutOfBoundsException for a bad {@code i}.
     */
    public int blobHashOffset(final int i)
    {
        if (i < 0 || i >= blobHashCount)
        {
            throw new IndexOutOfBoundsException("blob hash " + i + " of " + blobHashCount);
        }
        return blobHashesOffset + i * (1 + HASH_LENGTH) + 1;
    }

    /**
     * Index of the authorization list's RLP payload (0x04).
     *
     * @return the index, -1 for other types.
     */
    public int authorizationListOffset()
    {
        return authorizationListOffset;
    }

    /**
     * Length of the authorization list's RLP payload.
     *
     * @return bytes.
     */
    public int authorizationListLength()
    {
        return authorizationListLength;
    }

    /**
     * Number of EIP-7702 authorizations.
     *
     * @return the count.
     */
    public int authorizationCount()
    {
        return authorizationCount;
    }

    /**
     * Index of a deposit's 32-byte sourceHash.
     *
     * @return the index, -1 if not a deposit.
     */
    public int sourceHashOffset()
    {
        return sourceHashOffset;
    }

    /**
     * Index of a deposit's 20-byte from address.
     *
     * @return the index, -1 if not a deposit.
     */
    public int fromOffset()
    {
        return fromOffset;
    }

    /**
     * Index of a deposit's mint (wei minted on L2), minimal big-endian.
     *
     * @return the index, -1 if not a deposit.
     */
    public int mintOffset()
    {
        return mintOffset;
    }

    /**
     * Length of a deposit's mint.
     *
     * @return bytes.
     */
    public int mintLength()
    {
        return mintLength;
    }

    /**
     * A deposit's isSystemTx flag.
     *
     * @return the flag, false for other types.
     */
    public boolean isSystemTx()
    {
        return systemTx;
    }

    /**
     * The raw {@code v} of a legacy transaction (27/28, or {@code chainId * 2 + 35/36}); the y parity for typed ones.
     *
     * @return v.
     */
    public long v()
    {
        return v;
    }

    /**
     * The signature's y parity (recovery id).
     *
     * @return 0 or 1; 0 for deposits.
     */
    public int yParity()
    {
        return yParity;
    }

    /**
     * Index of the signature's r, minimal big-endian.
     *
     * @return the index, -1 for deposits.
     */
    public int rOffset()
    {
        return rOffset;
    }

    /**
     * Length of r.
     *
     * @return bytes.
     */
    public int rLength()
    {
        return rLength;
    }

    /**
     * Index of the signature's s, minimal big-endian.
     *
     * @return the index, -1 for deposits.
     */
    public int sOffset()
    {
        return sOffset;
    }

    /**
     * Length of s.
     *
     * @return bytes.
     */
    public int sLength()
    {
        return sLength;
    }

    /**
     * The transaction hash: Keccak-256 of the raw bytes (typed envelope including the type byte, or the legacy RLP).
     *
     * @param keccak    hasher (reset by this call).
     * @param dst       destination.
     * @param dstOffset where to write the 32 bytes.
     */
    public void transactionHash(final Keccak256 keccak, final MutableDirectBuffer dst, final int dstOffset)
    {
        keccak.hash(buffer, offset, length, dst, dstOffset);
    }

    /**
     * The hash the sender signed: {@code keccak256(type || rlp([fields without the signature]))} for typed
     * transactions, {@code keccak256(rlp([nonce, gasPrice, gas, to, value, data, chainId, 0, 0]))} for EIP-155 legacy
     * ones and {@code keccak256(rlp([nonce, gasPrice, gas, to, value, data]))} before EIP-155.
     *
     * @param keccak    hasher (reset by this call).
     * @param dst       destination.
     * @param dstOffset where to write the 32 bytes.
     * @return {@link #OK}, or {@link #NOT_SIGNED} for a deposit.
     */
    public int signingHash(final Keccak256 keccak, final MutableDirectBuffer dst, final int dstOffset)
    {
        if (type == TYPE_DEPOSIT)
        {
            return NOT_SIGNED;
        }
        keccak.reset();
        final int fieldsLength = signingEnd - signingStart;
        if (type == TYPE_LEGACY)
        {
            final int suffixLength = hasChainId ? Rlp.uint64Length(chainId) + 2 : 0;
            final int headerLength = Rlp.putListHeader(scratch, 0, fieldsLength + suffixLength);
            keccak.update(scratch, 0, headerLength);
            keccak.update(buffer, signingStart, fieldsLength);
            if (hasChainId)
            {
                int p = Rlp.putUint64(scratch, 0, chainId);
                scratch.putByte(p++, Rlp.EMPTY_STRING);
                scratch.putByte(p++, Rlp.EMPTY_STRING);
                keccak.update(scratch, 0, p);
            }
        }
        else
        {
            scratch.putByte(0, (byte)type);
            final int headerLength = Rlp.putListHeader(scratch, 1, fieldsLength);
            keccak.update(scratch, 0, 1 + headerLength);
            keccak.update(buffer, signingStart, fieldsLength);
        }
        keccak.digest(dst, dstOffset);
        return OK;
    }

    /**
     * Decodes one EIP-7702 authorization tuple {@code [chainId, address, nonce, yParity, r, s]} into {@code auth}.
     *
     * @param i    0 .. {@link #authorizationCount()} - 1.
     * @param auth where the tuple's fields go.
     * @return {@link #OK}, or a negative code if {@code i} is out of range.
     */
    public int authorization(final int i, final Authorization auth)
    {
        if (i < 0 || i >= authorizationCount)
        {
            return FIELD_COUNT;
        }
        final int end = authorizationListOffset + authorizationListLength;
        int p = authorizationListOffset;
        for (int k = 0; k < i; k++)
        {
            p = rlp.tryReadList(p, end);
        }
        final int tupleEnd = rlp.tryReadList(p, end);
        int q = rlp.payloadOffset();
        auth.buffer = buffer;
        auth.signingStart = q;
        q = rlp.tryReadString(q, tupleEnd);
        auth.chainId = rlp.payloadLength() <= 8 ? rlp.uint64() : -1;
        q = rlp.tryReadString(q, tupleEnd);
        auth.addressOffset = rlp.payloadOffset();
        q = rlp.tryReadString(q, tupleEnd);
        auth.nonce = rlp.uint64();
        auth.signingEnd = q;
        q = rlp.tryReadString(q, tupleEnd);
        auth.yParity = (int)rlp.uint64();
        q = rlp.tryReadString(q, tupleEnd);
        auth.rOffset = rlp.payloadOffset();
        auth.rLength = rlp.payloadLength();
        rlp.tryReadString(q, tupleEnd);
        auth.sOffset = rlp.payloadOffset();
        auth.sLength = rlp.payloadLength();
        return OK;
    }

    /**
     * One EIP-7702 authorization, filled by {@link TransactionDecoder#authorization(int, Authorization)}; its
     * signer (the authority) is recovered by {@link SenderRecovery#tryRecoverAuthority}.
     */
    public static final class Authorization
    {
        private DirectBuffer buffer;
        private long chainId;
        private int addressOffset;
        private long nonce;
        private int yParity;
        private int rOffset;
        private int rLength;
        private int sOffset;
        private int sLength;
        private int signingStart;
        private int signingEnd;
        private final UnsafeBuffer header = new UnsafeBuffer(new byte[8]);

        /**
         * The buffer the offsets refer to.
         *
         * @return the transaction's buffer.
         */
        public DirectBuffer buffer()
        {
            return buffer;
        }

        /**
         * Chain id the authorization is valid on (0: any).
         *
         * @return the chain id, or -1 if it does not fit 64 bits.
         */
        public long chainId()
        {
            return chainId;
        }

        /**
         * Index of the 20-byte address whose code is delegated to.
         *
         * @return the index.
         */
        public int addressOffset()
        {
            return addressOffset;
        }

        /**
         * The authority's nonce.
         *
         * @return the nonce.
         */
        public long nonce()
        {
            return nonce;
        }

        /**
         * The signature's y parity.
         *
         * @return 0 or 1.
         */
        public int yParity()
        {
            return yParity;
        }

        /**
         * Index of r.
         *
         * @return the index.
         */
        public int rOffset()
        {
            return rOffset;
        }

        /**
         * Length of r.
         *
         * @return bytes.
         */
        public int rLength()
        {
            return rLength;
        }

        /**
         * Index of s.
         *
         * @return the index.
         */
        public int sOffset()
        {
            return sOffset;
        }

        /**
         * Length of s.
         *
         * @return bytes.
         */
        public int sLength()
        {
            return sLength;
        }

        /**
         * The hash the authority signed: {@code keccak256(0x05 || rlp([chainId, address, nonce]))}.
         *
         * @param keccak    hasher (reset by this call).
         * @param dst       destination.
         * @param dstOffset where to write the 32 bytes.
         */
        public void signingHash(final Keccak256 keccak, final MutableDirectBuffer dst, final int dstOffset)
        {
            keccak.reset();
            keccak.update((byte)0x05);
            final int fieldsLength = signingEnd - signingStart;
            final int headerLength = Rlp.putListHeader(header, 0, fieldsLength);
            keccak.update(header, 0, headerLength);
            keccak.update(buffer, signingStart, fieldsLength);
            keccak.digest(dst, dstOffset);
        }
    }

    private void clear()
    {
        type = -1;
        errorReason = null;
        errorField = null;
        chainId = 0;
        hasChainId = false;
        nonce = 0;
        gasLimit = 0;
        v = 0;
        yParity = 0;
        systemTx = false;
        gasPriceOffset = -1;
        gasPriceLength = 0;
        maxPriorityFeeOffset = -1;
        maxPriorityFeeLength = 0;
        maxFeeOffset = -1;
        maxFeeLength = 0;
        maxFeePerBlobGasOffset = -1;
        maxFeePerBlobGasLength = 0;
        toOffset = -1;
        toLength = 0;
        valueOffset = -1;
        valueLength = 0;
        dataOffset = -1;
        dataLength = 0;
        accessListOffset = -1;
        accessListLength = 0;
        accessListCount = 0;
        blobHashesOffset = -1;
        blobHashCount = 0;
        authorizationListOffset = -1;
        authorizationListLength = 0;
        authorizationCount = 0;
        sourceHashOffset = -1;
        fromOffset = -1;
        mintOffset = -1;
        mintLength = 0;
        rOffset = -1;
        rLength = 0;
        sOffset = -1;
        sLength = 0;
        signingStart = 0;
        signingEnd = 0;
    }

    private int decodeLegacy()
    {
        final int end = offset + length;
        final int listEnd = rlp.tryReadList(offset, end);
        if (listEnd < 0)
        {
            return rlpFail(listEnd, "envelope");
        }
        if (listEnd != end)
        {
            return fail(TRAILING_BYTES, "bytes after the transaction", "envelope");
        }
        int p = rlp.payloadOffset();
        signingStart = p;
        if ((p = uint64(p, listEnd, "nonce")) < 0)
        {
            return p;
        }
        nonce = itemLong;
        if ((p = uint256(p, listEnd, "gasPrice")) < 0)
        {
            return p;
        }
        gasPriceOffset = itemOffset;
        gasPriceLength = itemLength;
        if ((p = uint64(p, listEnd, "gas")) < 0)
        {
            return p;
        }
        gasLimit = itemLong;
        if ((p = to(p, listEnd, true)) < 0)
        {
            return p;
        }
        if ((p = uint256(p, listEnd, "value")) < 0)
        {
            return p;
        }
        valueOffset = itemOffset;
        valueLength = itemLength;
        if ((p = bytes(p, listEnd, "data")) < 0)
        {
            return p;
        }
        dataOffset = itemOffset;
        dataLength = itemLength;
        signingEnd = p;
        if ((p = uint64(p, listEnd, "v")) < 0)
        {
            return p;
        }
        v = itemLong;
        if (v == 27 || v == 28)
        {
            yParity = (int)(v - 27);
        }
        else if (v >= 35)
        {
            hasChainId = true;
            chainId = (v - 35) >>> 1;
            yParity = (int)((v - 35) & 1);
        }
        else
        {
            return fail(BAD_FIELD, "legacy v must be 27, 28 or chainId * 2 + 35/36", "v");
        }
        if ((p = signatureRs(p, listEnd)) < 0)
        {
            return p;
        }
        return p == listEnd ? OK : fail(FIELD_COUNT, "too many fields", "envelope");
    }

    private int decodeTyped()
    {
        final int end = offset + length;
        final int listEnd = rlp.tryReadList(offset + 1, end);
        if (listEnd < 0)
        {
            return rlpFail(listEnd, "envelope");
        }
        if (listEnd != end)
        {
            return fail(TRAILING_BYTES, "bytes after the transaction", "envelope");
        }
        int p = rlp.payloadOffset();
        signingStart = p;
        if (type == TYPE_BLOB && p < listEnd && (buffer.getByte(p) & 0xFF) >= 0xC0)
        {
            return fail(NETWORK_FORM, "blob transaction in network form (with sidecar)", "envelope");
        }
        if ((p = uint64(p, listEnd, "chainId")) < 0)
        {
            return p;
        }
        chainId = itemLong;
        hasChainId = true;
        if ((p = uint64(p, listEnd, "nonce")) < 0)
        {
            return p;
        }
        nonce = itemLong;
        if (type == TYPE_ACCESS_LIST)
        {
            if ((p = uint256(p, listEnd, "gasPrice")) < 0)
            {
                return p;
            }
            gasPriceOffset = itemOffset;
            gasPriceLength = itemLength;
        }
        else
        {
            if ((p = uint256(p, listEnd, "maxPriorityFeePerGas")) < 0)
            {
                return p;
            }
            maxPriorityFeeOffset = itemOffset;
            maxPriorityFeeLength = itemLength;
            if ((p = uint256(p, listEnd, "maxFeePerGas")) < 0)
            {
                return p;
            }
            maxFeeOffset = itemOffset;
            maxFeeLength = itemLength;
        }
        if ((p = uint64(p, listEnd, "gas")) < 0)
        {
            return p;
        }
        gasLimit = itemLong;
        if ((p = to(p, listEnd, type != TYPE_BLOB && type != TYPE_SET_CODE)) < 0)
        {
            return p;
        }
        if ((p = uint256(p, listEnd, "value")) < 0)
        {
            return p;
        }
        valueOffset = itemOffset;
        valueLength = itemLength;
        if ((p = bytes(p, listEnd, "data")) < 0)
        {
            return p;
        }
        dataOffset = itemOffset;
        dataLength = itemLength;
        if ((p = accessList(p, listEnd)) < 0)
        {
            return p;
        }
        if (type == TYPE_BLOB)
        {
            if ((p = uint256(p, listEnd, "maxFeePerBlobGas")) < 0)
            {
                return p;
            }
            maxFeePerBlobGasOffset = itemOffset;
            maxFeePerBlobGasLength = itemLength;
            if ((p = blobHashes(p, listEnd)) < 0)
            {
                return p;
            }
        }
        else if (type == TYPE_SET_CODE)
        {
            if ((p = authorizationList(p, listEnd)) < 0)
            {
                return p;
            }
        }
        signingEnd = p;
        if ((p = uint64(p, listEnd, "yParity")) < 0)
        {
            return p;
        }
        if (itemLong != 0 && itemLong != 1)
        {
            return fail(BAD_FIELD, "yParity must be 0 or 1", "yParity");
        }
        yParity = (int)itemLong;
        v = itemLong;
        if ((p = signatureRs(p, listEnd)) < 0)
        {
            return p;
        }
        return p == listEnd ? OK : fail(FIELD_COUNT, "too many fields", "envelope");
    }

    private int decodeDeposit()
    {
        final int end = offset + length;
        final int listEnd = rlp.tryReadList(offset + 1, end);
        if (listEnd < 0)
        {
            return rlpFail(listEnd, "envelope");
        }
        if (listEnd != end)
        {
            return fail(TRAILING_BYTES, "bytes after the transaction", "envelope");
        }
        int p = rlp.payloadOffset();
        if ((p = fixed(p, listEnd, HASH_LENGTH, "sourceHash")) < 0)
        {
            return p;
        }
        sourceHashOffset = itemOffset;
        if ((p = fixed(p, listEnd, ADDRESS_LENGTH, "from")) < 0)
        {
            return p;
        }
        fromOffset = itemOffset;
        if ((p = to(p, listEnd, true)) < 0)
        {
            return p;
        }
        if ((p = uint256(p, listEnd, "mint")) < 0)
        {
            return p;
        }
        mintOffset = itemOffset;
        mintLength = itemLength;
        if ((p = uint256(p, listEnd, "value")) < 0)
        {
            return p;
        }
        valueOffset = itemOffset;
        valueLength = itemLength;
        if ((p = uint64(p, listEnd, "gas")) < 0)
        {
            return p;
        }
        gasLimit = itemLong;
        if ((p = uint64(p, listEnd, "isSystemTx")) < 0)
        {
            return p;
        }
        if (itemLong != 0 && itemLong != 1)
        {
            return fail(BAD_FIELD, "isSystemTx must be a boolean", "isSystemTx");
        }
        systemTx = itemLong == 1;
        if ((p = bytes(p, listEnd, "data")) < 0)
        {
            return p;
        }
        dataOffset = itemOffset;
        dataLength = itemLength;
        return p == listEnd ? OK : fail(FIELD_COUNT, "too many fields", "envelope");
    }

    private int signatureRs(final int pos, final int end)
    {
        int p = pos;
        if ((p = uint256(p, end, "r")) < 0)
        {
            return p;
        }
        rOffset = itemOffset;
        rLength = itemLength;
        if ((p = uint256(p, end, "s")) < 0)
        {
            return p;
        }
        sOffset = itemOffset;
        sLength = itemLength;
        return p;
    }

    private int to(final int pos, final int end, final boolean mayBeEmpty)
    {
        if (pos >= end)
        {
            return fail(FIELD_COUNT, "missing field", "to");
        }
        final int next = rlp.tryReadString(pos, end);
        if (next < 0)
        {
            return rlpFail(next, "to");
        }
        final int len = rlp.payloadLength();
        if (len != ADDRESS_LENGTH && !(len == 0 && mayBeEmpty))
        {
            return fail(BAD_FIELD, "recipient must be 20 bytes", "to");
        }
        toOffset = rlp.payloadOffset();
        toLength = len;
        return next;
    }

    private int fixed(final int pos, final int end, final int expectedLength, final String field)
    {
        if (pos >= end)
        {
            return fail(FIELD_COUNT, "missing field", field);
        }
        final int next = rlp.tryReadString(pos, end);
        if (next < 0)
        {
            return rlpFail(next, field);
        }
        if (rlp.payloadLength() != expectedLength)
        {
            return fail(BAD_FIELD, "field has the wrong length", field);
        }
        itemOffset = rlp.payloadOffset();
        itemLength = expectedLength;
        return next;
    }

    private int bytes(final int pos, final int end, final String field)
    {
        if (pos >= end)
        {
            return fail(FIELD_COUNT, "missing field", field);
        }
        final int next = rlp.tryReadString(pos, end);
        if (next < 0)
        {
            return rlpFail(next, field);
        }
        itemOffset = rlp.payloadOffset();
        itemLength = rlp.payloadLength();
        return next;
    }

    private int uint64(final int pos, final int end, final String field)
    {
        if (pos >= end)
        {
            return fail(FIELD_COUNT, "missing field", field);
        }
        final int next = rlp.tryReadString(pos, end);
        if (next < 0)
        {
            return rlpFail(next, field);
        }
        final int check = rlp.checkUnsigned(8);
        if (check < 0)
        {
            return rlpFail(check, field);
        }
        itemLong = rlp.uint64();
        if (itemLong < 0)
        {
            return fail(BAD_FIELD, "integer does not fit 63 bits", field);
        }
        return next;
    }

    private int uint256(final int pos, final int end, final String field)
    {
        if (pos >= end)
        {
            return fail(FIELD_COUNT, "missing field", field);
        }
        final int next = rlp.tryReadString(pos, end);
        if (next < 0)
        {
            return rlpFail(next, field);
        }
        final int check = rlp.checkUnsigned(32);
        if (check < 0)
        {
            return rlpFail(check, field);
        }
        itemOffset = rlp.payloadOffset();
        itemLength = rlp.payloadLength();
        return next;
    }

    private int accessList(final int pos, final int end)
    {
        final int listEnd = rlp.tryReadList(pos, end);
        if (listEnd < 0)
        {
            return rlpFail(listEnd, "accessList");
        }
        accessListOffset = rlp.payloadOffset();
        accessListLength = rlp.payloadLength();
        int p = accessListOffset;
        int count = 0;
        while (p < listEnd)
        {
            final int entryEnd = rlp.tryReadList(p, listEnd);
            if (entryEnd < 0)
            {
                return rlpFail(entryEnd, "accessList");
            }
            int q = rlp.payloadOffset();
            if ((q = fixed(q, entryEnd, ADDRESS_LENGTH, "accessList")) < 0)
            {
                return q;
            }
            final int keysEnd = rlp.tryReadList(q, entryEnd);
            if (keysEnd < 0)
            {
                return rlpFail(keysEnd, "accessList");
            }
            if (keysEnd != entryEnd)
            {
                return fail(FIELD_COUNT, "access list entry must be [address, storageKeys]", "accessList");
            }
            int k = rlp.payloadOffset();
            while (k < keysEnd)
            {
                if ((k = fixed(k, keysEnd, HASH_LENGTH, "accessList")) < 0)
                {
                    return k;
                }
            }
            count++;
            p = entryEnd;
        }
        accessListCount = count;
        return listEnd;
    }

    private int blobHashes(final int pos, final int end)
    {
        final int listEnd = rlp.tryReadList(pos, end);
        if (listEnd < 0)
        {
            return rlpFail(listEnd, "blobVersionedHashes");
        }
        blobHashesOffset = rlp.payloadOffset();
        int p = blobHashesOffset;
        int count = 0;
        while (p < listEnd)
        {
            if ((p = fixed(p, listEnd, HASH_LENGTH, "blobVersionedHashes")) < 0)
            {
                return p;
            }
            count++;
        }
        blobHashCount = count;
        return listEnd;
    }

    private int authorizationList(final int pos, final int end)
    {
        final int listEnd = rlp.tryReadList(pos, end);
        if (listEnd < 0)
        {
            return rlpFail(listEnd, "authorizationList");
        }
        authorizationListOffset = rlp.payloadOffset();
        authorizationListLength = rlp.payloadLength();
        int p = authorizationListOffset;
        int count = 0;
        while (p < listEnd)
        {
            final int tupleEnd = rlp.tryReadList(p, listEnd);
            if (tupleEnd < 0)
            {
                return rlpFail(tupleEnd, "authorizationList");
            }
            int q = rlp.payloadOffset();
            if ((q = uint256(q, tupleEnd, "authorizationList")) < 0 ||
                (q = fixed(q, tupleEnd, ADDRESS_LENGTH, "authorizationList")) < 0 ||
                (q = uint64(q, tupleEnd, "authorizationList")) < 0 ||
                (q = uint64(q, tupleEnd, "authorizationList")) < 0)
            {
                return q;
            }
            if (itemLong > 1)
            {
                return fail(BAD_FIELD, "authorization yParity must be 0 or 1", "authorizationList");
            }
            if ((q = uint256(q, tupleEnd, "authorizationList")) < 0 ||
                (q = uint256(q, tupleEnd, "authorizationList")) < 0)
            {
                return q;
            }
            if (q != tupleEnd)
            {
                return fail(FIELD_COUNT, "authorization must have 6 fields", "authorizationList");
            }
            count++;
            p = tupleEnd;
        }
        authorizationCount = count;
        return listEnd;
    }

    private int rlpFail(final int rlpCode, final String field)
    {
        if (rlpCode == RlpReader.TRUNCATED)
        {
            return fail(TRUNCATED, "truncated RLP", field);
        }
        return fail(BAD_FIELD, RlpReader.describe(rlpCode), field);
    }

    private int fail(final int code, final String reason, final String field)
    {
        errorReason = reason;
        errorField = field;
        return code;
    }
}
