package io.boostj.core.builder;

import io.boostj.codecs.eth.TransactionSigner;
import io.boostj.codecs.eth.trie.MerklePatriciaTrie;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * An account of the world state: nonce, balance, storage root and code hash (yellow paper 4.1). Immutable; the
 * executor replaces accounts rather than changing them, so a copied {@link WorldState} never sees later changes.
 */
public final class Account
{
    /** keccak256 of empty code. */
    public static final byte[] EMPTY_CODE_HASH = MerklePatriciaTrie.keccak(new byte[0]);
    /** An account that does not exist yet. */
    public static final Account EMPTY = new Account(0, BigInteger.ZERO, MerklePatriciaTrie.EMPTY_ROOT, EMPTY_CODE_HASH);

    private final long nonce;
    private final BigInteger balance;
    private final byte[] storageRoot;
    private final byte[] codeHash;

    /**
     * @param nonce       transactions sent (an unsigned 64-bit count).
     * @param balance     wei, non-negative.
     * @param storageRoot 32-byte storage trie root.
     * @param codeHash    32-byte code hash.
     */
    public Account(final long nonce, final BigInteger balance, final byte[] storageRoot, final byte[] codeHash)
    {
        if (balance.signum() < 0)
        {
            throw new IllegalArgumentException("negative balance " + balance);
        }
        this.nonce = nonce;
        this.balance = balance;
        this.storageRoot = storageRoot;
        this.codeHash = codeHash;
    }

    /**
     * @param balance wei.
     * @return an externally owned account with that balance and nonce 0.
     */
    public static Account withBalance(final BigInteger balance)
    {
        return new Account(0, balance, MerklePatriciaTrie.EMPTY_ROOT, EMPTY_CODE_HASH);
    }

    /** @return the nonce. */
    public long nonce()
    {
        return nonce;
    }

    /** @return the balance in wei. */
    public BigInteger balance()
    {
        return balance;
    }

    /** @return whether the account holds code (the executor runs no code, so it refuses calls to it). */
    public boolean hasCode()
    {
        return !Arrays.equals(EMPTY_CODE_HASH, codeHash);
    }

    /** @return whether it is empty in EIP-161's sense (no nonce, no balance, no code): such accounts are not stored. */
    public boolean isEmpty()
    {
        return 0 == nonce && balance.signum() == 0 && !hasCode();
    }

    /**
     * @param newBalance wei.
     * @return this account with another balance.
     */
    public Account balance(final BigInteger newBalance)
    {
        return new Account(nonce, newBalance, storageRoot, codeHash);
    }

    /**
     * @return this account with its nonce incremented.
     */
    public Account incrementNonce()
    {
        return new Account(nonce + 1, balance, storageRoot, codeHash);
    }

    /**
     * @return {@code rlp([nonce, balance, storageRoot, codeHash])}, the state trie's value.
     */
    public byte[] rlp()
    {
        return MerklePatriciaTrie.rlpList(
            TransactionSigner.uint(new BigInteger(Long.toUnsignedString(nonce))), TransactionSigner.uint(balance),
            MerklePatriciaTrie.rlpString(storageRoot), MerklePatriciaTrie.rlpString(codeHash));
    }

    @Override
    public String toString()
    {
        return "Account{nonce=" + Long.toUnsignedString(nonce) + ", balance=" + balance + (hasCode() ? ", code" : "") +
            "}";
    }
}
