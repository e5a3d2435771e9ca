package io.boostj.perf;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Waiting for a child process (a proxy under test, nginx, anvil) to accept connections on its loopback port.
 */
final class LoopbackPort
{
    private LoopbackPort()
    {
    }

    /**
     * @param process   the child.
     * @param port      its port on 127.0.0.1.
     * @param timeoutMs how long at most.
     * @return true once a connection succeeds; false when the child exited or the time ran out.
     * @throws InterruptedException if interrupted while waiting.
     */
    static boolean awaitListening(final Process process, final int port, final long timeoutMs)
        throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (process.isAlive() && System.currentTimeMillis() < deadline)
        {
            try (Socket s = new Socket())
            {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            }
            catch (final IOException notYet)
            {
                Thread.sleep(50);
            }
        }
        return false;
    }
}
