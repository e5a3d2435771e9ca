package io.boostj.codecs.hex;

import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HexTest
{
    private final UnsafeBuffer dst = new UnsafeBuffer(new byte[64]);

    private String ascii(final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        dst.getBytes(offset, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Test
    void shouldEncodeBytesAsLowercaseData()
    {
        final byte[] src = { 0x00, (byte)0xff, 0x10, (byte)0xab, 0x7f };
        assertEquals(12, Hex.encode(src, 0, 5, dst, 3));
        assertEquals("0x00ff10ab7f", ascii(3, 12));

        assertEquals(6, Hex.encode(new UnsafeBuffer(src), 1, 2, dst, 0));
        assertEquals("0xff10", ascii(0, 6));

        assertEquals(2, Hex.encode(src, 0, 0, dst, 0));
        assertEquals("0x", ascii(0, 2));
        assertEquals(12, Hex.encodedLength(5));
    }

    @ParameterizedTest
    @CsvSource({ "0,0x0", "1,0x1", "15,0xf", "16,0x10", "255,0xff", "256,0x100", "1024,0x400",
        "9223372036854775807,0x7fffffffffffffff", "-1,0xffffffffffffffff", "-9223372036854775808,0x8000000000000000",
        "1728933301,0x670d6db5" })
    void shouldWriteMinimalQuantities(final long value, final String expected)
    {
        final int length = Hex.putQuantity(value, dst, 5);
        assertEquals(expected.length(), length);
        assertEquals(expected.length(), Hex.quantityLength(value));
        assertEquals(expected, ascii(5, length));
    }

    @Test
    void shouldDecodeWithOrWithoutPrefixInEitherCase()
    {
        final UnsafeBuffer src = new UnsafeBuffer("0xDEADbeef".getBytes(StandardCharsets.US_ASCII));
        assertEquals(4, Hex.tryDecode(src, 0, 10, dst, 1));
        assertEquals((byte)0xde, dst.getByte(1));
        assertEquals((byte)0xef, dst.getByte(4));
        assertEquals(4, Hex.tryDecode(src, 2, 8, dst, 0));
        assertEquals(4, Hex.tryDecodeDigits(src, 2, 8, dst, 0));
        assertEquals(0, Hex.tryDecode(src, 0, 2, dst, 0));
        assertEquals(0, Hex.tryDecode(src, 0, 0, dst, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = { "0x0", "0xzz", "0x0g", "abc", "0x 1", "0X12" })
    void shouldRejectInvalidHex(final String text)
    {
        final UnsafeBuffer src = new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
        assertEquals(Hex.INVALID, Hex.tryDecode(src, 0, text.length(), dst, 0));
    }

    @Test
    void shouldRejectNegativeOrOddDigitCounts()
    {
        final UnsafeBuffer src = new UnsafeBuffer("00".getBytes(StandardCharsets.US_ASCII));
        assertEquals(Hex.INVALID, Hex.tryDecodeDigits(src, 0, -2, dst, 0));
        assertEquals(Hex.INVALID, Hex.tryDecodeDigits(src, 0, 1, dst, 0));
    }

    @ParameterizedTest
    @CsvSource({ "0x0,0", "0x1,1", "0x00ff,255", "0xffffffffffffffff,-1", "0x0000000000000000001,1" })
    void shouldParseQuantities(final String text, final long expected)
    {
        final UnsafeBuffer src = new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
        assertEquals(expected, Hex.tryParseQuantity(src, 0, text.length(), 42));
    }

    @ParameterizedTest
    @ValueSource(strings = { "0x", "", "12", "0x1g", "0x10000000000000000", "1x12" })
    void shouldReturnTheDefaultForMalformedQuantities(final String text)
    {
        final UnsafeBuffer src = new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
        assertEquals(42, Hex.tryParseQuantity(src, 0, text.length(), 42));
    }

    @Test
    void shouldConvertStringsForConfigurationAndTests()
    {
        assertArrayEquals(new byte[]{ 1, (byte)0xab }, Hex.fromHexString("0x01AB"));
        assertArrayEquals(new byte[]{ 1, (byte)0xab }, Hex.fromHexString("01ab"));
        assertArrayEquals(new byte[0], Hex.fromHexString("0x"));
        assertEquals("0x01ab", Hex.toHexString(new byte[]{ 1, (byte)0xab }));
        assertThrows(IllegalArgumentException.class, () -> Hex.fromHexString("0x1"));
        assertThrows(IllegalArgumentException.class, () -> Hex.fromHexString("0xzz"));
        assertThrows(IllegalArgumentException.class, () -> Hex.fromHexString("0x\u0100\u0100"));
    }

    @Test
    void shouldClassifyDigits()
    {
        assertEquals(0, Hex.digitValue((byte)'0'));
        assertEquals(10, Hex.digitValue((byte)'a'));
        assertEquals(15, Hex.digitValue((byte)'F'));
        assertEquals(Hex.INVALID, Hex.digitValue((byte)'g'));
        assertEquals(Hex.INVALID, Hex.digitValue((byte)0xC3));
    }

    @Test
    void shouldAcceptExactlyTheHexDigitsInEveryLaneOfTheEightByteScan()
    {
        final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(new byte[19]);
        for (int lane = 0; lane < 19; lane++)
        {
            for (int b = 0; b < 256; b++)
            {
                for (int i = 0; i < 19; i++)
                {
                    buffer.putByte(i, (byte)"0123456789abcdefABC".charAt(i));
                }
                buffer.putByte(lane, (byte)b);
                final boolean expected = Character.digit((char)b, 16) >= 0 && b < 128;
                org.junit.jupiter.api.Assertions.assertEquals(expected, Hex.isHexText(buffer, 0, 19),
                    "byte 0x" + Integer.toHexString(b) + " at " + lane);
            }
        }
    }
}
