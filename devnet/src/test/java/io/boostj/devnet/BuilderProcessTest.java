package io.boostj.devnet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuilderProcessTest
{
    @TempDir
    Path dir;

    @Test
    void shouldStartAnswerAndComeBackOnTheSamePortsAfterKillMinusNine() throws Exception
    {
        try (BuilderProcess l2 = BuilderProcess.create(new BuilderProcess.Context().name("l2").runDir(dir)
            .jwtSecretHex(BuilderProcess.randomSecretHex())))
        {
            l2.start();
            final String genesis = l2.genesisHash();
            assertTrue(genesis.matches("0x[0-9a-f]{64}"), genesis);
            assertEquals("0x385", l2.rpc("eth_chainId", "[]").asText());
            final long pid = l2.pid();

            l2.kill();
            assertFalse(l2.isAlive());
            l2.start();

            assertTrue(l2.isAlive());
            assertTrue(pid != l2.pid());
            assertEquals(genesis, l2.genesisHash());
        }
    }

    @Test
    void shouldFailWithTheLogTailWhenTheProcessCannotStart() throws Exception
    {
        try (ServerSocket taken = new ServerSocket())
        {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            try (BuilderProcess l2 = BuilderProcess.create(new BuilderProcess.Context().name("l2").runDir(dir)
                .jwtSecretHex(BuilderProcess.randomSecretHex()).ports(taken.getLocalPort(), 0)))
            {
                final IOException ex = assertThrows(IOException.class, l2::start);
                assertTrue(ex.getMessage().contains("exited with status"), ex.getMessage());
                assertTrue(ex.getMessage().contains("l2.log"), ex.getMessage());
            }
        }
    }

    @Test
    void shouldRefuseAContextWithoutASecret()
    {
        assertThrows(IllegalArgumentException.class, () -> BuilderProcess.create(new BuilderProcess.Context().runDir(dir)));
        assertThrows(IllegalArgumentException.class, () -> BuilderProcess.create(new BuilderProcess.Context().runDir(dir)
            .jwtSecretHex("not hex")));
    }
}
