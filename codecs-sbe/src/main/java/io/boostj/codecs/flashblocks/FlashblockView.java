package io.boostj.codecs.flashblocks;

import java.util.Arrays;

import io.boostj.codecs.hex.Hex;
import io.boostj.codecs.json.JsonException;
import io.boostj.codecs.json.JsonScanner;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Zero-copy flyweight over one flashblock wire message: the snake_case JSON of op-alloy's {@code OpFlashblockPayload}
 * that op-rbuilder publishes and rollup-boost relays (reference §3.1):
 * <pre>
 * {"payload_id":"0x + 8 bytes","index":N,
 *  "base":{parent_beacon_block_root, parent_hash, fee_recipient, prev_randao, block_number, gas_limit, timestamp,
 *          extra_data, base_fee_per_gas},                          only on index 0; absent or null otherwise
 *  "diff":{state_root, receipts_root, logs_bloom, gas_used, block_hash, transactions:[DATA],
 *          withdrawals:[{index, validatorIndex, address, amount}], withdrawals_root?, blob_gas_used?},
 *  "metadata":{...}}                                               opaque: any object
 * </pre>
 * {@link #wrap(DirectBuffer, int, int)} validates the message once (well-formed JSON, then every field above with its
 * type and length) and indexes the position of every value; the accessors then only read. Members may come in any
 * order, unknown members are ignored (as serde does), a duplicated known member is an error. Metadata is not looked
 * into, so the legacy externally tagged receipts ({@code {"Eip1559":{…}}}) of older producers pass.
 * <p>
 * Positions are absolute indexes into the wrapped buffer; a value's span includes its quotes. The view stays valid
 * while the buffer is unchanged. Allocation-free once its internal element tables have grown to the largest message
 * seen. Not thread safe.
 */
public final class FlashblockView
{
    /**
     * {@link #wrap} result: the message is a valid flashblock.
     */
    public static final int OK = 0;

    /**
     * {@link #wrap} result: the bytes are not one well-formed JSON value.
     */
    public static final int MALFORMED_JSON = -1;

    /**
     * {@link #wrap} result: a required member is missing.
     */
    public static final int MISSING_FIELD = -2;

    /**
     * {@link #wrap} result: a member has the wrong type, length or value, or is duplicated.
     */
    public static final int INVALID_FIELD = -3;

    private static final String MSG_NOT_WRAPPED = "no valid flashblock wrapped";
    private static final String MSG_NOT_OBJECT = "flashblock must be a JSON object";
    private static final String MSG_DUPLICATE = "duplicate member";
    private static final String MSG_PAYLOAD_ID_MISSING = "payload_id is missing";
    private static final String MSG_PAYLOAD_ID = "payload_id must be 8 bytes of 0x hex";
    private static final String MSG_INDEX_MISSING = "index is missing";
    private static final String MSG_INDEX = "index must be a non-negative integer JSON number";
    private static final String MSG_BASE = "base must be an object or null";
    private static final String MSG_DIFF_MISSING = "diff is missing";
    private static final String MSG_DIFF = "diff must be an object";
    private static final String MSG_METADATA_MISSING = "metadata is missing";
    private static final String MSG_METADATA = "metadata must be an object";
    private static final String MSG_TRANSACTION = "diff.transactions elements must be 0x hex data";
    private static final String MSG_WITHDRAWAL = "diff.withdrawals elements must be objects";
    private static final String MSG_WITHDRAWAL_INDEX = "withdrawal index must be a 64-bit 0x quantity";
    private static final String MSG_WITHDRAWAL_VALIDATOR = "withdrawal validatorIndex must be a 64-bit 0x quantity";
    private static final String MSG_WITHDRAWAL_ADDRESS = "withdrawal address must be 20 bytes of 0x hex";
    private static final String MSG_WITHDRAWAL_AMOUNT = "withdrawal amount must be a 64-bit 0x quantity";
    private static final String MSG_TOO_MANY = "too many elements";

    private static final int ROOT_PAYLOAD_ID = 0;
    private static final int ROOT_INDEX = 1;
    private static final int ROOT_BASE = 2;
    private static final int ROOT_DIFF = 3;
    private static final int ROOT_METADATA = 4;
    private static final String[] ROOT_NAMES = { "payload_id", "index", "base", "diff", "metadata" };

    private static final int WITHDRAWAL_INDEX = 0;
    private static final int WITHDRAWAL_VALIDATOR = 1;
    private static final int WITHDRAWAL_ADDRESS = 2;
    private static final int WITHDRAWAL_AMOUNT = 3;
    private static final String[] WITHDRAWAL_NAMES = { "index", "validatorIndex", "address", "amount" };
    private static final String[] WITHDRAWAL_MESSAGES =
        { MSG_WITHDRAWAL_INDEX, MSG_WITHDRAWAL_VALIDATOR, MSG_WITHDRAWAL_ADDRESS, MSG_WITHDRAWAL_AMOUNT };

    private static final int MAX_ELEMENTS = Integer.MAX_VALUE >> 2;

    private final JsonScanner scanner = new JsonScanner();
    private final int[] rootStart = new int[ROOT_NAMES.length];
    private final int[] fieldStart = new int[FlashblockField.COUNT];
    private final int[] fieldEnd = new int[FlashblockField.COUNT];
    private final long[] fieldValue = new long[FlashblockField.COUNT];
    private final int[] withdrawalMember = new int[WITHDRAWAL_NAMES.length];
    private int[] transactionStart = new int[64];
    private int[] transactionEnd = new int[64];
    private int[] withdrawalStart = new int[8];
    private int[] withdrawalEnd = new int[8];
    private int[] withdrawalAddress = new int[8];
    private long[] withdrawalValues = new long[8 * 3];

    private DirectBuffer buffer;
    private int offset;
    private int length;
    private int result = MISSING_FIELD;
    private String errorMessage = MSG_NOT_WRAPPED;
    private int errorPosition = -1;
    private long payloadId;
    private long index;
    private boolean hasBase;
    private int baseStart;
    private int baseEnd;
    private int diffStart;
    private int diffEnd;
    private int metadataStart;
    private int metadataEnd;
    private int transactionCount;
    private int withdrawalCount;
    private String fieldError;
    private int lastStringEnd;

    /**
     * Wraps and validates one flashblock message.
     *
     * @param buffer the bytes.
     * @param offset absolute index of the message's first byte.
     * @param length message length.
     * @return {@link #OK}, {@link #MALFORMED_JSON}, {@link #MISSING_FIELD} or {@link #INVALID_FIELD};
     * {@link #errorMessage()} and {@link #errorPosition()} say what and where.
     * @throws IndexOutOfBoundsException if the range is not inside the buffer.
     */
    public int wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        scanner.wrap(buffer, offset, length);
        final int errorAt = scanner.validate();
        if (errorAt != JsonScanner.VALID)
        {
            errorMessage = scanner.errorReason();
            errorPosition = errorAt;
            return result = MALFORMED_JSON;
        }
        try
        {
            return result = index(scanner.valueStart(offset));
        }
        catch (final JsonException ex)
        {
            return result = fail(INVALID_FIELD, null == fieldError ? ex.reason() : fieldError, ex.position());
        }
    }

    /**
     * The result of the last {@link #wrap}.
     *
     * @return {@link #OK} or an error code.
     */
    public int result()
    {
        return result;
    }

    /**
     * Did the last {@link #wrap} succeed?
     *
     * @return true when the accessors describe a valid flashblock.
     */
    public boolean isValid()
    {
        return OK == result;
    }

    /**
     * Why the last {@link #wrap} failed.
     *
     * @return a constant message naming the offending field, or null after success.
     */
    public String errorMessage()
    {
        return errorMessage;
    }

    /**
     * Where the last {@link #wrap} failed.
     *
     * @return absolute buffer index of the offending value, or -1.
     */
    public int errorPosition()
    {
        return errorPosition;
    }

    /**
     * A human-readable name of an error code.
     *
     * @param code a {@link #wrap} result.
     * @return e.g. {@code MISSING_FIELD}.
     */
    public static String codeName(final int code)
    {
        switch (code)
        {
            case OK:
                return "OK";
            case MALFORMED_JSON:
                return "MALFORMED_JSON";
            case MISSING_FIELD:
                return "MISSING_FIELD";
            case INVALID_FIELD:
                return "INVALID_FIELD";
            default:
                return "UNKNOWN(" + code + ")";
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
     * Absolute index of the message's first byte.
     *
     * @return the offset given to {@link #wrap}.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * Length of the whole message.
     *
     * @return the length given to {@link #wrap}.
     */
    public int length()
    {
        return length;
    }

    /**
     * The payload id, its 8 bytes read big-endian (so {@code Long.toHexString} gives the JSON digits).
     *
     * @return the id.
     */
    public long payloadId()
    {
        return payloadId;
    }

    /**
     * The flashblock index within its payload.
     *
     * @return the index, an unsigned 64-bit value.
     */
    public long index()
    {
        return index;
    }

    /**
     * Does the message carry a {@code base} object (absent and {@code null} both mean no)?
     *
     * @return true when base fields are available.
     */
    public boolean hasBase()
    {
        return hasBase;
    }

    /**
     * Absolute index of the {@code base} object's opening brace.
     *
     * @return the index, or -1 without base.
     */
    public int baseOffset()
    {
        return hasBase ? baseStart : -1;
    }

    /**
     * Length of the {@code base} object.
     *
     * @return the length, or 0 without base.
     */
    public int baseLength()
    {
        return hasBase ? baseEnd - baseStart : 0;
    }

    /**
     * Absolute index of the {@code diff} object's opening brace.
     *
     * @return the index.
     */
    public int diffOffset()
    {
        return diffStart;
    }

    /**
     * Length of the {@code diff} object.
     *
     * @return the length.
     */
    public int diffLength()
    {
        return diffEnd - diffStart;
    }

    /**
     * Absolute index of the {@code metadata} object's opening brace.
     *
     * @return the index.
     */
    public int metadataOffset()
    {
        return metadataStart;
    }

    /**
     * Length of the {@code metadata} object.
     *
     * @return the length.
     */
    public int metadataLength()
    {
        return metadataEnd - metadataStart;
    }

    /**
     * Is this field present (base fields: only when {@link #hasBase()}; optional diff fields: when not absent or
     * null)?
     *
     * @param field the field.
     * @return true when {@link #valueOffset(FlashblockField)} is meaningful.
     */
    public boolean has(final FlashblockField field)
    {
        return fieldStart[field.ordinal()] >= 0;
    }

    /**
     * Absolute index of the first byte of a field's value (the opening quote or bracket).
     *
     * @param field the field.
     * @return the index, or -1 if absent.
     */
    public int valueOffset(final FlashblockField field)
    {
        return fieldStart[field.ordinal()];
    }

    /**
     * Length of a field's value, quotes or brackets included.
     *
     * @param field the field.
     * @return the length, or 0 if absent.
     */
    public int valueLength(final FlashblockField field)
    {
        final int ordinal = field.ordinal();
        return fieldStart[ordinal] < 0 ? 0 : fieldEnd[ordinal] - fieldStart[ordinal];
    }

    /**
     * Number of bytes a DATA field decodes to.
     *
     * @param field a DATA field.
     * @return the byte length, or 0 if absent.
     */
    public int dataLength(final FlashblockField field)
    {
        final int ordinal = field.ordinal();
        return fieldStart[ordinal] < 0 ? 0 : (fieldEnd[ordinal] - fieldStart[ordinal] - 4) >> 1;
    }

    /**
     * The value of a 64-bit QUANTITY field: {@link FlashblockField#BLOCK_NUMBER}, {@link FlashblockField#GAS_LIMIT},
     * {@link FlashblockField#TIMESTAMP}, {@link FlashblockField#GAS_USED}, {@link FlashblockField#BLOB_GAS_USED}.
     *
     * @param field the field.
     * @return the unsigned value, or 0 if absent.
     */
    public long quantity(final FlashblockField field)
    {
        return fieldValue[field.ordinal()];
    }

    /**
     * Decodes a DATA field into {@code dst}; for {@link FlashblockField#BASE_FEE_PER_GAS} writes the 32-byte
     * big-endian value.
     *
     * @param field     a DATA field or {@link FlashblockField#BASE_FEE_PER_GAS}.
     * @param dst       destination.
     * @param dstOffset where to write.
     * @return the number of bytes written, 0 if absent.
     */
    public int getBytes(final FlashblockField field, final MutableDirectBuffer dst, final int dstOffset)
    {
        final int ordinal = field.ordinal();
        final int start = fieldStart[ordinal];
        if (start < 0)
        {
            return 0;
        }
        if (FlashblockField.BASE_FEE_PER_GAS == field)
        {
            JsonText.decodeU256(buffer, start + 3, fieldEnd[ordinal] - 1, dst, dstOffset);
            return 32;
        }
        return Hex.tryDecodeDigits(buffer, start + 3, fieldEnd[ordinal] - start - 4, dst, dstOffset);
    }

    /**
     * Shortcut for {@code base.block_number}.
     *
     * @return the block number, or 0 without base.
     */
    public long blockNumber()
    {
        return fieldValue[FlashblockField.BLOCK_NUMBER.ordinal()];
    }

    /**
     * Shortcut for {@code diff.gas_used}.
     *
     * @return cumulative gas used by the block so far.
     */
    public long gasUsed()
    {
        return fieldValue[FlashblockField.GAS_USED.ordinal()];
    }

    /**
     * Is {@code diff.blob_gas_used} present?
     *
     * @return true when present and not null.
     */
    public boolean hasBlobGasUsed()
    {
        return fieldStart[FlashblockField.BLOB_GAS_USED.ordinal()] >= 0;
    }

    /**
     * Shortcut for {@code diff.blob_gas_used}.
     *
     * @return the value, or 0 if absent.
     */
    public long blobGasUsed()
    {
        return fieldValue[FlashblockField.BLOB_GAS_USED.ordinal()];
    }

    /**
     * Is {@code diff.withdrawals_root} present (Isthmus and later)?
     *
     * @return true when present and not null.
     */
    public boolean hasWithdrawalsRoot()
    {
        return fieldStart[FlashblockField.WITHDRAWALS_ROOT.ordinal()] >= 0;
    }

    /**
     * Number of transactions new in this flashblock.
     *
     * @return the element count of {@code diff.transactions}.
     */
    public int transactionCount()
    {
        return transactionCount;
    }

    /**
     * Absolute index of the opening quote of transaction {@code i}.
     *
     * @param i 0 .. {@link #transactionCount()} - 1.
     * @return the index.
     */
    public int transactionOffset(final int i)
    {
        checkIndex(i, transactionCount);
        return transactionStart[i];
    }

    /**
     * Length of the JSON string of transaction {@code i}, quotes and {@code 0x} included.
     *
     * @param i 0 .. {@link #transactionCount()} - 1.
     * @return the length.
     */
    public int transactionLength(final int i)
    {
        checkIndex(i, transactionCount);
        return transactionEnd[i] - transactionStart[i];
    }

    /**
     * Number of bytes transaction {@code i} decodes to.
     *
     * @param i 0 .. {@link #transactionCount()} - 1.
     * @return the encoded transaction's length.
     */
    public int transactionDataLength(final int i)
    {
        return (transactionLength(i) - 4) >> 1;
    }

    /**
     * Decodes transaction {@code i} (its EIP-2718 bytes) into {@code dst}.
     *
     * @param i         0 .. {@link #transactionCount()} - 1.
     * @param dst       destination, at least {@link #transactionDataLength(int)} bytes from {@code dstOffset}.
     * @param dstOffset where to write.
     * @return number of bytes written.
     */
    public int getTransaction(final int i, final MutableDirectBuffer dst, final int dstOffset)
    {
        checkIndex(i, transactionCount);
        return Hex.tryDecodeDigits(
            buffer, transactionStart[i] + 3, transactionEnd[i] - transactionStart[i] - 4, dst, dstOffset);
    }

    /**
     * Number of withdrawals new in this flashblock (always 0 on OP chains today).
     *
     * @return the element count of {@code diff.withdrawals}.
     */
    public int withdrawalCount()
    {
        return withdrawalCount;
    }

    /**
     * Absolute index of the opening brace of withdrawal {@code i}.
     *
     * @param i 0 .. {@link #withdrawalCount()} - 1.
     * @return the index.
     */
    public int withdrawalOffset(final int i)
    {
        checkIndex(i, withdrawalCount);
        return withdrawalStart[i];
    }

    /**
     * Length of the JSON object of withdrawal {@code i}.
     *
     * @param i 0 .. {@link #withdrawalCount()} - 1.
     * @return the length.
     */
    public int withdrawalLength(final int i)
    {
        checkIndex(i, withdrawalCount);
        return withdrawalEnd[i] - withdrawalStart[i];
    }

    /**
     * The {@code index} of withdrawal {@code i}.
     *
     * @param i 0 .. {@link #withdrawalCount()} - 1.
     * @return the unsigned value.
     */
    public long withdrawalIndex(final int i)
    {
        checkIndex(i, withdrawalCount);
        return withdrawalValues[i * 3];
    }

    /**
     * The {@code validatorIndex} of withdrawal {@code i}.
     *
     * @param i 0 .. {@link #withdrawalCount()} - 1.
     * @return the unsigned value.
     */
    public long withdrawalValidatorIndex(final int i)
    {
        checkIndex(i, withdrawalCount);
        return withdrawalValues[i * 3 + 1];
    }

    /**
     * The {@code amount} (gwei) of withdrawal {@code i}.
     *
     * @param i 0 .. {@link #withdrawalCount()} - 1.
     * @return the unsigned value.
     */
    public long withdrawalAmount(final int i)
    {
        checkIndex(i, withdrawalCount);
        return withdrawalValues[i * 3 + 2];
    }

    /**
     * Absolute index of the opening quote of the {@code address} of withdrawal {@code i} (42 characters + quotes).
     *
     * @param i 0 .. {@link #withdrawalCount()} - 1.
     * @return the index.
     */
    public int withdrawalAddressOffset(final int i)
    {
        checkIndex(i, withdrawalCount);
        return withdrawalAddress[i];
    }

    /**
     * Decodes the 20-byte {@code address} of withdrawal {@code i} into {@code dst}.
     *
     * @param i         0 .. {@link #withdrawalCount()} - 1.
     * @param dst       destination.
     * @param dstOffset where to write.
     * @return 20.
     */
    public int getWithdrawalAddress(final int i, final MutableDirectBuffer dst, final int dstOffset)
    {
        checkIndex(i, withdrawalCount);
        return Hex.tryDecodeDigits(buffer, withdrawalAddress[i] + 3, 40, dst, dstOffset);
    }

    private int index(final int rootPos)
    {
        fieldError = null;
        payloadId = 0;
        index = 0;
        hasBase = false;
        baseStart = -1;
        baseEnd = -1;
        transactionCount = 0;
        withdrawalCount = 0;
        Arrays.fill(fieldStart, -1);
        Arrays.fill(fieldEnd, -1);
        Arrays.fill(fieldValue, 0);
        Arrays.fill(rootStart, -1);

        if (scanner.kind(rootPos) != JsonScanner.OBJECT)
        {
            return fail(INVALID_FIELD, MSG_NOT_OBJECT, rootPos);
        }
        for (int name = scanner.firstMember(rootPos); name >= 0; name = scanner.nextMember(name))
        {
            final int which = match(name, ROOT_NAMES);
            if (which >= 0)
            {
                if (rootStart[which] >= 0)
                {
                    return fail(INVALID_FIELD, MSG_DUPLICATE, name);
                }
                rootStart[which] = scanner.memberValue(name);
            }
        }

        final int payloadIdPos = rootStart[ROOT_PAYLOAD_ID];
        if (payloadIdPos < 0)
        {
            return fail(MISSING_FIELD, MSG_PAYLOAD_ID_MISSING, rootPos);
        }
        if (hexDataLength(payloadIdPos) != 8)
        {
            return fail(INVALID_FIELD, MSG_PAYLOAD_ID, payloadIdPos);
        }
        payloadId = JsonText.parseHexDigits(buffer, payloadIdPos + 3, payloadIdPos + 19);

        final int indexPos = rootStart[ROOT_INDEX];
        if (indexPos < 0)
        {
            return fail(MISSING_FIELD, MSG_INDEX_MISSING, rootPos);
        }
        if (scanner.kind(indexPos) != JsonScanner.NUMBER)
        {
            return fail(INVALID_FIELD, MSG_INDEX, indexPos);
        }
        fieldError = MSG_INDEX;
        index = scanner.quantity(indexPos);
        fieldError = null;

        final int basePos = rootStart[ROOT_BASE];
        if (basePos >= 0 && !scanner.isNull(basePos))
        {
            if (scanner.kind(basePos) != JsonScanner.OBJECT)
            {
                return fail(INVALID_FIELD, MSG_BASE, basePos);
            }
            hasBase = true;
            baseStart = basePos;
            baseEnd = scanner.valueEnd(basePos);
            final int code = indexFields(basePos, true);
            if (OK != code)
            {
                return code;
            }
        }

        final int diffPos = rootStart[ROOT_DIFF];
        if (diffPos < 0)
        {
            return fail(MISSING_FIELD, MSG_DIFF_MISSING, rootPos);
        }
        if (scanner.kind(diffPos) != JsonScanner.OBJECT)
        {
            return fail(INVALID_FIELD, MSG_DIFF, diffPos);
        }
        diffStart = diffPos;
        diffEnd = scanner.valueEnd(diffPos);
        final int code = indexFields(diffPos, false);
        if (OK != code)
        {
            return code;
        }

        final int metadataPos = rootStart[ROOT_METADATA];
        if (metadataPos < 0)
        {
            return fail(MISSING_FIELD, MSG_METADATA_MISSING, rootPos);
        }
        if (scanner.kind(metadataPos) != JsonScanner.OBJECT)
        {
            return fail(INVALID_FIELD, MSG_METADATA, metadataPos);
        }
        metadataStart = metadataPos;
        metadataEnd = scanner.valueEnd(metadataPos);

        errorMessage = null;
        errorPosition = -1;
        return OK;
    }

    private int indexFields(final int objectPos, final boolean isBase)
    {
        final int first = isBase ? 0 : FlashblockField.STATE_ROOT.ordinal();
        final int last = isBase ? FlashblockField.BASE_FEE_PER_GAS.ordinal() : FlashblockField.COUNT - 1;
        for (int name = scanner.firstMember(objectPos); name >= 0; )
        {
            final int value = scanner.memberValue(name);
            final int end = scanner.valueEnd(value);
            for (int ordinal = first; ordinal <= last; ordinal++)
            {
                if (nameEquals(name, FlashblockField.get(ordinal).wireName()))
                {
                    if (fieldStart[ordinal] >= 0)
                    {
                        return fail(INVALID_FIELD, MSG_DUPLICATE, name);
                    }
                    fieldStart[ordinal] = value;
                    fieldEnd[ordinal] = end;
                    break;
                }
            }
            name = scanner.nextMemberFrom(end);
        }

        for (int ordinal = first; ordinal <= last; ordinal++)
        {
            final FlashblockField field = FlashblockField.get(ordinal);
            final int start = fieldStart[ordinal];
            if (start < 0 || (field.isOptional() && scanner.isNull(start)))
            {
                fieldStart[ordinal] = -1;
                fieldEnd[ordinal] = -1;
                if (!field.isOptional())
                {
                    return fail(MISSING_FIELD, field.missingMessage(), objectPos);
                }
                continue;
            }
            final int code = checkField(field, start);
            if (OK != code)
            {
                return code;
            }
        }
        return OK;
    }

    private int checkField(final FlashblockField field, final int start)
    {
        final int ordinal = field.ordinal();
        switch (field.kind())
        {
            case DATA:
            {
                final int dataLength = hexDataLength(start);
                if (dataLength < 0 || (field.byteLength() >= 0 && dataLength != field.byteLength()))
                {
                    return fail(INVALID_FIELD, field.invalidMessage(), start);
                }
                return OK;
            }

            case QUANTITY:
            {
                final int digits = quantityDigits(start, fieldEnd[ordinal]);
                if (digits < 0 || digits > field.byteLength() * 2)
                {
                    return fail(INVALID_FIELD, field.invalidMessage(), start);
                }
                if (field.byteLength() == 8)
                {
                    fieldValue[ordinal] = JsonText.parseHexDigits(buffer, start + 3, fieldEnd[ordinal] - 1);
                }
                return OK;
            }

            default:
                if (scanner.kind(start) != JsonScanner.ARRAY)
                {
                    return fail(INVALID_FIELD, field.invalidMessage(), start);
                }
                return FlashblockField.TRANSACTIONS == field ? indexTransactions(start) : indexWithdrawals(start);
        }
    }

    private int indexTransactions(final int arrayPos)
    {
        int count = 0;
        for (int element = scanner.element(arrayPos, 0); element >= 0; element = scanner.nextElement(element))
        {
            if (hexDataLength(element) < 0)
            {
                return fail(INVALID_FIELD, MSG_TRANSACTION, element);
            }
            if (count == transactionStart.length)
            {
                if (count >= MAX_ELEMENTS)
                {
                    return fail(INVALID_FIELD, MSG_TOO_MANY, element);
                }
                transactionStart = Arrays.copyOf(transactionStart, count * 2);
                transactionEnd = Arrays.copyOf(transactionEnd, count * 2);
            }
            transactionStart[count] = element;
            transactionEnd[count] = lastStringEnd;
            count++;
        }
        transactionCount = count;
        return OK;
    }

    private int indexWithdrawals(final int arrayPos)
    {
        int count = 0;
        for (int element = scanner.element(arrayPos, 0); element >= 0; element = scanner.nextElement(element))
        {
            if (scanner.kind(element) != JsonScanner.OBJECT)
            {
                return fail(INVALID_FIELD, MSG_WITHDRAWAL, element);
            }
            if (count == withdrawalStart.length)
            {
                if (count >= MAX_ELEMENTS)
                {
                    return fail(INVALID_FIELD, MSG_TOO_MANY, element);
                }
                withdrawalStart = Arrays.copyOf(withdrawalStart, count * 2);
                withdrawalEnd = Arrays.copyOf(withdrawalEnd, count * 2);
                withdrawalAddress = Arrays.copyOf(withdrawalAddress, count * 2);
                withdrawalValues = Arrays.copyOf(withdrawalValues, count * 2 * 3);
            }
            Arrays.fill(withdrawalMember, -1);
            for (int name = scanner.firstMember(element); name >= 0; name = scanner.nextMember(name))
            {
                final int which = match(name, WITHDRAWAL_NAMES);
                if (which >= 0)
                {
                    if (withdrawalMember[which] >= 0)
                    {
                        return fail(INVALID_FIELD, MSG_DUPLICATE, name);
                    }
                    withdrawalMember[which] = scanner.memberValue(name);
                }
            }
            for (int which = 0; which < WITHDRAWAL_NAMES.length; which++)
            {
                final int value = withdrawalMember[which];
                if (value < 0)
                {
                    return fail(MISSING_FIELD, WITHDRAWAL_MESSAGES[which], element);
                }
                if (WITHDRAWAL_ADDRESS == which)
                {
                    if (hexDataLength(value) != 20)
                    {
                        return fail(INVALID_FIELD, MSG_WITHDRAWAL_ADDRESS, value);
                    }
                    withdrawalAddress[count] = value;
                }
                else
                {
                    final int end = scanner.valueEnd(value);
                    final int digits = quantityDigits(value, end);
                    if (digits < 0 || digits > 16)
                    {
                        return fail(INVALID_FIELD, WITHDRAWAL_MESSAGES[which], value);
                    }
                    final int slot = WITHDRAWAL_INDEX == which ? 0 : WITHDRAWAL_VALIDATOR == which ? 1 : 2;
                    withdrawalValues[count * 3 + slot] = JsonText.parseHexDigits(buffer, value + 3, end - 1);
                }
            }
            withdrawalStart[count] = element;
            withdrawalEnd[count] = scanner.valueEnd(element);
            count++;
        }
        withdrawalCount = count;
        return OK;
    }

    /**
     * Byte length of the DATA string at {@code pos}: {@code "0x"} + an even number of hex digits.
     *
     * @return the length, or -1 if the value is not such a string.
     */
    private int hexDataLength(final int pos)
    {
        if (buffer.getByte(pos) != '"')
        {
            return -1;
        }
        final int end = scanner.stringContentEnd(pos);
        lastStringEnd = end + 1;
        final int digits = end - pos - 3;
        if (digits < 0 || (digits & 1) != 0 || buffer.getByte(pos + 1) != '0' || buffer.getByte(pos + 2) != 'x')
        {
            return -1;
        }
        return Hex.isHexText(buffer, pos + 3, end) ? digits >> 1 : -1;
    }

    /**
     * Number of hex digits of the QUANTITY string at {@code pos} (value ending at {@code end}).
     *
     * @return 1.., or -1 if not {@code "0x"} followed by at least one hex digit.
     */
    private int quantityDigits(final int pos, final int end)
    {
        if (buffer.getByte(pos) != '"')
        {
            return -1;
        }
        final int digits = end - pos - 4;
        if (digits < 1 || buffer.getByte(pos + 1) != '0' || buffer.getByte(pos + 2) != 'x')
        {
            return -1;
        }
        for (int i = pos + 3, last = end - 1; i < last; i++)
        {
            if (Hex.digitValue(buffer.getByte(i)) < 0)
            {
                return -1;
            }
        }
        return digits;
    }

    private int match(final int namePos, final String[] names)
    {
        for (int i = 0; i < names.length; i++)
        {
            if (nameEquals(namePos, names[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private boolean nameEquals(final int namePos, final String name)
    {
        return scanner.rawEquals(namePos + 1, scanner.stringContentEnd(namePos), name);
    }

    private int fail(final int code, final String message, final int position)
    {
        errorMessage = message;
        errorPosition = position;
        return code;
    }

    private static void checkIndex(final int i, final int count)
    {
        if (i < 0 || i >= count)
        {
            throw new IndexOutOfBoundsException("index=" + i + " count=" + count);
        }
    }
}
