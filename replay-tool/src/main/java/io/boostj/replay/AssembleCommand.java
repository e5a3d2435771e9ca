package io.boostj.replay;

import io.boostj.codecs.flashblocks.AssembledPayloadCheck;
import io.boostj.codecs.flashblocks.FlashblockAssembler;
import io.boostj.codecs.flashblocks.FlashblockFrames;
import io.boostj.codecs.flashblocks.FlashblockView;
import io.boostj.codecs.flashblocks.PayloadEnvelopeVersion;
import io.boostj.codecs.hex.Hex;
import io.boostj.codecs.json.JsonException;
import io.boostj.codecs.json.JsonScanner;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code assemble}: rebuilds the getPayload envelope that a payload's flashblocks add up to, the way rollup-boost
 * does, and says why when the sequence is invalid.
 */
@Command(
    name = "assemble",
    description = {
        "Read flashblock messages and print the engine_getPayload envelope they assemble to (rollup-boost's " +
        "flashblock reconstruction): V4 when the last flashblock carries withdrawals_root (Isthmus), else V3.",
        "FILE is a JSON file (one message per line, a JSON array, or one message), a brotli frame (.br), or a " +
        "directory of such frames read in natural name order; each frame may be JSON or brotli (auto-detected).",
        "The envelope goes to stdout, a summary and the block-hash check result to stderr. Exits 1 and says why " +
        "when the sequence is invalid (gap, duplicate, missing or unexpected base, mixed payload ids, malformed " +
        "message) or the block hash check fails; 2 on bad usage." })
public final class AssembleCommand implements Callable<Integer>
{
    @Option(names = { "-h", "--help" }, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "FILE", description = "Flashblock messages: file or directory.")
    File input;

    @Option(
        names = "--version",
        paramLabel = "VERSION",
        description = "Envelope version: ${COMPLETION-CANDIDATES} (default: V4 if the last flashblock has " +
        "withdrawals_root, else V3).")
    PayloadEnvelopeVersion version;

    @Option(
        names = "--until-index",
        paramLabel = "K",
        description = "Assemble only the prefix 0..K (default: every flashblock).")
    Integer untilIndex;

    @Option(
        names = "--max-frame-bytes",
        paramLabel = "BYTES",
        defaultValue = "16777216",
        description = "Largest decompressed brotli frame accepted (default: ${DEFAULT-VALUE}).")
    int maxFrameBytes;

    private final PrintStream out;
    private final PrintStream err;

    AssembleCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        return assemble(out, err, input, version, untilIndex, maxFrameBytes, loadCheck());
    }

    /**
     * The block-hash check to run on the envelope: the payload's hash recomputed
     * ({@link io.boostj.codecs.flashblocks.BlockHashPayloadCheck}).
     *
     * @return the check.
     */
    public static AssembledPayloadCheck loadCheck()
    {
        return new io.boostj.codecs.flashblocks.BlockHashPayloadCheck();
}

    /**
     * Assemble the flashblocks in {@code input}.
     *
     * @param out           where the envelope goes.
     * @param err           where the summary, check result and errors go.
     * @param input         file or directory of frames.
     * @param version       envelope version, or null to choose by the last flashblock.
     * @param untilIndex    last index to include, or null for all.
     * @param maxFrameBytes largest decompressed brotli frame.
     * @param check         the block-hash check.
     * @return 0 on success, 1 if the input cannot be read, the sequence is invalid or the check fails.
     */
    public static int assemble(
        final PrintStream out,
        final PrintStream err,
        final File input,
        final PayloadEnvelopeVersion version,
        final Integer untilIndex,
        final int maxFrameBytes,
        final AssembledPayloadCheck check)
    {
        final List<File> files = frameFiles(err, input);
        if (null == files)
        {
            return 1;
        }

        final FlashblockFrames frames = new FlashblockFrames(maxFrameBytes);
        final FlashblockView view = new FlashblockView();
        final FlashblockAssembler assembler = new FlashblockAssembler();
        for (final File file : files)
        {
            final byte[] bytes;
            try
            {
                bytes = Files.readAllBytes(file.toPath());
            }
            catch (final IOException ex)
            {
                err.println("error: cannot read " + file + ": " + ex.getMessage());
                return 1;
            }

            final UnsafeBuffer fileBuffer = new UnsafeBuffer(bytes);
            final DirectBuffer json;
            final int jsonOffset;
            final int jsonLength;
            if (isJsonArray(bytes))
            {
                json = fileBuffer;
                jsonOffset = 0;
                jsonLength = bytes.length;
            }
            else if (frames.tryDecode(fileBuffer, 0, bytes.length) > 0)
            {
                json = frames.buffer();
                jsonOffset = frames.offset();
                jsonLength = frames.length();
            }
            else
            {
                err.println("error: " + file.getName() + ": " + frames.errorMessage());
                return 1;
            }

            final List<int[]> messages = new ArrayList<>();
            final String splitError = splitMessages(json, jsonOffset, jsonLength, messages);
            if (null != splitError)
            {
                err.println("error: " + file.getName() + ": " + splitError);
                return 1;
            }
            for (int i = 0; i < messages.size(); i++)
            {
                final int[] span = messages.get(i);
                final String label = file.getName() + (messages.size() > 1 ? " message #" + i : "");
                if (FlashblockView.OK != view.wrap(json, span[0], span[1]))
                {
                    err.println("error: " + label + ": " + FlashblockView.codeName(view.result()) + ": " +
                        view.errorMessage() + " (at byte " + (view.errorPosition() - span[0]) + ")");
                    return 1;
                }
                final int expectedIndex = assembler.count();
                final long expectedPayloadId = assembler.payloadId();
                final int code = assembler.tryAppend(view);
                if (FlashblockAssembler.OK != code)
                {
                    err.println("error: " + label + ": " + FlashblockAssembler.codeName(code) + ": " +
                        explain(code, view, expectedIndex, expectedPayloadId, assembler.errorMessage()));
                    return 1;
                }
            }
        }

        if (0 == assembler.count())
        {
            err.println("error: no flashblock in " + input);
            return 1;
        }
        final int last = null == untilIndex ? assembler.count() - 1 : untilIndex;
        if (last < 0 || last >= assembler.count())
        {
            err.println(
                "error: --until-index " + last + " but only indexes 0.." + (assembler.count() - 1) + " were read");
            return 1;
        }
        final PayloadEnvelopeVersion envelopeVersion = null != version ?
            version : PayloadEnvelopeVersion.forFlashblocks(assembler.hasWithdrawalsRoot(last));

        final ExpandableArrayBuffer envelope = new ExpandableArrayBuffer(assembler.maxEnvelopeLength(last));
        final int length = assembler.tryWriteEnvelope(last, envelopeVersion, envelope, 0);
        if (length < 0)
        {
            err.println("error: " + FlashblockAssembler.codeName(length) + ": " + assembler.errorMessage());
            return 1;
        }
        out.println(envelope.getStringWithoutLengthUtf8(0, length));

        final UnsafeBuffer hash = new UnsafeBuffer(new byte[32]);
        assembler.getBlockHash(hash, 0);
        final String blockHash = Hex.toHexString(hash.byteArray());
        err.printf("assembled %d flashblocks (index 0..%d) of payload 0x%016x: %s, block %d, hash %s, %d txs, " +
            "gas used %d%n", last + 1, last, assembler.payloadId(), envelopeVersion, assembler.blockNumber(),
            blockHash, assembler.txCount(), assembler.gasUsed());

        final UnsafeBuffer computed = new UnsafeBuffer(new byte[32]);
        final int result = check.check(envelope, assembler.envelopeOffset(), assembler.envelopeLength(),
            assembler.executionPayloadOffset(), assembler.executionPayloadLength(), computed);
        switch (result)
        {
            case AssembledPayloadCheck.NOT_CHECKED:
                err.println("block hash not checked: " + check.name());
                return 0;

            case AssembledPayloadCheck.MATCH:
                err.println("block hash verified by " + check.name());
                return 0;

            case AssembledPayloadCheck.MISMATCH:
                err.println("error: block hash mismatch (" + check.name() + "): payload says " + blockHash +
                    ", computed " + Hex.toHexString(computed.byteArray()));
                return 1;

            default:
                err.println("error: block hash could not be checked by " + check.name());
                return 1;
        }
    }

    private static String explain(
        final int code,
        final FlashblockView view,
        final int expectedIndex,
        final long expectedPayloadId,
        final String message)
    {
        switch (code)
        {
            case FlashblockAssembler.INVALID_INDEX:
                return String.format(Locale.ROOT, "expected index %d, got %s (%s)", expectedIndex,
                    Long.toUnsignedString(view.index()), Long.compareUnsigned(view.index(), expectedIndex) < 0 ?
                    "duplicate" : "gap: missing index " + expectedIndex);

            case FlashblockAssembler.PAYLOAD_ID_MISMATCH:
                return String.format(Locale.ROOT, "payload id 0x%016x differs from the sequence's 0x%016x",
                    view.payloadId(), expectedPayloadId);

            default:
                return message + " (index " + Long.toUnsignedString(view.index()) + ")";
        }
    }

    /**
     * Splits decoded frame text into messages: the elements of a top-level array, or consecutive top-level values
     * (one message, or one per line).
     *
     * @return null, or why the text cannot be split.
     */
    private static String splitMessages(
        final DirectBuffer buffer, final int offset, final int length, final List<int[]> messages)
    {
        final JsonScanner scanner = new JsonScanner().wrap(buffer, offset, length);
        try
        {
            int pos = scanner.skipWhitespace(offset);
            if (pos < offset + length && buffer.getByte(pos) == '[')
            {
                if (JsonScanner.VALID != scanner.validate())
                {
                    return "malformed JSON array: " + scanner.errorReason();
                }
                for (int element = scanner.element(pos, 0); element >= 0; element = scanner.nextElement(element))
                {
                    messages.add(new int[]{ element, scanner.valueEnd(element) - element });
                }
                return null;
            }
            while (pos < offset + length)
            {
                final int end = scanner.valueEnd(pos);
                messages.add(new int[]{ pos, end - pos });
                pos = scanner.skipWhitespace(end);
            }
            return null;
        }
        catch (final JsonException ex)
        {
            return "malformed JSON: " + ex.reason() + " at byte " + (ex.position() - offset);
        }
    }

    /**
     * A file holding a JSON array of messages is read as JSON text. Every other file is a frame, auto-detected as a
     * WebSocket consumer does it: a leading <code>{</code> is JSON, anything else brotli (a brotli stream may itself
     * start with <code>[</code>, so that rule only holds for files).
     */
    private static boolean isJsonArray(final byte[] bytes)
    {
        for (final byte b : bytes)
        {
            if (' ' != b && '\n' != b && '\r' != b && '\t' != b)
            {
                return '[' == b;
            }
        }
        return false;
    }

    private static List<File> frameFiles(final PrintStream err, final File input)
    {
        if (null == input || !input.exists())
        {
            err.println("error: no such file or directory: " + input);
            return null;
        }
        if (input.isFile())
        {
            return List.of(input);
        }
        final File[] files = input.listFiles(File::isFile);
        if (null == files || 0 == files.length)
        {
            err.println("error: no files in " + input);
            return null;
        }
        Arrays.sort(files, Comparator.comparing(File::getName, AssembleCommand::compareNatural));
        return List.of(files);
    }

    /**
     * Compares names so that embedded numbers sort by value: {@code fb_2} before {@code fb_10}.
     */
    static int compareNatural(final String a, final String b)
    {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length())
        {
            final char x = a.charAt(i);
            final char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y))
            {
                int iEnd = i;
                while (iEnd < a.length() && Character.isDigit(a.charAt(iEnd)))
                {
                    iEnd++;
                }
                int jEnd = j;
                while (jEnd < b.length() && Character.isDigit(b.charAt(jEnd)))
                {
                    jEnd++;
                }
                final int compared = new java.math.BigInteger(a.substring(i, iEnd))
                    .compareTo(new java.math.BigInteger(b.substring(j, jEnd)));
                if (0 != compared)
                {
                    return compared;
                }
                i = iEnd;
                j = jEnd;
            }
            else
            {
                if (x != y)
                {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        final int remaining = (a.length() - i) - (b.length() - j);
        return 0 != remaining ? remaining : a.compareTo(b);
    }
}
