package io.boostj.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real WebSocket subscriber of a flashblocks stream (the JDK's client), as an RPC provider's node would be: keeps
 * every Text message in arrival order and groups them into rounds: an index-0 flashblock (with its {@code base}) opens
 * a round for its {@code base.block_number}, later indexes join the newest round with their {@code payload_id} (a
 * builder may reuse payload ids after a restart, so the id alone does not name a round). Binary frames, unparsable
 * messages and flashblocks of no open round are kept as problems, never dropped silently. Thread-safe.
 */
public final class FlashblocksSubscriber implements WebSocket.Listener, AutoCloseable
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<Round> rounds = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    private FlashblocksSubscriber(final URI uri, final long timeoutMs) throws IOException, InterruptedException
    {
        try
        {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, this)
                .get(timeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            throw new IOException("cannot subscribe to flashblocks at " + uri + ": " + ex, ex);
        }
    }

    /**
     * @param uri       the stream, e.g. the sidecar's ws://127.0.0.1:1112.
     * @param timeoutMs handshake deadline.
     * @return the connected subscriber.
     * @throws IOException          if it cannot connect.
     * @throws InterruptedException if interrupted.
     */
    public static FlashblocksSubscriber connect(final URI uri, final long timeoutMs)
        throws IOException, InterruptedException
    {
        return new FlashblocksSubscriber(uri, timeoutMs);
    }

    @Override
    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
    {
        partial.append(data);
        if (last)
        {
            onMessage(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last)
    {
        problems.add("unexpected binary frame of " + data.remaining() + " bytes");
        webSocket.request(1);
        return null;
    }

    @Override
    public void onError(final WebSocket webSocket, final Throwable error)
    {
        problems.add("socket error: " + error);
    }

    private void onMessage(final String text)
    {
        messages.add(text);
        try
        {
            final JsonNode json = MAPPER.readTree(text);
            final String payloadId = json.path("payload_id").asText(null);
            if (null == payloadId)
            {
                problems.add("no payload_id in " + abbreviate(text));
                return;
            }
            final JsonNode number = json.path("base").path("block_number");
            synchronized (rounds)
            {
                if (0 == json.path("index").asLong(-1) && number.isTextual())
                {
                    rounds.add(new Round(payloadId, Long.decode(number.asText())));
                }
                for (int i = rounds.size() - 1; i >= 0; i--)
                {
                    if (rounds.get(i).payloadId.equals(payloadId))
                    {
                        rounds.get(i).messages.add(text);
                        return;
                    }
                }
            }
            problems.add("flashblock of no open round: " + abbreviate(text));
        }
        catch (final IOException | NumberFormatException ex)
        {
            problems.add("unparsable message (" + ex.getMessage() + "): " + abbreviate(text));
        }
    }

    /** @return every message, in arrival order. */
    public List<String> messages()
    {
        return List.copyOf(messages);
    }

    /** @return what could not be taken as a flashblock. */
    public List<String> problems()
    {
        return List.copyOf(problems);
    }

    /**
     * @param blockNumber an L2 block number.
     * @return the messages of every round built for that block, each in arrival order.
     */
    public List<List<String>> roundsOfBlock(final long blockNumber)
    {
        final List<List<String>> found = new ArrayList<>();
        synchronized (rounds)
        {
            for (final Round r : rounds)
            {
                if (r.blockNumber == blockNumber)
                {
                    found.add(List.copyOf(r.messages));
                }
            }
        }
        return found;
    }

    /**
     * @param blockNumber an L2 block number.
     * @return how many flashblocks arrived for it (over all its rounds).
     */
    public int countForBlock(final long blockNumber)
    {
        return roundsOfBlock(blockNumber).stream().mapToInt(List::size).sum();
    }

    @Override
    public void close()
    {
        socket.abort();
    }

    private static final class Round
    {
        final String payloadId;
        final long blockNumber;
        final List<String> messages = new ArrayList<>();

        Round(final String payloadId, final long blockNumber)
        {
            this.payloadId = payloadId;
            this.blockNumber = blockNumber;
        }
    }

    private static String abbreviate(final String s)
    {
        return s.length() <= 160 ? s : s.substring(0, 160) + "…";
    }
}
