package io.boostj.io.flashblocks.aeron;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.boostj.codecs.flashblocks.FlashblockSbeCodec;
import io.boostj.io.flashblocks.FlashblockIngress;
import io.boostj.io.metrics.FlashblocksMetrics;
import io.boostj.sbe.FlashblockTransport;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.Agent;

/**
 * A co-located builder's flashblocks over Aeron (beyond upstream): polls the subscription, reassembles fragmented
 * messages, turns each SBE {@code FlashblockPayload} back into its JSON wire form ({@link FlashblockSbeCodec}) and hands
 * it to the same {@link FlashblockIngress} checks and inbound ring as a WebSocket frame, tagged
 * {@link FlashblockTransport#AERON}. A message that is not a flashblock is counted and logged, never passed on.
 * <p>
 * An Agrona {@link Agent}: run it on an {@code AgentRunner} with a backing-off idle strategy. Allocation-free once its
 * JSON buffer has grown to the largest flashblock seen.
 */
public final class FlashblocksAeronReceiver implements Agent
{
    private static final int FRAGMENT_LIMIT = 16;

    private final Subscription subscription;
    private final FlashblockIngress ingress;
    private final FlashblocksMetrics metrics;
    private final FlashblockSbeCodec codec = new FlashblockSbeCodec();
    private final ExpandableDirectByteBuffer json = new ExpandableDirectByteBuffer(64 * 1024);
    private final FragmentAssembler assembler = new FragmentAssembler(this::onMessage);
    private boolean connected;

    /**
     * @param subscription the builder's stream.
     * @param ingress      where decoded flashblocks go (an instance of its own: ingress is single-threaded).
     * @param metrics      the flashblocks metrics (messages received, connection status).
     */
    public FlashblocksAeronReceiver(
        final Subscription subscription, final FlashblockIngress ingress, final FlashblocksMetrics metrics)
    {
        this.subscription = subscription;
        this.ingress = ingress;
        this.metrics = metrics;
    }

    @Override
    public int doWork()
    {
        final boolean nowConnected = subscription.isConnected();
        if (nowConnected != connected)
        {
            connected = nowConnected;
            if (connected)
            {
                ingress.onConnected();
            }
            else
            {
                metrics.connectionStatus(false);
            }
        }
        return subscription.poll(assembler, FRAGMENT_LIMIT);
    }

    private void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        metrics.messageReceived();
        final int jsonLength = codec.tryDecode(buffer, offset, length, json, 0);
        if (jsonLength < 0)
        {
            ingress.refuse("undecodable", "aeron message: " + codec.errorMessage(), buffer, offset, length);
            return;
        }
        ingress.onJson(json, 0, jsonLength, FlashblockTransport.AERON);
    }

    @Override
    public String roleName()
    {
        return "flashblocks-aeron-receiver";
    }

    /**
     * @return the fragment handler (for tests that feed fragments directly).
     */
    FragmentHandler fragmentHandler()
    {
        return assembler;
    }
}
