package io.boostj.codecs.engine;

import io.boostj.codecs.hex.Hex;
import io.boostj.codecs.json.JsonException;
import io.boostj.codecs.json.JsonScanner;
import io.boostj.codecs.rlp.Rlp;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * Computes the OP Stack payload id an execution client assigns to a build job (op-alloy
 * {@code OpPayloadAttributes::payload_id}, op-geth {@code BuildPayloadArgs.Id}; reference §1.6):
 * <pre>
 * sha256(parent(32) || timestamp(u64 BE) || prevRandao(32) || suggestedFeeRecipient(20)
 *        || rlp(withdrawals)            if withdrawals is not null
 *        || parentBeaconBlockRoot(32)   if not null
 *        || noTxPool(1) || txCount(u64 BE) || keccak256(tx_i)...   if noTxPool or transactions is not empty
 *        || gasLimit(u64 BE)            if not null
 *        || eip1559Params(8)            if not null
 *        || minBaseFee(u64 BE)          if not null (a JSON number or a QUANTITY string))
 * </pre>
 * then the first 8 bytes with byte 0 replaced by the payload version (3 for op-geth on FCUv3, 4 for op-reth and for the
 * id rollup-boost expects from a builder).
 * <p>
 * Reuses its digests and scratch buffers: allocation-free once warm. Not thread safe.
 */
public final class PayloadIdCalculator
{
    /**
     * Length of a payload id.
     */
    public static final int PAYLOAD_ID_LENGTH = 8;

    private static final String ERR_ATTRIBUTES = "payload attributes must be an object";
    private static final String ERR_TRANSACTIONS = "transactions must be an array of 0x hex strings";
    private static final String ERR_WITHDRAWALS = "withdrawals must be an array of withdrawal objects";
    private static final String ERR_VERSION = "payload version must fit a byte";

    private static final int DIGEST_LENGTH = 32;
    private static final int CHUNK_LENGTH = 512;

    private final SHA256Digest sha256 = new SHA256Digest();
    private final KeccakDigest keccak = new KeccakDigest(256);
    private final byte[] chunk = new byte[CHUNK_LENGTH];
    private final byte[] digest = new byte[DIGEST_LENGTH];
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[DIGEST_LENGTH]);
    private final ExpandableArrayBuffer rlp = new ExpandableArrayBuffer(1024);

    /**
     * Computes a payload id into a buffer.
     *
     * @param parentHash       buffer holding the 32-byte parent block hash (e.g. an FCU's headBlockHash).
     * @param parentHashOffset index of its first byte.
     * @param scanner          scanner wrapping the JSON that holds the attributes.
     * @param attributesPos    position of the payload attributes object.
     * @param version          payload version stamped into byte 0 (0..255).
     * @param dst              destination of the 8 id bytes.
     * @param dstOffset        where to write them.
     * @return {@link #PAYLOAD_ID_LENGTH}.
     * @throws JsonException if an attribute is missing or malformed.
     */
    public int compute(
        final DirectBuffer parentHash,
        final int parentHashOffset,
        final JsonScanner scanner,
        final int attributesPos,
        final int version,
        final MutableDirectBuffer dst,
        final int dstOffset)
    {
        hash(parentHash, parentHashOffset, scanner, attributesPos, version);
        dst.putBytes(dstOffset, digest, 0, PAYLOAD_ID_LENGTH);
        return PAYLOAD_ID_LENGTH;
    }

    /**
     * Computes a payload id as a {@code long} whose big-endian bytes are the id (handy as a primitive map key).
     *
     * @param parentHash       buffer holding the 32-byte parent block hash.
     * @param parentHashOffset index of its first byte.
     * @param scanner          scanner wrapping the JSON that holds the attributes.
     * @param attributesPos    position of the payload attributes object.
     * @param version          payload version stamped into byte 0 (0..255).
     * @return the id; {@code Long.toHexString} of it, zero-padded to 16 digits, is the usual {@code 0x} form.
     * @throws JsonException if an attribute is missing or malformed.
     */
    public long computeAsLong(
        final DirectBuffer parentHash,
        final int parentHashOffset,
        final JsonScanner scanner,
        final int attributesPos,
        final int version)
    {
        hash(parentHash, parentHashOffset, scanner, attributesPos, version);
        long id = 0;
        for (int i = 0; i < PAYLOAD_ID_LENGTH; i++)
        {
            id = (id << 8) | (digest[i] & 0xFF);
        }
        return id;
    }

    private void hash(
        final DirectBuffer parentHash,
        final int parentHashOffset,
        final JsonScanner scanner,
        final int attributesPos,
        final int version)
    {
        if (version < 0 || version > 255)
        {
            throw new JsonException(ERR_VERSION, -1);
        }
        if (attributesPos < 0 || scanner.kind(attributesPos) != JsonScanner.OBJECT)
        {
            throw new JsonException(ERR_ATTRIBUTES, attributesPos);
        }
        sha256.reset();

        parentHash.getBytes(parentHashOffset, chunk, 0, DIGEST_LENGTH);
        sha256.update(chunk, 0, DIGEST_LENGTH);
        updateUint64(scanner.quantity(scanner.member(attributesPos, "timestamp")));
        updateHex(scanner, scanner.member(attributesPos, "prevRandao"), 32);
        updateHex(scanner, scanner.member(attributesPos, "suggestedFeeRecipient"), 20);

        final int withdrawals = scanner.member(attributesPos, "withdrawals");
        if (!scanner.isAbsentOrNull(withdrawals))
        {
            updateWithdrawals(scanner, withdrawals);
        }

        final int beaconRoot = scanner.member(attributesPos, "parentBeaconBlockRoot");
        if (!scanner.isAbsentOrNull(beaconRoot))
        {
            updateHex(scanner, beaconRoot, 32);
        }

        final int noTxPoolPos = scanner.member(attributesPos, "noTxPool");
        final boolean noTxPool = !scanner.isAbsentOrNull(noTxPoolPos) && scanner.booleanValue(noTxPoolPos);
        final int transactions = scanner.member(attributesPos, "transactions");
        final int txCount = scanner.isAbsentOrNull(transactions) ? 0 : scanner.elementCount(transactions);
        if (txCount < 0)
        {
            throw new JsonException(ERR_TRANSACTIONS, transactions);
        }
        if (noTxPool || txCount > 0)
        {
            sha256.update(noTxPool ? (byte)1 : (byte)0);
            updateUint64(txCount);
            for (int tx = scanner.element(transactions, 0); tx >= 0; tx = scanner.nextElement(tx))
            {
                updateTransactionHash(scanner, tx);
            }
        }

        final int gasLimit = scanner.member(attributesPos, "gasLimit");
        if (!scanner.isAbsentOrNull(gasLimit))
        {
            updateUint64(scanner.quantity(gasLimit));
        }
        final int eip1559Params = scanner.member(attributesPos, "eip1559Params");
        if (!scanner.isAbsentOrNull(eip1559Params))
        {
            updateHex(scanner, eip1559Params, 8);
        }
        final int minBaseFee = scanner.member(attributesPos, "minBaseFee");
        if (!scanner.isAbsentOrNull(minBaseFee))
        {
            updateUint64(scanner.quantity(minBaseFee));
        }

        sha256.doFinal(digest, 0);
        digest[0] = (byte)version;
    }

    private void updateUint64(final long value)
    {
        for (int i = 0; i < 8; i++)
        {
            chunk[i] = (byte)(value >>> (56 - (i << 3)));
        }
        sha256.update(chunk, 0, 8);
    }

    private void updateHex(final JsonScanner scanner, final int pos, final int length)
    {
        scanner.hexBytes(pos, scratch, 0, length);
        scratch.getBytes(0, chunk, 0, length);
        sha256.update(chunk, 0, length);
    }

    private void updateTransactionHash(final JsonScanner scanner, final int tx)
    {
        final DirectBuffer buffer = scanner.buffer();
        final int start = scanner.stringContentStart(tx);
        final int end = scanner.stringContentEnd(tx);
        final int length = end - start;
        if (length < 2 || (length & 1) != 0 || buffer.getByte(start) != '0' || buffer.getByte(start + 1) != 'x')
        {
            throw new JsonException(ERR_TRANSACTIONS, tx);
        }
        keccak.reset();
        int p = start + 2;
        while (p < end)
        {
            int n = 0;
            while (n < CHUNK_LENGTH && p < end)
            {
                final int hi = Hex.digitValue(buffer.getByte(p));
                final int lo = Hex.digitValue(buffer.getByte(p + 1));
                if ((hi | lo) < 0)
                {
                    throw new JsonException(ERR_TRANSACTIONS, p);
                }
                chunk[n++] = (byte)((hi << 4) | lo);
                p += 2;
            }
            keccak.update(chunk, 0, n);
        }
        keccak.doFinal(digest, 0);
        sha256.update(digest, 0, DIGEST_LENGTH);
    }

    private void updateWithdrawals(final JsonScanner scanner, final int withdrawals)
    {
        if (scanner.kind(withdrawals) != JsonScanner.ARRAY)
        {
            throw new JsonException(ERR_WITHDRAWALS, withdrawals);
        }
        final int payloadStart = Rlp.MAX_HEADER_LENGTH;
        int p = payloadStart;
        for (int w = scanner.element(withdrawals, 0); w >= 0; w = scanner.nextElement(w))
        {
            if (scanner.kind(w) != JsonScanner.OBJECT)
            {
                throw new JsonException(ERR_WITHDRAWALS, w);
            }
            final long index = scanner.quantity(scanner.member(w, "index"));
            final long validatorIndex = scanner.quantity(scanner.member(w, "validatorIndex"));
            final long amount = scanner.quantity(scanner.member(w, "amount"));
            final int itemPayload = Rlp.uint64Length(index) + Rlp.uint64Length(validatorIndex) + 21 +
                Rlp.uint64Length(amount);

            rlp.checkLimit(p + Rlp.listLength(itemPayload));
            p += Rlp.putListHeader(rlp, p, itemPayload);
            p += Rlp.putUint64(rlp, p, index);
            p += Rlp.putUint64(rlp, p, validatorIndex);
            p += Rlp.putStringHeader(rlp, p, 20);
            scanner.hexBytes(scanner.member(w, "address"), rlp, p, 20);
            p += 20;
            p += Rlp.putUint64(rlp, p, amount);
        }
        final int start = Rlp.putListHeaderBefore(rlp, payloadStart, p - payloadStart);
        sha256.update(rlp.byteArray(), start, p - start);
    }
}
