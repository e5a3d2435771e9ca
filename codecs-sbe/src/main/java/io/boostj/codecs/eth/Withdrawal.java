package io.boostj.codecs.eth;

import io.boostj.codecs.json.JsonException;
import io.boostj.codecs.json.JsonScanner;
import io.boostj.codecs.rlp.Rlp;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * RLP of an EIP-4895 withdrawal, {@code rlp([index, validatorIndex, address, amountGwei])}: the value stored under
 * {@code rlp(i)} in the {@code withdrawalsRoot} trie. Static and allocation-free.
 */
public final class Withdrawal
{
    /**
     * Length of an address.
     */
    public static final int ADDRESS_LENGTH = 20;

    /**
     * Longest encoding: list header, three 9-byte integers and a 21-byte address.
     */
    public static final int MAX_ENCODED_LENGTH = 2 + 3 * 9 + 21;

    private static final String ERR_NOT_OBJECT = "withdrawal must be an object";

    private Withdrawal()
    {
    }

    /**
     * Encoded length of a withdrawal.
     *
     * @param index          withdrawal index (unsigned).
     * @param validatorIndex validator index (unsigned).
     * @param amountGwei     amount in gwei (unsigned).
     * @return bytes of {@link #encode}.
     */
    public static int encodedLength(final long index, final long validatorIndex, final long amountGwei)
    {
        return Rlp.listLength(payloadLength(index, validatorIndex, amountGwei));
    }

    /**
     * Writes the RLP of a withdrawal.
     *
     * @param index          withdrawal index (unsigned).
     * @param validatorIndex validator index (unsigned).
     * @param address        buffer holding the 20-byte address.
     * @param addressOffset  index of its first byte.
     * @param amountGwei     amount in gwei (unsigned).
     * @param dst            destination (at least {@link #MAX_ENCODED_LENGTH} bytes from {@code offset}).
     * @param offset         where to write.
     * @return bytes written.
     */
    public static int encode(
        final long index,
        final long validatorIndex,
        final DirectBuffer address,
        final int addressOffset,
        final long amountGwei,
        final MutableDirectBuffer dst,
        final int offset)
    {
        int p = offset;
        p += Rlp.putListHeader(dst, p, payloadLength(index, validatorIndex, amountGwei));
        p += Rlp.putUint64(dst, p, index);
        p += Rlp.putUint64(dst, p, validatorIndex);
        p += Rlp.putStringHeader(dst, p, ADDRESS_LENGTH);
        dst.putBytes(p, address, addressOffset, ADDRESS_LENGTH);
        p += ADDRESS_LENGTH;
        p += Rlp.putUint64(dst, p, amountGwei);
        return p - offset;
    }

    /**
     * Writes the RLP of a withdrawal given as an Engine API JSON object
     * ({@code {"index", "validatorIndex", "address", "amount"}}, QUANTITY and DATA values).
     *
     * @param scanner   scanner wrapping the JSON.
     * @param objectPos position of the withdrawal object.
     * @param dst       destination (at least {@link #MAX_ENCODED_LENGTH} bytes from {@code offset}).
     * @param offset    where to write.
     * @return bytes written.
     * @throws JsonException if a member is missing or malformed.
     */
    public static int encodeJson(
        final JsonScanner scanner, final int objectPos, final MutableDirectBuffer dst, final int offset)
    {
        if (objectPos < 0 || scanner.kind(objectPos) != JsonScanner.OBJECT)
        {
            throw new JsonException(ERR_NOT_OBJECT, objectPos);
        }
        final long index = scanner.quantity(scanner.member(objectPos, "index"));
        final long validatorIndex = scanner.quantity(scanner.member(objectPos, "validatorIndex"));
        final long amount = scanner.quantity(scanner.member(objectPos, "amount"));
        int p = offset;
        p += Rlp.putListHeader(dst, p, payloadLength(index, validatorIndex, amount));
        p += Rlp.putUint64(dst, p, index);
        p += Rlp.putUint64(dst, p, validatorIndex);
        p += Rlp.putStringHeader(dst, p, ADDRESS_LENGTH);
        scanner.hexBytes(scanner.member(objectPos, "address"), dst, p, ADDRESS_LENGTH);
        p += ADDRESS_LENGTH;
        p += Rlp.putUint64(dst, p, amount);
        return p - offset;
    }

    private static int payloadLength(final long index, final long validatorIndex, final long amountGwei)
    {
        return Rlp.uint64Length(index) + Rlp.uint64Length(validatorIndex) + 1 + ADDRESS_LENGTH +
            Rlp.uint64Length(amountGwei);
    }
}
