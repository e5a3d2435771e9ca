package io.boostj.devnet;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PayloadChainTest
{
    @Test
    void shouldLoadTheConsecutiveV3BlocksOfTheCancunChain()
    {
        final PayloadChain chain = PayloadChain.cancun();

        assertEquals(417, chain.size());
        assertEquals(0x54, chain.first().number());
        assertEquals(0x1f4, chain.blocks().get(chain.size() - 1).number());
        assertEquals("0x36a166f0dcd160fc5e5c61c9a7c2d7f236d9175bf27f43aaa2150e291f092ef7",
            chain.blocks().get(chain.size() - 1).blockHash());
        assertEquals("0x83472eda6eb475906aeeb7f09e757ba9f6663b9f6a5bf8611d6306f677f67ebd",
            chain.first().parentBeaconBlockRoot());
        assertEquals(0, chain.first().executionRequests().size());
    }

    @Test
    void shouldLoadTheConsecutiveV4BlocksOfThePragueChainWithHexExecutionRequests()
    {
        final PayloadChain chain = PayloadChain.prague();

        assertEquals(589, chain.size());
        assertEquals(0xc, chain.first().number());
        assertTrue(chain.blocks().stream().flatMap(b -> {
            final java.util.List<String> l = new java.util.ArrayList<>();
            b.executionRequests().forEach(r -> l.add(r.asText()));
            return l.stream();
        }).allMatch(r -> r.matches("0x[0-9a-f]+")), "the base64 entry is served as hex");
        assertTrue(chain.blocks().stream().anyMatch(b -> b.executionRequests().size() > 0));
    }

    @Test
    void shouldServeTheChildOfAParentAndStartOverFromAnUnknownOne()
    {
        final PayloadChain chain = PayloadChain.cancun();

        assertSame(chain.first(), chain.next(chain.genesisParent()));
        assertSame(chain.blocks().get(1), chain.next(chain.first().blockHash()));
        assertSame(chain.first(), chain.next(chain.blocks().get(chain.size() - 1).blockHash()), "wraps at the end");
        assertSame(chain.first(), chain.next("0x1234"));
        assertNull(chain.byHash("0x1234"));
    }

    @Test
    void shouldRecogniseExactlyTheBlocksOwnContent()
    {
        final PayloadChain.Block block = PayloadChain.cancun().blocks().get(5);

        assertTrue(block.sameContent(block.payloadCopy()));
        assertFalse(block.sameContent(block.payloadCopy().put("stateRoot", "0x" + "0".repeat(64))));
        assertFalse(block.sameContent(block.payloadCopy().put("gasUsed", "0x1")));
        assertTrue(block.sameContent(block.payloadCopy().put("blockHash", block.blockHash().toUpperCase()
            .replace("0X", "0x"))), "hex case does not matter");
    }
}
