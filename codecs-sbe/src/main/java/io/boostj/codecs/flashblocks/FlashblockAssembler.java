package io.boostj.codecs.flashblocks;

import java.util.Arrays;

import io.boostj.codecs.hex.Hex;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Accumulates the flashblocks of one payload and writes the {@code engine_getPayload} envelope they add up to, as
 * rollup-boost's {@code FlashblockBuilder} does (reference §3.2, §3.4).
 * <p>
 * <b>Extend rules</b> ({@link #tryAppend(FlashblockView)}): all flashblocks share one payload id (the first one's,
 * or the one given to {@link #reset(long)}); the index must equal the number already accepted (so gaps and duplicates
 * are refused and the state is kept, waiting for the right index); index 0 must carry {@code base}, later ones must
 * not. Each accepted message is copied into a reusable, growing store, so the caller may reuse its receive buffer.
 * <p>
 * <b>Reconstruction</b> ({@link #tryWriteEnvelope(int, PayloadEnvelopeVersion, MutableDirectBuffer, int)}), for any
 * prefix 0..k of the accepted flashblocks:
 * <pre>
 * executionPayload: parentHash, feeRecipient, prevRandao, blockNumber, gasLimit, timestamp, extraData, baseFeePerGas
 *                   from flashblock 0's base; stateRoot, receiptsRoot, logsBloom, gasUsed, blockHash (and
 *                   withdrawalsRoot for V4/V5) from flashblock k's diff; transactions and withdrawals concatenated in
 *                   index order; blobGasUsed = k's blob_gas_used or 0x0; excessBlobGas 0x0
 * envelope:         blockValue 0x0, empty blobsBundle, shouldOverrideBuilder false, parentBeaconBlockRoot from base,
 *                   executionRequests [] (V4/V5)
 * </pre>
 * Snake_case becomes camelCase, quantities are re-emitted minimal, DATA is lower-cased; the output is compact. After a
 * write the {@code executionPayload} span and the summary fields (block number, hash, state root, gas used, tx
 * count, parent beacon block root) describe that envelope, for an L2 {@code newPayload} and for the decision log.
 * <p>
 * Allocation-free in steady state: the store and index tables grow to the largest payload seen and are reused after
 * {@link #reset()}. Not thread safe.
 */
public final class FlashblockAssembler
{
    /**
     * Accepted, or written.
     */
    public static final int OK = 0;

    /**
     * The index is not the next one expected: a gap or a duplicate (rollup-boost {@code InvalidIndex}).
     */
    public static final int INVALID_INDEX = -1;

    /**
     * Index 0 without {@code base} (rollup-boost {@code MissingBasePayload}).
     */
    public static final int MISSING_BASE = -2;

    /**
     * {@code base} on an index above 0 (rollup-boost {@code UnexpectedBasePayload}).
     */
    public static final int UNEXPECTED_BASE = -3;

    /**
     * The payload id differs from the current payload's.
     */
    public static final int PAYLOAD_ID_MISMATCH = -4;

    /**
     * The message is not a valid flashblock; {@link #errorMessage()} has the view's reason.
     */
    public static final int MALFORMED = -5;

    /**
     * The configured maximum number of flashblocks or of stored bytes would be exceeded.
     */
    public static final int FULL = -6;

    /**
     * Write: nothing to assemble (no flashblock accepted; rollup-boost {@code MissingPayload}).
     */
    public static final int EMPTY = -7;

    /**
     * Write: a V4/V5 envelope was asked for but the last flashblock has no {@code withdrawals_root}.
     */
    public static final int MISSING_WITHDRAWALS_ROOT = -8;

    /**
     * Write: the destination cannot hold {@link #maxEnvelopeLength(int)} bytes and is not expandable.
     */
    public static final int BUFFER_TOO_SMALL = -9;

    /**
     * Default maximum number of flashblocks per payload (rollup-boost's {@code MAX_PENDING_FLASHBLOCKS}).
     */
    public static final int DEFAULT_MAX_FLASHBLOCKS = 1024;

    /**
     * Default maximum number of stored message bytes per payload: 64 MiB.
     */
    public static final int DEFAULT_MAX_STORED_BYTES = 64 * 1024 * 1024;

    private static final int FIELDS = FlashblockField.COUNT;
    private static final int FIXED_ENVELOPE_LENGTH = 3072;
    private static final int MAX_WITHDRAWAL_LENGTH = 160;

    private static final int ORD_PARENT_BEACON_BLOCK_ROOT = FlashblockField.PARENT_BEACON_BLOCK_ROOT.ordinal();
    private static final int ORD_PARENT_HASH = FlashblockField.PARENT_HASH.ordinal();
    private static final int ORD_EXTRA_DATA = FlashblockField.EXTRA_DATA.ordinal();
    private static final int ORD_STATE_ROOT = FlashblockField.STATE_ROOT.ordinal();
    private static final int ORD_BLOCK_HASH = FlashblockField.BLOCK_HASH.ordinal();
    private static final int ORD_WITHDRAWALS_ROOT = FlashblockField.WITHDRAWALS_ROOT.ordinal();
    private static final int ORD_BLOB_GAS_USED = FlashblockField.BLOB_GAS_USED.ordinal();

    private static final String MSG_INVALID_INDEX = "index is not the next expected one (gap or duplicate)";
    private static final String MSG_MISSING_BASE = "index 0 carries no base";
    private static final String MSG_UNEXPECTED_BASE = "a flashblock after index 0 carries a base";
    private static final String MSG_PAYLOAD_ID = "payload id differs from the current payload's";
    private static final String MSG_FULL = "too many flashblocks or bytes for one payload";
    private static final String MSG_EMPTY = "no flashblock to assemble";
    private static final String MSG_NO_SUCH_INDEX = "no accepted flashblock with that index";
    private static final String MSG_WITHDRAWALS_ROOT = "V4/V5 envelope needs withdrawals_root in the last flashblock";
    private static final String MSG_TOO_SMALL = "destination buffer too small for the envelope";

    private final int maxFlashblocks;
    private final int maxStoredBytes;
    private final FlashblockView ownView = new FlashblockView();
    private final ExpandableArrayBuffer store;
    private int storeLength;

    private int count;
    private boolean isPayloadIdFixed;
    private long payloadId;
    private String errorMessage;

    private int[] messageStart = new int[16];
    private int[] messageEnd = new int[16];
    private int[] fieldStart = new int[16 * FIELDS];
    private int[] fieldEnd = new int[16 * FIELDS];
    private long[] fieldValue = new long[16 * FIELDS];
    private int[] transactionsEnd = new int[16];
    private long[] transactionTextEnd = new long[16];
    private int[] withdrawalsEnd = new int[16];

    private int transactionCount;
    private int[] transactionStart = new int[256];
    private int[] transactionEnd = new int[256];
    private int withdrawalCount;
    private long[] withdrawalValues = new long[16 * 3];
    private int[] withdrawalAddress = new int[16];

    private int writtenLast = -1;
    private int envelopeOffset;
    private int envelopeLength;
    private int payloadOffset;
    private int payloadLength;

    /**
     * An assembler with the default limits.
     */
    public FlashblockAssembler()
    {
        this(DEFAULT_MAX_FLASHBLOCKS, DEFAULT_MAX_STORED_BYTES, 64 * 1024);
    }

    /**
     * An assembler with explicit limits.
     *
     * @param maxFlashblocks          most flashblocks accepted per payload ({@link #FULL} beyond).
     * @param maxStoredBytes          most message bytes stored per payload ({@link #FULL} beyond).
     * @param initialStoreCapacity    initial store size in bytes; it grows as needed.
     */
    public FlashblockAssembler(final int maxFlashblocks, final int maxStoredBytes, final int initialStoreCapacity)
    {
        if (maxFlashblocks < 1 || maxStoredBytes < 1 || initialStoreCapacity < 1)
        {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxFlashblocks = maxFlashblocks;
        this.maxStoredBytes = maxStoredBytes;
        this.store = new ExpandableArrayBuffer(initialStoreCapacity);
    }

    /**
     * Forgets every flashblock; the next index 0 sets the payload id.
     */
    public void reset()
    {
        count = 0;
        storeLength = 0;
        transactionCount = 0;
        withdrawalCount = 0;
        isPayloadIdFixed = false;
        payloadId = 0;
        writtenLast = -1;
        errorMessage = null;
    }

    /**
     * Forgets every flashblock and accepts only {@code payloadId} from now on (an FCU with attributes started it).
     *
     * @param payloadId the payload id, 8 bytes read big-endian.
     */
    public void reset(final long payloadId)
    {
        reset();
        this.isPayloadIdFixed = true;
        this.payloadId = payloadId;
    }

    /**
     * Validates one message and appends it if it extends the payload.
     *
     * @param buffer holding the message.
     * @param offset its first byte.
     * @param length its length.
     * @return {@link #OK} or one of {@link #MALFORMED}, {@link #PAYLOAD_ID_MISMATCH}, {@link #INVALID_INDEX},
     * {@link #MISSING_BASE}, {@link #UNEXPECTED_BASE}, {@link #FULL}; the state is unchanged on failure.
     */
    public int tryAppend(final DirectBuffer buffer, final int offset, final int length)
    {
        ownView.wrap(buffer, offset, length);
        return tryAppend(ownView);
    }

    /**
     * Appends an already parsed message if it extends the payload.
     *
     * @param view a view over the message ({@link FlashblockView#wrap} done; an invalid one gives {@link #MALFORMED}).
     * @return as {@link #tryAppend(DirectBuffer, int, int)}.
     */
    public int tryAppend(final FlashblockView view)
    {
        if (!view.isValid())
        {
            errorMessage = view.errorMessage();
            return MALFORMED;
        }
        if ((count > 0 || isPayloadIdFixed) && view.payloadId() != payloadId)
        {
            return fail(PAYLOAD_ID_MISMATCH, MSG_PAYLOAD_ID);
        }
        if (view.index() != count)
        {
            return fail(INVALID_INDEX, MSG_INVALID_INDEX);
        }
        if (0 == count && !view.hasBase())
        {
            return fail(MISSING_BASE, MSG_MISSING_BASE);
        }
        if (count > 0 && view.hasBase())
        {
            return fail(UNEXPECTED_BASE, MSG_UNEXPECTED_BASE);
        }
        final int length = view.length();
        if (count == maxFlashblocks || length > maxStoredBytes - storeLength)
        {
            return fail(FULL, MSG_FULL);
        }

        ensureFlashblockCapacity(count + 1);
        final int fb = count;
        final int start = storeLength;
        final int delta = start - view.offset();
        store.putBytes(start, view.buffer(), view.offset(), length);
        storeLength += length;
        messageStart[fb] = start;
        messageEnd[fb] = start + length;

        final int base = fb * FIELDS;
        for (int ordinal = 0; ordinal < FIELDS; ordinal++)
        {
            final FlashblockField field = FlashblockField.get(ordinal);
            final int valueStart = view.valueOffset(field);
            fieldStart[base + ordinal] = valueStart < 0 ? -1 : valueStart + delta;
            fieldEnd[base + ordinal] = valueStart < 0 ? -1 : valueStart + delta + view.valueLength(field);
            fieldValue[base + ordinal] = view.quantity(field);
        }

        final int newTransactions = view.transactionCount();
        ensureTransactionCapacity(transactionCount + newTransactions);
        long textLength = fb > 0 ? transactionTextEnd[fb - 1] : 0;
        for (int i = 0; i < newTransactions; i++)
        {
            final int txStart = view.transactionOffset(i) + delta;
            final int txLength = view.transactionLength(i);
            transactionStart[transactionCount] = txStart;
            transactionEnd[transactionCount] = txStart + txLength;
            transactionCount++;
            textLength += txLength + 1;
        }
        transactionsEnd[fb] = transactionCount;
        transactionTextEnd[fb] = textLength;

        final int newWithdrawals = view.withdrawalCount();
        ensureWithdrawalCapacity(withdrawalCount + newWithdrawals);
        for (int i = 0; i < newWithdrawals; i++)
        {
            withdrawalValues[withdrawalCount * 3] = view.withdrawalIndex(i);
            withdrawalValues[withdrawalCount * 3 + 1] = view.withdrawalValidatorIndex(i);
            withdrawalValues[withdrawalCount * 3 + 2] = view.withdrawalAmount(i);
            withdrawalAddress[withdrawalCount] = view.withdrawalAddressOffset(i) + delta;
            withdrawalCount++;
        }
        withdrawalsEnd[fb] = withdrawalCount;

        if (0 == fb)
        {
            payloadId = view.payloadId();
        }
        count++;
        errorMessage = null;
        return OK;
    }

    /**
     * Why the last {@code try*} call failed.
     *
     * @return a constant message, or null after success.
     */
    public String errorMessage()
    {
        return errorMessage;
    }

    /**
     * A human-readable name of a result code.
     *
     * @param code a result of this class.
     * @return e.g. {@code INVALID_INDEX}.
     */
    public static String codeName(final int code)
    {
        switch (code)
        {
            case OK:
                return "OK";
            case INVALID_INDEX:
                return "INVALID_INDEX";
            case MISSING_BASE:
                return "MISSING_BASE";
            case UNEXPECTED_BASE:
                return "UNEXPECTED_BASE";
            case PAYLOAD_ID_MISMATCH:
                return "PAYLOAD_ID_MISMATCH";
            case MALFORMED:
                return "MALFORMED";
            case FULL:
                return "FULL";
            case EMPTY:
                return "EMPTY";
            case MISSING_WITHDRAWALS_ROOT:
                return "MISSING_WITHDRAWALS_ROOT";
            case BUFFER_TOO_SMALL:
                return "BUFFER_TOO_SMALL";
            default:
                return "UNKNOWN(" + code + ")";
        }
    }

    /**
     * Number of accepted flashblocks; the next expected index.
     *
     * @return the count.
     */
    public int count()
    {
        return count;
    }

    /**
     * The current payload id (valid once a flashblock was accepted or {@link #reset(long)} was called).
     *
     * @return the id, 8 bytes read big-endian.
     */
    public long payloadId()
    {
        return payloadId;
    }

    /**
     * Is a payload id set, by {@link #reset(long)} or by an accepted index 0?
     *
     * @return true when {@link #payloadId()} is meaningful.
     */
    public boolean hasPayloadId()
    {
        return isPayloadIdFixed || count > 0;
    }

    /**
     * The store holding the accepted messages, for republishing them verbatim.
     *
     * @return the buffer; valid until {@link #reset()}.
     */
    public DirectBuffer buffer()
    {
        return store;
    }

    /**
     * Where accepted flashblock {@code index} starts in {@link #buffer()}.
     *
     * @param index 0 .. {@link #count()} - 1.
     * @return the offset.
     */
    public int flashblockOffset(final int index)
    {
        checkIndex(index);
        return messageStart[index];
    }

    /**
     * Length of accepted flashblock {@code index} as received.
     *
     * @param index 0 .. {@link #count()} - 1.
     * @return the length.
     */
    public int flashblockLength(final int index)
    {
        checkIndex(index);
        return messageEnd[index] - messageStart[index];
    }

    /**
     * Does accepted flashblock {@code index} carry {@code withdrawals_root}?
     *
     * @param index 0 .. {@link #count()} - 1.
     * @return true when a V4/V5 envelope can end at it.
     */
    public boolean hasWithdrawalsRoot(final int index)
    {
        checkIndex(index);
        return fieldStart[index * FIELDS + ORD_WITHDRAWALS_ROOT] >= 0;
    }

    /**
     * An upper bound of the envelope length for the prefix 0..{@code lastIndex}.
     *
     * @param lastIndex index of the last flashblock to include.
     * @return the bound in bytes, or 0 if {@code lastIndex} is not accepted.
     */
    public int maxEnvelopeLength(final int lastIndex)
    {
        if (lastIndex < 0 || lastIndex >= count)
        {
            return 0;
        }
        final long bound = FIXED_ENVELOPE_LENGTH +
            (fieldEnd[ORD_EXTRA_DATA] - fieldStart[ORD_EXTRA_DATA]) +
            transactionTextEnd[lastIndex] +
            (long)withdrawalsEnd[lastIndex] * MAX_WITHDRAWAL_LENGTH;
        return (int)Math.min(Integer.MAX_VALUE, bound);
    }

    /**
     * Writes the getPayload envelope of every accepted flashblock.
     *
     * @param version   the envelope shape.
     * @param dst       destination.
     * @param dstOffset where the envelope starts.
     * @return as {@link #tryWriteEnvelope(int, PayloadEnvelopeVersion, MutableDirectBuffer, int)}.
     */
    public int tryWriteEnvelope(
        final PayloadEnvelopeVersion version, final MutableDirectBuffer dst, final int dstOffset)
    {
        return tryWriteEnvelope(count - 1, version, dst, dstOffset);
    }

    /**
     * Writes the getPayload envelope of the accepted flashblocks 0..{@code lastIndex}.
     *
     * @param lastIndex index of the last flashblock to include.
     * @param version   the envelope shape.
     * @param dst       destination: expandable, or with at least {@link #maxEnvelopeLength(int)} bytes from
     *                  {@code dstOffset}.
     * @param dstOffset where the envelope starts.
     * @return the envelope length, or {@link #EMPTY}, {@link #INVALID_INDEX} (lastIndex not accepted),
     * {@link #MISSING_WITHDRAWALS_ROOT} or {@link #BUFFER_TOO_SMALL}.
     */
    public int tryWriteEnvelope(
        final int lastIndex, final PayloadEnvelopeVersion version, final MutableDirectBuffer dst, final int dstOffset)
    {
        final int code = checkWrite(lastIndex, version.hasWithdrawalsRoot(), dst, dstOffset);
        if (OK != code)
        {
            return code;
        }
        int pos = JsonText.putAscii(dst, dstOffset, "{\"executionPayload\":");
        final int payloadStart = pos;
        pos = putExecutionPayload(lastIndex, version.hasWithdrawalsRoot(), dst, pos);
        payloadOffset = payloadStart;
        payloadLength = pos - payloadStart;
        pos = JsonText.putAscii(dst, pos,
            ",\"blockValue\":\"0x0\",\"blobsBundle\":{\"commitments\":[],\"proofs\":[],\"blobs\":[]}," +
            "\"shouldOverrideBuilder\":false,\"parentBeaconBlockRoot\":");
        pos = copyLower(dst, pos, ORD_PARENT_BEACON_BLOCK_ROOT);
        if (version.hasWithdrawalsRoot())
        {
            pos = JsonText.putAscii(dst, pos, ",\"executionRequests\":[]");
        }
        pos = JsonText.putByte(dst, pos, '}');
        envelopeOffset = dstOffset;
        envelopeLength = pos - dstOffset;
        return envelopeLength;
    }

    /**
     * Writes only the {@code ExecutionPayload} object (V3 shape, or V4 with {@code withdrawalsRoot}) of flashblocks
     * 0..{@code lastIndex}, e.g. for an L2 {@code newPayload}.
     *
     * @param lastIndex          index of the last flashblock to include.
     * @param withWithdrawalsRoot add {@code withdrawalsRoot} (OP {@code ExecutionPayloadV4}).
     * @param dst                destination.
     * @param dstOffset          where the object starts.
     * @return the object length, or a negative code as {@link #tryWriteEnvelope}.
     */
    public int tryWriteExecutionPayload(
        final int lastIndex, final boolean withWithdrawalsRoot, final MutableDirectBuffer dst, final int dstOffset)
    {
        final int code = checkWrite(lastIndex, withWithdrawalsRoot, dst, dstOffset);
        if (OK != code)
        {
            return code;
        }
        final int end = putExecutionPayload(lastIndex, withWithdrawalsRoot, dst, dstOffset);
        payloadOffset = dstOffset;
        payloadLength = end - dstOffset;
        envelopeOffset = dstOffset;
        envelopeLength = payloadLength;
        return payloadLength;
    }

    /**
     * Absolute index of the {@code executionPayload} object in the last written envelope.
     *
     * @return the offset in the destination buffer.
     */
    public int executionPayloadOffset()
    {
        return payloadOffset;
    }

    /**
     * Length of the {@code executionPayload} object in the last written envelope.
     *
     * @return the length.
     */
    public int executionPayloadLength()
    {
        return payloadLength;
    }

    /**
     * Absolute index of the last written envelope.
     *
     * @return the offset given to the write.
     */
    public int envelopeOffset()
    {
        return envelopeOffset;
    }

    /**
     * Length of the last written envelope.
     *
     * @return the length.
     */
    public int envelopeLength()
    {
        return envelopeLength;
    }

    /**
     * How many flashblocks the last written envelope is made of.
     *
     * @return last index + 1, or 0 if nothing was written since the last reset.
     */
    public int writtenCount()
    {
        return writtenLast + 1;
    }

    /**
     * Block number of the last written envelope.
     *
     * @return base.block_number.
     */
    public long blockNumber()
    {
        return written(FlashblockField.BLOCK_NUMBER, 0);
    }

    /**
     * Timestamp of the last written envelope.
     *
     * @return base.timestamp in seconds.
     */
    public long timestamp()
    {
        return written(FlashblockField.TIMESTAMP, 0);
    }

    /**
     * Gas limit of the last written envelope.
     *
     * @return base.gas_limit.
     */
    public long gasLimit()
    {
        return written(FlashblockField.GAS_LIMIT, 0);
    }

    /**
     * Gas used by the last written envelope.
     *
     * @return the last included diff's gas_used.
     */
    public long gasUsed()
    {
        return written(FlashblockField.GAS_USED, writtenLast);
    }

    /**
     * Blob gas used by the last written envelope.
     *
     * @return the last included diff's blob_gas_used, or 0.
     */
    public long blobGasUsed()
    {
        return written(FlashblockField.BLOB_GAS_USED, writtenLast);
    }

    /**
     * Number of transactions in the last written envelope.
     *
     * @return the transaction count.
     */
    public int txCount()
    {
        return writtenLast < 0 ? 0 : transactionsEnd[writtenLast];
    }

    /**
     * Number of withdrawals in the last written envelope.
     *
     * @return the withdrawal count.
     */
    public int withdrawalCount()
    {
        return writtenLast < 0 ? 0 : withdrawalsEnd[writtenLast];
    }

    /**
     * Copies the 32-byte block hash of the last written envelope (the last included diff's block_hash).
     *
     * @param dst       destination.
     * @param dstOffset where to write.
     * @return 32, or 0 if nothing was written.
     */
    public int getBlockHash(final MutableDirectBuffer dst, final int dstOffset)
    {
        return decodeWritten(writtenLast, ORD_BLOCK_HASH, dst, dstOffset);
    }

    /**
     * Copies the 32-byte state root of the last written envelope.
     *
     * @param dst       destination.
     * @param dstOffset where to write.
     * @return 32, or 0 if nothing was written.
     */
    public int getStateRoot(final MutableDirectBuffer dst, final int dstOffset)
    {
        return decodeWritten(writtenLast, ORD_STATE_ROOT, dst, dstOffset);
    }

    /**
     * Copies the 32-byte parent hash of the last written envelope.
     *
     * @param dst       destination.
     * @param dstOffset where to write.
     * @return 32, or 0 if nothing was written.
     */
    public int getParentHash(final MutableDirectBuffer dst, final int dstOffset)
    {
        return decodeWritten(0, ORD_PARENT_HASH, dst, dstOffset);
    }

    /**
     * Copies the 32-byte parent beacon block root of the last written envelope (base of flashblock 0).
     *
     * @param dst       destination.
     * @param dstOffset where to write.
     * @return 32, or 0 if nothing was written.
     */
    public int getParentBeaconBlockRoot(final MutableDirectBuffer dst, final int dstOffset)
    {
        return decodeWritten(0, ORD_PARENT_BEACON_BLOCK_ROOT, dst, dstOffset);
    }

    private int checkWrite(
        final int lastIndex, final boolean withWithdrawalsRoot, final MutableDirectBuffer dst, final int dstOffset)
    {
        if (0 == count)
        {
            return fail(EMPTY, MSG_EMPTY);
        }
        if (lastIndex < 0 || lastIndex >= count)
        {
            return fail(INVALID_INDEX, MSG_NO_SUCH_INDEX);
        }
        if (withWithdrawalsRoot && fieldStart[lastIndex * FIELDS + ORD_WITHDRAWALS_ROOT] < 0)
        {
            return fail(MISSING_WITHDRAWALS_ROOT, MSG_WITHDRAWALS_ROOT);
        }
        final int bound = maxEnvelopeLength(lastIndex);
        if (dstOffset < 0 || (!dst.isExpandable() && (long)dstOffset + bound > dst.capacity()))
        {
            return fail(BUFFER_TOO_SMALL, MSG_TOO_SMALL);
        }
        errorMessage = null;
        writtenLast = lastIndex;
        return OK;
    }

    private int putExecutionPayload(
        final int lastIndex, final boolean withWithdrawalsRoot, final MutableDirectBuffer dst, final int dstOffset)
    {
        final int last = lastIndex * FIELDS;
        int pos = JsonText.putAscii(dst, dstOffset, "{\"parentHash\":");
        pos = copyLower(dst, pos, ORD_PARENT_HASH);
        pos = JsonText.putAscii(dst, pos, ",\"feeRecipient\":");
        pos = copyLower(dst, pos, FlashblockField.FEE_RECIPIENT.ordinal());
        pos = JsonText.putAscii(dst, pos, ",\"stateRoot\":");
        pos = copyLower(dst, pos, last + ORD_STATE_ROOT);
        pos = JsonText.putAscii(dst, pos, ",\"receiptsRoot\":");
        pos = copyLower(dst, pos, last + FlashblockField.RECEIPTS_ROOT.ordinal());
        pos = JsonText.putAscii(dst, pos, ",\"logsBloom\":");
        pos = copyLower(dst, pos, last + FlashblockField.LOGS_BLOOM.ordinal());
        pos = JsonText.putAscii(dst, pos, ",\"prevRandao\":");
        pos = copyLower(dst, pos, FlashblockField.PREV_RANDAO.ordinal());
        pos = JsonText.putAscii(dst, pos, ",\"blockNumber\":");
        pos = JsonText.putQuantity(dst, pos, fieldValue[FlashblockField.BLOCK_NUMBER.ordinal()]);
        pos = JsonText.putAscii(dst, pos, ",\"gasLimit\":");
        pos = JsonText.putQuantity(dst, pos, fieldValue[FlashblockField.GAS_LIMIT.ordinal()]);
        pos = JsonText.putAscii(dst, pos, ",\"gasUsed\":");
        pos = JsonText.putQuantity(dst, pos, fieldValue[last + FlashblockField.GAS_USED.ordinal()]);
        pos = JsonText.putAscii(dst, pos, ",\"timestamp\":");
        pos = JsonText.putQuantity(dst, pos, fieldValue[FlashblockField.TIMESTAMP.ordinal()]);
        pos = JsonText.putAscii(dst, pos, ",\"extraData\":");
        pos = copyLower(dst, pos, ORD_EXTRA_DATA);
        pos = JsonText.putAscii(dst, pos, ",\"baseFeePerGas\":");
        final int baseFee = FlashblockField.BASE_FEE_PER_GAS.ordinal();
        pos = JsonText.putMinimalQuantityText(dst, pos, store, fieldStart[baseFee] + 3, fieldEnd[baseFee] - 1);
        pos = JsonText.putAscii(dst, pos, ",\"blockHash\":");
        pos = copyLower(dst, pos, last + ORD_BLOCK_HASH);

        pos = JsonText.putAscii(dst, pos, ",\"transactions\":[");
        for (int i = 0, end = transactionsEnd[lastIndex]; i < end; i++)
        {
            if (i > 0)
            {
                pos = JsonText.putByte(dst, pos, ',');
            }
            pos = JsonText.putLowerHexText(dst, pos, store, transactionStart[i], transactionEnd[i]);
        }
        pos = JsonText.putAscii(dst, pos, "],\"withdrawals\":[");
        for (int i = 0, end = withdrawalsEnd[lastIndex]; i < end; i++)
        {
            if (i > 0)
            {
                pos = JsonText.putByte(dst, pos, ',');
            }
            pos = JsonText.putAscii(dst, pos, "{\"index\":");
            pos = JsonText.putQuantity(dst, pos, withdrawalValues[i * 3]);
            pos = JsonText.putAscii(dst, pos, ",\"validatorIndex\":");
            pos = JsonText.putQuantity(dst, pos, withdrawalValues[i * 3 + 1]);
            pos = JsonText.putAscii(dst, pos, ",\"address\":");
            pos = JsonText.putLowerHexText(dst, pos, store, withdrawalAddress[i], withdrawalAddress[i] + 44);
            pos = JsonText.putAscii(dst, pos, ",\"amount\":");
            pos = JsonText.putQuantity(dst, pos, withdrawalValues[i * 3 + 2]);
            pos = JsonText.putByte(dst, pos, '}');
        }
        pos = JsonText.putAscii(dst, pos, "],\"blobGasUsed\":");
        pos = JsonText.putQuantity(dst, pos, fieldValue[last + ORD_BLOB_GAS_USED]);
        pos = JsonText.putAscii(dst, pos, ",\"excessBlobGas\":\"0x0\"");
        if (withWithdrawalsRoot)
        {
            pos = JsonText.putAscii(dst, pos, ",\"withdrawalsRoot\":");
            pos = copyLower(dst, pos, last + ORD_WITHDRAWALS_ROOT);
        }
        return JsonText.putByte(dst, pos, '}');
    }

    private int copyLower(final MutableDirectBuffer dst, final int pos, final int slot)
    {
        return JsonText.putLowerHexText(dst, pos, store, fieldStart[slot], fieldEnd[slot]);
    }

    private long written(final FlashblockField field, final int fb)
    {
        return writtenLast < 0 ? 0 : fieldValue[fb * FIELDS + field.ordinal()];
    }

    private int decodeWritten(final int fb, final int ordinal, final MutableDirectBuffer dst, final int dstOffset)
    {
        if (writtenLast < 0)
        {
            return 0;
        }
        final int slot = fb * FIELDS + ordinal;
        return Hex.tryDecodeDigits(store, fieldStart[slot] + 3, fieldEnd[slot] - fieldStart[slot] - 4, dst, dstOffset);
    }

    private int fail(final int code, final String message)
    {
        errorMessage = message;
        return code;
    }

    private void checkIndex(final int index)
    {
        if (index < 0 || index >= count)
        {
            throw new IndexOutOfBoundsException("index=" + index + " count=" + count);
        }
    }

    private void ensureFlashblockCapacity(final int required)
    {
        if (required > messageStart.length)
        {
            final int capacity = Math.max(required, messageStart.length * 2);
            messageStart = Arrays.copyOf(messageStart, capacity);
            messageEnd = Arrays.copyOf(messageEnd, capacity);
            fieldStart = Arrays.copyOf(fieldStart, capacity * FIELDS);
            fieldEnd = Arrays.copyOf(fieldEnd, capacity * FIELDS);
            fieldValue = Arrays.copyOf(fieldValue, capacity * FIELDS);
            transactionsEnd = Arrays.copyOf(transactionsEnd, capacity);
            transactionTextEnd = Arrays.copyOf(transactionTextEnd, capacity);
            withdrawalsEnd = Arrays.copyOf(withdrawalsEnd, capacity);
        }
    }

    private void ensureTransactionCapacity(final int required)
    {
        if (required > transactionStart.length)
        {
            final int capacity = Math.max(required, transactionStart.length * 2);
            transactionStart = Arrays.copyOf(transactionStart, capacity);
            transactionEnd = Arrays.copyOf(transactionEnd, capacity);
        }
    }

    private void ensureWithdrawalCapacity(final int required)
    {
        if (required > withdrawalAddress.length)
        {
            final int capacity = Math.max(required, withdrawalAddress.length * 2);
            withdrawalAddress = Arrays.copyOf(withdrawalAddress, capacity);
            withdrawalValues = Arrays.copyOf(withdrawalValues, capacity * 3);
        }
    }
}
