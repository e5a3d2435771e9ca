package io.boostj.rpc;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FlashblocksRpcMainTest
{
    @Test
    void shouldAnswerHelpAndVersionWithZero()
    {
        assertEquals(0, FlashblocksRpcMain.run(new String[] {"--help"}));
        assertEquals(0, FlashblocksRpcMain.run(new String[] {"--version"}));
    }

    @Test
    void shouldRefuseMissingOrUnknownFlagsWithTwo()
    {
        assertEquals(2, FlashblocksRpcMain.run(new String[] {"--upstream-url", "http://127.0.0.1:1"}));
        assertEquals(2, FlashblocksRpcMain.run(new String[] {"--upstream-url", "http://127.0.0.1:1",
            "--flashblocks.websocket-url", "ws://127.0.0.1:1", "--no-such-flag"}));
    }

    @Test
    void shouldRefuseAFeedUrlThatIsNotWebSocketWithTwo()
    {
        assertEquals(2, FlashblocksRpcMain.run(new String[] {"--upstream-url", "http://127.0.0.1:1",
            "--flashblocks.websocket-url", "http://127.0.0.1:1", "--http.port", "0", "--ws.port", "-1"}));
        assertEquals(2, FlashblocksRpcMain.run(new String[] {"--upstream-url", "not a url",
            "--flashblocks.websocket-url", "ws://127.0.0.1:1", "--http.port", "0", "--ws.port", "-1"}));
    }

    @Test
    void shouldRefuseANodeWebSocketUrlThatIsNotWebSocketWithTwo()
    {
        assertEquals(2, FlashblocksRpcMain.run(new String[] {"--upstream-url", "http://127.0.0.1:1",
            "--flashblocks.websocket-url", "ws://127.0.0.1:1", "--http.port", "0", "--ws.port", "0",
            "--upstream-ws-url", "http://127.0.0.1:1"}));
    }

    @Test
    void shouldDeriveTheNodeWebSocketFromTheUpstreamUrlUnlessToldOtherwise()
    {
        final FlashblocksRpcArgs args = new FlashblocksRpcArgs();
        args.upstreamUrl = "https://node.example:8545";
        assertEquals("wss://node.example:8545", args.nodeWebSocket().toString());
        args.upstreamWsUrl = "ws://127.0.0.1:8546";
        assertEquals("ws://127.0.0.1:8546", args.nodeWebSocket().toString());
        args.upstreamWsUrl = "off";
        assertNull(args.nodeWebSocket());
    }
}
