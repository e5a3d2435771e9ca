package io.boostj.core.builder;

import java.util.List;

/**
 * A block the node knows (built here or validated from elsewhere): its payload JSON, the state after it, the facts
 * its children need and its transactions' results. Immutable once stored.
 */
public final class StoredBlock
{
    private final byte[] hash;
    private final byte[] parentHash;
    private final long number;
    private final ParentBlock asParent;
    private final WorldState state;
    private final String payloadJson;
    private final byte[] parentBeaconBlockRoot;
    private final List<IncludedTransaction> transactions;
    private final List<byte[]> rawTransactions;

    StoredBlock(final byte[] hash, final byte[] parentHash, final long number, final ParentBlock asParent,
        final WorldState state, final String payloadJson, final byte[] parentBeaconBlockRoot,
        final List<IncludedTransaction> transactions, final List<byte[]> rawTransactions)
    {
        this.hash = hash;
        this.parentHash = parentHash;
        this.number = number;
        this.asParent = asParent;
        this.state = state;
        this.payloadJson = payloadJson;
        this.parentBeaconBlockRoot = parentBeaconBlockRoot;
        this.transactions = List.copyOf(transactions);
        this.rawTransactions = List.copyOf(rawTransactions);
    }

    /** @return the block hash as 0x hex. */
    public String hashHex()
    {
        return PayloadBuilder.hex(hash);
    }

    /** @return the parent hash as 0x hex. */
    public String parentHashHex()
    {
        return PayloadBuilder.hex(parentHash);
    }

    /** @return the block number. */
    public long number()
    {
        return number;
    }

    /** @return the facts a child needs. */
    public ParentBlock asParent()
    {
        return asParent;
    }

    /** @return the state after this block (do not change it). */
    public WorldState state()
    {
        return state;
    }

    /** @return the execution payload JSON (engine API form). */
    public String payloadJson()
    {
        return payloadJson;
    }

    /** @return the parent beacon block root it was built with (32 bytes, a copy). */
    public byte[] parentBeaconBlockRoot()
    {
        return parentBeaconBlockRoot.clone();
    }

    /** @return its raw transactions in block order (do not change them). */
    public List<byte[]> rawTransactions()
    {
        return rawTransactions;
    }

    /** @return its transactions' results in block order. */
    public List<IncludedTransaction> transactions()
    {
        return transactions;
    }
}
