package io.boostj.proxy.fanout;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;

import java.util.ArrayList;

/**
 * The subscribers of one event loop, touched only by that loop: so writing a message to all of them takes no lock,
 * and a slow one costs the others nothing but the check that finds it slow.
 */
final class LoopClients
{
    private final ArrayList<DownstreamClient> clients = new ArrayList<>();
    private final FanoutHub hub;

    LoopClients(final FanoutHub hub)
    {
        this.hub = hub;
    }

    void add(final DownstreamClient client)
    {
        client.index = clients.size();
        clients.add(client);
    }

    void remove(final DownstreamClient client)
    {
        final int i = client.index;
        if (i < 0)
        {
            return;
        }
        final int last = clients.size() - 1;
        final DownstreamClient moved = clients.get(last);
        clients.set(i, moved);
        moved.index = i;
        clients.remove(last);
        client.index = -1;
    }

    int size()
    {
        return clients.size();
    }

    /**
     * Writes the message to every client that wants it; a client with {@code bufferSize} messages still queued is
     * dropped instead (upstream's {@code Lagged}: lagging clients rarely recover).
     */
    void broadcast(final OutgoingMessage message, final int bufferSize)
    {
        long sent = 0;
        for (int i = clients.size() - 1; i >= 0; i--)
        {
            final DownstreamClient client = clients.get(i);
            if (client.dropped || null != client.filter && (null == message.facts || !client.filter.matches(message.facts)))
            {
                continue;
            }
            final Channel channel = client.channel;
            final ChannelOutboundBuffer queued = channel.unsafe().outboundBuffer();
            if (null == queued)
            {
                continue;
            }
            if (queued.size() >= bufferSize)
            {
                hub.drop(client, FanoutHub.DropReason.LAGGED);
                continue;
            }
            channel.writeAndFlush(message.frame.retainedDuplicate(), channel.voidPromise());
            sent++;
        }
        hub.onSent(sent);
    }

    /** Sends an empty Ping to every client. */
    void ping()
    {
        for (int i = clients.size() - 1; i >= 0; i--)
        {
            final Channel channel = clients.get(i).channel;
            channel.writeAndFlush(new PingWebSocketFrame(), channel.voidPromise());
        }
    }

    /**
     * Drops clients whose pong is overdue (when {@code pongTimeoutNs > 0}) and clients whose oldest queued message has
     * not moved for {@code sendTimeoutNs}.
     */
    void sweep(final long nowNs, final long pongTimeoutNs, final long sendTimeoutNs)
    {
        for (int i = clients.size() - 1; i >= 0; i--)
        {
            final DownstreamClient client = clients.get(i);
            if (client.dropped)
            {
                continue;
            }
            if (pongTimeoutNs > 0 && nowNs - client.lastPongNs > pongTimeoutNs)
            {
                hub.drop(client, FanoutHub.DropReason.PONG_TIMEOUT);
                continue;
            }
            final ChannelOutboundBuffer queued = client.channel.unsafe().outboundBuffer();
            final Object head = null == queued ? null : queued.current();
            if (null == head)
            {
                client.headSeen = null;
            }
            else if (head != client.headSeen)
            {
                client.headSeen = head;
                client.headSeenSinceNs = nowNs;
            }
            else if (nowNs - client.headSeenSinceNs >= sendTimeoutNs)
            {
                hub.drop(client, FanoutHub.DropReason.SEND_TIMEOUT);
            }
        }
    }
}
