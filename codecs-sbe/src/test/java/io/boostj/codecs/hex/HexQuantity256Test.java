package io.boostj.codecs.hex;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HexQuantity256Test
{
    private final UnsafeBuffer value = new UnsafeBuffer(new byte[40]);
    private final UnsafeBuffer text = new UnsafeBuffer(new byte[80]);

    private boolean parse(final String quantity)
    {
        final byte[] chars = quantity.getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer src = new UnsafeBuffer(new byte[chars.length + 4]);
        src.putBytes(2, chars);
        return Hex.tryParseQuantity256(src, 2, chars.length, value, 3);
    }

    private BigInteger parsed()
    {
        final byte[] bytes = new byte[32];
        value.getBytes(3, bytes);
        return new BigInteger(1, bytes);
    }

    private String format()
    {
        final int length = Hex.putQuantity256(value, 3, text, 1);
        final byte[] chars = new byte[length];
        text.getBytes(1, chars);
        return new String(chars, StandardCharsets.US_ASCII);
    }

    @Test
    void shouldRoundTripValuesUpTo256Bits()
    {
        final Random random = new Random(5);
        for (int bits = 0; bits <= 256; bits++)
        {
            final BigInteger v = bits == 0 ? BigInteger.ZERO : new BigInteger(bits, random).setBit(bits - 1);
            final String quantity = "0x" + v.toString(16);
            assertTrue(parse(quantity), quantity);
            assertEquals(v, parsed(), quantity);
            assertEquals(quantity, format());
        }
    }

    @Test
    void shouldTolerateLeadingZerosAndRefuseMalformedQuantities()
    {
        assertTrue(parse("0x" + "0".repeat(70) + "1f"));
        assertEquals(BigInteger.valueOf(31), parsed());
        assertTrue(parse("0xABCDEF"));
        assertEquals(BigInteger.valueOf(0xABCDEF), parsed());
        assertFalse(parse("0x"));
        assertFalse(parse("12"));
        assertFalse(parse("0x1g"));
        assertFalse(parse("0x1" + "0".repeat(64)), "257 bits");
    }
}
