package io.boostj.devnet;

import io.boostj.io.jwt.JwtSecret;
import io.boostj.io.jwt.JwtSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MockExecutionClientTest
{
    private final JwtSecret secret = Devnet.randomSecret();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    private MockExecutionClient mock;
    private OpNodeDriver driver;

    @BeforeEach
    void start()
    {
        mock = MockExecutionClient.builder("builder").versionByte(0x04).blockValue("0x5").jwtSecret(secret).start();
        driver = new OpNodeDriver(new OpNodeDriver.Config().rpc("127.0.0.1", mock.port())
            .signer(new JwtSigner(secret)).source("0x5", "builder"));
    }

    @AfterEach
    void stop()
    {
        mock.close();
    }

    @Test
    void shouldServeConsecutiveRealBlocksToADriver()
    {
        final BlockResult first = driver.produceBlock();
        final BlockResult second = driver.produceBlock();

        assertTrue(first.ok(), first::toString);
        assertTrue(second.ok(), second::toString);
        assertEquals(PayloadChain.cancun().first().blockHash(), first.blockHash());
        assertEquals(first.blockHash(), second.parentHash());
        assertEquals("builder", first.source());
        assertEquals("0x0400000000000001", first.payloadId());
        assertEquals("0x0400000000000002", second.payloadId());
        assertEquals(second.blockHash(), mock.head());
        assertEquals(8, mock.calls().size());
    }

    @Test
    void shouldServeV4EnvelopesFromThePragueChain()
    {
        final OpNodeDriver v4 = new OpNodeDriver(new OpNodeDriver.Config().rpc("127.0.0.1", mock.port())
            .signer(new JwtSigner(secret)).payloadVersion(4));

        final BlockResult r = v4.produceBlock();

        assertTrue(r.ok(), r::toString);
        assertEquals(PayloadChain.prague().first().blockHash(), r.blockHash());
        assertTrue(r.envelope().get("executionRequests").isArray());
        assertEquals(PayloadChain.prague().first().parentBeaconBlockRoot(),
            r.envelope().get("parentBeaconBlockRoot").asText());
    }

    @Test
    void shouldRefuseRequestsWithoutTheRightJwtWith401AndCountThem() throws Exception
    {
        final OpNodeDriver wrong = new OpNodeDriver(new OpNodeDriver.Config().rpc("127.0.0.1", mock.port())
            .signer(new JwtSigner(Devnet.randomSecret())));
        final OpNodeDriver none = new OpNodeDriver(new OpNodeDriver.Config().rpc("127.0.0.1", mock.port()));

        final OpNodeDriver.RpcResult a = wrong.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"}");
        final OpNodeDriver.RpcResult b = none.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"}");

        assertEquals(401, a.httpStatus);
        assertEquals(401, b.httpStatus);
        assertEquals(2, mock.refusedCount());
        assertEquals(0, mock.calls().size());
        assertEquals("eth_chainId", mock.refused().get(0).method());
    }

    @Test
    void shouldAnswerAnUnknownPayloadIdWithMinus38001() throws Exception
    {
        final OpNodeDriver.RpcResult r = driver.post(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"engine_getPayloadV3\",\"params\":[\"0x0400000000000099\"]}");

        assertEquals(-38001, r.errorCode());
    }

    @Test
    void shouldRefuseAPayloadWhoseContentDoesNotMatchItsHash()
    {
        mock.faults().zeroStateRoot(true);

        final BlockResult r = driver.produceBlock();

        assertFalse(r.ok());
        assertEquals(BlockResult.NEW_PAYLOAD, r.failedStep());
        assertTrue(r.error().contains("INVALID"), r.error());
    }

    @Test
    void shouldApplyFaultKnobs() throws Exception
    {
        mock.faults().newPayloadStatusNext("SYNCING", 1);
        assertEquals(BlockResult.NEW_PAYLOAD, driver.produceBlock().failedStep());
        assertTrue(driver.produceBlock().ok(), "only the next one");

        mock.faults().error("engine_getPayload*", -32000, "boom");
        final BlockResult failed = driver.produceBlock();
        assertEquals(BlockResult.GET_PAYLOAD, failed.failedStep());
        assertTrue(failed.error().contains("boom"));
        mock.faults().reset();

        mock.faults().delay("engine_getPayloadV3", 200);
        final BlockResult slow = driver.produceBlock();
        assertTrue(slow.ok());
        assertTrue(mock.calls("engine_getPayloadV3").get(3).answeredNanos() -
            mock.calls("engine_getPayloadV3").get(3).receivedNanos() >= 200_000_000L);
        mock.faults().reset();

        mock.faults().blockAgeSeconds(100);
        final OpNodeDriver.RpcResult latest = driver.post(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBlockByNumber\",\"params\":[\"latest\",false]}");
        final long ts = Long.decode(latest.result.get("timestamp").asText());
        assertTrue(System.currentTimeMillis() / 1000 - ts >= 99);
    }

    @Test
    void shouldStopRefusingConnectionsAndRestartOnTheSamePort() throws Exception
    {
        final int port = mock.port();
        assertTrue(driver.produceBlock().ok());

        mock.stop();
        assertFalse(mock.isRunning());
        // a fresh client: the shared one may hold a kept-alive connection that stop() closed, which fails with
        // "header parser received no bytes" instead of showing that the port refuses new connections
        final HttpClient fresh = HttpClient.newHttpClient();
        assertThrows(ConnectException.class, () -> fresh.send(HttpRequest.newBuilder(URI.create(mock.url()))
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()));

        mock.start();
        assertEquals(port, mock.port());
        assertTrue(driver.produceBlock().ok());
    }

    @Test
    void shouldAnswerOtherMethodsPlausibly() throws Exception
    {
        final String tx = PayloadChain.cancun().first().payload().get("transactions").get(0).asText();
        assertEquals(MockExecutionClient.CHAIN_ID, post("eth_chainId", "[]").result.asText());
        assertTrue(post("eth_sendRawTransaction", "[\"" + tx + "\"]").result.asText().matches("0x[0-9a-f]{64}"));
        assertTrue(post("miner_setMaxDASize", "[\"0x1\",\"0x2\"]").result.asBoolean());
        assertTrue(post("engine_exchangeCapabilities", "[[]]").result.isArray());
        assertEquals(-32601, post("eth_foo", "[]").errorCode());
        assertEquals(tx, mock.rawTransactions().get(0));
        assertNull(mock.calls("eth_foo").get(0).refusal());
    }

    @Test
    void shouldRecordTheRequestsHeadersAndItsAnswer() throws IOException, InterruptedException
    {
        post("eth_chainId", "[]");

        final RecordedCall call = mock.calls().get(0);
        assertTrue(call.header("Authorization").startsWith("Bearer "));
        assertEquals("application/json", call.header("content-type"));
        assertTrue(call.responseBody().contains(MockExecutionClient.CHAIN_ID));
        assertTrue(call.authorized());
    }

    private OpNodeDriver.RpcResult post(final String method, final String params)
        throws IOException, InterruptedException
    {
        return driver.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}");
    }
}
