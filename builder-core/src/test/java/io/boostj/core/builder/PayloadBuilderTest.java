package io.boostj.core.builder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.boostj.codecs.eth.TransactionSigner;
import io.boostj.codecs.eth.trie.MerklePatriciaTrie;
import io.boostj.codecs.flashblocks.AssembledPayloadCheck;
import io.boostj.codecs.flashblocks.BlockHashPayloadCheck;
import io.boostj.codecs.flashblocks.FlashblockAssembler;
import io.boostj.codecs.flashblocks.FlashblockView;
import io.boostj.codecs.flashblocks.PayloadEnvelopeVersion;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A block built from a deposit and signed transfers, cut into flashblocks: every flashblock is well-formed, every
 * prefix of them assembles (with the sidecar's {@link FlashblockAssembler}) into a payload whose recomputed hash is
 * the hash that flashblock claims, the whole round assembles into exactly the builder's sealed payload, and the state
 * root is that of the balances the fee rules give.
 */
class PayloadBuilderTest
{
    private static final long CHAIN_ID = 901;
    private static final byte[] KEY = hex("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    private static final Address DEV = Address.parse("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    private static final Address TO = Address.parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    private static final Address FEE_RECIPIENT = Address.parse("0x4200000000000000000000000000000000000011");
    private static final Address DEPOSITOR = Address.parse("0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001");
    private static final BigInteger ETHER = BigInteger.TEN.pow(18);
    private static final long PAYLOAD_ID = 0x0344556677889900L;

    private final TransactionSigner signer = new TransactionSigner(KEY);
    private final PayloadBuilder builder = new PayloadBuilder(ChainRules.opStack(CHAIN_ID));
    private WorldState genesis;
    private ParentBlock parent;

    private static byte[] hex(final String digits)
    {
        final byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++)
        {
            out[i] = (byte)Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    private static byte[] filled(final int b)
    {
        final byte[] out = new byte[32];
        java.util.Arrays.fill(out, (byte)b);
        return out;
    }

    @BeforeEach
    void setUp()
    {
        genesis = new WorldState();
        genesis.put(DEV, Account.withBalance(ETHER.multiply(BigInteger.valueOf(10_000))));
        parent = new ParentBlock(filled(0x11), 100, 1_700_000_000, 30_000_000, 15_000_000,
            BigInteger.valueOf(1_000_000_000L), 250, 6);
    }

    private static byte[] deposit(final Address from, final Address to, final BigInteger mint)
    {
        return DepositTransaction.encode(filled(0x22), from, to, mint, BigInteger.ZERO, 1_000_000,
            new byte[] {1, 2, 3});
    }

    private BuildAttributes attributes()
    {
        return new BuildAttributes(1_700_000_002, filled(0x33), FEE_RECIPIENT, 30_000_000, 250, 6, filled(0x44),
            List.of(deposit(DEPOSITOR, Address.parse("0x4200000000000000000000000000000000000015"), BigInteger.ZERO)),
            false);
    }

    private byte[] transfer(final long nonce, final BigInteger value)
    {
        return signer.signDynamicFee(CHAIN_ID, nonce, BigInteger.valueOf(1_000), BigInteger.valueOf(5_000_000_000L),
            21_000, TO.toBytes(), value, new byte[0]);
    }

    @Test
    void shouldCutFlashblocksWhosePrefixesAssembleIntoBlocksWithTheHashesTheyClaim() throws Exception
    {
        assertEquals(PayloadBuilder.STARTED, builder.start(parent, attributes(), genesis), builder::error);
        final List<byte[]> flashblocks = new ArrayList<>();
        flashblocks.add(builder.nextFlashblock(PAYLOAD_ID));
        for (int i = 0; i < 6; i++)
        {
            assertEquals(TransferExecutor.INCLUDED, builder.tryAdd(transfer(i, ETHER)), builder::error);
            if (i % 2 == 1)
            {
                flashblocks.add(builder.nextFlashblock(PAYLOAD_ID));
            }
        }
        final String sealed = builder.executionPayloadJson();

        final FlashblockAssembler assembler = new FlashblockAssembler();
        assembler.reset(PAYLOAD_ID);
        final AssembledPayloadCheck check = new BlockHashPayloadCheck();
        final ExpandableArrayBuffer envelope = new ExpandableArrayBuffer();
        final UnsafeBuffer computed = new UnsafeBuffer(new byte[32]);
        final ObjectMapper mapper = new ObjectMapper();
        for (int k = 0; k < flashblocks.size(); k++)
        {
            final byte[] fb = flashblocks.get(k);
            final FlashblockView view = new FlashblockView();
            assertEquals(FlashblockView.OK, view.wrap(new UnsafeBuffer(fb), 0, fb.length), view::errorMessage);
            assertEquals(FlashblockAssembler.OK, assembler.tryAppend(new UnsafeBuffer(fb), 0, fb.length),
                assembler::errorMessage);
            final int length = assembler.tryWriteEnvelope(PayloadEnvelopeVersion.V4, envelope, 0);
            assertTrue(length > 0);
            assertEquals(AssembledPayloadCheck.MATCH, check.check(envelope, 0, length,
                assembler.executionPayloadOffset(), assembler.executionPayloadLength(), computed),
                "prefix 0.." + k + " hashes to the hash flashblock " + k + " claims");
            final JsonNode claimed = mapper.readTree(fb).path("diff").path("block_hash");
            assertEquals(claimed.asText(), PayloadBuilder.hex(computed.byteArray()));
        }
        final JsonNode assembled = mapper.readTree(envelope.getStringWithoutLengthAscii(
            assembler.executionPayloadOffset(), assembler.executionPayloadLength()));
        assertEquals(mapper.readTree(sealed), assembled, "the round assembles into exactly the sealed payload");
        assertEquals(7, assembled.path("transactions").size());
    }

    @Test
    void shouldLeaveTheBalancesTheFeeRulesGive()
    {
        assertEquals(PayloadBuilder.STARTED, builder.start(parent, attributes(), genesis));
        assertEquals(TransferExecutor.INCLUDED, builder.tryAdd(transfer(0, ETHER)));

        final BigInteger baseFee = parent.nextBaseFee();
        assertEquals(BigInteger.valueOf(1_000_000_000L).add(BigInteger.valueOf(1_000_000_000L)
            .multiply(BigInteger.valueOf(10_000_000)).divide(BigInteger.valueOf(5_000_000L * 250))), baseFee,
            "used 15M of a 5M target: up by (10M / 5M) / 250");
        final BigInteger gas = BigInteger.valueOf(21_000);
        final WorldState expected = new WorldState();
        expected.put(DEV, new Account(1, ETHER.multiply(BigInteger.valueOf(9_999)).subtract(baseFee.add(
            BigInteger.valueOf(1_000)).multiply(gas)), MerklePatriciaTrie.EMPTY_ROOT, Account.EMPTY_CODE_HASH));
        expected.put(TO, Account.withBalance(ETHER));
        expected.put(FEE_RECIPIENT, Account.withBalance(BigInteger.valueOf(1_000).multiply(gas)));
        expected.put(ChainRules.OP_BASE_FEE_VAULT, Account.withBalance(baseFee.multiply(gas)));
        expected.put(DEPOSITOR, new Account(1, BigInteger.ZERO, MerklePatriciaTrie.EMPTY_ROOT,
            Account.EMPTY_CODE_HASH));

        assertArrayEquals(expected.stateRoot(), builder.state().stateRoot());
        assertEquals(21_000L + 21_000L + 3 * 16, builder.gasUsed(), "deposit: intrinsic with 3 data bytes");
        assertArrayEquals(new WorldState().stateRoot(), MerklePatriciaTrie.EMPTY_ROOT);
        assertEquals(1, genesis.size(), "the parent state is not changed");
    }

    @Test
    void shouldRefuseToStartWhenAForcedTransactionCannotBeIncluded()
    {
        final BuildAttributes bad = new BuildAttributes(1_700_000_002, filled(0x33), FEE_RECIPIENT, 30_000_000, 250,
            6, filled(0x44), List.of(transfer(5, ETHER)), false);

        assertEquals(PayloadBuilder.FORCED_TRANSACTION_REFUSED, builder.start(parent, bad, genesis));
        assertTrue(builder.error().contains("forced transaction 0"), builder.error());
    }

    @Test
    void shouldTakeNoPoolTransactionsWithNoTxPool()
    {
        final BuildAttributes noPool = new BuildAttributes(1_700_000_002, filled(0x33), FEE_RECIPIENT, 30_000_000,
            250, 6, filled(0x44), List.of(), true);
        assertEquals(PayloadBuilder.STARTED, builder.start(parent, noPool, genesis));

        assertEquals(TransferExecutor.UNSUPPORTED, builder.tryAdd(transfer(0, ETHER)));
        assertEquals(0, builder.transactionCount());
    }
}
