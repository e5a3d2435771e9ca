package io.boostj.proxy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A subscriber for tests, on the JDK's own WebSocket client (it answers pings unless told not to read). */
final class TestSubscriber implements WebSocket.Listener, AutoCloseable
{
    final BlockingQueue<byte[]> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private WebSocket socket;

    /**
     * @return the subscriber, or throws with the HTTP status in {@link Refused}.
     */
    static TestSubscriber connect(final String url, final Map<String, String> headers) throws Exception
    {
        final TestSubscriber s = new TestSubscriber();
        final WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        try
        {
            s.socket = builder.buildAsync(URI.create(url), s).join();
        }
        catch (final CompletionException ex)
        {
            if (ex.getCause() instanceof WebSocketHandshakeException)
            {
                final var response = ((WebSocketHandshakeException)ex.getCause()).getResponse();
                throw new Refused(response.statusCode(), String.valueOf(response.body()));
            }
            throw ex;
        }
        return s;
    }

    static TestSubscriber connect(final String url) throws Exception
    {
        return connect(url, Map.of());
    }

    @Override
    public CompletionStage<?> onBinary(final WebSocket ws, final ByteBuffer data, final boolean last)
    {
        final byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        partial.writeBytes(chunk);
        if (last)
        {
            messages.add(partial.toByteArray());
            partial.reset();
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onText(final WebSocket ws, final CharSequence data, final boolean last)
    {
        partial.writeBytes(data.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (last)
        {
            messages.add(partial.toByteArray());
            partial.reset();
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(final WebSocket ws, final int statusCode, final String reason)
    {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(final WebSocket ws, final Throwable error)
    {
        closed.complete(-1);
    }

    byte[] next(final long timeoutMs) throws InterruptedException
    {
        return messages.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    boolean isClosed(final long timeoutMs)
    {
        try
        {
            closed.get(timeoutMs, TimeUnit.MILLISECONDS);
            return true;
        }
        catch (final Exception ex)
        {
            return false;
        }
    }

    @Override
    public void close()
    {
        if (null != socket)
        {
            socket.abort();
        }
    }

    /** The proxy answered the upgrade with a status instead of 101. */
    static final class Refused extends Exception
    {
        final int status;
        final String body;

        Refused(final int status, final String body)
        {
            super("HTTP " + status + ": " + body);
            this.status = status;
            this.body = body;
        }
    }
}
