package io.boostj.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boostj.codecs.eth.Keccak256;
import io.boostj.codecs.eth.SenderRecovery;
import io.boostj.codecs.eth.TransactionDecoder;
import io.boostj.codecs.flashblocks.FlashblockField;
import io.boostj.codecs.flashblocks.FlashblockFrames;
import io.boostj.codecs.flashblocks.FlashblockView;
import io.boostj.codecs.hex.Hex;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Feed message to {@link DecodedFlashblock}: brotli or JSON detected by {@link FlashblockFrames}, the flashblock
 * validated by {@link FlashblockView}, every transaction decoded and its sender recovered, the metadata's receipts
 * and balances read. Not thread-safe: one per feed.
 */
public final class FlashblockDecoder
{
    /** Receipt variants of the legacy externally tagged form ({@code {"Eip1559": {...}}}) and their type. */
    private static final Map<String, String> LEGACY_RECEIPT_TAGS = Map.of(
        "Legacy", "0x0", "Eip2930", "0x1", "Eip1559", "0x2", "Eip4844", "0x3", "Eip7702", "0x4", "Deposit", "0x7e");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final FlashblockFrames frames = new FlashblockFrames();
    private final FlashblockView view = new FlashblockView();
    private final TransactionDecoder tx = new TransactionDecoder();
    private final SenderRecovery recovery = new SenderRecovery();
    private final Keccak256 keccak = new Keccak256();
    private final TransactionJson txJson = new TransactionJson();
    private final UnsafeBuffer hash = new UnsafeBuffer(new byte[32]);
    private final UnsafeBuffer sender = new UnsafeBuffer(new byte[20]);
    private UnsafeBuffer txBytes = new UnsafeBuffer(new byte[4096]);

    /**
     * @param buffer     the message (Text or Binary; JSON or brotli).
     * @param offset     its first byte.
     * @param length     its length.
     * @param recvTimeNs when it arrived.
     * @return the decoded flashblock.
     * @throws FlashblockRejectedException if it cannot be applied.
     */
    public DecodedFlashblock decode(final DirectBuffer buffer, final int offset, final int length, final long recvTimeNs)
        throws FlashblockRejectedException
    {
        final int frame = frames.tryDecode(buffer, offset, length);
        if (frame < 0)
        {
            throw new FlashblockRejectedException("malformed_frame", frames.errorMessage());
        }
        final int result = view.wrap(frames.buffer(), frames.offset(), frames.length());
        if (FlashblockView.OK != result)
        {
            throw new FlashblockRejectedException("invalid_flashblock",
                FlashblockView.codeName(result) + " " + view.errorMessage() + " at " + view.errorPosition());
        }
        final JsonNode metadata = metadata();
        final long blockNumber;
        final JsonNode metaBlock = metadata.get("block_number");
        if (view.hasBase())
        {
            blockNumber = view.blockNumber();
            if (null != metaBlock && metaBlock.canConvertToLong() && metaBlock.asLong() != blockNumber)
            {
                throw new FlashblockRejectedException("bad_metadata", "metadata.block_number " + metaBlock.asLong() +
                    " differs from base.block_number " + blockNumber);
            }
        }
        else
        {
            if (null == metaBlock || !metaBlock.isIntegralNumber() || metaBlock.asLong() < 0)
            {
                throw new FlashblockRejectedException("bad_metadata",
                    "metadata.block_number (a JSON number) is required on a flashblock without base");
            }
            blockNumber = metaBlock.asLong();
        }
        return new DecodedFlashblock(
            view.payloadId(),
            view.index(),
            blockNumber,
            view.hasBase() ? base() : null,
            diffHeader(),
            transactions(),
            receipts(metadata.get("receipts")),
            balances(metadata.get("new_account_balances")),
            recvTimeNs);
    }

    private JsonNode metadata() throws FlashblockRejectedException
    {
        final byte[] bytes = new byte[view.metadataLength()];
        view.buffer().getBytes(view.metadataOffset(), bytes);
        try
        {
            return MAPPER.readTree(bytes);
        }
        catch (final IOException ex)
        {
            throw new FlashblockRejectedException("bad_metadata", ex.getMessage());
        }
    }

    private ObjectNode base()
    {
        final ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("parentHash", text(FlashblockField.PARENT_HASH));
        o.put("miner", text(FlashblockField.FEE_RECIPIENT));
        o.put("mixHash", text(FlashblockField.PREV_RANDAO));
        o.put("number", Quantities.of(view.blockNumber()));
        o.put("gasLimit", Quantities.of(view.quantity(FlashblockField.GAS_LIMIT)));
        o.put("timestamp", Quantities.of(view.quantity(FlashblockField.TIMESTAMP)));
        o.put("extraData", text(FlashblockField.EXTRA_DATA));
        o.put("baseFeePerGas", canonicalQuantity(text(FlashblockField.BASE_FEE_PER_GAS)));
        o.put("parentBeaconBlockRoot", text(FlashblockField.PARENT_BEACON_BLOCK_ROOT));
        return o;
    }

    private ObjectNode diffHeader()
    {
        final ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("hash", text(FlashblockField.BLOCK_HASH));
        o.put("stateRoot", text(FlashblockField.STATE_ROOT));
        o.put("receiptsRoot", text(FlashblockField.RECEIPTS_ROOT));
        o.put("logsBloom", text(FlashblockField.LOGS_BLOOM));
        o.put("gasUsed", Quantities.of(view.gasUsed()));
        if (view.has(FlashblockField.WITHDRAWALS_ROOT))
        {
            o.put("withdrawalsRoot", text(FlashblockField.WITHDRAWALS_ROOT));
        }
        o.put("blobGasUsed", Quantities.of(view.hasBlobGasUsed() ? view.blobGasUsed() : 0));
        return o;
    }

    private List<PendingTransaction> transactions() throws FlashblockRejectedException
    {
        final int count = view.transactionCount();
        final List<PendingTransaction> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            final int length = view.transactionDataLength(i);
            if (txBytes.capacity() < length)
            {
                txBytes = new UnsafeBuffer(new byte[Math.max(length, txBytes.capacity() * 2)]);
            }
            view.getTransaction(i, txBytes, 0);
            final int decoded = tx.tryWrap(txBytes, 0, length);
            if (TransactionDecoder.OK != decoded)
            {
                throw new FlashblockRejectedException("bad_transaction",
                    "transaction " + i + ": " + tx.errorReason() + " (" + tx.errorField() + ")");
            }
            tx.transactionHash(keccak, hash, 0);
            final int recovered = recovery.tryRecoverSender(tx, sender, 0);
            if (recovered < 0)
            {
                throw new FlashblockRejectedException("bad_transaction",
                    "transaction " + i + ": sender: " + SenderRecovery.describe(recovered));
            }
            try
            {
                list.add(txJson.toPending(tx, Hex.toHexString(hash.byteArray()), Hex.toHexString(sender.byteArray())));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new FlashblockRejectedException("bad_transaction", "transaction " + i + ": " + ex.getMessage());
            }
        }
        return Collections.unmodifiableList(list);
    }

    private static Map<String, ObjectNode> receipts(final JsonNode node) throws FlashblockRejectedException
    {
        if (null == node || node.isNull())
        {
            return null;
        }
        if (!node.isObject())
        {
            throw new FlashblockRejectedException("bad_metadata", "metadata.receipts must be an object");
        }
        final Map<String, ObjectNode> receipts = new HashMap<>();
        for (final Map.Entry<String, JsonNode> e : node.properties())
        {
            receipts.put(e.getKey().toLowerCase(Locale.ROOT), normalizeReceipt(e.getKey(), e.getValue()));
        }
        return Collections.unmodifiableMap(receipts);
    }

    private static ObjectNode normalizeReceipt(final String txHash, final JsonNode receipt)
        throws FlashblockRejectedException
    {
        if (!receipt.isObject())
        {
            throw new FlashblockRejectedException("bad_metadata", "receipt of " + txHash + " is not an object");
        }
        ObjectNode r = (ObjectNode)receipt;
        if (1 == r.size() && !r.has("type"))
        {
            final String tag = r.fieldNames().next();
            final String type = LEGACY_RECEIPT_TAGS.get(tag);
            if (null != type && r.get(tag).isObject())
            {
                r = ((ObjectNode)r.get(tag)).deepCopy();
                r.put("type", type);
            }
        }
        if (!r.has("status") || !r.has("cumulativeGasUsed") || !r.path("logs").isArray())
        {
            throw new FlashblockRejectedException("bad_metadata",
                "receipt of " + txHash + " needs status, cumulativeGasUsed and logs");
        }
        return r;
    }

    private static Map<String, String> balances(final JsonNode node) throws FlashblockRejectedException
    {
        if (null == node || node.isNull())
        {
            return null;
        }
        if (!node.isObject())
        {
            throw new FlashblockRejectedException("bad_metadata", "metadata.new_account_balances must be an object");
        }
        final Map<String, String> balances = new HashMap<>();
        for (final Map.Entry<String, JsonNode> e : node.properties())
        {
            if (!e.getValue().isTextual() || Quantities.parseBig(e.getValue().asText()) == null)
            {
                throw new FlashblockRejectedException("bad_metadata", "balance of " + e.getKey() + " is not a QUANTITY");
            }
            balances.put(e.getKey().toLowerCase(Locale.ROOT), canonicalQuantity(e.getValue().asText()));
        }
        return Collections.unmodifiableMap(balances);
    }

    private String text(final FlashblockField field)
    {
        final int start = view.valueOffset(field);
        final int length = view.valueLength(field);
        return view.buffer().getStringWithoutLengthAscii(start + 1, length - 2).toLowerCase(Locale.ROOT);
    }

    private static String canonicalQuantity(final String quantity)
    {
        return "0x" + Quantities.parseBig(quantity).toString(16);
    }
}
