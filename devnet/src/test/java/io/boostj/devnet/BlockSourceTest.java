package io.boostj.devnet;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boostj.codecs.eth.TransactionSigner;
import io.boostj.codecs.hex.Hex;
import io.boostj.core.builder.DevAccounts;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BlockSourceTest
{
    private final BlockSource source = new BlockSource(DevAccounts.address(99).toBytes());

    @Test
    void shouldTellABuilderBlockByTheBuilderKeysTransaction()
    {
        assertEquals(LocalChainDevnet.SOURCE_BUILDER, source.classify(payload(L1InfoDeposit.of(0, 0).hex(),
            transfer(3), transfer(99))));
    }

    @Test
    void shouldTakeEveryOtherBlockForL2s()
    {
        assertEquals(LocalChainDevnet.SOURCE_L2, source.classify(payload(L1InfoDeposit.of(0, 0).hex(), transfer(3))));
        assertEquals(LocalChainDevnet.SOURCE_L2, source.classify(payload(L1InfoDeposit.of(0, 1).hex())));
        assertEquals(LocalChainDevnet.SOURCE_L2, source.classify(payload("0x02ff")));
        assertEquals(LocalChainDevnet.SOURCE_L2, source.classify(JsonNodeFactory.instance.objectNode()));
    }

    private static String transfer(final int account)
    {
        return Hex.toHexString(new TransactionSigner(DevAccounts.privateKey(account)).signDynamicFee(
            DevAccounts.CHAIN_ID, 0, BigInteger.ONE, BigInteger.TEN.pow(10), 21_000, DevAccounts.address(0).toBytes(),
            BigInteger.ONE, new byte[0]));
    }

    private static ObjectNode payload(final String... txs)
    {
        final ObjectNode p = JsonNodeFactory.instance.objectNode();
        for (final String tx : txs)
        {
            p.withArray("transactions").add(tx);
        }
        return p;
    }
}
