package io.boostj.devnet;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What happened to one block the {@link OpNodeDriver} asked for: the calls made (with their latencies), the block
 * produced and where it came from, or the step that failed.
 */
public final class BlockResult
{
    /** Step name of the forkchoiceUpdated with attributes. */
    public static final String FCU = "fcu";
    /** Step name of the getPayload. */
    public static final String GET_PAYLOAD = "getPayload";
    /** Step name of the newPayload. */
    public static final String NEW_PAYLOAD = "newPayload";
    /** Step name of the forkchoiceUpdated to the new head. */
    public static final String FCU_HEAD = "fcuHead";

    private final long index;
    private final Map<String, Long> latenciesNs = new LinkedHashMap<>();
    private String payloadId;
    private JsonNode envelope;
    private String blockHash;
    private String parentHash;
    private long number = -1;
    private String blockValue;
    private String source = "none";
    private String failedStep;
    private String error;
    private long startNanos;
    private long endNanos;

    BlockResult(final long index)
    {
        this.index = index;
    }

    void latency(final String step, final long ns)
    {
        latenciesNs.put(step, ns);
    }

    void payloadId(final String v)
    {
        payloadId = v;
    }

    void envelope(final JsonNode v, final String source)
    {
        envelope = v;
        final JsonNode payload = v.path("executionPayload");
        blockHash = payload.path("blockHash").asText(null);
        parentHash = payload.path("parentHash").asText(null);
        final String n = payload.path("blockNumber").asText(null);
        number = null == n ? -1 : Long.decode(n);
        blockValue = v.path("blockValue").asText(null);
        this.source = source;
    }

    void fail(final String step, final String why)
    {
        failedStep = step;
        error = why;
    }

    void times(final long start, final long end)
    {
        startNanos = start;
        endNanos = end;
    }

    /** @return the driver's block counter, from 1. */
    public long index()
    {
        return index;
    }

    /** @return true when all four calls succeeded and the head moved to the new block. */
    public boolean ok()
    {
        return null == error;
    }

    /** @return the step that failed ({@link #FCU} ...), or null. */
    public String failedStep()
    {
        return failedStep;
    }

    /** @return what went wrong, or null. */
    public String error()
    {
        return error;
    }

    /** @return the payload id op-node saw (the sidecar returns L2's), or null. */
    public String payloadId()
    {
        return payloadId;
    }

    /** @return the getPayload envelope, or null. */
    public JsonNode envelope()
    {
        return envelope;
    }

    /** @return the block hash returned by getPayload, or null. */
    public String blockHash()
    {
        return blockHash;
    }

    /** @return its parent hash, or null. */
    public String parentHash()
    {
        return parentHash;
    }

    /** @return its number, or -1. */
    public long number()
    {
        return number;
    }

    /** @return the envelope's blockValue, or null. */
    public String blockValue()
    {
        return blockValue;
    }

    /** @return "builder", "l2", "unknown" (blockValue of neither) or "none" (no payload). */
    public String source()
    {
        return source;
    }

    /** @return latency of each step made, in nanoseconds, in call order. */
    public Map<String, Long> latenciesNs()
    {
        return Collections.unmodifiableMap(latenciesNs);
    }

    /**
     * @param step a step name.
     * @return its latency in nanoseconds, or -1 when it was not made.
     */
    public long latencyNs(final String step)
    {
        final Long ns = latenciesNs.get(step);
        return null == ns ? -1 : ns;
    }

    /** @return first call to last answer, nanoseconds. */
    public long totalNs()
    {
        return endNanos - startNanos;
    }

    @Override
    public String toString()
    {
        final StringBuilder b = new StringBuilder()
            .append("block ").append(index)
            .append(number >= 0 ? " #" + number : "")
            .append(" source=").append(source);
        if (null != blockHash)
        {
            b.append(" hash=").append(blockHash, 0, Math.min(blockHash.length(), 12)).append('…');
        }
        latenciesNs.forEach((k, v) -> b.append(' ').append(k).append('=')
            .append(String.format(java.util.Locale.ROOT, "%.2fms", v / 1e6)));
        if (null != error)
        {
            b.append(" FAILED at ").append(failedStep).append(": ").append(error);
        }
        return b.toString();
    }
}
