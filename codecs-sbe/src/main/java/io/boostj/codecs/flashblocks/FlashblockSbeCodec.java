package io.boostj.codecs.flashblocks;

import java.nio.ByteOrder;

import io.boostj.codecs.hex.Hex;
import io.boostj.sbe.BooleanType;
import io.boostj.sbe.FlashblockPayloadDecoder;
import io.boostj.sbe.FlashblockPayloadEncoder;
import io.boostj.sbe.MessageHeaderDecoder;
import io.boostj.sbe.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Converts a flashblock between its JSON wire form and the SBE {@code FlashblockPayload} message (template
 * {@value FlashblockPayloadEncoder#TEMPLATE_ID} of schema 7001), the binary form a co-located builder publishes over
 * Aeron:
 * <ul>
 *     <li>{@link #tryEncode}: a validated {@link FlashblockView} to SBE: hex decoded into fixed fields (hashes, bloom,
 *     U256 base fee), transactions and withdrawals into groups, extra data and the metadata JSON (verbatim) into var
 *     data;</li>
 *     <li>{@link #tryDecode}: SBE back to JSON through {@link FlashblockJsonWriter}, i.e. exactly op-rbuilder's bytes
 *     (metadata canonicalised).</li>
 * </ul>
 * JSON to SBE to JSON therefore equals {@link FlashblockJsonWriter#tryWrite} of the original message.
 * <p>
 * Allocation-free once its scratch buffer has grown to the largest transaction seen. Not thread safe.
 */
public final class FlashblockSbeCodec
{
    /**
     * The view holds no valid flashblock.
     */
    public static final int INVALID_VIEW = -1;

    /**
     * The destination buffer is too small and not expandable.
     */
    public static final int BUFFER_TOO_SMALL = -2;

    /**
     * More transactions or withdrawals than an SBE group holds (65534).
     */
    public static final int TOO_MANY_ELEMENTS = -3;

    /**
     * The SBE message is not a {@code FlashblockPayload} of schema 7001.
     */
    public static final int NOT_A_FLASHBLOCK = -4;

    /**
     * The SBE message is truncated or its lengths point outside it.
     */
    public static final int MALFORMED = -5;

    /**
     * The metadata var data is not op-alloy metadata JSON ({@link #errorMessage()} says why).
     */
    public static final int INVALID_METADATA = -6;

    private static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int VAR_HEADER_LENGTH = 4;
    private static final int GROUP_HEADER_LENGTH = 4;
    private static final int MAX_GROUP_COUNT = FlashblockPayloadEncoder.TransactionsEncoder.countMaxValue();
    private static final int FIXED_JSON_LENGTH = 3072;
    private static final int MAX_WITHDRAWAL_JSON_LENGTH = 160;

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final FlashblockPayloadEncoder encoder = new FlashblockPayloadEncoder();
    private final FlashblockPayloadDecoder decoder = new FlashblockPayloadDecoder();
    private final FlashblockJsonWriter writer = new FlashblockJsonWriter();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(4096);
    private final UnsafeBuffer message = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer varData = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer extraData = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer metadata = new UnsafeBuffer(0, 0);
    private String errorMessage;

    /**
     * An upper bound of the SBE length of a flashblock.
     *
     * @param view a valid view.
     * @return header + block + group and var headers + the JSON length (every hex text is at least as long as its
     * bytes plus their length header).
     */
    public static int maxEncodedLength(final FlashblockView view)
    {
        return HEADER_LENGTH + FlashblockPayloadEncoder.BLOCK_LENGTH + 2 * GROUP_HEADER_LENGTH +
            2 * VAR_HEADER_LENGTH + view.length();
    }

    /**
     * Why the last call failed.
     *
     * @return a constant message, or null after success.
     */
    public String errorMessage()
    {
        return errorMessage;
    }

    /**
     * Encodes a parsed flashblock as a {@code FlashblockPayload} message, header included.
     *
     * @param view      a view on which {@link FlashblockView#wrap} returned OK.
     * @param dst       destination: expandable, or with {@link #maxEncodedLength(FlashblockView)} bytes free.
     * @param dstOffset where the message header goes.
     * @return the encoded length, or {@link #INVALID_VIEW}, {@link #BUFFER_TOO_SMALL}, {@link #TOO_MANY_ELEMENTS}.
     */
    public int tryEncode(final FlashblockView view, final MutableDirectBuffer dst, final int dstOffset)
    {
        if (!view.isValid())
        {
            return fail(INVALID_VIEW, "flashblock view is not valid");
        }
        if (view.transactionCount() > MAX_GROUP_COUNT || view.withdrawalCount() > MAX_GROUP_COUNT)
        {
            return fail(TOO_MANY_ELEMENTS, "more than 65534 transactions or withdrawals");
        }
        if (dstOffset < 0 || (!dst.isExpandable() && (long)dstOffset + maxEncodedLength(view) > dst.capacity()))
        {
            return fail(BUFFER_TOO_SMALL, "destination buffer too small for the SBE message");
        }
        errorMessage = null;

        final DirectBuffer src = view.buffer();
        encoder.wrapAndApplyHeader(dst, dstOffset, headerEncoder);
        final int block = encoder.offset();
        dst.putLong(block + FlashblockPayloadEncoder.payloadIdEncodingOffset(), view.payloadId(), ByteOrder.BIG_ENDIAN);
        encoder.index(view.index());
        if (view.hasBase())
        {
            encoder.hasBase(BooleanType.TRUE);
            putData(view, FlashblockField.PARENT_BEACON_BLOCK_ROOT, dst,
                block + FlashblockPayloadEncoder.parentBeaconBlockRootEncodingOffset());
            putData(view, FlashblockField.PARENT_HASH, dst,
                block + FlashblockPayloadEncoder.parentHashEncodingOffset());
            putData(view, FlashblockField.FEE_RECIPIENT, dst,
                block + FlashblockPayloadEncoder.feeRecipientEncodingOffset());
            putData(view, FlashblockField.PREV_RANDAO, dst,
                block + FlashblockPayloadEncoder.prevRandaoEncodingOffset());
            encoder
                .blockNumber(view.quantity(FlashblockField.BLOCK_NUMBER))
                .gasLimit(view.quantity(FlashblockField.GAS_LIMIT))
                .timestamp(view.quantity(FlashblockField.TIMESTAMP));
            view.getBytes(FlashblockField.BASE_FEE_PER_GAS, dst,
                block + FlashblockPayloadEncoder.baseFeePerGasEncodingOffset());
        }
        else
        {
            final int from = FlashblockPayloadEncoder.parentBeaconBlockRootEncodingOffset();
            final int to = FlashblockPayloadEncoder.baseFeePerGasEncodingOffset() + 32;
            encoder.hasBase(BooleanType.FALSE);
            dst.setMemory(block + from, to - from, (byte)0);
        }
        putData(view, FlashblockField.STATE_ROOT, dst, block + FlashblockPayloadEncoder.stateRootEncodingOffset());
        putData(view, FlashblockField.RECEIPTS_ROOT, dst,
            block + FlashblockPayloadEncoder.receiptsRootEncodingOffset());
        putData(view, FlashblockField.LOGS_BLOOM, dst, block + FlashblockPayloadEncoder.logsBloomEncodingOffset());
        encoder.gasUsed(view.gasUsed());
        putData(view, FlashblockField.BLOCK_HASH, dst, block + FlashblockPayloadEncoder.blockHashEncodingOffset());
        final int withdrawalsRoot = block + FlashblockPayloadEncoder.withdrawalsRootEncodingOffset();
        if (view.hasWithdrawalsRoot())
        {
            encoder.hasWithdrawalsRoot(BooleanType.TRUE);
            putData(view, FlashblockField.WITHDRAWALS_ROOT, dst, withdrawalsRoot);
        }
        else
        {
            encoder.hasWithdrawalsRoot(BooleanType.FALSE);
            dst.setMemory(withdrawalsRoot, 32, (byte)0);
        }
        encoder
            .hasBlobGasUsed(view.hasBlobGasUsed() ? BooleanType.TRUE : BooleanType.FALSE)
            .blobGasUsed(view.blobGasUsed());

        final int transactionCount = view.transactionCount();
        final FlashblockPayloadEncoder.TransactionsEncoder transactions = encoder.transactionsCount(transactionCount);
        for (int i = 0; i < transactionCount; i++)
        {
            final int length = view.getTransaction(i, scratch, 0);
            transactions.next().putTx(scratch, 0, length);
        }

        final int withdrawalCount = view.withdrawalCount();
        final FlashblockPayloadEncoder.WithdrawalsEncoder withdrawals = encoder.withdrawalsCount(withdrawalCount);
        for (int i = 0; i < withdrawalCount; i++)
        {
            view.getWithdrawalAddress(i, scratch, 0);
            withdrawals.next()
                .index(view.withdrawalIndex(i))
                .validatorIndex(view.withdrawalValidatorIndex(i))
                .putAddress(scratch, 0, 20)
                .amountGwei(view.withdrawalAmount(i));
        }

        final int extraDataLength = view.getBytes(FlashblockField.EXTRA_DATA, scratch, 0);
        encoder.putExtraData(scratch, 0, extraDataLength);
        encoder.putMetadata(src, view.metadataOffset(), view.metadataLength());
        return HEADER_LENGTH + encoder.encodedLength();
    }

    /**
     * Decodes a {@code FlashblockPayload} message into op-rbuilder's JSON wire bytes.
     *
     * @param src       buffer holding the SBE message.
     * @param srcOffset where its header starts.
     * @param srcLength its length (nothing outside is read).
     * @param dst       destination: expandable, or large enough for the JSON (about twice the SBE length).
     * @param dstOffset where the JSON starts.
     * @return the JSON length, or {@link #NOT_A_FLASHBLOCK}, {@link #MALFORMED}, {@link #BUFFER_TOO_SMALL} or
     * {@link #INVALID_METADATA}.
     */
    public int tryDecode(
        final DirectBuffer src,
        final int srcOffset,
        final int srcLength,
        final MutableDirectBuffer dst,
        final int dstOffset)
    {
        errorMessage = null;
        if (srcLength < HEADER_LENGTH)
        {
            return fail(MALFORMED, "shorter than an SBE message header");
        }
        message.wrap(src, srcOffset, srcLength);
        headerDecoder.wrap(message, 0);
        if (headerDecoder.schemaId() != FlashblockPayloadDecoder.SCHEMA_ID ||
            headerDecoder.templateId() != FlashblockPayloadDecoder.TEMPLATE_ID)
        {
            return fail(NOT_A_FLASHBLOCK, "not a FlashblockPayload message of schema 7001");
        }

        final long jsonBound;
        try
        {
            decoder.wrapAndApplyHeader(message, 0, headerDecoder);
            long bound = FIXED_JSON_LENGTH;
            final FlashblockPayloadDecoder.TransactionsDecoder transactions = decoder.transactions();
            while (transactions.hasNext())
            {
                bound += 2L * transactions.next().skipTx() + 8;
            }
            final FlashblockPayloadDecoder.WithdrawalsDecoder withdrawals = decoder.withdrawals();
            bound += (long)withdrawals.count() * MAX_WITHDRAWAL_JSON_LENGTH;
            while (withdrawals.hasNext())
            {
                withdrawals.next();
            }
            decoder.wrapExtraData(extraData);
            decoder.wrapMetadata(metadata);
            jsonBound = bound + 2L * extraData.capacity() + 2L * metadata.capacity() + 64;
        }
        catch (final IndexOutOfBoundsException ex)
        {
            return fail(MALFORMED, "SBE lengths point outside the message");
        }
        if (dstOffset < 0 || (!dst.isExpandable() && dstOffset + jsonBound > dst.capacity()))
        {
            return fail(BUFFER_TOO_SMALL, "destination buffer too small for the JSON");
        }

        decoder.sbeRewind();
        final int block = decoder.offset();
        final long payloadId =
            message.getLong(block + FlashblockPayloadDecoder.payloadIdEncodingOffset(), ByteOrder.BIG_ENDIAN);
        writer.wrap(dst, dstOffset).payloadId(payloadId).index(decoder.index());
        if (BooleanType.TRUE == decoder.hasBase())
        {
            writer
                .parentBeaconBlockRoot(message, block + FlashblockPayloadDecoder.parentBeaconBlockRootEncodingOffset())
                .parentHash(message, block + FlashblockPayloadDecoder.parentHashEncodingOffset())
                .feeRecipient(message, block + FlashblockPayloadDecoder.feeRecipientEncodingOffset())
                .prevRandao(message, block + FlashblockPayloadDecoder.prevRandaoEncodingOffset())
                .blockNumber(decoder.blockNumber())
                .gasLimit(decoder.gasLimit())
                .timestamp(decoder.timestamp())
                .extraData(extraData, 0, extraData.capacity())
                .baseFeePerGas(message, block + FlashblockPayloadDecoder.baseFeePerGasEncodingOffset());
        }
        writer
            .stateRoot(message, block + FlashblockPayloadDecoder.stateRootEncodingOffset())
            .receiptsRoot(message, block + FlashblockPayloadDecoder.receiptsRootEncodingOffset())
            .logsBloom(message, block + FlashblockPayloadDecoder.logsBloomEncodingOffset())
            .gasUsed(decoder.gasUsed())
            .blockHash(message, block + FlashblockPayloadDecoder.blockHashEncodingOffset())
            .transactionsStart();
        final FlashblockPayloadDecoder.TransactionsDecoder transactions = decoder.transactions();
        while (transactions.hasNext())
        {
            transactions.next().wrapTx(varData);
            writer.transaction(varData, 0, varData.capacity());
        }
        writer.withdrawalsStart();
        final FlashblockPayloadDecoder.WithdrawalsDecoder withdrawals = decoder.withdrawals();
        while (withdrawals.hasNext())
        {
            withdrawals.next();
            withdrawals.getAddress(scratch, 0, 20);
            writer.withdrawal(
                withdrawals.index(), withdrawals.validatorIndex(), scratch, 0, withdrawals.amountGwei());
        }
        if (BooleanType.TRUE == decoder.hasWithdrawalsRoot())
        {
            writer.withdrawalsRoot(message, block + FlashblockPayloadDecoder.withdrawalsRootEncodingOffset());
        }
        if (BooleanType.TRUE == decoder.hasBlobGasUsed())
        {
            writer.blobGasUsed(decoder.blobGasUsed());
        }
        if (FlashblockJsonWriter.OK != writer.tryMetadata(metadata, 0, metadata.capacity()))
        {
            return fail(INVALID_METADATA, writer.errorMessage());
        }
        return writer.finish();
    }

    private static void putData(
        final FlashblockView view, final FlashblockField field, final MutableDirectBuffer dst, final int dstOffset)
    {
        final int start = view.valueOffset(field);
        Hex.tryDecodeDigits(view.buffer(), start + 3, view.valueLength(field) - 4, dst, dstOffset);
    }

    private int fail(final int code, final String message)
    {
        errorMessage = message;
        return code;
    }
}
