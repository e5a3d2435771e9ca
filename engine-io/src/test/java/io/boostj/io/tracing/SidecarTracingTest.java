package io.boostj.io.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SidecarTracingTest
{
    @Test
    void shouldExportCallSpansWithTheirTimesAndPayloadId()
    {
        final List<SpanData> exported = new CopyOnWriteArrayList<>();
        final SpanExporter exporter = new SpanExporter()
        {
            public CompletableResultCode export(final Collection<SpanData> spans)
            {
                exported.addAll(spans);
                return CompletableResultCode.ofSuccess();
            }

            public CompletableResultCode flush()
            {
                return CompletableResultCode.ofSuccess();
            }

            public CompletableResultCode shutdown()
            {
                return CompletableResultCode.ofSuccess();
            }
        };
        try (SidecarTracing tracing = SidecarTracing.with(exporter, "rollup-boost"))
        {
            tracing.callSpan("get_payload_decision", 1_000_000_000L, 1_250_000_000L,
                Attributes.of(SidecarTracing.PAYLOAD_ID, "0x03aaaaaaaaaaaaaa", SidecarTracing.PAYLOAD_SOURCE, "builder"));
        }
        assertEquals(1, exported.size());
        final SpanData span = exported.get(0);
        assertEquals("get_payload_decision", span.getName());
        assertEquals(1_000_000_000L, span.getStartEpochNanos());
        assertEquals(1_250_000_000L, span.getEndEpochNanos());
        assertEquals("0x03aaaaaaaaaaaaaa", span.getAttributes().get(SidecarTracing.PAYLOAD_ID));
        assertEquals("rollup-boost", span.getResource().getAttribute(
            io.opentelemetry.api.common.AttributeKey.stringKey("service.name")));
    }
}
