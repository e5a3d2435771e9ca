package io.boostj.perf;

/**
 * The canned JSON results a stub execution client answers with (only the {@code result} values; the harness wraps
 * them with the request's id). Hashes are those of the real payloads under {@code payloads/}.
 */
public final class StubResponses
{
    /** Head of the hive chain as its FCU names it. */
    public static final String HEAD_HASH = "0x44e3809c9a3cda717f00aea3a9da336d149612c8d5657fbc0028176ef8d94d2a";
    /** Hash of the 56-transaction block of {@link Payloads#NEW_PAYLOAD_V3}. */
    public static final String BLOCK_HASH = "0xc2edbf6987d529aeb53f0446650f0c76fd4aac53d87319bd3906700461531e28";
    /** What eth_sendRawTransaction answers: a transaction hash (constant; the stub does not hash the transaction). */
    public static final String TX_HASH = "0x5e1fc6d2d1b3d3c0e0c4c6e25c4b7fdd1a0b2e7c7f3c5d1f2b9c8a7d6e5f4a3b";

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private StubResponses()
    {
    }

    /**
     * @param payloadId the payload id to return, or -1 for none (FCU without attributes).
     * @return a VALID forkchoiceUpdated result.
     */
    public static String forkchoiceResult(final long payloadId)
    {
        return "{\"payloadStatus\":{\"status\":\"VALID\",\"latestValidHash\":\"" + HEAD_HASH +
            "\",\"validationError\":null},\"payloadId\":" + (-1 == payloadId ? "null" : "\"" + hex64(payloadId) + "\"") +
            "}";
    }

    /**
     * @return a VALID newPayload result.
     */
    public static String newPayloadResult()
    {
        return "{\"status\":\"VALID\",\"latestValidHash\":\"" + BLOCK_HASH + "\",\"validationError\":null}";
    }

    /**
     * @param timestampS the block timestamp in epoch seconds (the sidecar's health probe wants a fresh one).
     * @return an eth_getBlockByNumber("latest", false) result.
     */
    public static String blockResult(final long timestampS)
    {
        return "{\"number\":\"0xb\",\"hash\":\"" + BLOCK_HASH + "\",\"parentHash\":\"" + HEAD_HASH +
            "\",\"timestamp\":\"0x" + Long.toHexString(timestampS) + "\",\"gasUsed\":\"0x0\",\"transactions\":[]}";
    }

    /**
     * @param value a 64-bit value.
     * @return {@code 0x} and 16 lower-case hex digits.
     */
    public static String hex64(final long value)
    {
        final char[] out = new char[18];
        out[0] = '0';
        out[1] = 'x';
        for (int i = 0; i < 16; i++)
        {
            out[2 + i] = HEX[(int)(value >>> (60 - 4 * i)) & 0xF];
        }
        return new String(out);
    }
}
