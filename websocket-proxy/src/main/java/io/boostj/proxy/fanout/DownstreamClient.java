package io.boostj.proxy.fanout;

import io.boostj.proxy.filter.SubscriptionFilter;
import io.boostj.proxy.limits.Ticket;
import io.netty.channel.Channel;

/**
 * One subscriber's state, owned by its channel's event loop: its limits ticket, its filter (null for the whole
 * stream), when it last answered a ping, and which queued message the send-timeout check saw at the head.
 */
public final class DownstreamClient
{
    final Channel channel;
    final Ticket ticket;
    final SubscriptionFilter filter;
    int index = -1;
    long lastPongNs;
    Object headSeen;
    long headSeenSinceNs;
    boolean dropped;

    DownstreamClient(final Channel channel, final Ticket ticket, final SubscriptionFilter filter, final long nowNs)
    {
        this.channel = channel;
        this.ticket = ticket;
        this.filter = filter;
        this.lastPongNs = nowNs;
    }

    /** @param nowNs when a Pong arrived. */
    public void onPong(final long nowNs)
    {
        lastPongNs = nowNs;
    }

    /** @return the channel. */
    public Channel channel()
    {
        return channel;
    }
}
