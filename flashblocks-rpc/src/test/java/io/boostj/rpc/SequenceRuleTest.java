package io.boostj.rpc;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceRuleTest
{
    @Test
    void shouldClassifyEveryPositionAsNodeRethDoes()
    {
        assertEquals(SequenceRule.FIRST, SequenceRule.classify(false, 0, 0, 10, 0));
        assertEquals(SequenceRule.AWAITING_INDEX_ZERO, SequenceRule.classify(false, 0, 0, 10, 3));
        assertEquals(SequenceRule.NEXT_IN_SEQUENCE, SequenceRule.classify(true, 10, 2, 10, 3));
        assertEquals(SequenceRule.FIRST_OF_NEXT_BLOCK, SequenceRule.classify(true, 10, 7, 11, 0));
        assertEquals(SequenceRule.DUPLICATE, SequenceRule.classify(true, 10, 2, 10, 2));
        assertEquals(SequenceRule.NON_SEQUENTIAL_GAP, SequenceRule.classify(true, 10, 2, 10, 4));
        assertEquals(SequenceRule.NON_SEQUENTIAL_GAP, SequenceRule.classify(true, 10, 2, 10, 1));
        assertEquals(SequenceRule.INVALID_NEW_BLOCK, SequenceRule.classify(true, 10, 2, 11, 1));
        assertEquals(SequenceRule.INVALID_NEW_BLOCK, SequenceRule.classify(true, 10, 2, 12, 0));
        assertEquals(SequenceRule.INVALID_NEW_BLOCK, SequenceRule.classify(true, 10, 2, 9, 0));
    }

    @Test
    void shouldApplyOnlyInSequenceAndClearOnlyOnGapsAndForeignBlocks()
    {
        for (final SequenceRule r : SequenceRule.values())
        {
            assertFalse(r.applies() && r.clears(), r.name());
        }
        assertTrue(SequenceRule.NON_SEQUENTIAL_GAP.clears());
        assertTrue(SequenceRule.INVALID_NEW_BLOCK.clears());
        assertFalse(SequenceRule.DUPLICATE.clears());
        assertFalse(SequenceRule.DUPLICATE.applies());
    }

    @Test
    void shouldReconcileInNodeRethsPriorityOrder()
    {
        final List<String> a = List.of("0xaa");
        final List<String> b = List.of("0xbb");
        assertEquals(Reconciliation.SKIP, Reconciliation.classify(-1, -1, 5, null, a, 3));
        assertEquals(Reconciliation.CATCH_UP, Reconciliation.classify(5, 6, 6, a, b, 3));
        assertEquals(Reconciliation.REORG, Reconciliation.classify(5, 7, 6, a, b, 3));
        assertEquals(Reconciliation.CONTINUE, Reconciliation.classify(5, 7, 6, a, a, 3));
        assertEquals(Reconciliation.CONTINUE, Reconciliation.classify(5, 7, 4, null, a, 3));
        assertEquals(Reconciliation.DEPTH_LIMIT_EXCEEDED, Reconciliation.classify(5, 12, 9, null, a, 3));
    }
}
