package io.boostj.buildernode;

import io.boostj.io.flashblocks.FlashblocksPublisher;
import io.boostj.io.flashblocks.aeron.FlashblocksAeronSender;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where flashblocks go: the WebSocket publisher (every subscriber the same bytes, slow ones skipped) and, when
 * configured, Aeron. Neither blocks the loop: a full queue or a back-pressured publication costs that transport this
 * flashblock, counted and logged (the first of a run at warn), never a retry that would delay the next tick.
 */
final class FlashblockOutlets
{
    private static final Logger LOG = LoggerFactory.getLogger(FlashblockOutlets.class);

    private final FlashblocksPublisher webSocket;
    private final FlashblocksAeronSender aeron;
    private final BuilderMetrics metrics;
    private boolean webSocketFailing;
    private boolean aeronFailing;

    /**
     * @param webSocket the WebSocket publisher.
     * @param aeron     the Aeron sender, or null.
     * @param metrics   where refusals are counted.
     */
    FlashblockOutlets(final FlashblocksPublisher webSocket, final FlashblocksAeronSender aeron,
        final BuilderMetrics metrics)
    {
        this.webSocket = webSocket;
        this.aeron = aeron;
        this.metrics = metrics;
    }

    void publish(final byte[] flashblock)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(flashblock);
        final int ws = webSocket.tryPublish(buffer, 0, flashblock.length);
        if (FlashblocksPublisher.PUBLISHED != ws)
        {
            metrics.onNotSent("websocket");
            if (!webSocketFailing)
            {
                LOG.warn("flashblocks: the WebSocket publisher refused a flashblock ({})",
                    FlashblocksPublisher.QUEUE_FULL == ws ? "queue full" : "closed");
            }
        }
        webSocketFailing = FlashblocksPublisher.PUBLISHED != ws;
        if (null != aeron)
        {
            final int sent = aeron.trySend(buffer, 0, flashblock.length);
            if (FlashblocksAeronSender.SENT != sent && FlashblocksAeronSender.NOT_CONNECTED != sent)
            {
                metrics.onNotSent("aeron");
                if (!aeronFailing)
                {
                    LOG.warn("flashblocks: Aeron did not take a flashblock: {}", aeron.errorMessage());
                }
            }
            aeronFailing = FlashblocksAeronSender.SENT != sent && FlashblocksAeronSender.NOT_CONNECTED != sent;
        }
    }
}
