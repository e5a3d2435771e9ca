package io.boostj.ring;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * One preallocated ring entry: an SBE message (header included) of {@link #length()} bytes at offset 0 of
 * {@link #buffer()}. The buffer grows on demand and is then reused, so the steady state allocates nothing.
 */
public final class MessageSlot
{
    private final ExpandableDirectByteBuffer buffer;
    private int length;
    private long causeSequence = -1;

    /**
     * @param initialCapacity bytes preallocated per slot.
     */
    public MessageSlot(final int initialCapacity)
    {
        buffer = new ExpandableDirectByteBuffer(initialCapacity);
    }

    /**
     * @return the slot's buffer; encode at offset 0.
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return the encoded message length in bytes.
     */
    public int length()
    {
        return length;
    }

    /**
     * @param length the encoded message length in bytes.
     */
    public void length(final int length)
    {
        this.length = length;
    }

    /**
     * @return the sequence of the inbound message whose processing produced this one, or -1.
     */
    public long causeSequence()
    {
        return causeSequence;
    }

    /**
     * @param causeSequence the sequence of the inbound message whose processing produced this one, or -1.
     */
    public void causeSequence(final long causeSequence)
    {
        this.causeSequence = causeSequence;
    }
}
