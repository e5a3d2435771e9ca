package io.boostj.io.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.util.concurrent.TimeUnit;

/**
 * OTLP tracing behind {@code --tracing}: one span per answered Engine API call (named as upstream's spans:
 * {@code fork_choice_updated_v3}, {@code get_payload_v3}, ...) and the getPayload decision's attributes
 * ({@code payload_id}, {@code builder_payload_id}, {@code payload_source}, {@code reason}, {@code block_hash}), so a
 * trace backend can find a block by its payload id. Spans are made on the egress thread from journal-grade facts,
 * never in the engine; export is batched off-thread.
 */
public final class SidecarTracing implements AutoCloseable
{
    /** Attribute: the payload id op-node used. */
    public static final AttributeKey<String> PAYLOAD_ID = AttributeKey.stringKey("payload_id");
    /** Attribute: the builder's payload id. */
    public static final AttributeKey<String> BUILDER_PAYLOAD_ID = AttributeKey.stringKey("builder_payload_id");
    /** Attribute: l2 or builder. */
    public static final AttributeKey<String> PAYLOAD_SOURCE = AttributeKey.stringKey("payload_source");
    /** Attribute: why. */
    public static final AttributeKey<String> REASON = AttributeKey.stringKey("reason");
    /** Attribute: the returned block's hash. */
    public static final AttributeKey<String> BLOCK_HASH = AttributeKey.stringKey("block_hash");
    /** Attribute: the returned block's number. */
    public static final AttributeKey<Long> BLOCK_NUMBER = AttributeKey.longKey("block_number");
    /** Attribute: the JSON-RPC method. */
    public static final AttributeKey<String> METHOD = AttributeKey.stringKey("method");

    private final OpenTelemetrySdk sdk;
    private final Tracer tracer;

    private SidecarTracing(final OpenTelemetrySdk sdk)
    {
        this.sdk = sdk;
        this.tracer = sdk.getTracer("rollup_boost");
    }

    /**
     * @param otlpEndpoint the OTLP gRPC endpoint, e.g. {@code http://localhost:4317}.
     * @param serviceName  {@code service.name}: OTEL_SERVICE_NAME, else "rollup-boost", as upstream.
     * @return tracing exporting there.
     */
    public static SidecarTracing otlp(final String otlpEndpoint, final String serviceName)
    {
        return with(OtlpGrpcSpanExporter.builder().setEndpoint(otlpEndpoint).build(), serviceName);
    }

    /**
     * @param exporter    where spans go (tests pass an in-memory one).
     * @param serviceName {@code service.name}.
     * @return tracing exporting there.
     */
    public static SidecarTracing with(final SpanExporter exporter, final String serviceName)
    {
        final SdkTracerProvider provider = SdkTracerProvider.builder()
            .setResource(Resource.getDefault().merge(Resource.create(
                Attributes.of(AttributeKey.stringKey("service.name"), serviceName))))
            .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
            .build();
        return new SidecarTracing(OpenTelemetrySdk.builder().setTracerProvider(provider).build());
    }

    /**
     * Records an answered call.
     *
     * @param spanName     upstream's span name for the method.
     * @param startEpochNs when the request arrived.
     * @param endEpochNs   when it was answered.
     * @param attributes   extra attributes (the decision of a getPayload), or empty.
     */
    public void callSpan(final String spanName, final long startEpochNs, final long endEpochNs,
        final Attributes attributes)
    {
        final Span span = tracer.spanBuilder(spanName)
            .setSpanKind(SpanKind.SERVER)
            .setStartTimestamp(startEpochNs, TimeUnit.NANOSECONDS)
            .setAllAttributes(attributes)
            .startSpan();
        span.end(endEpochNs, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close()
    {
        sdk.getSdkTracerProvider().forceFlush().join(2, TimeUnit.SECONDS);
        sdk.close();
    }
}
