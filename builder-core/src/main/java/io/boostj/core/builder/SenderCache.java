package io.boostj.core.builder;

import io.boostj.codecs.eth.Keccak256;
import io.boostj.codecs.eth.SenderRecovery;
import io.boostj.codecs.eth.TransactionDecoder;
import org.agrona.MutableDirectBuffer;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sender recovery with memory: a transaction's sender is recovered (secp256k1, a few hundred µs) once, when the pool
 * admits it, and then found by the transaction's hash when a round executes it and when the other node re-executes
 * the block in newPayload. The answer is the same either way (recovery is a function of the bytes), so the cache
 * changes no result, only the time. Holds the most recently used {@code capacity} senders. Not thread safe.
 */
public final class SenderCache
{
    /** Default capacity: a full pool and a few blocks of transactions. */
    public static final int DEFAULT_CAPACITY = 65_536;

    private final SenderRecovery recovery = new SenderRecovery();
    private final Keccak256 keccak = new Keccak256();
    private final byte[] hash = new byte[Keccak256.HASH_LENGTH];
    private final Map<Key, byte[]> senders;
    private long hits;
    private long misses;

    /**
     * @param capacity senders kept (least recently used go first); 0 keeps none.
     */
    public SenderCache(final int capacity)
    {
        if (capacity < 0)
        {
            throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
        }
        this.senders = new LinkedHashMap<>(16, 0.75f, true)
        {
            private static final long serialVersionUID = 1L;

            protected boolean removeEldestEntry(final Map.Entry<Key, byte[]> eldest)
            {
                return size() > capacity;
            }
        };
    }

    /**
     * As {@link SenderRecovery#tryRecoverSender}, from memory when this transaction's sender was recovered before.
     *
     * @param tx        a transaction on which {@link TransactionDecoder#tryWrap} returned OK.
     * @param dst       destination.
     * @param dstOffset where to write the 20-byte address.
     * @return {@link SenderRecovery#ADDRESS_LENGTH}, or a negative code of {@link SenderRecovery}.
     */
    public int tryRecoverSender(final TransactionDecoder tx, final MutableDirectBuffer dst, final int dstOffset)
    {
        keccak.reset().update(tx.buffer(), tx.offset(), tx.length()).digest(hash, 0);
        final Key key = new Key(hash.clone());
        final byte[] known = senders.get(key);
        if (null != known)
        {
            hits++;
            dst.putBytes(dstOffset, known);
            return SenderRecovery.ADDRESS_LENGTH;
        }
        misses++;
        final int result = recovery.tryRecoverSender(tx, dst, dstOffset);
        if (SenderRecovery.ADDRESS_LENGTH == result)
        {
            final byte[] sender = new byte[SenderRecovery.ADDRESS_LENGTH];
            dst.getBytes(dstOffset, sender);
            senders.put(key, sender);
        }
        return result;
    }

    /** @return lookups answered from memory. */
    public long hits()
    {
        return hits;
    }

    /** @return lookups that ran the recovery. */
    public long misses()
    {
        return misses;
    }

    private static final class Key
    {
        private final byte[] hash;
        private final int hashCode;

        Key(final byte[] hash)
        {
            this.hash = hash;
            this.hashCode = Arrays.hashCode(hash);
        }

        public boolean equals(final Object o)
        {
            return o instanceof Key && Arrays.equals(hash, ((Key)o).hash);
        }

        public int hashCode()
        {
            return hashCode;
        }
    }
}
