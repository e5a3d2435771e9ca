package io.boostj.perf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The real Engine API requests and responses the benchmarks and the harness use, from {@code payloads/} on the
 * classpath (see {@code payloads/PROVENANCE.md}).
 */
public final class Payloads
{
    /** The largest request of the hive chains: engine_newPayloadV3, block 0xb, 56 transactions, 13.8 KB. */
    public static final String NEW_PAYLOAD_V3 = "newPayloadV3-hive-prague-11";
    /** The largest engine_newPayloadV4 of the hive chains: 3 transactions, 2.3 KB. */
    public static final String NEW_PAYLOAD_V4 = "newPayloadV4-hive-prague-12";
    /** A real Hoodi testnet block as engine_newPayloadV4: 27 transactions, 2 blobs, 21 KB. */
    public static final String NEW_PAYLOAD_V4_HOODI = "newPayloadV4-hoodi-0x906c3b7c";
    /** engine_forkchoiceUpdatedV3 with OP (Holocene) payload attributes and one deposit transaction. */
    public static final String FCU_ATTRIBUTES = "forkchoiceUpdatedV3-attributes";
    /** engine_forkchoiceUpdatedV3 without attributes. */
    public static final String FCU_NO_ATTRIBUTES = "forkchoiceUpdatedV3-no-attributes";
    /** The OP getPayloadV3 envelope (result object) of the V3 payload above. */
    public static final String GET_PAYLOAD_V3_RESULT = "getPayloadV3-result-hive-prague-11";
    /** The OP getPayloadV4 envelope (result object) of the V4 payload above. */
    public static final String GET_PAYLOAD_V4_RESULT = "getPayloadV4-result-hive-prague-12";
    /** eth_sendRawTransaction of a real signed transaction. */
    public static final String SEND_RAW_TRANSACTION = "sendRawTransaction";

    private static final byte[] PARAMS_KEY = "\"params\":".getBytes(StandardCharsets.US_ASCII);

    private Payloads()
    {
    }

    /**
     * @param name a file name under {@code payloads/} without {@code .json}.
     * @return its bytes.
     * @throws IllegalArgumentException if there is no such resource.
     */
    public static byte[] bytes(final String name)
    {
        return bytes(name, "json");
    }

    /**
     * @param name      a file name under {@code payloads/} without its extension.
     * @param extension the extension, without the dot.
     * @return its bytes.
     * @throws IllegalArgumentException if there is no such resource.
     */
    public static byte[] bytes(final String name, final String extension)
    {
        final String path = "/payloads/" + name + "." + extension;
        try (InputStream in = Payloads.class.getResourceAsStream(path))
        {
            if (null == in)
            {
                throw new IllegalArgumentException("no resource " + path);
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param name a file name under {@code payloads/} without {@code .json}.
     * @return its text.
     */
    public static String text(final String name)
    {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /**
     * @param name      a file name under {@code payloads/} without its extension.
     * @param extension the extension, without the dot.
     * @return its text.
     */
    public static String text(final String name, final String extension)
    {
        return new String(bytes(name, extension), StandardCharsets.UTF_8);
    }

    /**
     * The raw {@code params} array of a compact request whose last member is {@code params}.
     *
     * @param request the request bytes.
     * @return the bytes of the params array.
     */
    public static byte[] paramsOf(final byte[] request)
    {
        final int at = indexOf(request, PARAMS_KEY, 0);
        if (at < 0)
        {
            throw new IllegalArgumentException("no params member");
        }
        final int start = at + PARAMS_KEY.length;
        int end = request.length - 1;
        while (end > start && request[end] != '}')
        {
            end--;
        }
        final byte[] params = new byte[end - start];
        System.arraycopy(request, start, params, 0, params.length);
        return params;
    }

    /**
     * Wraps a result object in a JSON-RPC 2.0 response.
     *
     * @param id     the raw JSON id.
     * @param result the raw JSON result.
     * @return the response bytes.
     */
    public static byte[] response(final String id, final byte[] result)
    {
        final byte[] head = ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":").getBytes(StandardCharsets.US_ASCII);
        final byte[] out = new byte[head.length + result.length + 1];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(result, 0, out, head.length, result.length);
        out[out.length - 1] = '}';
        return out;
    }

    /**
     * @param haystack bytes to search.
     * @param needle   bytes to find.
     * @param from     first index to look at.
     * @return the index of the first occurrence at or after {@code from}, or -1.
     */
    public static int indexOf(final byte[] haystack, final byte[] needle, final int from)
    {
        outer:
        for (int i = Math.max(0, from), last = haystack.length - needle.length; i <= last; i++)
        {
            for (int j = 0; j < needle.length; j++)
            {
                if (haystack[i + j] != needle[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
