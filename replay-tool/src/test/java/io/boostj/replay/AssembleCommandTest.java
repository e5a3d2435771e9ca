package io.boostj.replay;

import io.boostj.codecs.flashblocks.AssembledPayloadCheck;
import io.boostj.codecs.flashblocks.PayloadEnvelopeVersion;
import io.boostj.codecs.json.JsonScanner;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssembleCommandTest
{
    private static final String BLOCK_HASH = "0xc463a3120c35268f610d969f5608b479332ef10953af77c7a6be806195831196";

    @TempDir
    File tmp;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private static File resource(final String path)
    {
        try
        {
            return new File(AssembleCommandTest.class.getResource("/testdata/flashblocks/" + path).toURI());
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static List<String> unichainLines() throws IOException
    {
        return Files.readAllLines(resource("unichain_sepolia_35535698_with_metadata.ndjson").toPath());
    }

    private File file(final String name, final List<String> lines) throws IOException
    {
        final File file = new File(tmp, name);
        Files.write(file.toPath(), lines);
        return file;
    }

    private int run(final String... args)
    {
        outBytes.reset();
        errBytes.reset();
        return ReplayTool.run(out, err, args);
    }

    private String out()
    {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err()
    {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private String payloadField(final String name)
    {
        final String envelope = out().trim();
        final UnsafeBuffer buffer = new UnsafeBuffer(envelope.getBytes(StandardCharsets.UTF_8));
        final JsonScanner scanner = new JsonScanner().wrap(buffer, 0, buffer.capacity());
        assertEquals(JsonScanner.VALID, scanner.validate(), envelope);
        final int value = scanner.member(scanner.member(0, "executionPayload"), name);
        return value < 0 ? null : buffer.getStringWithoutLengthUtf8(value, scanner.valueEnd(value) - value);
    }

    @Test
    void shouldAssembleTheUnichainBlockFromNdjson()
    {
        final String path = resource("unichain_sepolia_35535698_with_metadata.ndjson").getPath();
        assertEquals(0, run("assemble", path), err());
        assertEquals("\"" + BLOCK_HASH + "\"", payloadField("blockHash"));
        assertEquals("\"0x21e3b52\"", payloadField("blockNumber"));
        assertTrue(out().contains(",\"executionRequests\":[]}"), out());
        assertTrue(err().contains("assembled 5 flashblocks (index 0..4) of payload 0x03c446f063e3735a: V4, " +
            "block 35535698, hash " + BLOCK_HASH + ", 6 txs, gas used 205112"), err());
        assertTrue(err().contains("block hash verified by block hash recomputed from the payload"), err());
    }

    @Test
    void shouldGiveTheSameEnvelopeFromAnArrayOrBrotliFrames()
    {
        assertEquals(0, run("assemble", resource("unichain_sepolia_35535698_with_metadata.ndjson").getPath()));
        final String expected = out();
        assertEquals(0, run("assemble",
            resource("op-alloy_flashblocks_sequence_unichain_sepolia_block_35535698_5fb.json").getPath()), err());
        assertEquals(expected, out());
        assertEquals(0, run("assemble", resource("brotli").getPath()), err());
        assertEquals(expected, out());
    }

    @Test
    void shouldAssembleASingleBrotliFrameAndPrefixes() throws IOException
    {
        final String firstBlockHash = unichainLines().get(0).replaceAll(".*\"block_hash\":\"(0x[0-9a-f]{64})\".*", "$1");
        assertEquals(0, run("assemble", resource("brotli/unichain_fb_0.json.br").getPath()), err());
        assertEquals("\"" + firstBlockHash + "\"", payloadField("blockHash"));

        final String thirdBlockHash = unichainLines().get(2).replaceAll(".*\"block_hash\":\"(0x[0-9a-f]{64})\".*", "$1");
        assertEquals(0, run("assemble", "--until-index", "2",
            resource("unichain_sepolia_35535698_with_metadata.ndjson").getPath()), err());
        assertEquals("\"" + thirdBlockHash + "\"", payloadField("blockHash"));

        assertEquals(1, run("assemble", "--until-index", "5",
            resource("unichain_sepolia_35535698_with_metadata.ndjson").getPath()));
        assertTrue(err().contains("--until-index 5 but only indexes 0..4 were read"), err());
    }

    @Test
    void shouldHonourTheVersionOption()
    {
        final String path = resource("unichain_sepolia_35535698_with_metadata.ndjson").getPath();
        assertEquals(1, run("assemble", "--version", "v3", path), "an Isthmus block as V3 cannot hash right: " + err());
        assertEquals(null, payloadField("withdrawalsRoot"));
        assertFalse(out().contains("executionRequests"));
        assertTrue(err().contains(": V3, "), err());
        assertTrue(err().contains("error: block hash mismatch"), err());
        assertEquals(0, run("assemble", "--version=V5", path), err());
        assertTrue(out().contains("executionRequests"));
        assertEquals(2, run("assemble", "--version", "v9", path));
    }

    @Test
    void shouldAssembleThePrettyPrintedBaseSepoliaBlock()
    {
        assertEquals(1, run("assemble", resource("base_sepolia_block_33439826.json").getPath()),
            "Base skips per-flashblock state roots, so the hash cannot reproduce: " + err());
        assertTrue(err().contains("error: block hash mismatch"), err());
        assertEquals("\"0x2b440a266840a96993d85d45d1de1e81f7a859aaac4654dcd5a990ffa2ef947b\"", payloadField("blockHash"));
        assertTrue(err().contains("assembled 11 flashblocks (index 0..10)"), err());
        assertTrue(err().contains(", 24 txs, "), err());
    }

    @Test
    void shouldExplainAGap() throws IOException
    {
        final List<String> lines = unichainLines();
        assertEquals(1, run("assemble", file("gap.ndjson", List.of(lines.get(0), lines.get(2))).getPath()));
        assertTrue(err().contains("error: gap.ndjson message #1: INVALID_INDEX: expected index 1, got 2 " +
            "(gap: missing index 1)"), err());
        assertEquals("", out());
    }

    @Test
    void shouldExplainADuplicate() throws IOException
    {
        final List<String> lines = unichainLines();
        assertEquals(1, run("assemble", file("dup.ndjson", List.of(lines.get(0), lines.get(1), lines.get(1))).getPath()));
        assertTrue(err().contains("message #2: INVALID_INDEX: expected index 2, got 1 (duplicate)"), err());
    }

    @Test
    void shouldExplainAMissingOrUnexpectedBase() throws IOException
    {
        final List<String> lines = unichainLines();
        final String noBase = lines.get(1).replace("\"index\":1", "\"index\":0");
        assertEquals(1, run("assemble", file("nobase.ndjson", List.of(noBase)).getPath()));
        assertTrue(err().contains("nobase.ndjson: MISSING_BASE: index 0 carries no base (index 0)"), err());

        final String base = lines.get(0).substring(lines.get(0).indexOf("\"base\":"), lines.get(0).indexOf(",\"diff\""));
        final String extraBase = lines.get(1).replace("\"base\":null", base);
        assertEquals(1, run("assemble", file("base.ndjson", List.of(lines.get(0), extraBase)).getPath()));
        assertTrue(err().contains("UNEXPECTED_BASE: a flashblock after index 0 carries a base (index 1)"), err());
    }

    @Test
    void shouldExplainMixedPayloadIds() throws IOException
    {
        final List<String> lines = unichainLines();
        final String other = lines.get(1).replace("0x03c446f063e3735a", "0x00000000000000ff");
        assertEquals(1, run("assemble", file("mixed.ndjson", List.of(lines.get(0), other)).getPath()));
        assertTrue(err().contains("PAYLOAD_ID_MISMATCH: payload id 0x00000000000000ff differs from the sequence's " +
            "0x03c446f063e3735a"), err());
    }

    @Test
    void shouldExplainMalformedInput() throws IOException
    {
        final List<String> lines = unichainLines();
        assertEquals(1, run("assemble", file("bad.ndjson", List.of(lines.get(0), "{\"index\":1}")).getPath()));
        assertTrue(err().contains("bad.ndjson message #1: MISSING_FIELD: payload_id is missing"), err());

        assertEquals(1, run("assemble", file("broken.ndjson", List.of(lines.get(0), "{\"index\":")).getPath()));
        assertTrue(err().contains("broken.ndjson: malformed JSON"), err());

        assertEquals(1, run("assemble", file("array.json", List.of("[" + lines.get(0) + ",]")).getPath()));
        assertTrue(err().contains("array.json: malformed JSON array"), err());

        assertEquals(1, run("assemble", file("empty.json", List.of("")).getPath()));
        assertTrue(err().contains("empty.json: empty frame"), err());

        assertEquals(1, run("assemble", new File(tmp, "missing").getPath()));
        assertTrue(err().contains("no such file or directory"), err());

        final File emptyDir = new File(tmp, "dir");
        assertTrue(emptyDir.mkdir());
        assertEquals(1, run("assemble", emptyDir.getPath()));
        assertTrue(err().contains("no files in"), err());

        assertEquals(1, run("assemble", "--max-frame-bytes", "100", resource("brotli").getPath()));
        assertTrue(err().contains("unichain_fb_0.json.br: brotli frame decodes to more than 100 bytes"), err());
    }

    @Test
    void shouldReportTheBlockHashCheck()
    {
        final File input = resource("unichain_sepolia_35535698_with_metadata.ndjson");
        final List<String> seen = new ArrayList<>();
        final int[] result = { AssembledPayloadCheck.MATCH };
        final AssembledPayloadCheck check = new AssembledPayloadCheck()
        {
            public String name()
            {
                return "test hasher";
            }

            public int check(
                final DirectBuffer buffer,
                final int envelopeOffset,
                final int envelopeLength,
                final int executionPayloadOffset,
                final int executionPayloadLength,
                final MutableDirectBuffer computedBlockHash)
            {
                seen.add(buffer.getStringWithoutLengthUtf8(executionPayloadOffset, executionPayloadLength));
                computedBlockHash.setMemory(0, 32, (byte)0xee);
                return result[0];
            }
        };

        assertEquals(0, AssembleCommand.assemble(out, err, input, null, null, 1 << 20, check));
        assertTrue(seen.get(0).startsWith("{\"parentHash\":") && seen.get(0).contains(BLOCK_HASH), seen.get(0));
        assertTrue(err().contains("block hash verified by test hasher"), err());

        result[0] = AssembledPayloadCheck.MISMATCH;
        errBytes.reset();
        assertEquals(1, AssembleCommand.assemble(out, err, input, PayloadEnvelopeVersion.V4, null, 1 << 20, check));
        assertTrue(err().contains("error: block hash mismatch (test hasher): payload says " + BLOCK_HASH +
            ", computed 0x" + "ee".repeat(32)), err());

        result[0] = AssembledPayloadCheck.ERROR;
        assertEquals(1, AssembleCommand.assemble(out, err, input, null, null, 1 << 20, check));
        assertTrue(err().contains("block hash could not be checked by test hasher"), err());
        assertTrue(AssembleCommand.loadCheck() instanceof io.boostj.codecs.flashblocks.BlockHashPayloadCheck);
    }

    @Test
    void shouldPrintItsHelp()
    {
        assertEquals(0, run("assemble", "--help"));
        assertTrue(out().contains("Usage: replay-tool assemble [-h] [--max-frame-bytes=BYTES] [--until-index=K]"), out());
        assertTrue(out().contains("--version=VERSION"), out());
        assertEquals(0, run("--help"));
        assertTrue(out().contains("assemble"), out());
        assertEquals(2, run("assemble"));
    }

    @Test
    void shouldSortFramesByTheNumbersInTheirNames()
    {
        final List<String> names = new ArrayList<>(List.of("fb_10.br", "fb_2.br", "fb_1.br", "a", "fb_02.br"));
        names.sort(AssembleCommand::compareNatural);
        assertEquals(List.of("a", "fb_1.br", "fb_02.br", "fb_2.br", "fb_10.br"), names);
    }
}
