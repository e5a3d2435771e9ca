package io.boostj.core.sidecar;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A reusable, growable holder for a copy of some bytes (a raw JSON id, result or params) kept across events.
 * It grows to the largest size seen and then stops allocating.
 */
final class ByteSlot
{
    private final ExpandableArrayBuffer buffer;
    private int length;

    ByteSlot(final int initialCapacity)
    {
        buffer = new ExpandableArrayBuffer(initialCapacity);
    }

    void copy(final DirectBuffer src, final int offset, final int length)
    {
        buffer.putBytes(0, src, offset, length);
        this.length = length;
    }

    void clear()
    {
        length = 0;
    }

    DirectBuffer buffer()
    {
        return buffer;
    }

    MutableDirectBuffer mutableBuffer()
    {
        return buffer;
    }

    int length()
    {
        return length;
    }

    void length(final int length)
    {
        this.length = length;
    }
}
