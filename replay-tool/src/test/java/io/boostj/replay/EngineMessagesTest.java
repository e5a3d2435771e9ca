package io.boostj.replay;

import io.boostj.sbe.EngineMethod;
import io.boostj.sbe.MessageHeaderEncoder;
import io.boostj.sbe.RpcReplyEncoder;
import io.boostj.sbe.UpstreamCallEncoder;
import io.boostj.sbe.Target;
import io.boostj.sbe.BooleanType;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineMessagesTest
{
    private final EngineMessages messages = new EngineMessages();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);

    @Test
    void shouldShowVarDataAsTruncatedTextAndBinaryAsHex()
    {
        final byte[] body = ("{\"jsonrpc\":\"2.0\",\"result\":\"" + "x".repeat(300) + "\"}\n")
            .getBytes(StandardCharsets.UTF_8);
        final RpcReplyEncoder reply = new RpcReplyEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .requestId(7).httpStatus(200).putBody(body, 0, body.length);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + reply.encodedLength();

        final EngineMessages.Decoded decoded = messages.decode(buffer, 0, length);
        assertEquals("RpcReply", decoded.name());
        assertEquals("requestId", decoded.fields().get(0).name());
        assertTrue(decoded.fields().get(0).numeric());
        final String shown = decoded.fields().get(2).value();
        assertTrue(shown.startsWith("{\"jsonrpc\":\"2.0\""), shown);
        assertTrue(shown.endsWith("...(" + body.length + " bytes)"), shown);
        assertEquals(EngineMessages.MAX_TEXT_CHARS + ("...(" + body.length + " bytes)").length(), shown.length());
        assertFalse(shown.contains("\n"));

        final byte[] binary = { 0, 1, 2, (byte)0xff };
        reply.wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).requestId(8).httpStatus(500)
            .putBody(binary, 0, binary.length);
        assertEquals("RpcReply requestId=8|httpStatus=500|body=0x000102ff",
            messages.toText(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + reply.encodedLength()));
    }

    @Test
    void shouldNameMethodsAndCauses()
    {
        final byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        final UpstreamCallEncoder call = new UpstreamCallEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .callId(3).causeRequestId(1001).target(Target.BUILDER).method(EngineMethod.GET_PAYLOAD_V4).timeoutMs(200)
            .fireAndForget(BooleanType.FALSE).putBody(body, 0, body.length);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + call.encodedLength();

        assertEquals(EngineMethod.GET_PAYLOAD_V4, messages.method(buffer, 0, length));
        assertEquals(1001, messages.causeRequestId(buffer, 0, length));
        assertEquals("UpstreamCall", messages.templateName(7001, 30));
        assertEquals("unknown(7001/99)", messages.templateName(7001, 99));
        assertEquals("unknown(42/30)", messages.templateName(42, 30));
    }

    @Test
    void shouldShowUnknownMessagesAsHex()
    {
        final UnsafeBuffer unknown = new UnsafeBuffer(new byte[] { 0, 0, 99, 0, 0x59, 0x1b, 1, 0, 1, 2 });
        final EngineMessages.Decoded decoded = messages.decode(unknown, 0, 10);
        assertEquals("unknown(7001/99)", decoded.name());
        assertEquals("0x00006300591b01000102", decoded.fields().get(0).value());
        assertNull(messages.method(unknown, 0, 10));
    }

    @Test
    void shouldParseMethodFilters()
    {
        assertEquals(EngineMethod.NEW_PAYLOAD_V4, messages.parseMethodFilter("engine_newPayloadV4").method());
        assertEquals(EngineMethod.FORKCHOICE_UPDATED_V3,
            messages.parseMethodFilter("engine_forkchoiceUpdatedV3").method());
        assertEquals(EngineMethod.ETH_GET_BLOCK_BY_NUMBER, messages.parseMethodFilter("eth_getBlockByNumber").method());
        assertEquals(EngineMethod.EXCHANGE_CAPABILITIES,
            messages.parseMethodFilter("engine_exchangeCapabilities").method());
        assertEquals(EngineMethod.GET_PAYLOAD_V3, messages.parseMethodFilter("GET_PAYLOAD_V3").method());
        assertEquals("Tick", messages.parseMethodFilter("tick").templateName());
        assertThrows(IllegalArgumentException.class, () -> messages.parseMethodFilter("engine_nope"));
    }

    @Test
    void shouldParseBoundsAndFormatTimes()
    {
        assertEquals(new Times.Bound(true, 123), Times.parseBound("123"));
        assertEquals(new Times.Bound(true, 0x7b), Times.parseBound("0x7b"));
        assertEquals(new Times.Bound(false, 1_700_000_000_000_000_001L), Times.parseBound("1700000000000000001ns"));
        assertEquals(new Times.Bound(false, 1_700_000_000_500_000_000L), Times.parseBound("2023-11-14T22:13:20.5Z"));
        assertThrows(IllegalArgumentException.class, () -> Times.parseBound("yesterday"));
        assertEquals("2023-11-14T22:13:20.000000001Z", Times.iso(1_700_000_000_000_000_001L));
    }
}
