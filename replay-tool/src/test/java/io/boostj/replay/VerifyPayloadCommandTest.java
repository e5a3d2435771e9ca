package io.boostj.replay;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import io.boostj.codecs.json.JsonScanner;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code verify-payload} run in-process through picocli, on the test chains that codecs-sbe's tests also use (read from
 * that module's test resources, so a clone needs nothing else).
 */
class VerifyPayloadCommandTest
{
    private static final String TESTDATA = "../codecs-sbe/src/test/resources/testdata/";
    private static final String HIVE = TESTDATA + "engine-payloads/geth-hive-chain/newpayload.json";
    private static final String HIVE_PRAGUE = TESTDATA + "engine-payloads/geth-hive-chain-prague/newpayload.json";
    private static final String VECTORS = TESTDATA + "engine-payloads/vectors.json";

    @TempDir
    File tmp;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private int run(final String... args)
    {
        outBytes.reset();
        errBytes.reset();
        return ReplayTool.run(out, err, args);
    }

    private String[] lines()
    {
        final String text = outBytes.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? new String[0] : text.split("\n");
    }

    private String err()
    {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private static int count(final String[] lines, final String suffix)
    {
        int n = 0;
        for (final String line : lines)
        {
            n += line.endsWith(" " + suffix) || line.contains(" " + suffix + " ") ? 1 : 0;
        }
        return n;
    }

    @Test
    void shouldPrintOkForEveryPayloadOfTheHiveChain()
    {
        assertEquals(0, run("verify-payload", HIVE), err());
        final String[] lines = lines();
        assertEquals(429, lines.length);
        assertEquals(429, count(lines, "OK"));
        assertEquals("72 0xf0a50b18d597552b6ad8a711f4ac1f7ab225d59daa74137f689256a16a0ff809 " +
            "0xf0a50b18d597552b6ad8a711f4ac1f7ab225d59daa74137f689256a16a0ff809 OK", lines[0]);
        assertEquals("429 payloads: 429 OK, 0 MISMATCH, 0 UNKNOWN\n", err());

        assertEquals(0, run("verify-payload", "--chain", "geth-hive", HIVE), err());
        assertEquals(429, count(lines(), "OK"));
    }

    @Test
    void shouldFailOnTheGenesisPayloadOfTheHivePragueChain()
    {
        assertEquals(1, run("verify-payload", HIVE_PRAGUE));
        final String[] lines = lines();
        assertEquals(601, lines.length);
        assertEquals(600, count(lines, "OK"));
        assertTrue(lines[0].startsWith("0 0xbd6a252a"), lines[0]);
        assertTrue(lines[0].endsWith(" MISMATCH"), lines[0]);
        assertEquals("601 payloads: 600 OK, 1 MISMATCH, 0 UNKNOWN\n", err());
    }

    @Test
    void shouldJudgeTheCuratedVectorsAndSayWhyItCannotJudgeSome()
    {
        assertEquals(1, run("verify-payload", VECTORS));
        final String[] lines = lines();
        assertEquals(35, lines.length);
        assertEquals(26, count(lines, "OK"));
        assertEquals(5, count(lines, "MISMATCH"));
        assertEquals(4, count(lines, "UNKNOWN"));
        for (final String line : lines)
        {
            if (line.contains(" UNKNOWN "))
            {
                assertTrue(line.endsWith(" - UNKNOWN fork needs executionRequests (absent or null)"), line);
            }
        }
        assertEquals("35 payloads: 26 OK, 5 MISMATCH, 4 UNKNOWN\n", err());
    }

    @Test
    void shouldReportEveryNegativeVectorOfAnNdjsonFileAsMismatch() throws Exception
    {
        final byte[] vectors = Files.readAllBytes(new File(VECTORS).toPath());
        final JsonScanner scanner = new JsonScanner().wrap(new UnsafeBuffer(vectors), 0, vectors.length);
        final StringBuilder ndjson = new StringBuilder();
        int negatives = 0;
        for (int vector = scanner.element(0, 0); vector >= 0; vector = scanner.nextElement(vector))
        {
            if (scanner.stringEquals(scanner.member(vector, "expect"), "mismatch"))
            {
                final int start = scanner.valueStart(vector);
                final String raw = new String(vectors, start, scanner.valueEnd(vector) - start, StandardCharsets.UTF_8);
                ndjson.append(raw.replace('\n', ' ')).append('\n');
                negatives++;
            }
        }
        assertEquals(5, negatives);
        final File file = new File(tmp, "negative.ndjson");
        Files.write(file.toPath(), ndjson.toString().getBytes(StandardCharsets.UTF_8));

        assertEquals(1, run("verify-payload", file.getPath()));
        final String[] lines = lines();
        assertEquals(5, lines.length);
        assertEquals(5, count(lines, "MISMATCH"));
        assertTrue(lines[0].startsWith("0 0xbd6a252a"), "the genesis-as-payload vector comes first: " + lines[0]);
        assertEquals("5 payloads: 0 OK, 5 MISMATCH, 0 UNKNOWN\n", err());
    }

    @Test
    void shouldAcceptASingleRequestObject() throws Exception
    {
        final byte[] hive = Files.readAllBytes(new File(HIVE_PRAGUE).toPath());
        final JsonScanner scanner = new JsonScanner().wrap(new UnsafeBuffer(hive), 0, hive.length);
        final int request = scanner.element(0, 11);
        final File file = new File(tmp, "one.json");
        Files.write(file.toPath(), java.util.Arrays.copyOfRange(hive, request, scanner.valueEnd(request)));

        assertEquals(0, run("verify-payload", file.getPath()), err());
        assertEquals(1, lines().length);
        assertTrue(lines()[0].startsWith("11 0xc2edbf69"), lines()[0]);
        assertTrue(lines()[0].endsWith(" OK"));
    }

    @Test
    void shouldExplainUnreadableInput() throws Exception
    {
        assertEquals(1, run("verify-payload", new File(tmp, "missing.json").getPath()));
        assertTrue(err().startsWith("error: cannot read "), err());

        final File garbage = new File(tmp, "garbage.json");
        Files.write(garbage.toPath(), "{\"method\":\"engine_newPayloadV1\",\n\"params\":[".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, run("verify-payload", garbage.getPath()));
        assertTrue(err().contains("is neither JSON nor one JSON value per line: line 1"), err());

        final File fcu = new File(tmp, "fcu.json");
        Files.write(fcu.toPath(),
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"engine_forkchoiceUpdatedV3\",\"params\":[]}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(1, run("verify-payload", fcu.getPath()));
        assertTrue(err().contains("method engine_forkchoiceUpdatedV3 is not engine_newPayload, skipped"), err());
        assertTrue(err().contains("error: no engine_newPayload requests in "), err());

        final File empty = new File(tmp, "empty.json");
        Files.write(empty.toPath(), "  \n".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, run("verify-payload", empty.getPath()));
        assertTrue(err().contains(" is empty"), err());

        assertEquals(2, run("verify-payload", "--chain", "atlantis", HIVE));
        assertTrue(err().startsWith("error: unknown chain 'atlantis'; known: mainnet, "), err());

        assertEquals(2, run("verify-payload"));
    }
}
