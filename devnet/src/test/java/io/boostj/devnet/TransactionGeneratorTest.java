package io.boostj.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.boostj.codecs.eth.SenderRecovery;
import io.boostj.codecs.eth.TransactionDecoder;
import io.boostj.codecs.hex.Hex;
import io.boostj.core.builder.DevAccounts;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransactionGeneratorTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HttpServer server;
    private final List<String> raws = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> nonceReads = new ConcurrentHashMap<>();
    private volatile Function<String, String> sendAnswer = raw -> "\"result\":\"" +
        TransactionGenerator.transactionHash(raw) + "\"";
    private volatile int sendStatus = 200;

    @AfterEach
    void stop()
    {
        if (null != server)
        {
            server.stop(0);
        }
    }

    @Test
    void shouldSendSignedTransfersFromEachSenderWithConsecutiveNoncesFromThePendingCount() throws Exception
    {
        final URI uri = startServer(5);
        try (TransactionGenerator generator = new TransactionGenerator(context(uri).maxTransactions(12)))
        {
            generator.start();
            assertTrue(generator.awaitDone(30_000));
            await(() -> 12 == generator.stats().accepted());
            assertEquals(12, generator.stats().sent());
            assertEquals(0, generator.stats().refused());
        }
        final Map<String, List<Long>> noncesBySender = new ConcurrentHashMap<>();
        for (final String raw : raws)
        {
            final byte[] bytes = Hex.fromHexString(raw);
            final TransactionDecoder tx = new TransactionDecoder();
            assertEquals(TransactionDecoder.OK, tx.tryWrap(new UnsafeBuffer(bytes), 0, bytes.length), tx.errorReason());
            assertEquals(TransactionDecoder.TYPE_DYNAMIC_FEE, tx.type());
            assertEquals(DevAccounts.CHAIN_ID, tx.chainId());
            assertEquals(21_000, tx.gasLimit());
            final UnsafeBuffer sender = new UnsafeBuffer(new byte[20]);
            assertEquals(SenderRecovery.ADDRESS_LENGTH, new SenderRecovery().tryRecoverSender(tx, sender, 0));
            noncesBySender.computeIfAbsent(Hex.toHexString(sender.byteArray()), k -> new ArrayList<>()).add(tx.nonce());
        }
        assertEquals(java.util.Set.of(DevAccounts.address(1).toString(), DevAccounts.address(2).toString(),
            DevAccounts.address(3).toString()), noncesBySender.keySet());
        noncesBySender.values().forEach(n ->
        {
            final List<Long> sorted = new ArrayList<>(n);
            sorted.sort(Long::compare);
            assertEquals(List.of(5L, 6L, 7L, 8L), sorted);
        });
    }

    @Test
    void shouldCountRefusalsByReasonAndReReadTheRefusedSendersNonce() throws Exception
    {
        final URI uri = startServer(0);
        final AtomicInteger sends = new AtomicInteger();
        sendAnswer = raw -> 0 == sends.getAndIncrement() ?
            "\"error\":{\"code\":-32000,\"message\":\"nonce too low\"}" :
            "\"result\":\"" + TransactionGenerator.transactionHash(raw) + "\"";
        try (TransactionGenerator generator = new TransactionGenerator(context(uri).maxTransactions(6)))
        {
            generator.start();
            assertTrue(generator.awaitDone(30_000));
            await(() -> 6 == generator.stats().accepted() + generator.stats().refused() + generator.stats().notSent());
            assertEquals(1, generator.stats().refused());
            assertEquals(Map.of("-32000 nonce too low", 1L), generator.stats().refusalsByReason());
            await(() -> nonceReads.values().stream().anyMatch(c -> c.get() >= 2));
        }
    }

    @Test
    void shouldCountAnHttpErrorAsARefusal() throws Exception
    {
        final URI uri = startServer(0);
        sendStatus = 503;
        try (TransactionGenerator generator = new TransactionGenerator(context(uri).maxTransactions(3)))
        {
            generator.start();
            assertTrue(generator.awaitDone(30_000));
            await(() -> 3 == generator.stats().refused() + generator.stats().notSent());
            assertTrue(generator.stats().refusalsByReason().containsKey("HTTP 503"));
            assertEquals(0, generator.stats().accepted());
        }
    }

    @Test
    void shouldTurnBlockContentsIntoInclusionLatencies() throws Exception
    {
        final URI uri = startServer(0);
        try (TransactionGenerator generator = new TransactionGenerator(context(uri).maxTransactions(4)))
        {
            generator.start();
            assertTrue(generator.awaitDone(30_000));
            await(() -> 4 == generator.stats().accepted());
            final List<String> block = new ArrayList<>(raws.subList(0, 3));
            block.add(0, L1InfoDeposit.of(0, 0).hex());

            assertEquals(3, generator.onBlock(block, System.nanoTime()));
            assertEquals(0, generator.onBlock(block, System.nanoTime()));
            assertEquals(3, generator.stats().included());
            assertEquals(1, generator.pendingInclusion());
            assertEquals(3, generator.stats().inclusionLatencyUs().getTotalCount());
        }
    }

    @Test
    void shouldFailToStartWhenTheEndpointDoesNotAnswer()
    {
        final TransactionGenerator generator =
            new TransactionGenerator(context(URI.create("http://127.0.0.1:1/")).maxTransactions(1));
        assertThrows(IOException.class, generator::start);
    }

    @Test
    void shouldRefuseANonLoopbackEndpointAndImpossibleBounds()
    {
        assertThrows(IllegalArgumentException.class, () ->
            new TransactionGenerator(context(URI.create("http://192.0.2.1:8545/"))));
        assertThrows(IllegalArgumentException.class, () ->
            new TransactionGenerator(context(URI.create("http://127.0.0.1:8545/")).tps(0)));
        assertThrows(IllegalArgumentException.class, () ->
            new TransactionGenerator(context(URI.create("http://127.0.0.1:8545/")).senders(0, 3)));
        assertThrows(IllegalArgumentException.class, () ->
            new TransactionGenerator(context(URI.create("http://127.0.0.1:8545/")).maxTransactions(-1)));
    }

    private static TransactionGenerator.Context context(final URI uri)
    {
        return new TransactionGenerator.Context().rpcUri(uri).tps(500).senders(1, 3).durationMs(30_000);
    }

    private URI startServer(final long pendingNonce) throws IOException
    {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> answer(exchange, pendingNonce));
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private void answer(final HttpExchange exchange, final long pendingNonce) throws IOException
    {
        final JsonNode request = MAPPER.readTree(exchange.getRequestBody());
        final String method = request.path("method").asText();
        int status = 200;
        String body;
        if ("eth_getTransactionCount".equals(method))
        {
            nonceReads.computeIfAbsent(request.path("params").path(0).asText(), k -> new AtomicInteger())
                .incrementAndGet();
            body = "\"result\":\"0x" + Long.toHexString(pendingNonce) + "\"";
        }
        else if ("eth_sendRawTransaction".equals(method))
        {
            final String raw = request.path("params").path(0).asText();
            raws.add(raw);
            status = sendStatus;
            body = sendAnswer.apply(raw);
        }
        else
        {
            body = "\"error\":{\"code\":-32601,\"message\":\"method not found\"}";
        }
        final byte[] bytes = ("{\"jsonrpc\":\"2.0\",\"id\":1," + body + "}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void await(final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(10);
        }
    }
}
