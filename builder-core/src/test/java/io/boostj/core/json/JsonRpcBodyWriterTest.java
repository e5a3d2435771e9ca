package io.boostj.core.json;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonRpcBodyWriterTest
{
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(8);
    private final JsonRpcBodyWriter w = new JsonRpcBodyWriter();

    private String text()
    {
        return buffer.getStringWithoutLengthUtf8(3, w.length());
    }

    private static UnsafeBuffer bytes(final String s)
    {
        return new UnsafeBuffer(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldWriteRequestWithSplicedParams()
    {
        final UnsafeBuffer params = bytes("xx[\"0x01\"]yy");
        w.wrap(buffer, 3).request(42, JsonRpcBodyWriter.ascii("engine_getPayloadV3")).raw(params, 2, 8).end();
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"engine_getPayloadV3\",\"params\":[\"0x01\"]}", text());
    }

    @Test
    void shouldWriteResultWithRawIdOrNull()
    {
        final UnsafeBuffer id = bytes("\"abc\"");
        w.wrap(buffer, 3).result(id, 0, 5).raw(bytes("{\"a\":1}"), 0, 7).end();
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"result\":{\"a\":1}}", text());
        w.wrap(buffer, 3).result(id, 0, 0).raw(JsonRpcBodyWriter.ascii("true")).end();
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"result\":true}", text());
    }

    @Test
    void shouldEscapeErrorMessages()
    {
        final UnsafeBuffer message = bytes("a \"q\" \\ \n\t\u0001 é");
        w.wrap(buffer, 3).error(bytes("7"), 0, 1).beginErrorObject(-32000)
            .escaped(message, 0, message.capacity()).endErrorObject().end();
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32000,\"message\":" +
            "\"a \\\"q\\\" \\\\ \\n\\t\\u0001 é\"}}", text());
    }

    @Test
    void shouldWriteHex()
    {
        w.wrap(buffer, 3).quotedHex(0x03d2dae446d2a86aL).raw((byte)',').quotedHex(-1L).raw((byte)',')
            .quotedHex(bytes("\u0000\u00ab"), 0, 1);
        assertEquals("\"0x03d2dae446d2a86a\",\"0xffffffffffffffff\",\"0x00\"", text());
    }

    @Test
    void shouldFindStringMemberStillEscaped()
    {
        final UnsafeBuffer doc = bytes("{\"x\":\"validationError\",\"validationError\" : \"bad \\\"root\\\"\"}");
        final long found = JsonBytes.findStringMember(doc, 0, doc.capacity(),
            JsonRpcBodyWriter.ascii("\"validationError\""));
        assertEquals("bad \\\"root\\\"", doc.getStringWithoutLengthUtf8(
            JsonBytes.foundOffset(found), JsonBytes.foundLength(found)));
        final UnsafeBuffer nullValue = bytes("{\"validationError\":null}");
        assertEquals(JsonBytes.NOT_FOUND, JsonBytes.findStringMember(nullValue, 0, nullValue.capacity(),
            JsonRpcBodyWriter.ascii("\"validationError\"")));
    }
}
