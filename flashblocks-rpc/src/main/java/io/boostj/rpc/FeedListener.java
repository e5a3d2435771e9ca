package io.boostj.rpc;

import io.boostj.io.flashblocks.FlashblocksInboundListener;
import io.netty.buffer.ByteBuf;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The flashblocks feed's messages into the processor, on the feed client's event loop (the processor's thread).
 * A message that does not decode is dropped and counted; losing the connection clears pending state, because what
 * was missed while away cannot be known.
 */
public final class FeedListener implements FlashblocksInboundListener
{
    private static final Logger LOG = LoggerFactory.getLogger(FeedListener.class);

    private final FlashblockDecoder decoder = new FlashblockDecoder();
    private final PendingStateProcessor processor;
    private final AtomicLong rejected = new AtomicLong();
    private final UnsafeBuffer wrapper = new UnsafeBuffer(0, 0);
    private byte[] copy = new byte[64 * 1024];
    private volatile boolean connected;

    /**
     * @param processor where flashblocks go.
     */
    public FeedListener(final PendingStateProcessor processor)
    {
        this.processor = processor;
    }

    @Override
    public void onMessage(final ByteBuf content, final boolean binary, final long recvTimeNs)
    {
        final int length = content.readableBytes();
        if (content.hasMemoryAddress())
        {
            wrapper.wrap(content.memoryAddress() + content.readerIndex(), length);
        }
        else
        {
            if (copy.length < length)
            {
                copy = new byte[Math.max(length, copy.length * 2)];
            }
            content.getBytes(content.readerIndex(), copy, 0, length);
            wrapper.wrap(copy, 0, length);
        }
        onMessage(wrapper, 0, length, recvTimeNs);
    }

    /**
     * Decodes and applies one message.
     *
     * @param buffer     the message.
     * @param offset     first byte.
     * @param length     length.
     * @param recvTimeNs arrival time.
     * @return the rule applied, or null when the message was rejected.
     */
    public SequenceRule onMessage(final org.agrona.DirectBuffer buffer, final int offset, final int length,
        final long recvTimeNs)
    {
        try
        {
            return processor.apply(decoder.decode(buffer, offset, length, recvTimeNs));
        }
        catch (final FlashblockRejectedException ex)
        {
            rejected.incrementAndGet();
            LOG.warn("flashblock rejected: {}", ex.getMessage());
            return null;
        }
    }

    @Override
    public void onConnected()
    {
        connected = true;
        LOG.info("flashblocks feed connected");
    }

    @Override
    public void onDisconnected(final String cause, final long reconnectDelayMs)
    {
        if (connected)
        {
            LOG.warn("flashblocks feed lost ({}): pending state cleared", cause);
        }
        connected = false;
        processor.clear("feed disconnected: " + cause);
    }

    /** @return messages dropped because they did not decode. */
    public long rejected()
    {
        return rejected.get();
    }

    /** @return true while the feed is connected. */
    public boolean isConnected()
    {
        return connected;
    }
}
