package io.boostj.rpc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boostj.codecs.eth.TransactionDecoder;
import io.boostj.codecs.rlp.RlpReader;
import org.agrona.DirectBuffer;

import java.math.BigInteger;

/**
 * Turns a decoded transaction into the JSON-RPC transaction object a node returns (type-specific fields as geth and
 * reth name them), and its fee fields into numbers.
 */
final class TransactionJson
{
    private final RlpReader outer = new RlpReader();
    private final RlpReader inner = new RlpReader();

    PendingTransaction toPending(final TransactionDecoder tx, final String hash, final String from)
    {
        final DirectBuffer b = tx.buffer();
        final ObjectNode o = JsonNodeFactory.instance.objectNode();
        final int type = tx.type();
        o.put("type", Quantities.of(type));
        o.put("hash", hash);
        o.put("from", from);
        final String to = tx.hasTo() ? Quantities.data(b, tx.toOffset(), 20) : null;
        if (null == to)
        {
            o.putNull("to");
        }
        else
        {
            o.put("to", to);
        }
        o.put("gas", Quantities.of(tx.gasLimit()));
        o.put("value", Quantities.ofUnsigned(b, tx.valueOffset(), tx.valueLength()));
        o.put("input", Quantities.data(b, tx.dataOffset(), tx.dataLength()));
        BigInteger gasPrice = null;
        BigInteger maxFee = null;
        BigInteger tip = null;
        if (tx.isDeposit())
        {
            o.put("sourceHash", Quantities.data(b, tx.sourceHashOffset(), 32));
            o.put("mint", Quantities.ofUnsigned(b, tx.mintOffset(), tx.mintLength()));
            if (tx.isSystemTx())
            {
                o.put("isSystemTx", true);
            }
            o.put("nonce", "0x0");
            o.put("gasPrice", "0x0");
            o.put("v", "0x0");
            o.put("r", "0x0");
            o.put("s", "0x0");
            return new PendingTransaction(hash, from, to, 0, true, null, null, null, o, raw(tx));
        }
        o.put("nonce", Quantities.of(tx.nonce()));
        if (tx.hasChainId())
        {
            o.put("chainId", Quantities.of(tx.chainId()));
        }
        if (TransactionDecoder.TYPE_LEGACY == type || TransactionDecoder.TYPE_ACCESS_LIST == type)
        {
            gasPrice = unsigned(b, tx.gasPriceOffset(), tx.gasPriceLength());
            o.put("gasPrice", "0x" + gasPrice.toString(16));
        }
        else
        {
            maxFee = unsigned(b, tx.maxFeePerGasOffset(), tx.maxFeePerGasLength());
            tip = unsigned(b, tx.maxPriorityFeePerGasOffset(), tx.maxPriorityFeePerGasLength());
            o.put("maxFeePerGas", "0x" + maxFee.toString(16));
            o.put("maxPriorityFeePerGas", "0x" + tip.toString(16));
            o.put("gasPrice", "0x" + maxFee.toString(16));
        }
        if (TransactionDecoder.TYPE_BLOB == type)
        {
            o.put("maxFeePerBlobGas", Quantities.ofUnsigned(b, tx.maxFeePerBlobGasOffset(), tx.maxFeePerBlobGasLength()));
            final ArrayNode blobs = o.putArray("blobVersionedHashes");
            for (int i = 0; i < tx.blobHashCount(); i++)
            {
                blobs.add(Quantities.data(b, tx.blobHashOffset(i), 32));
            }
        }
        if (TransactionDecoder.TYPE_LEGACY != type)
        {
            o.set("accessList", accessList(b, tx.accessListOffset(), tx.accessListLength()));
            o.put("yParity", Quantities.of(tx.yParity()));
        }
        o.put("v", Quantities.of(tx.v()));
        o.put("r", Quantities.ofUnsigned(b, tx.rOffset(), tx.rLength()));
        o.put("s", Quantities.ofUnsigned(b, tx.sOffset(), tx.sLength()));
        return new PendingTransaction(hash, from, to, tx.nonce(), false, gasPrice, maxFee, tip, o, raw(tx));
    }

    private ArrayNode accessList(final DirectBuffer b, final int offset, final int length)
    {
        final ArrayNode list = JsonNodeFactory.instance.arrayNode();
        outer.wrap(b);
        inner.wrap(b);
        final int end = offset + length;
        int p = offset;
        while (p < end)
        {
            final int entryEnd = outer.tryReadList(p, end);
            if (entryEnd < 0)
            {
                throw new IllegalArgumentException("access list entry: " + RlpReader.describe(entryEnd));
            }
            final int payloadEnd = outer.payloadOffset() + outer.payloadLength();
            final int addressEnd = inner.tryReadString(outer.payloadOffset(), payloadEnd);
            if (addressEnd < 0 || 20 != inner.payloadLength())
            {
                throw new IllegalArgumentException("access list entry does not start with an address");
            }
            final ObjectNode entry = list.addObject();
            entry.put("address", Quantities.data(b, inner.payloadOffset(), inner.payloadLength()));
            final ArrayNode keys = entry.putArray("storageKeys");
            if (inner.tryReadList(addressEnd, payloadEnd) < 0)
            {
                throw new IllegalArgumentException("access list entry has no storage key list");
            }
            int k = inner.payloadOffset();
            final int kEnd = k + inner.payloadLength();
            while (k < kEnd)
            {
                final int next = outer.tryReadString(k, kEnd);
                if (next < 0)
                {
                    throw new IllegalArgumentException("access list key: " + RlpReader.describe(next));
                }
                keys.add(Quantities.data(b, outer.payloadOffset(), outer.payloadLength()));
                k = next;
            }
            p = entryEnd;
        }
        return list;
    }

    private static byte[] raw(final TransactionDecoder tx)
    {
        final byte[] raw = new byte[tx.length()];
        tx.buffer().getBytes(tx.offset(), raw);
        return raw;
    }

    private static BigInteger unsigned(final DirectBuffer b, final int offset, final int length)
    {
        if (length <= 0)
        {
            return BigInteger.ZERO;
        }
        final byte[] bytes = new byte[length];
        b.getBytes(offset, bytes);
        return new BigInteger(1, bytes);
    }
}
