package io.boostj.proxy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The launcher's exit codes: help 0, bad usage 2 (with the entry or flag named on stderr). */
class WebsocketProxyMainTest
{
    @Test
    void shouldAnswerHelpAndVersionWithZero()
    {
        assertEquals(0, WebsocketProxyMain.run(new String[] {"--help"}));
        assertEquals(0, WebsocketProxyMain.run(new String[] {"--version"}));
    }

    @Test
    void shouldRefuseBadUsageWithTwo()
    {
        assertEquals(2, WebsocketProxyMain.run(new String[] {"--no-such-flag"}));
        assertEquals(2, WebsocketProxyMain.run(new String[] {"--listen-addr", "127.0.0.1:0", "--metrics=false"}));
        assertEquals(2, WebsocketProxyMain.run(new String[] {"--upstream-ws", "ws://127.0.0.1:1", "--metrics=false",
            "--api-keys", "app:key:1:extra"}));
        assertEquals(2, WebsocketProxyMain.run(new String[] {"--upstream-ws", "ws://127.0.0.1:1", "--metrics=false",
            "--message-buffer-size", "0"}));
        assertEquals(2, WebsocketProxyMain.run(new String[] {"--upstream-ws", "ws://127.0.0.1:1", "--metrics=false",
            "--listen-addr", "nonsense"}));
        assertEquals(2, WebsocketProxyMain.run(new String[] {"--upstream-ws", "http://127.0.0.1:1/", "--metrics=false"}));
    }
}
