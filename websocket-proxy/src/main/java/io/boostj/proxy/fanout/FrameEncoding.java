package io.boostj.proxy.fanout;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Writes a whole server-to-client WebSocket Binary frame (FIN, opcode 2, unmasked, RFC 6455 §5.2) into one buffer.
 * Server frames carry no mask, so the bytes are the same for every client: the frame is encoded once per message and
 * each channel writes a duplicate of it, bypassing Netty's per-channel frame encoder.
 */
public final class FrameEncoding
{
    private static final int FIN_BINARY = 0x82;

    private FrameEncoding()
    {
    }

    /**
     * @param length payload length.
     * @return header length for that payload.
     */
    public static int headerLength(final int length)
    {
        return length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
    }

    /**
     * @param alloc   allocator (a direct buffer is asked for: the kernel reads it without a copy).
     * @param payload bytes readerIndex..writerIndex, not consumed.
     * @return a new buffer holding the frame, refCnt 1.
     */
    public static ByteBuf binaryFrame(final ByteBufAllocator alloc, final ByteBuf payload)
    {
        final int length = payload.readableBytes();
        final ByteBuf frame = alloc.directBuffer(headerLength(length) + length);
        writeHeader(frame, length);
        frame.writeBytes(payload, payload.readerIndex(), length);
        return frame;
    }

    /**
     * @param alloc   allocator.
     * @param payload the payload.
     * @return a new buffer holding the frame, refCnt 1.
     */
    public static ByteBuf binaryFrame(final ByteBufAllocator alloc, final byte[] payload)
    {
        final ByteBuf frame = alloc.directBuffer(headerLength(payload.length) + payload.length);
        writeHeader(frame, payload.length);
        frame.writeBytes(payload);
        return frame;
    }

    private static void writeHeader(final ByteBuf frame, final int length)
    {
        frame.writeByte(FIN_BINARY);
        if (length < 126)
        {
            frame.writeByte(length);
        }
        else if (length <= 0xFFFF)
        {
            frame.writeByte(126).writeShort(length);
        }
        else
        {
            frame.writeByte(127).writeLong(length);
        }
    }
}
