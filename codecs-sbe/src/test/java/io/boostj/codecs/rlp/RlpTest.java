package io.boostj.codecs.rlp;

import java.nio.charset.StandardCharsets;

import io.boostj.codecs.hex.Hex;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Vectors from the Ethereum RLP specification (ethereum.org "Recursive-length prefix (RLP) serialization" examples).
 */
class RlpTest
{
    private final UnsafeBuffer dst = new UnsafeBuffer(new byte[256]);

    private String hex(final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        dst.getBytes(offset, bytes);
        return Hex.toHexString(bytes);
    }

    private static byte[] ascii(final String s)
    {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void shouldEncodeTheSpecStringExamples()
    {
        final byte[] dog = ascii("dog");
        assertEquals(4, Rlp.putBytes(dst, 0, dog, 0, 3));
        assertEquals("0x83646f67", hex(0, 4));

        assertEquals(1, Rlp.putBytes(dst, 0, new byte[0], 0, 0));
        assertEquals("0x80", hex(0, 1));

        assertEquals(1, Rlp.putBytes(dst, 0, new byte[]{ 0x00 }, 0, 1));
        assertEquals("0x00", hex(0, 1));
        assertEquals(1, Rlp.putBytes(dst, 0, new byte[]{ 0x0f }, 0, 1));
        assertEquals("0x0f", hex(0, 1));
        assertEquals(2, Rlp.putBytes(dst, 0, new byte[]{ (byte)0x80 }, 0, 1));
        assertEquals("0x8180", hex(0, 2));

        final byte[] lorem = ascii("Lorem ipsum dolor sit amet, consectetur adipisicing elit");
        assertEquals(56, lorem.length);
        assertEquals(58, Rlp.putBytes(dst, 0, lorem, 0, lorem.length));
        assertEquals("0xb838", hex(0, 2));
        assertEquals(58, Rlp.bytesLength(new UnsafeBuffer(lorem), 0, lorem.length));
    }

    @Test
    void shouldEncodeStringsFromBuffers()
    {
        final UnsafeBuffer src = new UnsafeBuffer(ascii("xdogx"));
        assertEquals(4, Rlp.putBytes(dst, 2, src, 1, 3));
        assertEquals("0x83646f67", hex(2, 4));
        assertEquals(4, Rlp.bytesLength(src, 1, 3));
        assertEquals(1, Rlp.putBytes(dst, 0, src, 0, 1));
        assertEquals("0x78", hex(0, 1));
        assertEquals(1, Rlp.bytesLength(src, 0, 1));
        final UnsafeBuffer high = new UnsafeBuffer(new byte[]{ (byte)0x80 });
        assertEquals(2, Rlp.putBytes(dst, 0, high, 0, 1));
        assertEquals(2, Rlp.bytesLength(high, 0, 1));
    }

    @ParameterizedTest
    @CsvSource({ "0,0x80", "1,0x01", "15,0x0f", "127,0x7f", "128,0x8180", "1024,0x820400", "100000,0x830186a0",
        "-1,0x88ffffffffffffffff", "9223372036854775807,0x887fffffffffffffff" })
    void shouldEncodeIntegers(final long value, final String expected)
    {
        final int length = Rlp.putUint64(dst, 1, value);
        assertEquals(expected, hex(1, length));
        assertEquals(length, Rlp.uint64Length(value));
    }

    @Test
    void shouldEncodeTheSpecListExamples()
    {
        final byte[] cat = ascii("cat");
        final byte[] dog = ascii("dog");
        int p = Rlp.putListHeader(dst, 0, 8);
        p += Rlp.putBytes(dst, p, cat, 0, 3);
        p += Rlp.putBytes(dst, p, dog, 0, 3);
        assertEquals("0xc88363617483646f67", hex(0, p));

        assertEquals(1, Rlp.putListHeader(dst, 0, 0));
        assertEquals("0xc0", hex(0, 1));

        // [ [], [[]], [ [], [[]] ] ]
        p = Rlp.putListHeader(dst, 0, 7);
        p += Rlp.putListHeader(dst, p, 0);
        p += Rlp.putListHeader(dst, p, 1);
        p += Rlp.putListHeader(dst, p, 0);
        p += Rlp.putListHeader(dst, p, 3);
        p += Rlp.putListHeader(dst, p, 0);
        p += Rlp.putListHeader(dst, p, 1);
        p += Rlp.putListHeader(dst, p, 0);
        assertEquals("0xc7c0c1c0c3c0c1c0", hex(0, p));
    }

    @Test
    void shouldEncodeLongListsAndPlaceHeadersBeforeWrittenItems()
    {
        final byte[] dog = ascii("dog");
        int p = Rlp.MAX_HEADER_LENGTH;
        for (int i = 0; i < 20; i++)
        {
            p += Rlp.putBytes(dst, p, dog, 0, 3);
        }
        final int payload = p - Rlp.MAX_HEADER_LENGTH;
        assertEquals(80, payload);
        final int start = Rlp.putListHeaderBefore(dst, Rlp.MAX_HEADER_LENGTH, payload);
        assertEquals(Rlp.MAX_HEADER_LENGTH - 2, start);
        assertEquals("0xf85083646f67", hex(start, 6));
        assertEquals(82, Rlp.listLength(payload));
        assertEquals(2, Rlp.headerLength(80));
        assertEquals(1, Rlp.headerLength(55));
        assertEquals(3, Rlp.headerLength(256));
        assertEquals(4, Rlp.headerLength(65536));
        assertEquals(5, Rlp.headerLength(Integer.MAX_VALUE));
    }

    @Test
    void shouldWriteLongStringHeaders()
    {
        assertEquals(3, Rlp.putStringHeader(dst, 0, 1024));
        assertEquals("0xb90400", hex(0, 3));
        assertEquals(1, Rlp.putStringHeader(dst, 0, 20));
        assertEquals("0x94", hex(0, 1));
    }

    @Test
    void shouldRejectNegativeLengths()
    {
        assertThrows(IllegalArgumentException.class, () -> Rlp.putListHeader(dst, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> Rlp.putStringHeader(dst, 0, -1));
    }
}
