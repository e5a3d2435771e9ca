package io.boostj.devnet;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultSpecTest
{
    @Test
    void shouldParseTheThreeKinds()
    {
        final FaultSpec down = FaultSpec.parse("builder-down:3:2");
        assertEquals(FaultSpec.Kind.BUILDER_DOWN, down.kind());
        assertFalse(down.activeAt(2));
        assertTrue(down.activeAt(3));
        assertTrue(down.activeAt(4));
        assertFalse(down.activeAt(5));

        final FaultSpec slow = FaultSpec.parse("builder-slow:1:1:1500");
        assertEquals(1500, slow.delayMs());
        assertEquals("builder-slow:1:1:1500", slow.toString());

        assertEquals(FaultSpec.Kind.BUILDER_INVALID, FaultSpec.parse("builder-invalid:5:1").kind());
    }

    @Test
    void shouldRefuseMalformedFaults()
    {
        assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("builder-gone:1:1"));
        assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("builder-down:1"));
        assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("builder-slow:1:1"));
        assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("builder-down:0:1"));
        assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("builder-down:x:1"));
    }
}
