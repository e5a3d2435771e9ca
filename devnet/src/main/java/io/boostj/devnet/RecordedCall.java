package io.boostj.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.time.Instant;
import java.util.Map;

/**
 * One JSON-RPC call a {@link MockExecutionClient} received (one element of a batch is one call), kept for assertions.
 */
public final class RecordedCall
{
    private final long sequence;
    private final String method;
    private final String rawId;
    private final JsonNode request;
    private final String rawBody;
    private final Map<String, String> headers;
    private final Instant receivedAt;
    private final long receivedNanos;
    private final boolean batch;
    private final boolean authorized;
    private final String refusal;
    private volatile String responseBody;
    private volatile long answeredNanos;

    RecordedCall(
        final long sequence,
        final String method,
        final String rawId,
        final JsonNode request,
        final String rawBody,
        final Map<String, String> headers,
        final boolean batch,
        final boolean authorized,
        final String refusal)
    {
        this.sequence = sequence;
        this.method = method;
        this.rawId = rawId;
        this.request = request;
        this.rawBody = rawBody;
        this.headers = headers;
        this.receivedAt = Instant.now();
        this.receivedNanos = System.nanoTime();
        this.batch = batch;
        this.authorized = authorized;
        this.refusal = refusal;
    }

    /** @return order of arrival at this mock, from 1. */
    public long sequence()
    {
        return sequence;
    }

    /** @return the JSON-RPC method, or "" when the request had none (or was refused before parsing). */
    public String method()
    {
        return method;
    }

    /** @return the raw JSON id ("null" when absent). */
    public String rawId()
    {
        return rawId;
    }

    /** @return the request object (MissingNode when refused or unparseable). */
    public JsonNode request()
    {
        return null == request ? MissingNode.getInstance() : request;
    }

    /**
     * @param index position in {@code params}.
     * @return that parameter, or a MissingNode.
     */
    public JsonNode param(final int index)
    {
        return request().path("params").path(index);
    }

    /** @return the {@code params} as compact JSON text ("" when absent). */
    public String paramsRaw()
    {
        final JsonNode p = request().get("params");
        return null == p ? "" : p.toString();
    }

    /** @return the whole HTTP body this call arrived in (the batch for a batch element). */
    public String rawBody()
    {
        return rawBody;
    }

    /** @return HTTP request headers, names lower-case. */
    public Map<String, String> headers()
    {
        return headers;
    }

    /**
     * @param name a header name, any case.
     * @return its value or null.
     */
    public String header(final String name)
    {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** @return wall-clock arrival time. */
    public Instant receivedAt()
    {
        return receivedAt;
    }

    /** @return {@link System#nanoTime()} at arrival. */
    public long receivedNanos()
    {
        return receivedNanos;
    }

    /** @return {@link System#nanoTime()} when the answer was written, 0 if not (yet) answered. */
    public long answeredNanos()
    {
        return answeredNanos;
    }

    /** @return whether it arrived inside a JSON-RPC batch. */
    public boolean batch()
    {
        return batch;
    }

    /** @return whether its JWT was accepted (always true when the mock checks no JWT). */
    public boolean authorized()
    {
        return authorized;
    }

    /** @return why the JWT was refused, or null. */
    public String refusal()
    {
        return refusal;
    }

    /** @return the exact body the mock answered with (for a batch element: its element), null if not answered yet. */
    public String responseBody()
    {
        return responseBody;
    }

    void answered(final String body)
    {
        responseBody = body;
        answeredNanos = System.nanoTime();
    }

    /** @return whether the method is an Engine API method ({@code engine_*}). */
    public boolean isEngine()
    {
        return method.startsWith("engine_");
    }

    @Override
    public String toString()
    {
        return "#" + sequence + " " + method + (batch ? " (batch)" : "") + (authorized ? "" : " REFUSED: " + refusal) +
            " id=" + rawId + " params=" + abbreviate(paramsRaw(), 160);
    }

    private static String abbreviate(final String s, final int max)
    {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
