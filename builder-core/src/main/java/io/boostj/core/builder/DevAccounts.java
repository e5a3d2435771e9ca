package io.boostj.core.builder;

import io.boostj.codecs.eth.TransactionSigner;
import io.boostj.codecs.eth.trie.MerklePatriciaTrie;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dev chain's prefunded accounts: account 0 is the well-known test key of the rollup-boost docs (also anvil's and
 * hardhat's first account, {@code 0xf39f…2266}); accounts 1.. have private keys {@code keccak256("boostj devnet
 * account " + i)}, so any tool that knows this rule can sign for them. Deterministic: no randomness.
 */
public final class DevAccounts
{
    /** The well-known test key (rollup-boost's "Running locally" section). */
    public static final String WELL_KNOWN_KEY_HEX = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    /** Balance of every prefunded account: 10,000 ETH. */
    public static final BigInteger BALANCE_WEI = BigInteger.TEN.pow(22);
    /** The dev chain id (the OP devnet's L2 chain id). */
    public static final long CHAIN_ID = 901;

    private DevAccounts()
    {
    }

    /**
     * @param index account number, 0 = the well-known key.
     * @return its 32-byte private key.
     */
    public static byte[] privateKey(final int index)
    {
        if (index < 0)
        {
            throw new IllegalArgumentException("account index must be >= 0, got " + index);
        }
        if (0 == index)
        {
            final byte[] key = new byte[32];
            for (int i = 0; i < 32; i++)
            {
                key[i] = (byte)Integer.parseInt(WELL_KNOWN_KEY_HEX.substring(2 * i, 2 * i + 2), 16);
            }
            return key;
        }
        return MerklePatriciaTrie.keccak(("boostj devnet account " + index).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @param index account number.
     * @return its address.
     */
    public static Address address(final int index)
    {
        return Address.of(new TransactionSigner(privateKey(index)).address());
    }

    /**
     * @param count how many accounts (from index 0).
     * @return the genesis alloc: each with {@link #BALANCE_WEI}, in index order.
     */
    public static Map<Address, Account> alloc(final int count)
    {
        final Map<Address, Account> alloc = new LinkedHashMap<>();
        for (int i = 0; i < count; i++)
        {
            alloc.put(address(i), Account.withBalance(BALANCE_WEI));
        }
        return alloc;
    }
}
