package io.boostj.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.boostj.io.http.NettyTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The WebSocket port ({@code --ws.port}): eth_subscribe to {@code newFlashblocks} (the pending block, full
 * transactions, after every flashblock), {@code pendingLogs} (with a filter; one message per log of the latest
 * flashblock) and {@code newFlashblockTransactions} (hashes, or with {@code true} full transactions with their logs),
 * eth_unsubscribe; other subscription kinds ({@code newHeads}, {@code logs}, ...) pass through to the node's WebSocket
 * ({@link NodeSubscriptionRelay}, when configured); any other request is answered as on the HTTP port.
 */
public final class SubscriptionServer implements PendingStateListener, AutoCloseable
{
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private enum Kind
    {
        NEW_FLASHBLOCKS, PENDING_LOGS, NEW_FLASHBLOCK_TRANSACTIONS
    }

    private record Subscription(String id, Kind kind, Channel channel, LogFilter filter, boolean full)
    {
    }

    private static final java.util.Set<String> SERVED = java.util.Set.of("newFlashblocks", "pendingLogs",
        "newFlashblockTransactions");

    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<Channel, NodeSubscriptionRelay> relays = new ConcurrentHashMap<>();
    private final java.net.URI nodeWs;
    private final java.net.http.HttpClient relayClient;
    private final AtomicLong ids = new AtomicLong(0x5b0000);
    private final JsonRpcBatch batch;
    private final Channel serverChannel;

    /**
     * @param group     event loops.
     * @param transport channel classes.
     * @param host      listen address.
     * @param port      listen port (0 = any).
     * @param batch     answers non-subscription requests.
     * @param nodeWs    the node's WebSocket, where other subscription kinds go; null: refuse them.
     * @throws InterruptedException if interrupted while binding.
     */
    public SubscriptionServer(
        final EventLoopGroup group, final NettyTransport transport, final String host, final int port,
        final JsonRpcBatch batch, final java.net.URI nodeWs) throws InterruptedException
    {
        this.batch = batch;
        this.nodeWs = nodeWs;
        this.relayClient = null == nodeWs ? null : java.net.http.HttpClient.newHttpClient();
        final Handler handler = new Handler();
        serverChannel = new ServerBootstrap()
            .group(group)
            .channel(transport.serverChannel())
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(1 << 20))
                        .addLast(new WebSocketServerProtocolHandler("/", null, true, 1 << 20))
                        .addLast(handler);
                    ch.closeFuture().addListener(f ->
                    {
                        subscriptions.values().removeIf(s -> s.channel() == ch);
                        final NodeSubscriptionRelay relay = relays.remove(ch);
                        if (null != relay)
                        {
                            relay.close();
                        }
                    });
                }
            })
            .bind(host, port).sync().channel();
    }

    /** @return the bound port. */
    public int port()
    {
        return ((java.net.InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /** @return live subscriptions. */
    public int subscriptionCount()
    {
        return subscriptions.size();
    }

    @Override
    public void close()
    {
        serverChannel.close().syncUninterruptibly();
    }

    @Override
    public void onFlashblockApplied(final PendingState state, final PendingBlock block, final DecodedFlashblock fb)
    {
        if (subscriptions.isEmpty())
        {
            return;
        }
        String blockText = null;
        final int firstNew = block.transactions().size() - fb.transactions().size();
        for (final Subscription s : subscriptions.values())
        {
            switch (s.kind())
            {
                case NEW_FLASHBLOCKS:
                    if (null == blockText)
                    {
                        blockText = PendingJson.block(block, true).toString();
                    }
                    s.channel().writeAndFlush(new TextWebSocketFrame(notification(s.id(), blockText)));
                    break;
                case PENDING_LOGS:
                    final ArrayNode logs = F.arrayNode();
                    s.filter().collect(block, firstNew, logs);
                    for (final JsonNode log : logs)
                    {
                        s.channel().write(new TextWebSocketFrame(notification(s.id(), log)));
                    }
                    s.channel().flush();
                    break;
                default:
                    for (int i = firstNew; i < block.transactions().size(); i++)
                    {
                        final JsonNode result;
                        if (s.full())
                        {
                            final ObjectNode tx = PendingJson.transaction(block, i);
                            final ObjectNode receipt = PendingJson.receipt(block, i);
                            tx.set("logs", null == receipt ? F.arrayNode() : receipt.get("logs"));
                            result = tx;
                        }
                        else
                        {
                            result = TextNode.valueOf(block.transactions().get(i).hash());
                        }
                        s.channel().write(new TextWebSocketFrame(notification(s.id(), result)));
                    }
                    s.channel().flush();
                    break;
            }
        }
    }

    private static String notification(final String id, final JsonNode result)
    {
        return notification(id, result.toString());
    }

    private static String notification(final String id, final String resultJson)
    {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"eth_subscription\",\"params\":{\"subscription\":\"" + id +
            "\",\"result\":" + resultJson + "}}";
    }

    private JsonNode subscribe(final Channel ch, final JsonNode params)
    {
        final String kindName = params.path(0).asText("");
        final Kind kind;
        LogFilter filter = null;
        boolean full = false;
        switch (kindName)
        {
            case "newFlashblocks":
                kind = Kind.NEW_FLASHBLOCKS;
                break;
            case "pendingLogs":
                kind = Kind.PENDING_LOGS;
                filter = LogFilter.parse(params.path(1).isObject() ? params.get(1) : F.objectNode());
                break;
            case "newFlashblockTransactions":
                kind = Kind.NEW_FLASHBLOCK_TRANSACTIONS;
                full = params.path(1).asBoolean(false);
                break;
            default:
                throw new RpcError(RpcError.INVALID_PARAMS, "subscription kind '" + kindName + "' is not served " +
                    "here: flashblocks-rpc serves newFlashblocks, pendingLogs and newFlashblockTransactions, and " +
                    "passes the others to the node's WebSocket only with --upstream-ws-url (it is off)");
        }
        final String id = "0x" + Long.toHexString(ids.incrementAndGet());
        subscriptions.put(id, new Subscription(id, kind, ch, filter, full));
        return TextNode.valueOf(id);
    }

    @ChannelHandler.Sharable
    private final class Handler extends SimpleChannelInboundHandler<TextWebSocketFrame>
    {
        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final TextWebSocketFrame frame)
        {
            final JsonNode request;
            try
            {
                request = UpstreamRpc.MAPPER.readTree(frame.text());
            }
            catch (final IOException ex)
            {
                send(ctx.channel(), JsonRpcBatch.error(NullNode.getInstance(),
                    new RpcError(RpcError.PARSE_ERROR, "parse error: " + ex.getMessage())));
                return;
            }
            final String method = null == request ? "" : request.path("method").asText("");
            final JsonNode id = null != request && request.has("id") ? request.get("id") : NullNode.getInstance();
            if (null != nodeWs && isForTheNode(ctx.channel(), method, request))
            {
                relays.computeIfAbsent(ctx.channel(), ch -> new NodeSubscriptionRelay(relayClient, nodeWs, ch))
                    .forward(frame.text(), id);
                return;
            }
            if ("eth_subscribe".equals(method) || "eth_unsubscribe".equals(method))
            {
                try
                {
                    final JsonNode params = request.path("params");
                    final JsonNode result = "eth_subscribe".equals(method) ? subscribe(ctx.channel(), params) :
                        BooleanNode.valueOf(null != subscriptions.remove(params.path(0).asText("")));
                    final ObjectNode o = F.objectNode();
                    o.put("jsonrpc", "2.0");
                    o.set("id", id);
                    o.set("result", result);
                    send(ctx.channel(), o);
                }
                catch (final RpcError ex)
                {
                    send(ctx.channel(), JsonRpcBatch.error(id, ex));
                }
                return;
            }
            final Channel ch = ctx.channel();
            batch.answer(null == request ? NullNode.getInstance() : request).whenComplete((r, ex) ->
                send(ch, null == ex ? r : JsonRpcBatch.error(id, ex)));
        }
    }

    /**
     * A subscription of a kind not served here, or an unsubscribe of an id that is not one of ours while this client
     * has subscriptions at the node.
     */
    private boolean isForTheNode(final Channel ch, final String method, final JsonNode request)
    {
        if ("eth_subscribe".equals(method))
        {
            return !SERVED.contains(request.path("params").path(0).asText(""));
        }
        return "eth_unsubscribe".equals(method) && relays.containsKey(ch) &&
            !subscriptions.containsKey(request.path("params").path(0).asText(""));
    }

    private static void send(final Channel ch, final JsonNode message)
    {
        ch.writeAndFlush(new TextWebSocketFrame(message.toString()));
    }
}
