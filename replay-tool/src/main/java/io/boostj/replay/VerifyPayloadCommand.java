package io.boostj.replay;

import io.boostj.codecs.eth.ForkSchedule;
import io.boostj.codecs.eth.PayloadBlockHasher;
import io.boostj.codecs.json.JsonException;
import io.boostj.codecs.json.JsonScanner;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.Callable;

/**
 * {@code verify-payload}: recompute the block hash of every {@code engine_newPayloadV1..V4} request in a file and
 * compare it with the payload's {@code blockHash} ({@link PayloadBlockHasher}).
 */
@Command(
    name = "verify-payload",
    mixinStandardHelpOptions = true,
    description = {
        "Recompute the block hash of every engine_newPayloadV1..V4 request in FILE (one JSON-RPC request object, an " +
        "array of them, or one per line) from the payload, with the header layout of the fork active at the " +
        "payload's timestamp, and compare it with the payload's blockHash.",
        "Prints one line per payload: '<blockNumber> <claimedHash> <computedHash> OK|MISMATCH', or " +
        "'<blockNumber> <claimedHash> - UNKNOWN <reason>' when the hash cannot be recomputed (missing field, " +
        "unknown fork ...); a summary goes to stderr. Other methods are skipped.",
        "Exits 0 iff there is at least one payload and every payload is OK; 1 otherwise or when FILE cannot be " +
        "read or is not JSON; 2 for bad usage (e.g. an unknown --chain)." })
public final class VerifyPayloadCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "FILE", description = "File of engine_newPayload JSON-RPC requests.")
    File file;

    @Option(
        names = "--chain",
        paramLabel = "NAME",
        description = "Use the fork schedule of a known chain instead of inferring the fork from each payload's " +
        "shape: one of mainnet, sepolia, hoodi, op-mainnet, base-mainnet, op-sepolia, base-sepolia, " +
        "unichain-mainnet, unichain-sepolia, geth-hive, geth-hive-prague.")
    String chain;

    private final PrintStream out;
    private final PrintStream err;

    VerifyPayloadCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        return verifyPayloads(out, err, file, chain);
    }

    /**
     * Verify the payloads of a file.
     *
     * @param out   where the per-payload lines go.
     * @param err   where errors and the summary go.
     * @param file  the requests: one JSON object, an array, or one object per line.
     * @param chain name of a built-in fork schedule, or null to infer forks from payload shapes.
     * @return 0 if every payload's hash is reproduced, 1 otherwise, 2 for an unknown chain name.
     */
    public static int verifyPayloads(final PrintStream out, final PrintStream err, final File file, final String chain)
    {
        ForkSchedule schedule = null;
        if (null != chain)
        {
            schedule = ForkSchedule.byName(chain);
            if (null == schedule)
            {
                err.println("error: unknown chain '" + chain + "'; known: " + String.join(", ", ForkSchedule.names()));
                return 2;
            }
        }

        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(file.toPath());
        }
        catch (final IOException | RuntimeException ex)
        {
            err.println("error: cannot read " + file + ": " + ex);
            return 1;
        }

        final Tally tally = new Tally(out, err, new PayloadBlockHasher(schedule));
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final JsonScanner scanner = new JsonScanner();
        scanner.wrap(buffer, 0, bytes.length);
        final int start = scanner.skipWhitespace(0);
        if (start == bytes.length)
        {
            err.println("error: " + file + " is empty");
            return 1;
        }

        if (scanner.validate() == JsonScanner.VALID)
        {
            if (scanner.kind(start) == JsonScanner.ARRAY)
            {
                for (int request = scanner.element(start, 0); request >= 0; request = scanner.nextElement(request))
                {
                    tally.onRequest(scanner, request);
                }
            }
            else
            {
                tally.onRequest(scanner, start);
            }
        }
        else
        {
            int lineStart = 0;
            int lineNumber = 1;
            while (lineStart < bytes.length)
            {
                int lineEnd = lineStart;
                while (lineEnd < bytes.length && bytes[lineEnd] != '\n')
                {
                    lineEnd++;
                }
                scanner.wrap(buffer, lineStart, lineEnd - lineStart);
                if (scanner.skipWhitespace(lineStart) < lineEnd)
                {
                    final int error = scanner.validate();
                    if (error != JsonScanner.VALID)
                    {
                        err.printf("error: %s is neither JSON nor one JSON value per line: line %d: %s at column %d%n",
                            file, lineNumber, scanner.errorReason(), error - lineStart + 1);
                        return 1;
                    }
                    tally.onRequest(scanner, scanner.skipWhitespace(lineStart));
                }
                lineStart = lineEnd + 1;
                lineNumber++;
            }
        }

        return tally.finish(file);
    }

    private static final class Tally
    {
        private final PrintStream out;
        private final PrintStream err;
        private final PayloadBlockHasher hasher;
        private int requests;
        private int payloads;
        private int ok;
        private int mismatch;
        private int unknown;

        Tally(final PrintStream out, final PrintStream err, final PayloadBlockHasher hasher)
        {
            this.out = out;
            this.err = err;
            this.hasher = hasher;
        }

        void onRequest(final JsonScanner scanner, final int request)
        {
            requests++;
            final String method = method(scanner, request);
            if (null == method || !method.startsWith("engine_newPayloadV"))
            {
                err.printf("request %d: %s, skipped%n", requests,
                    null == method ? "not a JSON-RPC request" : "method " + method + " is not engine_newPayload");
                return;
            }

            payloads++;
            final int result = hasher.verifyRequest(scanner, request);
            final String number = hasher.blockNumber() >= 0 ? Long.toUnsignedString(hasher.blockNumber()) : "-";
            if (result == PayloadBlockHasher.MATCH || result == PayloadBlockHasher.MISMATCH)
            {
                final boolean match = result == PayloadBlockHasher.MATCH;
                out.printf("%s %s %s %s%n",
                    number, hex(hasher.claimedHash()), hex(hasher.computedHash()), match ? "OK" : "MISMATCH");
                if (match)
                {
                    ok++;
                }
                else
                {
                    mismatch++;
                }
            }
            else
            {
                out.printf("%s %s - UNKNOWN %s%n", number, claimedHash(scanner, request), hasher.reason());
                unknown++;
            }
        }

        int finish(final File file)
        {
            if (payloads == 0)
            {
                err.println("error: no engine_newPayload requests in " + file);
                return 1;
            }
            err.printf("%d payloads: %d OK, %d MISMATCH, %d UNKNOWN%n", payloads, ok, mismatch, unknown);
            return ok == payloads ? 0 : 1;
        }

        private static String method(final JsonScanner scanner, final int request)
        {
            try
            {
                if (scanner.kind(request) != JsonScanner.OBJECT)
                {
                    return null;
                }
                final int method = scanner.member(request, "method");
                if (method < 0 || scanner.kind(method) != JsonScanner.STRING)
                {
                    return null;
                }
                return string(scanner, method);
            }
            catch (final JsonException ex)
            {
                return null;
            }
        }

        private static String claimedHash(final JsonScanner scanner, final int request)
        {
            try
            {
                final int params = scanner.member(request, "params");
                final int blockHash = scanner.member(scanner.element(params, 0), "blockHash");
                if (blockHash >= 0 && scanner.kind(blockHash) == JsonScanner.STRING)
                {
                    return string(scanner, blockHash);
                }
            }
            catch (final JsonException ex)
            {
                // fall through: no readable claim
            }
            return "-";
        }

        private static String string(final JsonScanner scanner, final int pos)
        {
            final int start = scanner.stringContentStart(pos);
            final int end = scanner.stringContentEnd(pos);
            final byte[] bytes = new byte[end - start];
            scanner.buffer().getBytes(start, bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private static String hex(final DirectBuffer hash)
        {
            final byte[] bytes = new byte[32];
            hash.getBytes(0, bytes);
            return io.boostj.codecs.hex.Hex.toHexString(bytes);
        }
    }
}
