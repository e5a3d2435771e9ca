package io.boostj.io.flashblocks;

import io.boostj.codecs.flashblocks.FlashblockFrames;
import io.boostj.codecs.flashblocks.FlashblockView;
import io.boostj.io.http.ByteBufViews;
import io.boostj.io.metrics.FlashblocksMetrics;
import io.boostj.io.runtime.InboundPublisher;
import io.boostj.sbe.FlashblockTransport;
import io.netty.buffer.ByteBuf;
import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The builder's flashblocks stream as the engine sees it: each frame (a Text frame of JSON, or beyond upstream a
 * Binary frame of JSON or brotli) is decoded, checked to be a well-formed flashblock, and published into the inbound
 * ring as a {@code FlashblockReceived} event. Frames that are not are counted by reason and logged with what was
 * wrong; they never reach the engine. Also keeps the connection gauges. Runs on the inbound client's event loop.
 */
public final class FlashblockIngress implements FlashblocksInboundListener
{
    private static final Logger LOG = LoggerFactory.getLogger(FlashblockIngress.class);

    private final InboundPublisher inbound;
    private final FlashblocksMetrics metrics;
    private final FlashblockFrames frames;
    private final FlashblockView view = new FlashblockView();
    private final ByteBufViews views = new ByteBufViews();
    private long published;
    private long refused;

    /**
     * @param inbound               the inbound ring's publisher.
     * @param metrics               the flashblocks metrics.
     * @param maxDecompressedBytes  largest flashblock a brotli frame may decode to.
     */
    public FlashblockIngress(final InboundPublisher inbound, final FlashblocksMetrics metrics, final int maxDecompressedBytes)
    {
        this.inbound = inbound;
        this.metrics = metrics;
        this.frames = new FlashblockFrames(maxDecompressedBytes);
    }

    @Override
    public void onMessage(final ByteBuf content, final boolean binary, final long recvTimeNs)
    {
        metrics.messageReceived();
        final DirectBuffer frame = views.wrap(content);
        onFrame(frame, 0, content.readableBytes(), binary, recvTimeNs);
    }

    /**
     * One frame from any transport (the WebSocket client, tests, a replayed capture).
     *
     * @param frame      the frame's bytes.
     * @param offset     where they start.
     * @param length     how many.
     * @param binary     whether it came as a Binary frame.
     * @param recvTimeNs when it arrived (epoch nanoseconds; informational, the ring stamps its own).
     * @return true if it went into the ring.
     */
    public boolean onFrame(
        final DirectBuffer frame, final int offset, final int length, final boolean binary, final long recvTimeNs)
    {
        final int decoded = frames.tryDecode(frame, offset, length);
        if (decoded < 0)
        {
            refuse("undecodable", frames.errorMessage(), frame, offset, length);
            return false;
        }
        final FlashblockTransport transport = FlashblockFrames.BROTLI == decoded ?
            FlashblockTransport.WEBSOCKET_BROTLI :
            binary ? FlashblockTransport.WEBSOCKET_BINARY_JSON : FlashblockTransport.WEBSOCKET_TEXT;
        return onJson(frames.buffer(), frames.offset(), frames.length(), transport);
    }

    /**
     * One flashblock already in its JSON form (a decoded frame, or an Aeron message turned back into JSON).
     *
     * @param json      the JSON bytes.
     * @param offset    where they start.
     * @param length    how many.
     * @param transport how it arrived (journalled with it).
     * @return true if it went into the ring.
     */
    public boolean onJson(final DirectBuffer json, final int offset, final int length, final FlashblockTransport transport)
    {
        final int result = view.wrap(json, offset, length);
        if (FlashblockView.OK != result)
        {
            refuse(FlashblockView.codeName(result).toLowerCase(java.util.Locale.ROOT), view.errorMessage(),
                json, offset, length);
            return false;
        }
        if (!inbound.publishFlashblock(view.payloadId(), view.index(), view.hasBase(), transport, json, offset, length))
        {
            metrics.malformed("ring_full");
            LOG.error("inbound ring full: flashblock payload_id=0x{} index={} lost",
                Long.toHexString(view.payloadId()), view.index());
            return false;
        }
        published++;
        return true;
    }

    /**
     * Counts and logs one message refused before it became JSON (an undecodable Aeron message, say).
     *
     * @param reason the metric label.
     * @param detail what was wrong.
     * @param bytes  holding the message.
     * @param offset where it starts.
     * @param length how long it is.
     */
    public void refuse(
        final String reason, final String detail, final DirectBuffer bytes, final int offset, final int length)
    {
        refused++;
        metrics.malformed(reason);
        final int shown = Math.min(length, 120);
        final byte[] head = new byte[shown];
        bytes.getBytes(offset, head);
        LOG.warn("builder flashblock refused ({}): {}; {} bytes starting {}", reason, detail, length,
            new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", "."));
    }

    @Override
    public void onConnected()
    {
        metrics.connectionStatus(true);
        LOG.info("connected to the builder's flashblocks stream");
    }

    @Override
    public void onDisconnected(final String cause, final long reconnectDelayMs)
    {
        metrics.connectionStatus(false);
        metrics.reconnectAttempt();
        LOG.warn("builder flashblocks stream down ({}); reconnecting in {} ms", cause, reconnectDelayMs);
    }

    /**
     * @return flashblocks put into the ring.
     */
    public long published()
    {
        return published;
    }

    /**
     * @return frames refused.
     */
    public long refused()
    {
        return refused;
    }
}
