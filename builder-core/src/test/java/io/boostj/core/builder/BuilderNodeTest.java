package io.boostj.core.builder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boostj.codecs.eth.TransactionSigner;
import io.boostj.codecs.eth.trie.MerklePatriciaTrie;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The builder as an execution client: FCU rounds, flashblock ticks, sealing, and a second node re-executing what the
 * first built (VALID), refusing what was tampered with (INVALID with the reason) and waiting for what it cannot know
 * (SYNCING).
 */
class BuilderNodeTest
{
    private static final ChainRules RULES = ChainRules.opStack(DevAccounts.CHAIN_ID);
    private static final Address FEE_RECIPIENT = Address.parse("0x4200000000000000000000000000000000000011");
    private static final Address TO = Address.parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    private static final BigInteger ETHER = BigInteger.TEN.pow(18);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final TransactionSigner alice = new TransactionSigner(DevAccounts.privateKey(0));
    private final BuilderNode builder = newNode();
    private final BuilderNode validator = newNode();

    private static BuilderNode newNode()
    {
        final StoredBlock genesis = BuilderNode.genesis(RULES, DevAccounts.alloc(3), 0, 30_000_000,
            BigInteger.valueOf(1_000_000_000L));
        return new BuilderNode(RULES, genesis, 100, 16);
    }

    private static byte[] filled(final int b)
    {
        final byte[] out = new byte[32];
        java.util.Arrays.fill(out, (byte)b);
        return out;
    }

    private static byte[] deposit(final int seed)
    {
        final byte[] body = MerklePatriciaTrie.rlpList(
            MerklePatriciaTrie.rlpString(filled(seed)),
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

    private static BuildAttributes attributes(final long timestamp, final boolean noTxPool)
    {
        return new BuildAttributes(timestamp, filled(0x33), FEE_RECIPIENT, 30_000_000, 250, 6, filled(0x44),
            List.of(deposit((int)timestamp)), noTxPool);
    }

    private byte[] transfer(final long nonce)
    {
        return alice.signDynamicFee(DevAccounts.CHAIN_ID, nonce, BigInteger.valueOf(1_000),
            BigInteger.valueOf(5_000_000_000L), 21_000, TO.toBytes(), ETHER, new byte[0]);
    }

    private static ExecutionPayloadFields fields(final String payloadJson, final StoredBlock block)
    {
        final ExecutionPayloadParser parser = new ExecutionPayloadParser();
        final ExecutionPayloadFields fields = parser.parse(payloadJson,
            PayloadBuilder.hex(block.parentBeaconBlockRoot()));
        assertNotNull(fields, parser::error);
        return fields;
    }

    private StoredBlock buildBlock(final BuilderNode node, final long timestamp)
    {
        final BuilderNode.ForkchoiceResult fcu = node.forkchoiceUpdated(node.head().hashHex(),
            attributes(timestamp, false));
        assertEquals(BuilderNode.VALID, fcu.status, fcu.error);
        return node.getPayload(fcu.payloadId).block;
    }

    @Test
    void shouldSealABlockThatASecondNodeValidates()
    {
        for (int i = 0; i < 3; i++)
        {
            assertEquals(TransactionPool.ADDED, builder.submit(transfer(i)), builder.pool()::error);
        }
        final BuilderNode.ForkchoiceResult fcu = builder.forkchoiceUpdated(builder.head().hashHex(),
            attributes(2, false));
        assertEquals(BuilderNode.VALID, fcu.status);
        assertTrue(fcu.payloadId > 0);
        assertNotNull(builder.tick());
        assertNotNull(builder.tick());
        final BuilderNode.SealedPayload sealed = builder.getPayload(fcu.payloadId);

        assertEquals(4, sealed.block.transactions().size());
        assertEquals(BigInteger.valueOf(1_000L * 21_000 * 3), sealed.revenueWei);
        final BuilderNode.PayloadStatus status = validator.newPayload(fields(sealed.block.payloadJson(), sealed.block));
        assertEquals(BuilderNode.VALID, status.status, status.validationError);
        assertEquals(sealed.block.hashHex(), status.latestValidHash);
        assertEquals(BuilderNode.VALID, validator.forkchoiceUpdated(sealed.block.hashHex(), null).status);
        assertArrayEquals(builder.block(sealed.block.hashHex()).state().stateRoot(),
            validator.head().state().stateRoot());
    }

    @Test
    void shouldFillTheBlockFromThePoolAtSealWhenNoFlashblockLoopTicks()
    {
        assertEquals(TransactionPool.ADDED, builder.submit(transfer(0)));

        final StoredBlock block = buildBlock(builder, 2);

        assertEquals(2, block.transactions().size());
        assertEquals(Address.of(alice.address()), block.transactions().get(1).sender());
    }

    @Test
    void shouldSealExactlyTheUnionOfItsFlashblocks() throws Exception
    {
        final BuilderNode.ForkchoiceResult fcu = builder.forkchoiceUpdated(builder.head().hashHex(),
            attributes(2, false));
        final List<byte[]> flashblocks = new ArrayList<>();
        flashblocks.add(builder.tick());
        builder.submit(transfer(0));
        flashblocks.add(builder.tick());
        builder.submit(transfer(1));
        final BuilderNode.SealedPayload sealed = builder.getPayload(fcu.payloadId);
        assertNotNull(sealed.finalFlashblock);
        flashblocks.add(sealed.finalFlashblock);

        final List<String> union = new ArrayList<>();
        for (int i = 0; i < flashblocks.size(); i++)
        {
            final JsonNode fb = MAPPER.readTree(flashblocks.get(i));
            assertEquals(i, fb.path("index").asInt());
            fb.path("diff").path("transactions").forEach(t -> union.add(t.asText()));
        }
        final List<String> sealedTxs = new ArrayList<>();
        MAPPER.readTree(sealed.block.payloadJson()).path("transactions").forEach(t -> sealedTxs.add(t.asText()));
        assertEquals(sealedTxs, union);
        assertEquals(3, union.size());
        assertNull(builder.tick(), "no flashblock after the seal");
    }

    @Test
    void shouldRefuseATamperedStateRootWithTheReason() throws Exception
    {
        final StoredBlock block = buildBlock(builder, 2);
        final ObjectNode payload = (ObjectNode)MAPPER.readTree(block.payloadJson());
        payload.put("stateRoot", PayloadBuilder.hex(filled(0x55)));

        final BuilderNode.PayloadStatus status = validator.newPayload(fields(payload.toString(), block));

        assertEquals(BuilderNode.INVALID, status.status);
        assertEquals(validator.head().hashHex(), status.latestValidHash);
        assertTrue(status.validationError.startsWith("state root"), status.validationError);
    }

    @Test
    void shouldRefuseATamperedReceiptsRootWithTheReason() throws Exception
    {
        final StoredBlock block = buildBlock(builder, 2);
        final ObjectNode payload = (ObjectNode)MAPPER.readTree(block.payloadJson());
        payload.put("receiptsRoot", PayloadBuilder.hex(filled(0x56)));

        final BuilderNode.PayloadStatus status = validator.newPayload(fields(payload.toString(), block));

        assertEquals(BuilderNode.INVALID, status.status);
        assertTrue(status.validationError.startsWith("receipts root"), status.validationError);
    }

    @Test
    void shouldRefuseATamperedBlockHashWithTheReason() throws Exception
    {
        final StoredBlock block = buildBlock(builder, 2);
        final ObjectNode payload = (ObjectNode)MAPPER.readTree(block.payloadJson());
        payload.put("blockHash", PayloadBuilder.hex(filled(0x57)));

        final BuilderNode.PayloadStatus status = validator.newPayload(fields(payload.toString(), block));

        assertEquals(BuilderNode.INVALID, status.status);
        assertTrue(status.validationError.startsWith("invalid block hash"), status.validationError);
    }

    @Test
    void shouldRefuseATamperedGasUsedWithTheReason() throws Exception
    {
        final StoredBlock block = buildBlock(builder, 2);
        final ObjectNode payload = (ObjectNode)MAPPER.readTree(block.payloadJson());
        payload.put("gasUsed", "0x1");

        final BuilderNode.PayloadStatus status = validator.newPayload(fields(payload.toString(), block));

        assertEquals(BuilderNode.INVALID, status.status);
        assertTrue(status.validationError.startsWith("gas used"), status.validationError);
    }

    @Test
    void shouldAnswerSyncingForAnUnknownParent()
    {
        final StoredBlock first = buildBlock(builder, 2);
        builder.forkchoiceUpdated(first.hashHex(), null);
        final StoredBlock second = buildBlock(builder, 4);

        final BuilderNode.PayloadStatus status = validator.newPayload(fields(second.payloadJson(), second));

        assertEquals(BuilderNode.SYNCING, status.status);
        assertNull(status.latestValidHash);
    }

    @Test
    void shouldAnswerSyncingForAnFcuToAnUnknownHead()
    {
        final BuilderNode.ForkchoiceResult fcu = validator.forkchoiceUpdated(PayloadBuilder.hex(filled(0x66)),
            attributes(2, false));

        assertEquals(BuilderNode.SYNCING, fcu.status);
        assertEquals(-1, fcu.payloadId);
        assertEquals(-1, validator.roundPayloadId());
    }

    @Test
    void shouldDiscardTheRoundWhenAnFcuMovesToAnotherParent()
    {
        final StoredBlock first = buildBlock(builder, 2);
        final long onGenesis = builder.forkchoiceUpdated(builder.head().hashHex(), attributes(2, false)).payloadId;

        assertEquals(BuilderNode.VALID, builder.forkchoiceUpdated(first.hashHex(), null).status);

        assertEquals(-1, builder.roundPayloadId());
        assertNull(builder.getPayload(onGenesis));
        assertNull(builder.tick());
    }

    @Test
    void shouldKeepTheSealedPayloadAcrossTheFcuToItsBlock()
    {
        final BuilderNode.ForkchoiceResult fcu = builder.forkchoiceUpdated(builder.head().hashHex(),
            attributes(2, false));
        final StoredBlock block = builder.getPayload(fcu.payloadId).block;

        builder.forkchoiceUpdated(block.hashHex(), null);

        assertEquals(block, builder.getPayload(fcu.payloadId).block, "a repeated getPayload finds the same block");
    }

    @Test
    void shouldIncludeOnlyTheForcedTransactionsWithNoTxPool()
    {
        assertEquals(TransactionPool.ADDED, builder.submit(transfer(0)));
        final BuilderNode.ForkchoiceResult fcu = builder.forkchoiceUpdated(builder.head().hashHex(),
            attributes(2, true));
        builder.tick();

        final StoredBlock block = builder.getPayload(fcu.payloadId).block;

        assertEquals(1, block.transactions().size());
        assertEquals(0x7E, block.transactions().get(0).type());
        assertEquals(1, builder.pool().size());
    }

    @Test
    void shouldAppendTheBuilderTransactionAfterTheForcedOnes() throws Exception
    {
        builder.builderSecretKey(DevAccounts.privateKey(1));
        builder.submit(transfer(0));

        final StoredBlock block = buildBlock(builder, 2);

        assertNull(builder.builderTransactionError());
        assertEquals(3, block.transactions().size());
        final IncludedTransaction builderTx = block.transactions().get(1);
        assertEquals(DevAccounts.address(1), builderTx.sender());
        assertTrue(builderTx.success());
        final String raw = MAPPER.readTree(block.payloadJson()).path("transactions").get(1).asText();
        assertTrue(raw.contains(PayloadBuilder.hex("Block Number: 1".getBytes(StandardCharsets.US_ASCII))
            .substring(2)), raw);
        assertEquals(BuilderNode.VALID, validator.newPayload(fields(block.payloadJson(), block)).status);
    }

    @Test
    void shouldIndexTransactionsOfCanonicalBlocksOnly()
    {
        builder.submit(transfer(0));
        final StoredBlock block = buildBlock(builder, 2);
        final String txHash = PayloadBuilder.hex(block.transactions().get(1).hash());

        assertNull(builder.canonicalBlockOf(txHash), "sealed but not yet the head");
        builder.forkchoiceUpdated(block.hashHex(), null);

        assertEquals(block, builder.canonicalBlockOf(txHash));
        assertEquals(0, builder.pool().size(), "the new head prunes the pool");
    }
}
