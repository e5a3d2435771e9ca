package io.boostj.perf;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A flashblocks WebSocket subscriber (the JDK's client) that stamps each complete message with {@link System#nanoTime}
 * when its last frame arrives and queues it for the harness thread, which parses it off the receive path.
 */
final class FlashblockArrivals implements WebSocket.Listener, AutoCloseable
{
    /** One flashblock as received. */
    static final class Arrival
    {
        final long arrivalNs;
        final String json;

        Arrival(final long arrivalNs, final String json)
        {
            this.arrivalNs = arrivalNs;
            this.json = json;
        }

        /** @return the {@code payload_id}, 0x hex as sent. */
        String payloadId()
        {
            final int at = json.indexOf("\"payload_id\":\"") + 14;
            return json.substring(at, json.indexOf('"', at));
        }

        /** @return the {@code index}. */
        int index()
        {
            final int at = json.indexOf("\"index\":") + 8;
            int end = at;
            while (end < json.length() && Character.isDigit(json.charAt(end)))
            {
                end++;
            }
            return Integer.parseInt(json, at, end, 10);
        }

        /** @return how many transactions its diff carries. */
        int transactions()
        {
            final int start = json.indexOf("\"transactions\":[");
            final int end = json.indexOf(']', start);
            int count = 0;
            for (int i = json.indexOf("\"0x", start); i >= 0 && i < end; i = json.indexOf("\"0x", i + 3))
            {
                count++;
            }
            return count;
        }
    }

    private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    /**
     * @param url the flashblocks WebSocket.
     * @throws Exception if it cannot connect within 10 s.
     */
    FlashblockArrivals(final String url) throws Exception
    {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), this)
            .get(10, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
    {
        partial.append(data);
        if (last)
        {
            arrivals.add(new Arrival(System.nanoTime(), partial.toString()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last)
    {
        throw new IllegalStateException("the builder sends flashblocks as text");
    }

    /**
     * @param timeoutMs how long to wait.
     * @return the next arrival, or null after the timeout.
     * @throws InterruptedException if interrupted.
     */
    Arrival poll(final long timeoutMs) throws InterruptedException
    {
        return arrivals.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close()
    {
        socket.abort();
    }
}
