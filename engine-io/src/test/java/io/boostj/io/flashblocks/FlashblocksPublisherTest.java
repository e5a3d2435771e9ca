package io.boostj.io.flashblocks;

import io.boostj.io.http.NettyTransport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static io.boostj.io.flashblocks.FlashblocksInboundClientTest.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(15)
class FlashblocksPublisherTest
{
    private static final NettyTransport TRANSPORT = NettyTransport.choose(true);
    private static EventLoopGroup group;

    private final ArrayDeque<AutoCloseable> closeables = new ArrayDeque<>();

    @BeforeAll
    static void startLoops()
    {
        group = TRANSPORT.newGroup(2, "fb-publisher-test");
    }

    @AfterAll
    static void stopLoops()
    {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @AfterEach
    void closeAll() throws Exception
    {
        AutoCloseable c;
        while (null != (c = closeables.pollFirst()))
        {
            c.close();
        }
    }

    @Test
    void shouldSendTheSameBytesInOrderToEverySubscriberOnAnyPath() throws Exception
    {
        final FlashblocksPublisher publisher = publisher(group, ctx -> {});
        final List<WsTestClient> clients = List.of(
            subscriber(publisher, "/", false, 0),
            subscriber(publisher, "/ws", false, 0),
            subscriber(publisher, "/any/path?x=1", false, 0));
        awaitTrue(() -> 3 == publisher.subscribers(), "three subscribers");

        final int count = 200;
        final List<ByteBuf> sent = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final ByteBuf message = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(json(i));
            sent.add(message);
            assertEquals(FlashblocksPublisher.PUBLISHED, publisher.tryPublish(message));
        }

        for (final WsTestClient client : clients)
        {
            for (int i = 0; i < count; i++)
            {
                final byte[] received = client.texts.poll(5, TimeUnit.SECONDS);
                assertNotNull(received, "message " + i);
                assertArrayEquals(json(i), received, "message " + i);
            }
        }
        awaitTrue(() -> sent.stream().allMatch(b -> 0 == b.refCnt()), "every published buffer released once");
        Thread.sleep(50);
        for (final WsTestClient client : clients)
        {
            assertNull(client.texts.poll(), "no duplicates");
        }
        assertEquals(count, publisher.messagesPublished());
        assertEquals(0, publisher.messagesDroppedForLag());
        assertEquals(0, publisher.publishRejected());
        assertEquals(3, publisher.subscribersAccepted());
    }

    @Test
    void shouldSkipMessagesForASubscriberThatDoesNotReadWithoutHoldingUpOthers() throws Exception
    {
        final FlashblocksPublisher publisher = publisher(group, ctx -> ctx.maxPendingMessagesPerSubscriber(100));
        final WsTestClient fast1 = subscriber(publisher, "/", false, 0);
        final WsTestClient stuck = subscriber(publisher, "/", true, 4096);
        final WsTestClient fast2 = subscriber(publisher, "/", false, 0);
        awaitTrue(() -> 3 == publisher.subscribers(), "three subscribers");

        final int count = 400;
        for (int i = 0; i < count; i++)
        {
            assertEquals(FlashblocksPublisher.PUBLISHED, publisher.tryPublish(indexed(i, 64 * 1024)));
            if (0 == (i + 1) % 20)
            {
                final int published = i + 1;
                awaitTrue(() -> published <= fast1.texts.size() && published <= fast2.texts.size(),
                    "fast subscribers keep up at " + published);
            }
        }

        assertEquals(count, publisher.messagesPublished());
        assertTrue(publisher.messagesDroppedForLag() > 0, "the stuck subscriber must lag");
        assertTrue(publisher.messagesDroppedForLag() <= count, "only the stuck subscriber lags");
        assertEquals(3, publisher.subscribers(), "a lagging subscriber is kept");
        assertInOrder(fast1, count);
        assertInOrder(fast2, count);

        stuck.resumeReading();
        final int marker = 1_000_000;
        final List<Integer> stuckIndices = new ArrayList<>();
        int next = marker;
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (stuckIndices.isEmpty() || stuckIndices.get(stuckIndices.size() - 1) < marker)
        {
            assertTrue(System.nanoTime() < deadlineNs, "the lagging subscriber never caught up");
            publisher.tryPublish(indexed(next++, 16));
            byte[] received;
            while (null != (received = stuck.texts.poll(20, TimeUnit.MILLISECONDS)))
            {
                stuckIndices.add(ByteBuffer.wrap(received).getInt());
            }
        }
        for (int i = 1; i < stuckIndices.size(); i++)
        {
            assertTrue(stuckIndices.get(i) > stuckIndices.get(i - 1), "in order with gaps: " + stuckIndices);
        }
        assertTrue(stuckIndices.size() < count, "the stuck subscriber skipped messages");
    }

    @Test
    void shouldRemoveASubscriberThatDisconnectsMidStream() throws Exception
    {
        final FlashblocksPublisher publisher = publisher(group, ctx -> {});
        final WsTestClient staying = subscriber(publisher, "/", false, 0);
        final WsTestClient leaving = subscriber(publisher, "/", false, 0);
        awaitTrue(() -> 2 == publisher.subscribers(), "two subscribers");

        final int count = 300;
        final Thread producer = new Thread(() ->
        {
            for (int i = 0; i < count; i++)
            {
                publisher.tryPublish(indexed(i, 256));
                try
                {
                    Thread.sleep(1);
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
            }
        }, "fb-test-producer");
        producer.start();
        awaitTrue(() -> leaving.texts.size() >= 50, "the leaving subscriber got some messages");
        leaving.close();
        producer.join();

        awaitTrue(() -> 1 == publisher.subscribers(), "the leaving subscriber removed");
        awaitTrue(() -> count == staying.texts.size(), "the staying subscriber got everything");
        assertInOrder(staying, count);
        assertEquals(1, publisher.subscribersDisconnected());
        assertEquals(0, publisher.messagesDroppedForLag());
    }

    @Test
    void shouldAnswerPingsAndIgnoreFramesFromSubscribers() throws Exception
    {
        final FlashblocksPublisher publisher = publisher(group, ctx -> {});
        final WsTestClient client = subscriber(publisher, "/", false, 0);
        awaitTrue(() -> 1 == publisher.subscribers(), "subscribed");

        client.send(new TextWebSocketFrame("{\"subscribe\":true}"));
        client.send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[]{ 1, 2, 3 })));
        client.send(new PingWebSocketFrame(Unpooled.copiedBuffer("abc", StandardCharsets.US_ASCII)));

        final byte[] pong = client.pongs.poll(5, TimeUnit.SECONDS);
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), pong);
        publisher.tryPublish(Unpooled.wrappedBuffer(json(7)));
        assertArrayEquals(json(7), client.texts.poll(5, TimeUnit.SECONDS));
        assertNull(client.texts.poll(50, TimeUnit.MILLISECONDS), "nothing echoed");
        assertEquals(1, publisher.subscribers());
    }

    @Test
    void shouldRefuseWhenTheHandOffQueueIsFull() throws Exception
    {
        final EventLoopGroup own = TRANSPORT.newGroup(1, "fb-publisher-blocked");
        closeables.addLast(() -> own.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly());
        final FlashblocksPublisher publisher = publisher(own, ctx -> ctx.publishQueueCapacity(4));
        final WsTestClient client = subscriber(publisher, "/", false, 0);
        awaitTrue(() -> 1 == publisher.subscribers(), "subscribed");

        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch blocked = new CountDownLatch(1);
        own.next().execute(() ->
        {
            blocked.countDown();
            try
            {
                release.await(5, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ignore)
            {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(blocked.await(5, TimeUnit.SECONDS));

        for (int i = 0; i < 4; i++)
        {
            assertEquals(FlashblocksPublisher.PUBLISHED, publisher.tryPublish(Unpooled.wrappedBuffer(json(i))));
        }
        final ByteBuf refused = Unpooled.wrappedBuffer(json(4));
        assertEquals(FlashblocksPublisher.QUEUE_FULL, publisher.tryPublish(refused));
        assertEquals(0, refused.refCnt(), "a refused message is released");
        assertEquals(1, publisher.publishRejected());
        release.countDown();

        for (int i = 0; i < 4; i++)
        {
            assertArrayEquals(json(i), client.texts.poll(5, TimeUnit.SECONDS));
        }
        awaitTrue(() -> 4 == publisher.messagesPublished(), "four published");
    }

    @Test
    void shouldCopyFromAnAgronaBuffer() throws Exception
    {
        final FlashblocksPublisher publisher = publisher(group, ctx -> {});
        final WsTestClient client = subscriber(publisher, "/", false, 0);
        awaitTrue(() -> 1 == publisher.subscribers(), "subscribed");
        final byte[] framed = ("xx" + new String(json(3), StandardCharsets.UTF_8) + "yy").getBytes(StandardCharsets.UTF_8);

        assertEquals(FlashblocksPublisher.PUBLISHED,
            publisher.tryPublish(new UnsafeBuffer(framed), 2, framed.length - 4));

        assertArrayEquals(json(3), client.texts.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void shouldReleaseAndRefuseAfterClose() throws Exception
    {
        final FlashblocksPublisher publisher = publisher(group, ctx -> {});
        final WsTestClient client = subscriber(publisher, "/", false, 0);
        awaitTrue(() -> 1 == publisher.subscribers(), "subscribed");

        publisher.close();

        final ByteBuf late = Unpooled.wrappedBuffer(json(0));
        assertEquals(FlashblocksPublisher.CLOSED, publisher.tryPublish(late));
        assertEquals(0, late.refCnt());
        awaitTrue(() -> !client.channel.isActive(), "subscriber closed");
        awaitTrue(() -> 0 == publisher.subscribers(), "no subscribers");
    }

    private FlashblocksPublisher publisher(
        final EventLoopGroup loops, final Consumer<FlashblocksPublisher.Context> tweak) throws InterruptedException
    {
        final FlashblocksPublisher.Context ctx = new FlashblocksPublisher.Context()
            .host("127.0.0.1")
            .port(0)
            .eventLoopGroup(loops)
            .transport(TRANSPORT);
        tweak.accept(ctx);
        final FlashblocksPublisher publisher = FlashblocksPublisher.bind(ctx);
        closeables.addLast(publisher);
        return publisher;
    }

    private WsTestClient subscriber(
        final FlashblocksPublisher publisher, final String path, final boolean stopReading, final int receiveBufferBytes)
        throws Exception
    {
        final WsTestClient client = new WsTestClient(
            group, TRANSPORT, "ws://127.0.0.1:" + publisher.port() + path, stopReading, receiveBufferBytes);
        closeables.addFirst(client);
        return client;
    }

    private static byte[] json(final int index)
    {
        return ("{\"payload_id\":\"0x0102030405060708\",\"index\":" + index + ",\"diff\":{}}")
            .getBytes(StandardCharsets.UTF_8);
    }

    private static ByteBuf indexed(final int index, final int length)
    {
        final ByteBuf message = PooledByteBufAllocator.DEFAULT.directBuffer(length);
        message.writeInt(index).writeZero(length - 4);
        return message;
    }

    private static void assertInOrder(final WsTestClient client, final int count)
    {
        final List<byte[]> received = new ArrayList<>(client.texts);
        assertEquals(count, received.size());
        for (int i = 0; i < count; i++)
        {
            assertEquals(i, ByteBuffer.wrap(received.get(i)).getInt(), () -> "out of order: " +
                Arrays.toString(received.stream().limit(20).mapToInt(b -> ByteBuffer.wrap(b).getInt()).toArray()));
        }
    }
}
