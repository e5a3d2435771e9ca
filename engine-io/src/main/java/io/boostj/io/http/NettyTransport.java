package io.boostj.io.http;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Chooses native epoll when the platform offers it, NIO otherwise, and makes event loop groups and channel classes
 * that match.
 */
public final class NettyTransport
{
    private final boolean epoll;

    private NettyTransport(final boolean epoll)
    {
        this.epoll = epoll;
    }

    /**
     * @param preferNative use epoll when available.
     * @return the transport.
     */
    public static NettyTransport choose(final boolean preferNative)
    {
        return new NettyTransport(preferNative && Epoll.isAvailable());
    }

    /**
     * @param threads number of event loop threads.
     * @param name    thread-name prefix.
     * @return a new event loop group.
     */
    public EventLoopGroup newGroup(final int threads, final String name)
    {
        final IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), factory);
    }

    /**
     * @return the server channel class.
     */
    public Class<? extends ServerSocketChannel> serverChannel()
    {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /**
     * @return the client channel class.
     */
    public Class<? extends SocketChannel> clientChannel()
    {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /**
     * @return "epoll" or "nio".
     */
    public String name()
    {
        return epoll ? "epoll" : "nio";
    }
}
