package io.boostj.perf;

import io.boostj.codecs.eth.TransactionSigner;
import io.boostj.codecs.eth.trie.MerklePatriciaTrie;
import io.boostj.core.builder.Account;
import io.boostj.core.builder.Address;
import io.boostj.core.builder.BuildAttributes;
import io.boostj.core.builder.ChainRules;
import io.boostj.core.builder.DevAccounts;
import io.boostj.core.builder.ParentBlock;
import io.boostj.core.builder.WorldState;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The builder benchmarks' chain: {@link DevAccounts}' first {@code senders} accounts prefunded in a genesis state whose
 * root is already computed (as a parent block's is), and pre-signed EIP-1559 transfers between them. Transfer
 * {@code k} is sent by account {@code k % senders} with nonce {@code k / senders} to the next account, with a tip that
 * differs between senders so that ordering by tip has work to do.
 */
final class DevChainTransfers
{
    static final ChainRules RULES = ChainRules.opStack(DevAccounts.CHAIN_ID);
    static final long GAS_LIMIT = 30_000_000;
    static final long TRANSFER_GAS = 21_000;
    static final Address FEE_RECIPIENT = Address.parse("0x4200000000000000000000000000000000000011");
    static final long PAYLOAD_ID = 0x0344556677889900L;

    private static final BigInteger GWEI = BigInteger.TEN.pow(9);
    private static final BigInteger MAX_FEE_PER_GAS_WEI = GWEI.multiply(BigInteger.valueOf(5));

    private final TransactionSigner[] signers;
    private final Address[] addresses;
    private final WorldState genesis = new WorldState();

    /**
     * @param senders how many prefunded accounts.
     */
    DevChainTransfers(final int senders)
    {
        signers = new TransactionSigner[senders];
        addresses = new Address[senders];
        for (int i = 0; i < senders; i++)
        {
            signers[i] = new TransactionSigner(DevAccounts.privateKey(i));
            addresses[i] = Address.of(signers[i].address());
            genesis.put(addresses[i], Account.withBalance(DevAccounts.BALANCE_WEI));
        }
        genesis.stateRoot();
    }

    /** @return the genesis state (root computed); copy it before changing it. */
    WorldState genesis()
    {
        return genesis;
    }

    /** @return the number of senders. */
    int senders()
    {
        return addresses.length;
    }

    /**
     * @param k transfer number.
     * @return transfer {@code k}, signed.
     */
    byte[] transfer(final int k)
    {
        final int from = k % addresses.length;
        final BigInteger tipWei = GWEI.add(BigInteger.valueOf(1_000_000L * ((from * 7919L) % 1000)));
        return signers[from].signDynamicFee(DevAccounts.CHAIN_ID, k / addresses.length, tipWei, MAX_FEE_PER_GAS_WEI,
            TRANSFER_GAS, addresses[(from + 1) % addresses.length].toBytes(), BigInteger.valueOf(1_000 + k),
            new byte[0]);
    }

    /**
     * @param count how many.
     * @return transfers {@code 0 .. count-1}, signed.
     */
    List<byte[]> transfers(final int count)
    {
        final List<byte[]> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++)
        {
            out.add(transfer(k));
        }
        return out;
    }

    /** @return a parent at the gas target of a 30M block, base fee 1 gwei, Holocene parameters 250/6. */
    static ParentBlock parent()
    {
        return new ParentBlock(filled(0x11), 100, 1_700_000_000, GAS_LIMIT, GAS_LIMIT / 6, GWEI, 250, 6);
    }

    /** @return attributes of a 30M gas block whose only forced transaction is one deposit, as op-node's L1 info. */
    static BuildAttributes attributes()
    {
        return new BuildAttributes(1_700_000_002, filled(0x33), FEE_RECIPIENT, GAS_LIMIT, 250, 6, filled(0x44),
            List.of(deposit()), false);
    }

    private static byte[] deposit()
    {
        final byte[] body = MerklePatriciaTrie.rlpList(
            MerklePatriciaTrie.rlpString(filled(0x22)),
            MerklePatriciaTrie.rlpString(Address.parse("0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001").toBytes()),
            MerklePatriciaTrie.rlpString(Address.parse("0x4200000000000000000000000000000000000015").toBytes()),
            TransactionSigner.uint(BigInteger.ZERO), TransactionSigner.uint(BigInteger.ZERO),
            TransactionSigner.uint(BigInteger.valueOf(1_000_000)), MerklePatriciaTrie.rlpString(new byte[0]),
            MerklePatriciaTrie.rlpString(new byte[] {1, 2, 3}));
        final byte[] raw = new byte[body.length + 1];
        raw[0] = 0x7E;
        System.arraycopy(body, 0, raw, 1, body.length);
        return raw;
    }

    private static byte[] filled(final int b)
    {
        final byte[] out = new byte[32];
        Arrays.fill(out, (byte)b);
        return out;
    }
}
