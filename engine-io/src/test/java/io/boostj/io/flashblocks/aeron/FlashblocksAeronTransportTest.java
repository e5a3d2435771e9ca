package io.boostj.io.flashblocks.aeron;

import io.aeron.Publication;
import io.aeron.Subscription;
import io.boostj.codecs.flashblocks.FlashblockJsonWriter;
import io.boostj.codecs.flashblocks.FlashblockView;
import io.boostj.io.flashblocks.FlashblockIngress;
import io.boostj.io.metrics.FlashblocksMetrics;
import io.boostj.io.metrics.SidecarMetrics;
import io.boostj.io.runtime.InboundPublisher;
import io.boostj.ring.MessagePoller;
import io.boostj.ring.MessageRing;
import io.boostj.ring.WaitStrategies;
import io.boostj.sbe.FlashblockReceivedDecoder;
import io.boostj.sbe.FlashblockTransport;
import io.boostj.sbe.MessageHeaderDecoder;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Aeron flashblocks transport over a real embedded media driver ({@code aeron:ipc}): the builder's sender encodes
 * the real Unichain Sepolia flashblocks as SBE, the sidecar's receiver turns them back into op-rbuilder's JSON and puts
 * them in the inbound ring tagged AERON; what is not a flashblock never reaches the ring.
 */
class FlashblocksAeronTransportTest
{
    private static final String CHANNEL = "aeron:ipc";
    private static final int STREAM_ID = 1001;
    private static final String DATA = "/testdata/flashblocks/unichain_sepolia_35535698_with_metadata.ndjson";

    @TempDir
    Path dir;

    private AeronConnection aeron;
    private MessageRing ring;
    private MessagePoller poller;
    private FlashblockIngress ingress;
    private FlashblocksAeronReceiver receiver;
    private FlashblocksAeronSender sender;
    private Publication publication;

    @BeforeEach
    void setUp()
    {
        aeron = AeronConnection.connect(dir.resolve("aeron").toString(), true);
        ring = new MessageRing("test-inbound", 64, 1024, true, WaitStrategies.byName("blocking"));
        poller = ring.addPoller();
        final SidecarMetrics sidecarMetrics = new SidecarMetrics();
        ingress = new FlashblockIngress(new InboundPublisher(ring, new SystemEpochNanoClock(), sidecarMetrics),
            new FlashblocksMetrics(new PrometheusRegistry()), 1 << 20);
        final Subscription subscription = aeron.aeron().addSubscription(CHANNEL, STREAM_ID);
        receiver = new FlashblocksAeronReceiver(subscription, ingress, new FlashblocksMetrics(new PrometheusRegistry()));
        publication = aeron.aeron().addPublication(CHANNEL, STREAM_ID);
        sender = new FlashblocksAeronSender(publication);
    }

    @AfterEach
    void tearDown()
    {
        aeron.close();
    }

    private static List<String> unichain() throws Exception
    {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
            FlashblocksAeronTransportTest.class.getResourceAsStream(DATA), StandardCharsets.UTF_8)))
        {
            return r.lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
        }
    }

    private static String canonical(final String json)
    {
        final FlashblockView view = new FlashblockView();
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertEquals(FlashblockView.OK, view.wrap(new UnsafeBuffer(bytes), 0, bytes.length), view::errorMessage);
        final ExpandableArrayBuffer out = new ExpandableArrayBuffer();
        final int length = new FlashblockJsonWriter().tryWrite(view, out, 0);
        assertTrue(length > 0);
        return out.getStringWithoutLengthUtf8(0, length);
    }

    private void awaitConnected()
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!sender.isConnected())
        {
            receiver.doWork();
            assertTrue(System.nanoTime() < deadline, "publication never connected");
            Thread.yield();
        }
    }

    private List<String[]> drainUntil(final int count) throws Exception
    {
        final List<String[]> events = new ArrayList<>();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final FlashblockReceivedDecoder decoder = new FlashblockReceivedDecoder();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (events.size() < count)
        {
            receiver.doWork();
            poller.poll((sequence, slot, endOfBatch) ->
            {
                decoder.wrapAndApplyHeader(slot.buffer(), 0, header);
                final FlashblockTransport transport = decoder.transport();
                final long index = decoder.index();
                final byte[] json = new byte[decoder.jsonLength()];
                decoder.getJson(json, 0, json.length);
                events.add(new String[] {transport.name(), String.valueOf(index),
                    new String(json, StandardCharsets.UTF_8)});
            });
            assertTrue(System.nanoTime() < deadline, "only " + events.size() + " of " + count + " flashblocks arrived");
        }
        return events;
    }

    @Test
    void shouldDeliverTheUnichainFlashblocksAsOpRbuilderJsonTaggedAeron() throws Exception
    {
        awaitConnected();
        final List<String> lines = unichain();
        for (final String line : lines)
        {
            final byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            assertEquals(FlashblocksAeronSender.SENT, sender.trySend(new UnsafeBuffer(bytes), 0, bytes.length),
                sender::errorMessage);
        }

        final List<String[]> events = drainUntil(lines.size());

        for (int i = 0; i < lines.size(); i++)
        {
            assertEquals("AERON", events.get(i)[0]);
            assertEquals(String.valueOf(i), events.get(i)[1]);
            assertEquals(canonical(lines.get(i)), events.get(i)[2], "flashblock " + i + " round-trips through SBE");
        }
        assertEquals(lines.size(), ingress.published());
        assertEquals(0, ingress.refused());
    }

    @Test
    void shouldRefuseAnAeronMessageThatIsNotAFlashblockAndKeepGoing() throws Exception
    {
        awaitConnected();
        final UnsafeBuffer garbage = new UnsafeBuffer(new byte[64]);
        garbage.setMemory(0, 64, (byte)0x5a);
        assertTrue(publication.offer(garbage, 0, 64) > 0);
        final byte[] first = unichain().get(0).getBytes(StandardCharsets.UTF_8);
        assertEquals(FlashblocksAeronSender.SENT, sender.trySend(new UnsafeBuffer(first), 0, first.length));

        final List<String[]> events = drainUntil(1);

        assertEquals("0", events.get(0)[1], "only the real flashblock reached the ring");
        assertEquals(1, ingress.refused());
        assertEquals(1, ingress.published());
    }

    @Test
    void shouldNotSendJsonThatIsNotAFlashblock()
    {
        awaitConnected();
        final byte[] bytes = "{\"payload_id\":\"0x01\"}".getBytes(StandardCharsets.UTF_8);

        assertEquals(FlashblocksAeronSender.INVALID, sender.trySend(new UnsafeBuffer(bytes), 0, bytes.length));
        assertNotNull(sender.errorMessage());
    }

    @Test
    void shouldReportNotConnectedWithoutASubscriber() throws Exception
    {
        final Publication lonely = aeron.aeron().addPublication(CHANNEL, STREAM_ID + 1);
        final FlashblocksAeronSender alone = new FlashblocksAeronSender(lonely);
        final byte[] first = unichain().get(0).getBytes(StandardCharsets.UTF_8);

        assertEquals(FlashblocksAeronSender.NOT_CONNECTED, alone.trySend(new UnsafeBuffer(first), 0, first.length));
    }

    @Test
    void shouldNameTheDirectoryWhenNoDriverRunsThere()
    {
        final IllegalStateException ex = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
            () -> AeronConnection.connect(dir.resolve("nothing-here").toString(), false));

        assertTrue(ex.getMessage().contains("nothing-here"), ex.getMessage());
    }
}
