package io.boostj.io.http;

import io.netty.buffer.ByteBuf;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Presents a Netty {@link ByteBuf}'s readable bytes as an Agrona {@link DirectBuffer} for the codecs: zero-copy when
 * the ByteBuf is one contiguous region, else copied into a reusable per-view scratch buffer. One instance per thread.
 */
public final class ByteBufViews
{
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(64 * 1024);

    /**
     * @param buf the bytes (readerIndex to writerIndex).
     * @return a buffer whose bytes 0..buf.readableBytes() are buf's readable bytes; valid until the next call.
     */
    public DirectBuffer wrap(final ByteBuf buf)
    {
        final int length = buf.readableBytes();
        if (buf.hasMemoryAddress())
        {
            view.wrap(buf.memoryAddress() + buf.readerIndex(), length);
            return view;
        }
        if (buf.hasArray())
        {
            view.wrap(buf.array(), buf.arrayOffset() + buf.readerIndex(), length);
            return view;
        }
        scratch.checkLimit(length);
        buf.getBytes(buf.readerIndex(), scratch.byteArray(), 0, length);
        view.wrap(scratch.byteArray(), 0, length);
        return view;
    }
}
