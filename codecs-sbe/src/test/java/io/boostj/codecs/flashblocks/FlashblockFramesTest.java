package io.boostj.codecs.flashblocks;

import java.util.List;

import io.boostj.codecs.engine.AllocationProbe;
import io.boostj.codecs.test.TestData;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlashblockFramesTest
{
    private static final int PAD = 6;

    private final FlashblockFrames frames = new FlashblockFrames();

    private static byte[] brotli(final int index)
    {
        return TestData.bytes(Flashblocks.DIR + "brotli/unichain_fb_" + index + ".json.br");
    }

    private String decoded()
    {
        return frames.buffer().getStringWithoutLengthUtf8(frames.offset(), frames.length());
    }

    @Test
    void shouldDecodeTheProxysBrotliFramesToTheSameJson()
    {
        final List<String> lines = Flashblocks.messages(Flashblocks.UNICHAIN_NDJSON);
        final FlashblockView view = new FlashblockView();
        for (int i = 0; i < lines.size(); i++)
        {
            final byte[] frame = brotli(i);
            assertEquals(FlashblockFrames.BROTLI, frames.tryDecode(TestData.padded(frame, PAD), PAD, frame.length),
                frames.errorMessage());
            assertNull(frames.errorMessage());
            assertEquals(lines.get(i), decoded(), "frame " + i);
            assertEquals(FlashblockView.OK, view.wrap(frames.buffer(), frames.offset(), frames.length()));
            assertEquals(i, view.index());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "  \n\t", "\r\n" })
    void shouldReturnJsonFramesInPlace(final String leadingWhitespace)
    {
        final String json = leadingWhitespace + TestData.text(Flashblocks.PINNED_INDEX3);
        final UnsafeBuffer buffer = TestData.padded(json, PAD);
        assertEquals(FlashblockFrames.JSON, frames.tryDecode(buffer, PAD, json.length()));
        assertSame(buffer, frames.buffer());
        assertEquals(PAD, frames.offset());
        assertEquals(json.length(), frames.length());
    }

    @Test
    void shouldRefuseAFrameThatDecodesBeyondTheCap()
    {
        final byte[] frame = brotli(0);
        final int decodedLength = Flashblocks.messages(Flashblocks.UNICHAIN_NDJSON).get(0).length();
        final FlashblockFrames capped = new FlashblockFrames(decodedLength - 1);
        assertEquals(FlashblockFrames.TOO_LARGE, capped.tryDecode(TestData.padded(frame, 0), 0, frame.length));
        assertEquals("brotli frame decodes to more than " + (decodedLength - 1) + " bytes", capped.errorMessage());
        assertNull(capped.buffer());

        final FlashblockFrames exact = new FlashblockFrames(decodedLength);
        assertEquals(FlashblockFrames.BROTLI, exact.tryDecode(TestData.padded(frame, 0), 0, frame.length));
        assertEquals(decodedLength, exact.maxDecompressedLength());
        assertThrows(IllegalArgumentException.class, () -> new FlashblockFrames(0));
    }

    @Test
    void shouldRefuseCorruptTruncatedAndEmptyFrames()
    {
        final byte[] frame = brotli(1);
        assertEquals(FlashblockFrames.CORRUPT, frames.tryDecode(TestData.padded(frame, 0), 0, frame.length / 2));
        assertEquals("truncated brotli stream", frames.errorMessage());

        final byte[] garbage = "not json, not brotli".getBytes();
        assertEquals(FlashblockFrames.CORRUPT, frames.tryDecode(new UnsafeBuffer(garbage), 0, garbage.length));

        final byte[] trailing = new byte[frame.length + 3];
        System.arraycopy(frame, 0, trailing, 0, frame.length);
        assertEquals(FlashblockFrames.CORRUPT, frames.tryDecode(new UnsafeBuffer(trailing), 0, trailing.length));

        assertEquals(FlashblockFrames.EMPTY, frames.tryDecode(new UnsafeBuffer(new byte[4]), 0, 0));
        assertEquals(FlashblockFrames.EMPTY, frames.tryDecode(new UnsafeBuffer(" \n".getBytes()), 0, 2));
        assertEquals("empty frame", frames.errorMessage());
    }

    @Test
    void shouldPassJsonFramesWithoutAllocating()
    {
        final String json = TestData.text(Flashblocks.PINNED_INDEX0);
        final UnsafeBuffer buffer = TestData.padded(json, PAD);
        AllocationProbe.assertNoAllocation(() ->
        {
            if (FlashblockFrames.JSON != frames.tryDecode(buffer, PAD, json.length()))
            {
                throw new AssertionError(frames.errorMessage());
            }
        });
        assertTrue(frames.length() > 0);
    }
}
