package io.boostj.codecs.flashblocks;

import java.util.Arrays;

import io.boostj.codecs.hex.Hex;
import io.boostj.codecs.json.JsonException;
import io.boostj.codecs.json.JsonScanner;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Writes a flashblock message byte for byte as op-rbuilder publishes it ({@code serde_json::to_string} of op-alloy's
 * {@code OpFlashblockPayload}, pinned by op-rbuilder's {@code golden_wire} tests):
 * <ul>
 *     <li>compact, members in struct order: {@code payload_id, index, base, diff, metadata};</li>
 *     <li>{@code base} omitted entirely when there is none (index &gt; 0), never {@code null};</li>
 *     <li>{@code base.{block_number,gas_limit,timestamp,base_fee_per_gas}}, {@code diff.gas_used} and
 *     {@code diff.blob_gas_used} as minimal lowercase hex quantities; {@code blob_gas_used} omitted when None;</li>
 *     <li>{@code index} and {@code metadata.block_number} as plain JSON numbers;</li>
 *     <li>metadata maps sorted by key (Rust {@code BTreeMap}), balances as quantities, receipts internally tagged
 *     ({@code "type":"0x2"}, camelCase: {@code type, status, cumulativeGasUsed, logs[, depositNonce,
 *     depositReceiptVersion]}), logs as {@code {address, topics, data}}.</li>
 * </ul>
 * Two ways in: the structured, fluent calls below (made in wire order; an out-of-order call is a programming error and
 * throws {@link IllegalStateException}), or {@link #tryWrite(FlashblockView, MutableDirectBuffer, int)} which re-emits
 * a parsed message in that canonical form (and so turns legacy externally tagged receipts into the tagged form, as
 * op-rbuilder does after deserialising them). Unknown members of the input are dropped, as serde drops them.
 * <p>
 * The destination must be large enough (or expandable): with bounds checks on, overflowing a fixed buffer throws
 * {@link IndexOutOfBoundsException}; {@link #maxLength(FlashblockView)} bounds the output of a re-emitted message.
 * Allocation-free once its internal sort table has grown. Not thread safe.
 */
public final class FlashblockJsonWriter
{
    /**
     * Result code: success.
     */
    public static final int OK = 0;

    /**
     * Result code: the metadata JSON is not an op-alloy {@code OpFlashblockPayloadMetadata}.
     */
    public static final int INVALID_METADATA = -1;

    /**
     * Result code: the view given to {@link #tryWrite(FlashblockView, MutableDirectBuffer, int)} holds no valid
     * flashblock.
     */
    public static final int INVALID_VIEW = -2;

    /**
     * {@code type} of a legacy receipt.
     */
    public static final int RECEIPT_TYPE_LEGACY = 0;

    /**
     * {@code type} of an EIP-2930 receipt.
     */
    public static final int RECEIPT_TYPE_EIP2930 = 1;

    /**
     * {@code type} of an EIP-1559 receipt.
     */
    public static final int RECEIPT_TYPE_EIP1559 = 2;

    /**
     * {@code type} of an EIP-7702 receipt.
     */
    public static final int RECEIPT_TYPE_EIP7702 = 4;

    /**
     * {@code type} of an OP deposit receipt.
     */
    public static final int RECEIPT_TYPE_DEPOSIT = 0x7E;

    private static final String[] LEGACY_TAGS = { "Legacy", "Eip2930", "Eip1559", "Eip7702", "Deposit" };
    private static final int[] LEGACY_TAG_TYPES = {
        RECEIPT_TYPE_LEGACY, RECEIPT_TYPE_EIP2930, RECEIPT_TYPE_EIP1559, RECEIPT_TYPE_EIP7702, RECEIPT_TYPE_DEPOSIT };

    private static final String MSG_NOT_OBJECT = "metadata must be an object";
    private static final String MSG_MALFORMED = "metadata is not well-formed JSON";
    private static final String MSG_DUPLICATE = "duplicate member or map key in metadata";
    private static final String MSG_BLOCK_NUMBER = "metadata.block_number must be a 64-bit number";
    private static final String MSG_BALANCES = "metadata.new_account_balances must map 20-byte addresses to quantities";
    private static final String MSG_RECEIPTS = "metadata.receipts must map 32-byte hashes to receipt objects";
    private static final String MSG_RECEIPT_TYPE = "receipt type must be 0x0, 0x1, 0x2, 0x4 or 0x7e (or a legacy tag)";
    private static final String MSG_STATUS = "receipt status must be \"0x0\", \"0x1\" or a boolean";
    private static final String MSG_CUMULATIVE_GAS = "receipt cumulativeGasUsed must be a 64-bit quantity";
    private static final String MSG_LOGS = "receipt logs must be an array of {address, topics, data}";
    private static final String MSG_DEPOSIT_FIELD = "receipt depositNonce/depositReceiptVersion must be quantities";

    private static final int STATE_NONE = -100;
    private static final int STATE_START = -3;
    private static final int STATE_PAYLOAD_ID = -2;
    private static final int STATE_INDEX = -1;
    private static final int STATE_BALANCES = 100;
    private static final int STATE_RECEIPTS = 101;
    private static final int STATE_LOGS = 102;
    private static final int STATE_METADATA_DONE = 103;
    private static final int STATE_DONE = 104;

    private static final int ORD_BASE_FIRST = FlashblockField.PARENT_BEACON_BLOCK_ROOT.ordinal();
    private static final int ORD_BASE_LAST = FlashblockField.BASE_FEE_PER_GAS.ordinal();
    private static final int ORD_STATE_ROOT = FlashblockField.STATE_ROOT.ordinal();
    private static final int ORD_TRANSACTIONS = FlashblockField.TRANSACTIONS.ordinal();
    private static final int ORD_WITHDRAWALS = FlashblockField.WITHDRAWALS.ordinal();
    private static final int ORD_WITHDRAWALS_ROOT = FlashblockField.WITHDRAWALS_ROOT.ordinal();
    private static final int ORD_BLOB_GAS_USED = FlashblockField.BLOB_GAS_USED.ordinal();

    private final JsonScanner scanner = new JsonScanner();
    private int[] sortKeys = new int[64];
    private MutableDirectBuffer buffer;
    private int offset;
    private int position;
    private int state = STATE_NONE;
    private int elementCount;
    private String errorMessage;

    /**
     * An upper bound of what {@link #tryWrite(FlashblockView, MutableDirectBuffer, int)} writes for a message.
     *
     * @param view a valid view.
     * @return twice the message length plus a constant (the canonical form is compact and never more than about 1.2
     * times the input).
     */
    public static int maxLength(final FlashblockView view)
    {
        return 2 * view.length() + 256;
    }

    /**
     * Starts a message at {@code offset} of {@code buffer}.
     *
     * @param buffer destination.
     * @param offset where the opening brace goes.
     * @return this.
     */
    public FlashblockJsonWriter wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.position = JsonText.putByte(buffer, offset, '{');
        this.state = STATE_START;
        this.elementCount = 0;
        this.errorMessage = null;
        return this;
    }

    /**
     * Number of bytes written since {@link #wrap}.
     *
     * @return the length so far.
     */
    public int length()
    {
        return position - offset;
    }

    /**
     * Why the last {@code try*} call failed.
     *
     * @return a constant message, or null.
     */
    public String errorMessage()
    {
        return errorMessage;
    }

    /**
     * Writes a whole flashblock from a parsed message, in op-rbuilder's canonical form.
     *
     * @param view      a view on which {@link FlashblockView#wrap} returned OK.
     * @param dst       destination, at least {@link #maxLength(FlashblockView)} bytes from {@code dstOffset} unless
     *                  expandable.
     * @param dstOffset where to write.
     * @return the length written, or {@link #INVALID_VIEW} or {@link #INVALID_METADATA} ({@link #errorMessage()}).
     */
    public int tryWrite(final FlashblockView view, final MutableDirectBuffer dst, final int dstOffset)
    {
        if (!view.isValid())
        {
            errorMessage = "flashblock view is not valid";
            return INVALID_VIEW;
        }
        final DirectBuffer src = view.buffer();
        wrap(dst, dstOffset).payloadId(view.payloadId()).index(view.index());
        if (view.hasBase())
        {
            for (int ordinal = ORD_BASE_FIRST; ordinal <= ORD_BASE_LAST; ordinal++)
            {
                copyField(view, FlashblockField.get(ordinal));
            }
        }
        for (int ordinal = ORD_STATE_ROOT; ordinal < ORD_TRANSACTIONS; ordinal++)
        {
            copyField(view, FlashblockField.get(ordinal));
        }

        transactionsStart();
        for (int i = 0, count = view.transactionCount(); i < count; i++)
        {
            separateElement();
            final int start = view.transactionOffset(i);
            position = JsonText.putLowerHexText(buffer, position, src, start, start + view.transactionLength(i));
        }
        withdrawalsStart();
        for (int i = 0, count = view.withdrawalCount(); i < count; i++)
        {
            final int address = view.withdrawalAddressOffset(i);
            withdrawalStart(view.withdrawalIndex(i), view.withdrawalValidatorIndex(i));
            position = JsonText.putLowerHexText(buffer, position, src, address, address + 44);
            withdrawalEnd(view.withdrawalAmount(i));
        }
        if (view.hasWithdrawalsRoot())
        {
            copyField(view, FlashblockField.WITHDRAWALS_ROOT);
        }
        if (view.hasBlobGasUsed())
        {
            blobGasUsed(view.blobGasUsed());
        }

        final int code = tryMetadata(src, view.metadataOffset(), view.metadataLength());
        if (OK != code)
        {
            return code;
        }
        return finish();
    }

    /**
     * {@code "payload_id"}: the first member.
     *
     * @param payloadId the 8 id bytes read big-endian.
     * @return this.
     */
    public FlashblockJsonWriter payloadId(final long payloadId)
    {
        require(STATE_START == state, "payloadId");
        position = JsonText.putAscii(buffer, position, "\"payload_id\":\"0x");
        for (int shift = 60; shift >= 0; shift -= 4)
        {
            buffer.putByte(position++, (byte)Character.forDigit((int)(payloadId >>> shift) & 0xF, 16));
        }
        position = JsonText.putByte(buffer, position, '"');
        state = STATE_PAYLOAD_ID;
        return this;
    }

    /**
     * {@code "index"}, a plain JSON number.
     *
     * @param index the flashblock index (unsigned).
     * @return this.
     */
    public FlashblockJsonWriter index(final long index)
    {
        require(STATE_PAYLOAD_ID == state, "index");
        position = JsonText.putAscii(buffer, position, ",\"index\":");
        position = JsonText.putUnsignedDecimal(buffer, position, index);
        state = STATE_INDEX;
        return this;
    }

    /**
     * {@code base.parent_beacon_block_root}: opens {@code base}; only for index 0.
     *
     * @param src    bytes.
     * @param offset of the 32 bytes.
     * @return this.
     */
    public FlashblockJsonWriter parentBeaconBlockRoot(final DirectBuffer src, final int offset)
    {
        return data(FlashblockField.PARENT_BEACON_BLOCK_ROOT, src, offset, 32);
    }

    /**
     * {@code base.parent_hash}.
     *
     * @param src    bytes.
     * @param offset of the 32 bytes.
     * @return this.
     */
    public FlashblockJsonWriter parentHash(final DirectBuffer src, final int offset)
    {
        return data(FlashblockField.PARENT_HASH, src, offset, 32);
    }

    /**
     * {@code base.fee_recipient}.
     *
     * @param src    bytes.
     * @param offset of the 20 bytes.
     * @return this.
     */
    public FlashblockJsonWriter feeRecipient(final DirectBuffer src, final int offset)
    {
        return data(FlashblockField.FEE_RECIPIENT, src, offset, 20);
    }

    /**
     * {@code base.prev_randao}.
     *
     * @param src    bytes.
     * @param offset of the 32 bytes.
     * @return this.
     */
    public FlashblockJsonWriter prevRandao(final DirectBuffer src, final int offset)
    {
        return data(FlashblockField.PREV_RANDAO, src, offset, 32);
    }

    /**
     * {@code base.block_number}.
     *
     * @param blockNumber unsigned.
     * @return this.
     */
    public FlashblockJsonWriter blockNumber(final long blockNumber)
    {
        return quantity(FlashblockField.BLOCK_NUMBER, blockNumber);
    }

    /**
     * {@code base.gas_limit}.
     *
     * @param gasLimit unsigned.
     * @return this.
     */
    public FlashblockJsonWriter gasLimit(final long gasLimit)
    {
        return quantity(FlashblockField.GAS_LIMIT, gasLimit);
    }

    /**
     * {@code base.timestamp}.
     *
     * @param timestampS seconds, unsigned.
     * @return this.
     */
    public FlashblockJsonWriter timestamp(final long timestampS)
    {
        return quantity(FlashblockField.TIMESTAMP, timestampS);
    }

    /**
     * {@code base.extra_data}.
     *
     * @param src    bytes.
     * @param offset of the first byte.
     * @param length number of bytes.
     * @return this.
     */
    public FlashblockJsonWriter extraData(final DirectBuffer src, final int offset, final int length)
    {
        return data(FlashblockField.EXTRA_DATA, src, offset, length);
    }

    /**
     * {@code base.base_fee_per_gas}: closes {@code base}.
     *
     * @param src    bytes.
     * @param offset of the 32-byte big-endian unsigned value.
     * @return this.
     */
    public FlashblockJsonWriter baseFeePerGas(final DirectBuffer src, final int offset)
    {
        beginField(FlashblockField.BASE_FEE_PER_GAS);
        position = JsonText.putU256Quantity(buffer, position, src, offset);
        return this;
    }

    /**
     * {@code diff.state_root}: opens {@code diff} (closing {@code base} if open).
     *
     * @param src    bytes.
     * @param offset of the 32 bytes.
     * @return this.
     */
    public FlashblockJsonWriter stateRoot(final DirectBuffer src, final int offset)
    {
        return data(FlashblockField.STATE_ROOT, src, offset, 32);
    }

    /**
     * {@code diff.receipts_root}.
     *
     * @param src    bytes.
     * @param offset of the 32 bytes.
     * @return this.
     */
    public FlashblockJsonWriter receiptsRoot(final DirectBuffer src, final int offset)
    {
        return data(FlashblockField.RECEIPTS_ROOT, src, offset, 32);
    }

    /**
     * {@code diff.logs_bloom}.
     *
     * @param src    bytes.
     * @param offset of the 256 bytes.
     * @return this.
     */
    public FlashblockJsonWriter logsBloom(final DirectBuffer src, final int offset)
    {
        return data(FlashblockField.LOGS_BLOOM, src, offset, 256);
    }

    /**
     * {@code diff.gas_used}.
     *
     * @param gasUsed unsigned.
     * @return this.
     */
    public FlashblockJsonWriter gasUsed(final long gasUsed)
    {
        return quantity(FlashblockField.GAS_USED, gasUsed);
    }

    /**
     * {@code diff.block_hash}.
     *
     * @param src    bytes.
     * @param offset of the 32 bytes.
     * @return this.
     */
    public FlashblockJsonWriter blockHash(final DirectBuffer src, final int offset)
    {
        return data(FlashblockField.BLOCK_HASH, src, offset, 32);
    }

    /**
     * Opens {@code diff.transactions}; follow with {@link #transaction} per transaction (possibly none).
     *
     * @return this.
     */
    public FlashblockJsonWriter transactionsStart()
    {
        beginField(FlashblockField.TRANSACTIONS);
        position = JsonText.putByte(buffer, position, '[');
        return this;
    }

    /**
     * One element of {@code diff.transactions}.
     *
     * @param src    bytes.
     * @param offset of the EIP-2718 encoded transaction.
     * @param length its length.
     * @return this.
     */
    public FlashblockJsonWriter transaction(final DirectBuffer src, final int offset, final int length)
    {
        require(ORD_TRANSACTIONS == state, "transaction");
        separateElement();
        position = JsonText.putData(buffer, position, src, offset, length);
        return this;
    }

    /**
     * Closes {@code diff.transactions} and opens {@code diff.withdrawals}; follow with {@link #withdrawal} per
     * withdrawal (possibly none).
     *
     * @return this.
     */
    public FlashblockJsonWriter withdrawalsStart()
    {
        beginField(FlashblockField.WITHDRAWALS);
        position = JsonText.putByte(buffer, position, '[');
        return this;
    }

    /**
     * One element of {@code diff.withdrawals}: {@code {"index","validatorIndex","address","amount"}}.
     *
     * @param index          withdrawal index.
     * @param validatorIndex validator index.
     * @param address        bytes.
     * @param addressOffset  of the 20 address bytes.
     * @param amountGwei     amount.
     * @return this.
     */
    public FlashblockJsonWriter withdrawal(
        final long index,
        final long validatorIndex,
        final DirectBuffer address,
        final int addressOffset,
        final long amountGwei)
    {
        require(ORD_WITHDRAWALS == state, "withdrawal");
        withdrawalStart(index, validatorIndex);
        position = JsonText.putData(buffer, position, address, addressOffset, 20);
        withdrawalEnd(amountGwei);
        return this;
    }

    /**
     * {@code diff.withdrawals_root}: closes {@code withdrawals}. Optional for the writer (older producers), always
     * written by op-rbuilder.
     *
     * @param src    bytes.
     * @param offset of the 32 bytes.
     * @return this.
     */
    public FlashblockJsonWriter withdrawalsRoot(final DirectBuffer src, final int offset)
    {
        return data(FlashblockField.WITHDRAWALS_ROOT, src, offset, 32);
    }

    /**
     * {@code diff.blob_gas_used} (Jovian): call only when the value is Some; None is omitted.
     *
     * @param blobGasUsed unsigned.
     * @return this.
     */
    public FlashblockJsonWriter blobGasUsed(final long blobGasUsed)
    {
        return quantity(FlashblockField.BLOB_GAS_USED, blobGasUsed);
    }

    /**
     * Closes {@code diff} and opens {@code metadata} with its {@code block_number} and the
     * {@code new_account_balances} map; follow with {@link #accountBalance} per account in ascending address order,
     * then {@link #receiptsStart()}.
     *
     * @param blockNumber written as a plain JSON number.
     * @return this.
     */
    public FlashblockJsonWriter metadataStart(final long blockNumber)
    {
        beginMetadata();
        position = JsonText.putAscii(buffer, position, "{\"block_number\":");
        position = JsonText.putUnsignedDecimal(buffer, position, blockNumber);
        position = JsonText.putAscii(buffer, position, ",\"new_account_balances\":{");
        state = STATE_BALANCES;
        elementCount = 0;
        return this;
    }

    /**
     * One entry of {@code metadata.new_account_balances}; entries must come in ascending address order.
     *
     * @param address        bytes.
     * @param addressOffset  of the 20 address bytes.
     * @param balance        bytes.
     * @param balanceOffset  of the 32-byte big-endian balance in wei.
     * @return this.
     */
    public FlashblockJsonWriter accountBalance(
        final DirectBuffer address, final int addressOffset, final DirectBuffer balance, final int balanceOffset)
    {
        require(STATE_BALANCES == state, "accountBalance");
        separateElement();
        position = JsonText.putData(buffer, position, address, addressOffset, 20);
        position = JsonText.putByte(buffer, position, ':');
        position = JsonText.putU256Quantity(buffer, position, balance, balanceOffset);
        return this;
    }

    /**
     * Closes the balances and opens {@code metadata.receipts}; follow with one {@link #receiptStart} ...
     * {@link #receiptEnd()} per transaction in ascending hash order.
     *
     * @return this.
     */
    public FlashblockJsonWriter receiptsStart()
    {
        require(STATE_BALANCES == state, "receiptsStart");
        position = JsonText.putAscii(buffer, position, "},\"receipts\":{");
        state = STATE_RECEIPTS;
        elementCount = 0;
        return this;
    }

    /**
     * Opens one receipt (internally tagged): follow with {@link #log} per log, then {@link #receiptEnd()} or
     * {@link #depositReceiptEnd}.
     *
     * @param txHash            bytes.
     * @param txHashOffset      of the 32-byte transaction hash, the map key.
     * @param type              one of the {@code RECEIPT_TYPE_*} values.
     * @param status            EIP-658 success flag.
     * @param cumulativeGasUsed cumulative gas used in the block up to and including this transaction.
     * @return this.
     */
    public FlashblockJsonWriter receiptStart(
        final DirectBuffer txHash,
        final int txHashOffset,
        final int type,
        final boolean status,
        final long cumulativeGasUsed)
    {
        require(STATE_RECEIPTS == state, "receiptStart");
        separateElement();
        position = JsonText.putData(buffer, position, txHash, txHashOffset, 32);
        putReceiptHead(type, status, cumulativeGasUsed);
        state = STATE_LOGS;
        elementCount = 0;
        return this;
    }

    /**
     * One log of the open receipt.
     *
     * @param address       bytes.
     * @param addressOffset of the 20-byte emitting address.
     * @param topics        bytes.
     * @param topicsOffset  of {@code topicCount} consecutive 32-byte topics.
     * @param topicCount    0..4.
     * @param data          bytes.
     * @param dataOffset    of the log data.
     * @param dataLength    its length.
     * @return this.
     */
    public FlashblockJsonWriter log(
        final DirectBuffer address,
        final int addressOffset,
        final DirectBuffer topics,
        final int topicsOffset,
        final int topicCount,
        final DirectBuffer data,
        final int dataOffset,
        final int dataLength)
    {
        require(STATE_LOGS == state, "log");
        separateElement();
        position = JsonText.putAscii(buffer, position, "{\"address\":");
        position = JsonText.putData(buffer, position, address, addressOffset, 20);
        position = JsonText.putAscii(buffer, position, ",\"topics\":[");
        for (int i = 0; i < topicCount; i++)
        {
            if (i > 0)
            {
                position = JsonText.putByte(buffer, position, ',');
            }
            position = JsonText.putData(buffer, position, topics, topicsOffset + 32 * i, 32);
        }
        position = JsonText.putAscii(buffer, position, "],\"data\":");
        position = JsonText.putData(buffer, position, data, dataOffset, dataLength);
        position = JsonText.putByte(buffer, position, '}');
        return this;
    }

    /**
     * Closes a non-deposit receipt.
     *
     * @return this.
     */
    public FlashblockJsonWriter receiptEnd()
    {
        return depositReceiptEnd(false, 0, false, 0);
    }

    /**
     * Closes a receipt, with the deposit fields that are Some.
     *
     * @param hasDepositNonce          write {@code depositNonce}.
     * @param depositNonce             the nonce.
     * @param hasDepositReceiptVersion write {@code depositReceiptVersion}.
     * @param depositReceiptVersion    the version.
     * @return this.
     */
    public FlashblockJsonWriter depositReceiptEnd(
        final boolean hasDepositNonce,
        final long depositNonce,
        final boolean hasDepositReceiptVersion,
        final long depositReceiptVersion)
    {
        require(STATE_LOGS == state, "receiptEnd");
        position = JsonText.putByte(buffer, position, ']');
        putReceiptTail(hasDepositNonce, depositNonce, hasDepositReceiptVersion, depositReceiptVersion);
        state = STATE_RECEIPTS;
        elementCount = 1;
        return this;
    }

    /**
     * Closes {@code diff} and writes {@code metadata} from JSON in canonical form: parses op-alloy's
     * {@code OpFlashblockPayloadMetadata} (either receipt form, maps in any order) and re-emits it sorted and
     * internally tagged. A missing map is written empty.
     *
     * @param src    buffer holding the metadata JSON object.
     * @param offset its first byte.
     * @param length its length.
     * @return {@link #OK} or {@link #INVALID_METADATA} ({@link #errorMessage()}); after a failure the output is
     * incomplete and the writer must be re-wrapped.
     */
    public int tryMetadata(final DirectBuffer src, final int offset, final int length)
    {
        beginMetadata();
        scanner.wrap(src, offset, length);
        if (scanner.validate() != JsonScanner.VALID)
        {
            return failMetadata(MSG_MALFORMED);
        }
        try
        {
            return canonicalMetadata(scanner.valueStart(offset));
        }
        catch (final JsonException ex)
        {
            return failMetadata(null == errorMessage ? ex.reason() : errorMessage);
        }
    }

    /**
     * Closes {@code diff} and copies {@code metadata} verbatim: for producers that already hold canonical JSON.
     *
     * @param src    buffer holding the metadata JSON object.
     * @param offset its first byte.
     * @param length its length.
     * @return this.
     */
    public FlashblockJsonWriter metadataRaw(final DirectBuffer src, final int offset, final int length)
    {
        beginMetadata();
        buffer.putBytes(position, src, offset, length);
        position += length;
        state = STATE_METADATA_DONE;
        return this;
    }

    /**
     * Closes the message.
     *
     * @return the total length written since {@link #wrap}.
     */
    public int finish()
    {
        if (STATE_RECEIPTS == state)
        {
            position = JsonText.putAscii(buffer, position, "}}");
        }
        else
        {
            require(STATE_METADATA_DONE == state, "finish");
        }
        position = JsonText.putByte(buffer, position, '}');
        state = STATE_DONE;
        return position - offset;
    }

    private FlashblockJsonWriter data(
        final FlashblockField field, final DirectBuffer src, final int srcOffset, final int length)
    {
        beginField(field);
        position = JsonText.putData(buffer, position, src, srcOffset, length);
        return this;
    }

    private FlashblockJsonWriter quantity(final FlashblockField field, final long value)
    {
        beginField(field);
        position = JsonText.putQuantity(buffer, position, value);
        return this;
    }

    private void copyField(final FlashblockView view, final FlashblockField field)
    {
        beginField(field);
        final int start = view.valueOffset(field);
        final int end = start + view.valueLength(field);
        if (FlashblockField.Kind.QUANTITY == field.kind())
        {
            position = JsonText.putMinimalQuantityText(buffer, position, view.buffer(), start + 3, end - 1);
        }
        else
        {
            position = JsonText.putLowerHexText(buffer, position, view.buffer(), start, end);
        }
    }

    private void beginField(final FlashblockField field)
    {
        final int ordinal = field.ordinal();
        final String prefix;
        if (ORD_BASE_FIRST == ordinal)
        {
            require(STATE_INDEX == state, field.wireName());
            prefix = ",\"base\":{\"";
        }
        else if (ORD_STATE_ROOT == ordinal)
        {
            require(STATE_INDEX == state || ORD_BASE_LAST == state, field.wireName());
            prefix = STATE_INDEX == state ? ",\"diff\":{\"" : "},\"diff\":{\"";
        }
        else if (ORD_WITHDRAWALS == ordinal || ORD_WITHDRAWALS_ROOT == ordinal)
        {
            require(ordinal - 1 == state, field.wireName());
            prefix = "],\"";
        }
        else if (ORD_BLOB_GAS_USED == ordinal)
        {
            require(ORD_WITHDRAWALS == state || ORD_WITHDRAWALS_ROOT == state, field.wireName());
            prefix = ORD_WITHDRAWALS == state ? "],\"" : ",\"";
        }
        else
        {
            require(ordinal - 1 == state, field.wireName());
            prefix = ",\"";
        }
        position = JsonText.putAscii(buffer, position, prefix);
        position = JsonText.putAscii(buffer, position, field.wireName());
        position = JsonText.putAscii(buffer, position, "\":");
        state = ordinal;
        elementCount = 0;
    }

    private void beginMetadata()
    {
        if (ORD_WITHDRAWALS == state)
        {
            position = JsonText.putByte(buffer, position, ']');
        }
        else
        {
            require(ORD_WITHDRAWALS_ROOT == state || ORD_BLOB_GAS_USED == state, "metadata");
        }
        position = JsonText.putAscii(buffer, position, "},\"metadata\":");
    }

    private void separateElement()
    {
        if (elementCount++ > 0)
        {
            position = JsonText.putByte(buffer, position, ',');
        }
    }

    private void withdrawalStart(final long index, final long validatorIndex)
    {
        separateElement();
        position = JsonText.putAscii(buffer, position, "{\"index\":");
        position = JsonText.putQuantity(buffer, position, index);
        position = JsonText.putAscii(buffer, position, ",\"validatorIndex\":");
        position = JsonText.putQuantity(buffer, position, validatorIndex);
        position = JsonText.putAscii(buffer, position, ",\"address\":");
    }

    private void withdrawalEnd(final long amountGwei)
    {
        position = JsonText.putAscii(buffer, position, ",\"amount\":");
        position = JsonText.putQuantity(buffer, position, amountGwei);
        position = JsonText.putByte(buffer, position, '}');
    }

    private void putReceiptHead(final int type, final boolean status, final long cumulativeGasUsed)
    {
        position = JsonText.putAscii(buffer, position, ":{\"type\":");
        position = JsonText.putQuantity(buffer, position, type);
        position = JsonText.putAscii(buffer, position, status ? ",\"status\":\"0x1\"" : ",\"status\":\"0x0\"");
        position = JsonText.putAscii(buffer, position, ",\"cumulativeGasUsed\":");
        position = JsonText.putQuantity(buffer, position, cumulativeGasUsed);
        position = JsonText.putAscii(buffer, position, ",\"logs\":[");
    }

    private void putReceiptTail(
        final boolean hasDepositNonce,
        final long depositNonce,
        final boolean hasDepositReceiptVersion,
        final long depositReceiptVersion)
    {
        if (hasDepositNonce)
        {
            position = JsonText.putAscii(buffer, position, ",\"depositNonce\":");
            position = JsonText.putQuantity(buffer, position, depositNonce);
        }
        if (hasDepositReceiptVersion)
        {
            position = JsonText.putAscii(buffer, position, ",\"depositReceiptVersion\":");
            position = JsonText.putQuantity(buffer, position, depositReceiptVersion);
        }
        position = JsonText.putByte(buffer, position, '}');
    }

    private int canonicalMetadata(final int objectPos)
    {
        if (scanner.kind(objectPos) != JsonScanner.OBJECT)
        {
            return failMetadata(MSG_NOT_OBJECT);
        }
        int blockNumberPos = -1;
        int balancesPos = -1;
        int receiptsPos = -1;
        for (int name = scanner.firstMember(objectPos); name >= 0; name = scanner.nextMember(name))
        {
            final int end = scanner.stringContentEnd(name);
            if (scanner.rawEquals(name + 1, end, "block_number"))
            {
                if (blockNumberPos >= 0)
                {
                    return failMetadata(MSG_DUPLICATE);
                }
                blockNumberPos = scanner.memberValue(name);
            }
            else if (scanner.rawEquals(name + 1, end, "new_account_balances"))
            {
                if (balancesPos >= 0)
                {
                    return failMetadata(MSG_DUPLICATE);
                }
                balancesPos = scanner.memberValue(name);
            }
            else if (scanner.rawEquals(name + 1, end, "receipts"))
            {
                if (receiptsPos >= 0)
                {
                    return failMetadata(MSG_DUPLICATE);
                }
                receiptsPos = scanner.memberValue(name);
            }
        }

        if (blockNumberPos < 0)
        {
            return failMetadata(MSG_BLOCK_NUMBER);
        }
        errorMessage = MSG_BLOCK_NUMBER;
        final long blockNumber = scanner.quantity(blockNumberPos);
        errorMessage = null;
        position = JsonText.putAscii(buffer, position, "{\"block_number\":");
        position = JsonText.putUnsignedDecimal(buffer, position, blockNumber);

        position = JsonText.putAscii(buffer, position, ",\"new_account_balances\":{");
        if (balancesPos >= 0 && !scanner.isNull(balancesPos))
        {
            final int count = sortedKeys(balancesPos, 40, MSG_BALANCES);
            if (count < 0)
            {
                return INVALID_METADATA;
            }
            final DirectBuffer src = scanner.buffer();
            for (int i = 0; i < count; i++)
            {
                final int key = sortKeys[i];
                final int value = scanner.memberValue(key);
                final int digits = quantityDigits(value);
                if (digits < 1 || digits > 64)
                {
                    return failMetadata(MSG_BALANCES);
                }
                if (i > 0)
                {
                    position = JsonText.putByte(buffer, position, ',');
                }
                position = JsonText.putLowerHexText(buffer, position, src, key, key + 44);
                position = JsonText.putByte(buffer, position, ':');
                position = JsonText.putMinimalQuantityText(buffer, position, src, value + 3, value + 3 + digits);
            }
        }

        position = JsonText.putAscii(buffer, position, "},\"receipts\":{");
        if (receiptsPos >= 0 && !scanner.isNull(receiptsPos))
        {
            final int count = sortedKeys(receiptsPos, 64, MSG_RECEIPTS);
            if (count < 0)
            {
                return INVALID_METADATA;
            }
            for (int i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    position = JsonText.putByte(buffer, position, ',');
                }
                final int key = sortKeys[i];
                position = JsonText.putLowerHexText(buffer, position, scanner.buffer(), key, key + 68);
                final int code = canonicalReceipt(scanner.memberValue(key));
                if (OK != code)
                {
                    return code;
                }
            }
        }
        position = JsonText.putAscii(buffer, position, "}}");
        state = STATE_METADATA_DONE;
        return OK;
    }

    private int canonicalReceipt(final int receiptPos)
    {
        if (scanner.kind(receiptPos) != JsonScanner.OBJECT)
        {
            return failMetadata(MSG_RECEIPTS);
        }
        int body = receiptPos;
        int type = -1;
        final int typePos = scanner.member(receiptPos, "type");
        if (typePos >= 0)
        {
            errorMessage = MSG_RECEIPT_TYPE;
            final long value = scanner.quantity(typePos);
            errorMessage = null;
            type = isReceiptType(value) ? (int)value : -1;
        }
        else
        {
            final int name = scanner.firstMember(receiptPos);
            if (name >= 0 && scanner.nextMember(name) < 0)
            {
                final int end = scanner.stringContentEnd(name);
                for (int i = 0; i < LEGACY_TAGS.length; i++)
                {
                    if (scanner.rawEquals(name + 1, end, LEGACY_TAGS[i]))
                    {
                        type = LEGACY_TAG_TYPES[i];
                        body = scanner.memberValue(name);
                        break;
                    }
                }
            }
            if (type >= 0 && scanner.kind(body) != JsonScanner.OBJECT)
            {
                return failMetadata(MSG_RECEIPTS);
            }
        }
        if (type < 0)
        {
            return failMetadata(MSG_RECEIPT_TYPE);
        }

        final int statusPos = scanner.member(body, "status");
        final boolean status;
        if (statusPos < 0)
        {
            return failMetadata(MSG_STATUS);
        }
        final byte statusKind = scanner.kind(statusPos);
        if (JsonScanner.TRUE == statusKind || JsonScanner.FALSE == statusKind)
        {
            status = JsonScanner.TRUE == statusKind;
        }
        else if (scanner.stringEquals(statusPos, "0x1") || scanner.stringEquals(statusPos, "0x0"))
        {
            status = scanner.stringEquals(statusPos, "0x1");
        }
        else
        {
            return failMetadata(MSG_STATUS);
        }

        final int gasPos = scanner.member(body, "cumulativeGasUsed");
        if (gasPos < 0)
        {
            return failMetadata(MSG_CUMULATIVE_GAS);
        }
        errorMessage = MSG_CUMULATIVE_GAS;
        final long cumulativeGasUsed = scanner.quantity(gasPos);
        errorMessage = null;

        final int logsPos = scanner.member(body, "logs");
        if (logsPos < 0 || scanner.kind(logsPos) != JsonScanner.ARRAY)
        {
            return failMetadata(MSG_LOGS);
        }
        putReceiptHead(type, status, cumulativeGasUsed);
        final DirectBuffer src = scanner.buffer();
        int logCount = 0;
        for (int log = scanner.element(logsPos, 0); log >= 0; log = scanner.nextElement(log))
        {
            final int address = scanner.member(log, "address");
            final int topics = scanner.member(log, "topics");
            final int data = scanner.member(log, "data");
            if (hexDataLength(address) != 20 || topics < 0 || scanner.kind(topics) != JsonScanner.ARRAY ||
                hexDataLength(data) < 0)
            {
                return failMetadata(MSG_LOGS);
            }
            if (logCount++ > 0)
            {
                position = JsonText.putByte(buffer, position, ',');
            }
            position = JsonText.putAscii(buffer, position, "{\"address\":");
            position = JsonText.putLowerHexText(buffer, position, src, address, address + 44);
            position = JsonText.putAscii(buffer, position, ",\"topics\":[");
            int topicCount = 0;
            for (int topic = scanner.element(topics, 0); topic >= 0; topic = scanner.nextElement(topic))
            {
                if (hexDataLength(topic) != 32)
                {
                    return failMetadata(MSG_LOGS);
                }
                if (topicCount++ > 0)
                {
                    position = JsonText.putByte(buffer, position, ',');
                }
                position = JsonText.putLowerHexText(buffer, position, src, topic, topic + 68);
            }
            position = JsonText.putAscii(buffer, position, "],\"data\":");
            position = JsonText.putLowerHexText(buffer, position, src, data, scanner.valueEnd(data));
            position = JsonText.putByte(buffer, position, '}');
        }
        position = JsonText.putByte(buffer, position, ']');

        boolean hasNonce = false;
        long nonce = 0;
        boolean hasVersion = false;
        long version = 0;
        if (RECEIPT_TYPE_DEPOSIT == type)
        {
            errorMessage = MSG_DEPOSIT_FIELD;
            final int noncePos = scanner.member(body, "depositNonce");
            if (!scanner.isAbsentOrNull(noncePos))
            {
                hasNonce = true;
                nonce = scanner.quantity(noncePos);
            }
            final int versionPos = scanner.member(body, "depositReceiptVersion");
            if (!scanner.isAbsentOrNull(versionPos))
            {
                hasVersion = true;
                version = scanner.quantity(versionPos);
            }
            errorMessage = null;
        }
        putReceiptTail(hasNonce, nonce, hasVersion, version);
        return OK;
    }

    /**
     * Collects the member name positions of a map whose keys are {@code "0x"} + {@code digits} hex digits into
     * {@link #sortKeys}, sorted ascending by value, rejecting duplicates.
     *
     * @return the number of keys, or -1 after recording a failure.
     */
    private int sortedKeys(final int objectPos, final int digits, final String message)
    {
        if (scanner.kind(objectPos) != JsonScanner.OBJECT)
        {
            failMetadata(message);
            return -1;
        }
        final DirectBuffer src = scanner.buffer();
        int count = 0;
        for (int name = scanner.firstMember(objectPos); name >= 0; name = scanner.nextMember(name))
        {
            if (hexDataLength(name) != digits >> 1)
            {
                failMetadata(message);
                return -1;
            }
            if (count == sortKeys.length)
            {
                sortKeys = Arrays.copyOf(sortKeys, count * 2);
            }
            int i = count++;
            while (i > 0 && JsonText.compareHexText(src, sortKeys[i - 1] + 3, name + 3, digits) > 0)
            {
                sortKeys[i] = sortKeys[i - 1];
                i--;
            }
            sortKeys[i] = name;
            if (i > 0 && JsonText.compareHexText(src, sortKeys[i - 1] + 3, name + 3, digits) == 0)
            {
                failMetadata(MSG_DUPLICATE);
                return -1;
            }
        }
        return count;
    }

    private int hexDataLength(final int pos)
    {
        if (pos < 0 || scanner.kind(pos) != JsonScanner.STRING)
        {
            return -1;
        }
        final DirectBuffer src = scanner.buffer();
        final int end = scanner.stringContentEnd(pos);
        final int digits = end - pos - 3;
        if (digits < 0 || (digits & 1) != 0 || src.getByte(pos + 1) != '0' || src.getByte(pos + 2) != 'x')
        {
            return -1;
        }
        for (int i = pos + 3; i < end; i++)
        {
            if (Hex.digitValue(src.getByte(i)) < 0)
            {
                return -1;
            }
        }
        return digits >> 1;
    }

    private int quantityDigits(final int pos)
    {
        if (scanner.kind(pos) != JsonScanner.STRING)
        {
            return -1;
        }
        final DirectBuffer src = scanner.buffer();
        final int end = scanner.stringContentEnd(pos);
        if (end - pos < 4 || src.getByte(pos + 1) != '0' || src.getByte(pos + 2) != 'x')
        {
            return -1;
        }
        for (int i = pos + 3; i < end; i++)
        {
            if (Hex.digitValue(src.getByte(i)) < 0)
            {
                return -1;
            }
        }
        return end - pos - 3;
    }

    private static boolean isReceiptType(final long type)
    {
        return RECEIPT_TYPE_LEGACY == type || RECEIPT_TYPE_EIP2930 == type || RECEIPT_TYPE_EIP1559 == type ||
            RECEIPT_TYPE_EIP7702 == type || RECEIPT_TYPE_DEPOSIT == type;
    }

    private int failMetadata(final String message)
    {
        errorMessage = message;
        state = STATE_NONE;
        return INVALID_METADATA;
    }

    private void require(final boolean condition, final String call)
    {
        if (!condition)
        {
            throw new IllegalStateException(call + " called out of wire order (state " + state + ")");
        }
    }
}
