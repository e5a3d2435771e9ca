package io.boostj.codecs.engine;

import java.nio.charset.StandardCharsets;

import io.boostj.codecs.json.JsonScanner;
import io.boostj.codecs.test.TestData;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonRpcRequestViewTest
{
    private static final int PAD = 5;

    private final JsonScanner scanner = new JsonScanner();
    private final JsonRpcRequestView view = new JsonRpcRequestView();
    private UnsafeBuffer buffer;

    private int wrap(final String json)
    {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        buffer = TestData.padded(bytes, PAD);
        scanner.wrap(buffer, PAD, bytes.length);
        assertEquals(JsonScanner.VALID, scanner.validate(), json);
        return view.wrap(scanner, PAD);
    }

    private String span(final int start, final int end)
    {
        final byte[] bytes = new byte[end - start];
        buffer.getBytes(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void shouldExposeTheSpansOfARequest()
    {
        final String json =
            " { \"params\" : [ \"0x0000000000000001\" ] , \"method\":\"engine_getPayloadV3\",\"id\": 933360 ,\"jsonrpc\":\"2.0\"}";
        assertEquals(JsonRpcRequestView.OK, wrap(json));
        assertNull(view.errorMessage());
        assertEquals("engine_getPayloadV3", span(view.methodStart(), view.methodEnd()));
        assertTrue(view.hasId());
        assertEquals("933360", span(view.idStart(), view.idEnd()));
        assertEquals(6, view.idLength());
        assertTrue(view.hasParams());
        assertEquals("[ \"0x0000000000000001\" ]", span(view.paramsStart(), view.paramsEnd()));
        assertEquals(24, view.paramsLength());
        assertEquals(MethodRouting.ENGINE_GET_PAYLOAD_V3, view.routing());
        assertEquals(buffer, view.buffer());
        assertEquals(scanner, view.scanner());
    }

    @Test
    void shouldKeepStringAndNullIdsRaw()
    {
        assertEquals(JsonRpcRequestView.OK, wrap("{\"jsonrpc\":\"2.0\",\"id\":\"np\\\"0\",\"method\":\"eth_chainId\"}"));
        assertEquals("\"np\\\"0\"", span(view.idStart(), view.idEnd()));
        assertFalse(view.hasParams());
        assertEquals(0, view.paramsLength());
        assertEquals(-1, view.paramsStart());
        assertEquals(MethodRouting.PASSTHROUGH, view.routing());

        assertEquals(JsonRpcRequestView.OK, wrap("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"m\",\"params\":{\"a\":1}}"));
        assertEquals("null", span(view.idStart(), view.idEnd()));
        assertEquals("{\"a\":1}", span(view.paramsStart(), view.paramsEnd()));
    }

    @Test
    void shouldAcceptNotificationsWithoutId()
    {
        assertEquals(JsonRpcRequestView.OK, wrap("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[]}"));
        assertFalse(view.hasId());
        assertEquals(0, view.idLength());
        assertEquals(-1, view.idStart());
    }

    @Test
    void shouldUseTheFirstOfRepeatedMembers()
    {
        assertEquals(JsonRpcRequestView.OK,
            wrap("{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"a\",\"method\":\"b\",\"params\":[1],\"params\":[2]}"));
        assertEquals("1", span(view.idStart(), view.idEnd()));
        assertEquals("a", span(view.methodStart(), view.methodEnd()));
        assertEquals("[1]", span(view.paramsStart(), view.paramsEnd()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"engine_getPayloadV3\"", "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\"}]", "{}", "1", "null",
        "{\"id\":1,\"method\":\"m\"}", "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"m\"}", "{\"jsonrpc\":2.0,\"id\":1,\"method\":\"m\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1}", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":null}",
        "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"m\"}", "{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"m\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"m\"}", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":\"x\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":null}",
    })
    void shouldRejectInvalidEnvelopes(final String json)
    {
        assertEquals(JsonRpcError.INVALID_REQUEST, wrap(json));
        assertNotNull(view.errorMessage());
    }

    @Test
    void shouldKeepTheIdSpanWhenTheEnvelopeIsInvalid()
    {
        assertEquals(JsonRpcError.INVALID_REQUEST, wrap("{\"jsonrpc\":\"1.0\",\"id\":\"abc\",\"method\":\"m\"}"));
        assertEquals("\"abc\"", span(view.idStart(), view.idEnd()));
        assertNull(view.routing());
    }

    @Test
    void shouldReportMalformedObjectsOnUnvalidatedInput()
    {
        final byte[] bytes = "{\"jsonrpc\":\"2.0\",\"id\":1 \"method\":\"m\"}".getBytes(StandardCharsets.US_ASCII);
        scanner.wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        assertEquals(JsonRpcError.INVALID_REQUEST, view.wrap(scanner, 0));
        assertEquals("malformed request object", view.errorMessage());

        final byte[] truncated = "{\"jsonrpc\":\"2.0\",\"id\":1".getBytes(StandardCharsets.US_ASCII);
        scanner.wrap(new UnsafeBuffer(truncated), 0, truncated.length);
        assertEquals(JsonRpcError.INVALID_REQUEST, view.wrap(scanner, 0));
    }
}
