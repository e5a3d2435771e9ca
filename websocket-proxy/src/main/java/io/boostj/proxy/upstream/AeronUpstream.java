package io.boostj.proxy.upstream;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import io.boostj.codecs.flashblocks.FlashblockSbeCodec;
import io.boostj.proxy.ProxyMetrics;
import io.boostj.proxy.fanout.FanoutHub;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.Agent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;

/**
 * {@code --upstream-aeron} (beyond upstream): flashblocks sent by engine-io's {@code FlashblocksAeronSender} (SBE
 * {@code FlashblockPayload}, UDP unicast or multi-destination), turned back into their JSON wire form and fanned out
 * like a WebSocket upstream's messages. One sender feeds any number of proxy machines without a WebSocket per proxy.
 * A message that is not a flashblock is counted and logged, never sent on. An Agrona {@link Agent}.
 */
public final class AeronUpstream implements Agent
{
    private static final Logger LOG = LoggerFactory.getLogger(AeronUpstream.class);
    private static final int FRAGMENT_LIMIT = 16;

    private final Subscription subscription;
    private final FanoutHub hub;
    private final ProxyMetrics metrics;
    private final String name;
    private final FlashblockSbeCodec codec = new FlashblockSbeCodec();
    private final ExpandableDirectByteBuffer json = new ExpandableDirectByteBuffer(64 * 1024);
    private final FragmentAssembler assembler = new FragmentAssembler(this::onMessage);
    private boolean connected;
    private long undecodable;

    /**
     * @param subscription the flashblocks stream.
     * @param hub          where messages go.
     * @param metrics      the metrics.
     */
    public AeronUpstream(final Subscription subscription, final FanoutHub hub, final ProxyMetrics metrics)
    {
        this.subscription = subscription;
        this.hub = hub;
        this.metrics = metrics;
        this.name = subscription.channel();
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
                metrics.onUpstreamAttempt();
                metrics.onUpstreamConnected();
                LOG.info("upstream: aeron {} connected", name);
            }
            else
            {
                metrics.onUpstreamDisconnected(true);
                LOG.warn("upstream: aeron {} has no publisher", name);
            }
        }
        return subscription.poll(assembler, FRAGMENT_LIMIT);
    }

    private void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final int jsonLength = codec.tryDecode(buffer, offset, length, json, 0);
        if (jsonLength < 0)
        {
            undecodable++;
            LOG.warn("upstream: aeron message of {} bytes is not a flashblock: {}", length, codec.errorMessage());
            return;
        }
        metrics.onUpstreamMessage(name);
        final ByteBuffer view = json.byteBuffer().duplicate();
        view.limit(jsonLength).position(0);
        final ByteBuf payload = Unpooled.wrappedBuffer(view);
        hub.publish(payload);
    }

    /** @return messages refused because they were not SBE flashblocks. */
    public long undecodable()
    {
        return undecodable;
    }

    @Override
    public String roleName()
    {
        return "websocket-proxy-aeron-upstream";
    }
}
