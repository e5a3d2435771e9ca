package io.boostj.codecs.eth;

import io.boostj.codecs.json.JsonException;
import io.boostj.codecs.json.JsonScanner;
import io.boostj.codecs.rlp.Rlp;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes a post-Byzantium transaction receipt the way it is stored in the {@code receiptsRoot} trie:
 * {@code type || rlp([status, cumulativeGasUsed, logsBloom, logs])} for typed transactions (no type byte for legacy
 * ones), where each log is {@code [address, [topics...], data]} and the bloom is computed from the logs. OP deposit
 * receipts append {@code depositNonce} (from Regolith) and {@code depositReceiptVersion} (from Canyon) when present.
 * <p>
 * Reads receipts in their JSON-RPC shape ({@code status}, {@code cumulativeGasUsed}, {@code logs} with
 * {@code address}, {@code topics}, {@code data}; optional {@code depositNonce}, {@code depositReceiptVersion}) and
 * encodes into an internal, growable buffer. Allocation-free once warm. Not thread safe.
 */
public final class ReceiptEncoder
{
    /**
     * Length of a logs bloom.
     */
    public static final int BLOOM_LENGTH = 256;

    private static final String ERR_RECEIPT = "receipt must be an object";
    private static final String ERR_LOGS = "logs must be an array of log objects";
    private static final String ERR_DATA = "log data must be 0x-prefixed even-length hex";
    private static final String ERR_STATUS = "status must be 0x0, 0x1 or a boolean";

    private final Keccak256 keccak = new Keccak256();
    private final ExpandableArrayBuffer encoded = new ExpandableArrayBuffer(4096);
    private final UnsafeBuffer bloom = new UnsafeBuffer(new byte[BLOOM_LENGTH]);
    private final UnsafeBuffer item = new UnsafeBuffer(new byte[32]);
    private final UnsafeBuffer hash = new UnsafeBuffer(new byte[32]);

    /**
     * Sets the three bloom bits of one item (a log's address or one of its topics).
     *
     * @param keccak      hasher (reset by this call).
     * @param src         the item's bytes.
     * @param offset      index of its first byte.
     * @param length      its length.
     * @param scratch     32 bytes of scratch space.
     * @param bloom       the 256-byte bloom.
     * @param bloomOffset index of the bloom's first byte.
     */
    public static void addToBloom(
        final Keccak256 keccak,
        final DirectBuffer src,
        final int offset,
        final int length,
        final MutableDirectBuffer scratch,
        final MutableDirectBuffer bloom,
        final int bloomOffset)
    {
        keccak.hash(src, offset, length, scratch, 0);
        for (int i = 0; i < 6; i += 2)
        {
            final int bit = (((scratch.getByte(i) & 0xFF) << 8) | (scratch.getByte(i + 1) & 0xFF)) & 2047;
            final int index = bloomOffset + BLOOM_LENGTH - 1 - (bit >>> 3);
            bloom.putByte(index, (byte)(bloom.getByte(index) | (1 << (bit & 7))));
        }
    }

    /**
     * The encoding produced by the last {@link #encodeJson}.
     *
     * @return the buffer; the receipt starts at index 0.
     */
    public DirectBuffer buffer()
    {
        return encoded;
    }

    /**
     * The bloom of the last receipt encoded.
     *
     * @return the 256-byte bloom.
     */
    public DirectBuffer bloom()
    {
        return bloom;
    }

    /**
     * Encodes a receipt given in JSON.
     *
     * @param scanner    scanner wrapping the JSON.
     * @param receiptPos position of the receipt object.
     * @param type       the transaction type (0 for legacy, 0x7e for a deposit).
     * @return the encoded length, at index 0 of {@link #buffer()}.
     * @throws JsonException if the receipt is malformed.
     */
    public int encodeJson(final JsonScanner scanner, final int receiptPos, final int type)
    {
        if (receiptPos < 0 || scanner.kind(receiptPos) != JsonScanner.OBJECT)
        {
            throw new JsonException(ERR_RECEIPT, receiptPos);
        }
        final long status = status(scanner, scanner.member(receiptPos, "status"));
        final long cumulativeGasUsed = scanner.quantity(scanner.member(receiptPos, "cumulativeGasUsed"));
        final int logs = scanner.member(receiptPos, "logs");
        if (logs < 0 || scanner.kind(logs) != JsonScanner.ARRAY)
        {
            throw new JsonException(ERR_LOGS, logs);
        }
        final boolean deposit = type == TransactionDecoder.TYPE_DEPOSIT;
        final int nonceAt = deposit ? scanner.member(receiptPos, "depositNonce") : -1;
        final int versionAt = deposit ? scanner.member(receiptPos, "depositReceiptVersion") : -1;
        final boolean hasNonce = !scanner.isAbsentOrNull(nonceAt);
        final boolean hasVersion = !scanner.isAbsentOrNull(versionAt);
        final long depositNonce = hasNonce ? scanner.quantity(nonceAt) : 0;
        final long depositReceiptVersion = hasVersion ? scanner.quantity(versionAt) : 0;

        bloom.setMemory(0, BLOOM_LENGTH, (byte)0);
        int logsPayload = 0;
        for (int log = scanner.element(logs, 0); log >= 0; log = scanner.nextElement(log))
        {
            logsPayload += Rlp.listLength(logPayloadLength(scanner, log, true));
        }

        int payload = Rlp.uint64Length(status) + Rlp.uint64Length(cumulativeGasUsed) + 3 + BLOOM_LENGTH +
            Rlp.listLength(logsPayload);
        if (hasNonce)
        {
            payload += Rlp.uint64Length(depositNonce);
        }
        if (hasVersion)
        {
            payload += Rlp.uint64Length(depositReceiptVersion);
        }

        int p = 0;
        encoded.checkLimit(Rlp.listLength(payload) + 1);
        if (type != TransactionDecoder.TYPE_LEGACY)
        {
            encoded.putByte(p++, (byte)type);
        }
        p += Rlp.putListHeader(encoded, p, payload);
        p += Rlp.putUint64(encoded, p, status);
        p += Rlp.putUint64(encoded, p, cumulativeGasUsed);
        p += Rlp.putStringHeader(encoded, p, BLOOM_LENGTH);
        encoded.putBytes(p, bloom, 0, BLOOM_LENGTH);
        p += BLOOM_LENGTH;
        p += Rlp.putListHeader(encoded, p, logsPayload);
        for (int log = scanner.element(logs, 0); log >= 0; log = scanner.nextElement(log))
        {
            p += putLog(scanner, log, p);
        }
        if (hasNonce)
        {
            p += Rlp.putUint64(encoded, p, depositNonce);
        }
        if (hasVersion)
        {
            p += Rlp.putUint64(encoded, p, depositReceiptVersion);
        }
        return p;
    }

    private static long status(final JsonScanner scanner, final int pos)
    {
        if (pos >= 0)
        {
            final byte kind = scanner.kind(pos);
            if (kind == JsonScanner.TRUE || kind == JsonScanner.FALSE)
            {
                return kind == JsonScanner.TRUE ? 1 : 0;
            }
        }
        final long status = scanner.quantity(pos);
        if (status != 0 && status != 1)
        {
            throw new JsonException(ERR_STATUS, pos);
        }
        return status;
    }

    private int logPayloadLength(final JsonScanner scanner, final int log, final boolean addToBloom)
    {
        if (scanner.kind(log) != JsonScanner.OBJECT)
        {
            throw new JsonException(ERR_LOGS, log);
        }
        final int address = scanner.member(log, "address");
        final int topics = scanner.member(log, "topics");
        final int topicCount = scanner.elementCount(topics);
        if (topicCount < 0)
        {
            throw new JsonException(ERR_LOGS, topics);
        }
        if (addToBloom)
        {
            scanner.hexBytes(address, item, 0, 20);
            addToBloom(keccak, item, 0, 20, hash, bloom, 0);
            for (int topic = scanner.element(topics, 0); topic >= 0; topic = scanner.nextElement(topic))
            {
                scanner.hexBytes(topic, item, 0, 32);
                addToBloom(keccak, item, 0, 32, hash, bloom, 0);
            }
        }
        return 21 + Rlp.listLength(33 * topicCount) + dataEncodedLength(scanner, scanner.member(log, "data"));
    }

    private int putLog(final JsonScanner scanner, final int log, final int at)
    {
        final int payload = logPayloadLength(scanner, log, false);
        int p = at;
        encoded.checkLimit(at + Rlp.listLength(payload));
        p += Rlp.putListHeader(encoded, p, payload);
        p += Rlp.putStringHeader(encoded, p, 20);
        p += scanner.hexBytes(scanner.member(log, "address"), encoded, p, 20);
        final int topics = scanner.member(log, "topics");
        p += Rlp.putListHeader(encoded, p, 33 * scanner.elementCount(topics));
        for (int topic = scanner.element(topics, 0); topic >= 0; topic = scanner.nextElement(topic))
        {
            p += Rlp.putStringHeader(encoded, p, 32);
            p += scanner.hexBytes(topic, encoded, p, 32);
        }
        final int data = scanner.member(log, "data");
        final int dataLength = dataByteLength(scanner, data);
        if (dataLength == 1 && dataFirstByte(scanner, data) < 0x80)
        {
            p += scanner.hexBytes(data, encoded, p, 1);
        }
        else
        {
            p += Rlp.putStringHeader(encoded, p, dataLength);
            p += scanner.hexBytes(data, encoded, p, dataLength);
        }
        return p - at;
    }

    private static int dataByteLength(final JsonScanner scanner, final int data)
    {
        final int start = scanner.stringContentStart(data);
        final int digits = scanner.stringContentEnd(data) - start - 2;
        if (digits < 0 || (digits & 1) != 0)
        {
            throw new JsonException(ERR_DATA, data);
        }
        return digits >>> 1;
    }

    private static int dataFirstByte(final JsonScanner scanner, final int data)
    {
        final int start = scanner.stringContentStart(data) + 2;
        final int hi = io.boostj.codecs.hex.Hex.digitValue(scanner.buffer().getByte(start));
        final int lo = io.boostj.codecs.hex.Hex.digitValue(scanner.buffer().getByte(start + 1));
        if ((hi | lo) < 0)
        {
            throw new JsonException(ERR_DATA, data);
        }
        return (hi << 4) | lo;
    }

    private static int dataEncodedLength(final JsonScanner scanner, final int data)
    {
        final int length = dataByteLength(scanner, data);
        if (length == 1 && dataFirstByte(scanner, data) < 0x80)
        {
            return 1;
        }
        return Rlp.headerLength(length) + length;
    }
}
