package io.boostj.codecs.rlp;

import io.boostj.codecs.hex.Hex;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RlpReaderTest
{
    private final RlpReader reader = new RlpReader();

    private int read(final String hex)
    {
        final byte[] bytes = Hex.fromHexString(hex);
        reader.wrap(new UnsafeBuffer(bytes));
        return reader.tryReadItem(0, bytes.length);
    }

    @Test
    void shouldReadTheSpecExamples()
    {
        assertEquals(4, read("0x83646f67"));
        assertFalse(reader.isList());
        assertEquals(1, reader.payloadOffset());
        assertEquals(3, reader.payloadLength());

        assertEquals(9, read("0xc88363617483646f67"));
        assertTrue(reader.isList());
        assertEquals(8, reader.payloadLength());
        assertEquals(5, reader.tryReadString(1, 9));
        assertEquals(9, reader.tryReadString(5, 9));

        assertEquals(1, read("0x80"));
        assertEquals(0, reader.payloadLength());
        assertEquals(1, read("0x0f"));
        assertEquals(0, reader.payloadOffset());
        assertEquals(1, reader.payloadLength());
        assertEquals(3, read("0x820400"));
        assertEquals(0, reader.checkUnsigned(8));
        assertEquals(0x400, reader.uint64());

        final StringBuilder lorem = new StringBuilder("0xb838");
        for (int i = 0; i < 56; i++)
        {
            lorem.append("61");
        }
        assertEquals(58, read(lorem.toString()));
        assertEquals(56, reader.payloadLength());
    }

    @Test
    void shouldRefuseTruncatedInput()
    {
        assertEquals(RlpReader.TRUNCATED, read("0x83646f"));
        assertEquals(RlpReader.TRUNCATED, read("0xb8"));
        assertEquals(RlpReader.TRUNCATED, read("0xc883636174"));
        assertEquals(RlpReader.TRUNCATED, read("0x"));
    }

    @Test
    void shouldRefuseNonCanonicalEncodings()
    {
        assertEquals(RlpReader.NON_CANONICAL, read("0x8105"));
        assertEquals(RlpReader.NON_CANONICAL, read("0xb80161"));
        assertEquals(RlpReader.NON_CANONICAL, read("0xb90038" + "61".repeat(56)));
        assertEquals(RlpReader.TOO_LONG, read("0xbc0100000000"));
        assertEquals(3, read("0x820004"));
        assertEquals(RlpReader.BAD_INTEGER, reader.checkUnsigned(8));
        assertEquals(10, read("0x89010203040506070809"));
        assertEquals(RlpReader.BAD_INTEGER, reader.checkUnsigned(8));
        assertEquals(1, read("0xc0"));
        assertEquals(RlpReader.WRONG_KIND, reader.checkUnsigned(8));
    }
}
