package io.boostj.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real Unichain Sepolia flashblocks replayed into pending state: the pending block must converge to the block the
 * chain's RPC returned for it, field by field and transaction by transaction.
 */
class PendingStateReplayTest
{
    private final FlashblockDecoder decoder = new FlashblockDecoder();
    private final PendingStateProcessor processor = new PendingStateProcessor(3);

    private void applyAll(final List<String> messages) throws Exception
    {
        for (final String m : messages)
        {
            assertTrue(processor.apply(TestData.decode(decoder, m)).applies());
        }
    }

    @Test
    void shouldConvergeToTheFinalRpcBlockAfterAllFlashblocks() throws Exception
    {
        applyAll(TestData.unichainMessages());
        final JsonNode expected = TestData.json("unichain_sepolia_35535698_final_rpc_block.json");
        final ObjectNode pending = PendingJson.block(processor.state().latest(), true);
        for (final Iterator<String> it = expected.fieldNames(); it.hasNext(); )
        {
            final String field = it.next();
            if ("transactions".equals(field) || "size".equals(field))
            {
                continue;
            }
            assertEquals(expected.get(field), pending.get(field), field);
        }
        final JsonNode expectedTxs = expected.get("transactions");
        assertEquals(expectedTxs.size(), pending.get("transactions").size());
        for (int i = 0; i < expectedTxs.size(); i++)
        {
            final JsonNode want = expectedTxs.get(i);
            final JsonNode got = pending.get("transactions").get(i);
            for (final Iterator<String> it = want.fieldNames(); it.hasNext(); )
            {
                final String field = it.next();
                assertEquals(want.get(field), got.get(field), "tx " + i + " " + field);
            }
        }
    }

    @Test
    void shouldDecodeBrotliFramesLikeJsonOnes() throws Exception
    {
        for (int i = 0; i < 5; i++)
        {
            assertTrue(processor.apply(TestData.decode(decoder, TestData.bytes("unichain_fb_" + i + ".json.br")))
                .applies());
        }
        assertEquals("0xc463a3120c35268f610d969f5608b479332ef10953af77c7a6be806195831196",
            processor.state().latest().hash());
        assertEquals(6, processor.state().latest().transactions().size());
    }

    @Test
    void shouldAnswerReceiptsBalancesAndNoncesFromMetadata() throws Exception
    {
        applyAll(TestData.unichainMessages());
        final PendingState state = processor.state();
        final String hash = "0x89f7852587dca7dd2f31b02f3a93f47669a82784025d607ec7c336b66af84a19";
        final PendingState.Located at = state.find(hash);
        assertNotNull(at);
        final ObjectNode receipt = PendingJson.receipt(at.block(), at.index());
        assertNotNull(receipt);
        assertEquals("0x1", receipt.get("status").asText());
        assertEquals("0x2", receipt.get("type").asText());
        assertEquals(hash, receipt.get("transactionHash").asText());
        assertEquals("0xc0043c50ba044a5f948d32faed806913d781d428", receipt.get("from").asText());
        assertTrue(state.balance("0xc0043c50ba044a5f948d32faed806913d781d428").startsWith("0x"));
        assertEquals(state.countFrom("0xc0043c50ba044a5f948d32faed806913d781d428"),
            (int)at.block().transactions().stream().filter(t -> t.from().equals(
                "0xc0043c50ba044a5f948d32faed806913d781d428")).count());
        assertNull(state.find("0x" + "00".repeat(32)));
    }

    @Test
    void shouldIgnoreDuplicatesAndClearOnAGap() throws Exception
    {
        final List<String> m = TestData.unichainMessages();
        processor.apply(TestData.decode(decoder, m.get(0)));
        processor.apply(TestData.decode(decoder, m.get(1)));
        assertEquals(SequenceRule.DUPLICATE, processor.apply(TestData.decode(decoder, m.get(1))));
        assertEquals(2, processor.state().latest().flashblockCount());
        assertEquals(SequenceRule.NON_SEQUENTIAL_GAP, processor.apply(TestData.decode(decoder, m.get(3))));
        assertTrue(processor.state().isEmpty());
        assertEquals(SequenceRule.AWAITING_INDEX_ZERO, processor.apply(TestData.decode(decoder, m.get(4))));
        assertTrue(processor.state().isEmpty());
        assertEquals(SequenceRule.FIRST, processor.apply(TestData.decode(decoder, m.get(0))));
        assertEquals(1, processor.state().blocks().size());
    }

    @Test
    void shouldIgnoreFlashblocksOfBlocksAlreadyCanonical() throws Exception
    {
        processor.onCanonicalBlock(35535698, List.of());
        processor.apply(TestData.decode(decoder, TestData.unichainMessages().get(0)));
        assertTrue(processor.state().isEmpty());
        assertEquals(1, processor.staleFlashblocks());
    }

    @Test
    void shouldCatchUpWhenTheCanonicalChainReachesThePendingBlock() throws Exception
    {
        applyAll(TestData.unichainMessages());
        assertEquals(Reconciliation.CONTINUE, processor.onCanonicalBlock(35535697, List.of()));
        assertEquals(1, processor.state().blocks().size());
        assertEquals(Reconciliation.CATCH_UP, processor.onCanonicalBlock(35535698, List.of()));
        assertTrue(processor.state().isEmpty());
    }
}
