package io.boostj.core.builder;

import io.boostj.codecs.eth.trie.MerklePatriciaTrie;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The accounts of a chain at one point, and their state root: a secure Merkle Patricia trie keyed by
 * keccak256(address) over {@link Account#rlp()}, kept in step with a map for lookups. Empty accounts (EIP-161) are not
 * stored. {@link #copy()} shares the trie's nodes, so building a block on a copy of the parent state costs a map copy
 * and nothing is rehashed but the paths that change.
 */
public final class WorldState
{
    private final Map<Address, Account> accounts;
    private final MerklePatriciaTrie trie;

    /**
     * An empty state.
     */
    public WorldState()
    {
        this(new HashMap<>(), new MerklePatriciaTrie());
    }

    private WorldState(final Map<Address, Account> accounts, final MerklePatriciaTrie trie)
    {
        this.accounts = accounts;
        this.trie = trie;
    }

    /**
     * @return an independent copy.
     */
    public WorldState copy()
    {
        return new WorldState(new HashMap<>(accounts), trie.copy());
    }

    /**
     * @param address an address.
     * @return its account, {@link Account#EMPTY} when there is none.
     */
    public Account account(final Address address)
    {
        return accounts.getOrDefault(address, Account.EMPTY);
    }

    /**
     * Stores an account; an empty one is removed.
     *
     * @param address the address.
     * @param account its new state.
     */
    public void put(final Address address, final Account account)
    {
        final byte[] key = MerklePatriciaTrie.keccak(address.toBytes());
        if (account.isEmpty())
        {
            accounts.remove(address);
            trie.delete(key);
        }
        else
        {
            accounts.put(address, account);
            trie.put(key, account.rlp());
        }
    }

    /**
     * @return the 32-byte state root.
     */
    public byte[] stateRoot()
    {
        return trie.rootHash();
    }

    /**
     * @return number of (non-empty) accounts.
     */
    public int size()
    {
        return accounts.size();
    }

    /**
     * @return every account (read-only view).
     */
    public Map<Address, Account> accounts()
    {
        return Collections.unmodifiableMap(accounts);
    }
}
