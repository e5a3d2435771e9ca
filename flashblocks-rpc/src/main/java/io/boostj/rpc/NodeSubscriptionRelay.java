package io.boostj.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Passes one overlay WebSocket client's subscriptions that the overlay does not serve itself ({@code newHeads},
 * {@code logs}, {@code newPendingTransactions}, and their {@code eth_unsubscribe}) through to the node's WebSocket,
 * unchanged: one node connection per client, opened on the first such request, so request ids and subscription ids
 * are the node's own and every notification is relayed byte for byte.
 * <p>
 * If the node's WebSocket cannot be reached, the request gets a JSON-RPC error naming it. If it closes after
 * subscriptions were made, the client's connection is closed too (status 1011, the reason naming the node), as a
 * client connected to the node directly would see: its relayed subscriptions are gone and it must resubscribe.
 */
final class NodeSubscriptionRelay implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(NodeSubscriptionRelay.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final URI nodeWs;
    private final Channel client;
    private CompletableFuture<WebSocket> tail;
    private volatile boolean closing;
    private volatile boolean used;

    NodeSubscriptionRelay(final HttpClient http, final URI nodeWs, final Channel client)
    {
        this.http = http;
        this.nodeWs = nodeWs;
        this.client = client;
    }

    /**
     * Sends a request to the node, connecting first if needed; requests go out in the order given.
     *
     * @param requestText the client's request, as it came.
     * @param id          its id, for the error if the node cannot be reached.
     */
    synchronized void forward(final String requestText, final JsonNode id)
    {
        if (null == tail || tail.isCompletedExceptionally())
        {
            tail = http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT).buildAsync(nodeWs, new Listener());
        }
        used = true;
        tail = tail.thenCompose(ws -> ws.sendText(requestText, true)).orTimeout(CONNECT_TIMEOUT.toMillis(),
            TimeUnit.MILLISECONDS);
        tail.whenComplete((ws, ex) ->
        {
            if (null != ex)
            {
                final Throwable cause = null == ex.getCause() ? ex : ex.getCause();
                client.writeAndFlush(new TextWebSocketFrame(JsonRpcBatch.error(id, new RpcError(
                    RpcError.UPSTREAM_UNAVAILABLE, "the node's WebSocket " + nodeWs + " is unavailable (" +
                    cause + "); set --upstream-ws-url to the node's WebSocket endpoint")).toString()));
            }
        });
    }

    @Override
    public synchronized void close()
    {
        closing = true;
        if (null != tail)
        {
            tail.thenAccept(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "client left"));
        }
    }

    private final class Listener implements WebSocket.Listener
    {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            text.append(data);
            if (last)
            {
                client.writeAndFlush(new TextWebSocketFrame(text.toString()));
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
        {
            nodeGone("closed (" + statusCode + " " + reason + ")");
            return null;
        }

        @Override
        public void onError(final WebSocket webSocket, final Throwable error)
        {
            nodeGone("failed: " + error);
        }

        private void nodeGone(final String how)
        {
            if (closing)
            {
                return;
            }
            LOG.warn("the node's WebSocket {} {}; closing client {} whose subscriptions it carried", nodeWs, how,
                client.remoteAddress());
            if (used && client.isActive())
            {
                final String reason = "the node's WebSocket " + how;
                client.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INTERNAL_SERVER_ERROR,
                    reason.length() > 120 ? reason.substring(0, 120) : reason)).addListener(f -> client.close());
            }
        }
    }
}
