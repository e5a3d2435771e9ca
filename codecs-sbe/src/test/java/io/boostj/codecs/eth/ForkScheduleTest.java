package io.boostj.codecs.eth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForkScheduleTest
{
    @Test
    void shouldGiveTheForkActiveAtATimestamp()
    {
        assertEquals(Fork.PARIS, ForkSchedule.GETH_HIVE.forkAt(779));
        assertEquals(Fork.SHANGHAI, ForkSchedule.GETH_HIVE.forkAt(780));
        assertEquals(Fork.CANCUN, ForkSchedule.GETH_HIVE.forkAt(840));
        assertEquals(Fork.SHANGHAI, ForkSchedule.GETH_HIVE_PRAGUE.forkAt(0));
        assertEquals(Fork.PRAGUE, ForkSchedule.GETH_HIVE_PRAGUE.forkAt(120));
        assertEquals(Fork.PRAGUE, ForkSchedule.HOODI.forkAt(1_752_106_788L));
        assertEquals(Fork.OSAKA, ForkSchedule.MAINNET.forkAt(1_764_798_551L));
        assertEquals(Fork.PRAGUE, ForkSchedule.MAINNET.forkAt(1_764_798_550L));
        assertEquals(Fork.ISTHMUS, ForkSchedule.UNICHAIN_SEPOLIA.forkAt(0x690be89eL));
        assertEquals(Fork.GRANITE, ForkSchedule.UNICHAIN_SEPOLIA.forkAt(0));
        assertEquals(Fork.CANYON, ForkSchedule.BASE_MAINNET.forkAt(1_705_056_448L));
        assertEquals(Fork.JOVIAN, ForkSchedule.OP_SEPOLIA.forkAt(Long.MAX_VALUE));
        assertEquals(Fork.JOVIAN, ForkSchedule.OP_SEPOLIA.forkAt(-1L), "timestamps are unsigned");
        assertNull(ForkSchedule.builder("late").activate(Fork.CANCUN, 100).build().forkAt(99));
    }

    @Test
    void shouldNameTheBuiltInSchedules()
    {
        assertEquals(11, ForkSchedule.names().size());
        for (final String name : ForkSchedule.names())
        {
            assertEquals(name, ForkSchedule.byName(name).name());
        }
        assertSame(ForkSchedule.UNICHAIN_SEPOLIA, ForkSchedule.byName("unichain-sepolia"));
        assertNull(ForkSchedule.byName("nope"));
        assertTrue(ForkSchedule.BASE_SEPOLIA.isOp());
        assertFalse(ForkSchedule.HOODI.isOp());
        assertEquals(1_744_905_600L, ForkSchedule.UNICHAIN_SEPOLIA.activationTimestamp(Fork.ISTHMUS));
        assertEquals(-1, ForkSchedule.HOODI.activationTimestamp(Fork.SHANGHAI));
    }

    @Test
    void shouldRefuseInconsistentSchedules()
    {
        assertThrows(IllegalArgumentException.class,
            () -> ForkSchedule.builder("mixed").activate(Fork.CANCUN, 0).activate(Fork.ISTHMUS, 1));
        assertThrows(IllegalArgumentException.class,
            () -> ForkSchedule.builder("order").activate(Fork.PRAGUE, 0).activate(Fork.CANCUN, 1));
        assertThrows(IllegalArgumentException.class,
            () -> ForkSchedule.builder("time").activate(Fork.CANCUN, 10).activate(Fork.PRAGUE, 9));
        assertThrows(IllegalStateException.class, () -> ForkSchedule.builder("empty").build());
    }

    @Test
    void shouldDescribeTheHeaderLayoutOfEachFork()
    {
        assertEquals(16, Fork.PARIS.headerFieldCount());
        assertEquals(17, Fork.CANYON.headerFieldCount());
        assertEquals(20, Fork.HOLOCENE.headerFieldCount());
        assertEquals(21, Fork.OSAKA.headerFieldCount());
        assertTrue(Fork.ISTHMUS.withdrawalsRootFromPayload());
        assertFalse(Fork.PRAGUE.withdrawalsRootFromPayload());
        assertFalse(Fork.HOLOCENE.withdrawalsRootFromPayload());
        assertTrue(Fork.JOVIAN.blobGasUsedIsDaFootprint());
        assertFalse(Fork.ISTHMUS.blobGasUsedIsDaFootprint());
    }
}
