package io.boostj.rpc;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;

/**
 * A real anvil node (chain id 31337, no automatic mining: blocks are mined when the test says), the ordinary L2 node
 * behind the overlay.
 */
final class AnvilProcess implements AutoCloseable
{
    private final Process process;
    private final int port;
    final JsonRpcClient rpc;

    private AnvilProcess(final Process process, final int port)
    {
        this.process = process;
        this.port = port;
        this.rpc = new JsonRpcClient(url());
    }

    static AnvilProcess start(final Path logDir) throws Exception
    {
        final Path anvil = Tools.locate(Tools.ANVIL, "ANVIL_BIN", "@foundry-rs/anvil-linux-amd64");
        final int port = freePort();
        final Process p = new ProcessBuilder(List.of(anvil.toString(), "--port", Integer.toString(port),
            "--chain-id", "31337", "--no-mining", "--host", "127.0.0.1"))
            .redirectErrorStream(true)
            .redirectOutput(logDir.resolve("anvil.log").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
        final long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline)
        {
            try (Socket s = new Socket("127.0.0.1", port))
            {
                return new AnvilProcess(p, port);
            }
            catch (final IOException ex)
            {
                if (!p.isAlive())
                {
                    throw new IllegalStateException("anvil exited with " + p.exitValue() + ", see " + logDir);
                }
                Thread.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("anvil did not listen on " + port + " within 20 s");
    }

    static int freePort() throws IOException
    {
        try (ServerSocket s = new ServerSocket(0))
        {
            return s.getLocalPort();
        }
    }

    String url()
    {
        return "http://127.0.0.1:" + port;
    }

    JsonNode latestBlock()
    {
        return rpc.result("eth_getBlockByNumber", "latest", false);
    }

    void mine()
    {
        rpc.result("evm_mine");
    }

    @Override
    public void close() throws Exception
    {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS))
        {
            process.destroyForcibly();
        }
    }
}
