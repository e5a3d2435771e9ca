package io.boostj.io.flashblocks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records what a {@link FlashblocksInboundClient} reports, copying message bytes since the buffer is only lent.
 */
final class RecordingListener implements FlashblocksInboundListener
{
    record Received(byte[] bytes, boolean binary, long recvTimeNs)
    {
    }

    final LinkedBlockingQueue<Received> messages = new LinkedBlockingQueue<>();
    final AtomicInteger connects = new AtomicInteger();
    final List<Long> connectTimesNs = new CopyOnWriteArrayList<>();
    final List<String> causes = new CopyOnWriteArrayList<>();
    final List<Long> delaysMs = new CopyOnWriteArrayList<>();
    final List<Long> disconnectTimesNs = new CopyOnWriteArrayList<>();

    public void onMessage(final ByteBuf content, final boolean binary, final long recvTimeNs)
    {
        messages.add(new Received(ByteBufUtil.getBytes(content), binary, recvTimeNs));
    }

    public void onConnected()
    {
        connectTimesNs.add(System.nanoTime());
        connects.incrementAndGet();
    }

    public void onDisconnected(final String cause, final long reconnectDelayMs)
    {
        disconnectTimesNs.add(System.nanoTime());
        causes.add(cause);
        delaysMs.add(reconnectDelayMs);
    }
}
