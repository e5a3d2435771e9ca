package io.boostj.perf;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProxyFanoutHarnessOptionsTest
{
    private static ProxyFanoutHarness.Options parse(final String... args)
    {
        return ProxyFanoutHarness.Options.parse(args);
    }

    @Test
    void defaultsStayOursThenNode()
    {
        final ProxyFanoutHarness.Options o = parse();
        assertEquals(List.of("ours", "node"), o.targets());
        assertEquals(List.of(1000, 5000, 10000), o.subscribers);
        assertEquals(5.0, o.rateHz);
        assertEquals(10, o.roundSize);
    }

    @Test
    void peerSpellings()
    {
        assertEquals(List.of("ours"), parse("--peer", "ours").targets());
        assertEquals(List.of("node"), parse("--peer", "node").targets());
        assertEquals(List.of("chain"), parse("--peer", "chain").targets());
        assertEquals(List.of("ours", "node", "chain"), parse("--peer", "all").targets());
        assertThrows(IllegalArgumentException.class, () -> parse("--peer", "rust"));
    }

    @Test
    void targetsListOverridesPeerKeepsOrderAndDropsRepeats()
    {
        final ProxyFanoutHarness.Options o = parse("--peer", "node", "--targets", "chain, ours,chain",
            "--subscribers", "1000,10000", "--rate-hz", "5", "--round-size", "4");
        assertEquals(List.of("chain", "ours"), o.targets());
        assertEquals(List.of(1000, 10000), o.subscribers);
        assertEquals(4, o.roundSize);
    }

    @Test
    void rejectsUnknownTargetsAndRoundSizes()
    {
        assertThrows(IllegalArgumentException.class, () -> parse("--targets", "ours,haproxy"));
        assertThrows(IllegalArgumentException.class, () -> parse("--targets", ","));
        assertThrows(IllegalArgumentException.class, () -> parse("--round-size", "0"));
        assertThrows(IllegalArgumentException.class, () -> parse("--bogus"));
    }
}
