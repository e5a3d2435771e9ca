package io.boostj.devnet;

import io.boostj.codecs.eth.TransactionDecoder;
import io.boostj.codecs.hex.Hex;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpNodeDriverTest
{
    @TempDir
    Path dir;

    @Test
    void shouldPutAFreshL1InfoDepositFirstInEveryBlocksAttributes() throws Exception
    {
        try (Devnet devnet = Devnet.start(new Devnet.Options().journalDir(dir.resolve("journal"))))
        {
            final List<BlockResult> results = devnet.driver().produceBlocks(4);
            results.forEach(r -> assertTrue(r.ok(), r.toString()));

            final Set<String> deposits = new HashSet<>();
            for (final RecordedCall call : devnet.l2().calls("engine_forkchoiceUpdatedV3"))
            {
                if (call.param(1).isObject())
                {
                    final String raw = call.param(1).path("transactions").path(0).asText();
                    final byte[] bytes = Hex.fromHexString(raw);
                    final TransactionDecoder tx = new TransactionDecoder();
                    assertEquals(TransactionDecoder.OK, tx.tryWrap(new UnsafeBuffer(bytes), 0, bytes.length));
                    assertTrue(tx.isDeposit());
                    assertTrue(deposits.add(raw), "the same deposit twice: " + raw);
                }
            }
            assertEquals(4, deposits.size());
        }
    }

    @Test
    void shouldStartFromTheBlockTheExecutionClientReports() throws Exception
    {
        try (Devnet devnet = Devnet.start(new Devnet.Options().journalDir(dir.resolve("journal"))))
        {
            assertTrue(devnet.driver().produceBlock().ok());
            final long number = devnet.driver().headNumber();
            final OpNodeDriver fresh = new OpNodeDriver(new OpNodeDriver.Config().rpcUri(devnet.rpcUri()));

            assertEquals(devnet.l2().head(), fresh.startFromExecutionClient("latest"));
            assertEquals(devnet.l2().head(), fresh.head());
            assertEquals(number, fresh.headNumber());
        }
    }
}
