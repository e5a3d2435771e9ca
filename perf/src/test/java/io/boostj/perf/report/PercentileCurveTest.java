package io.boostj.perf.report;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PercentileCurveTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReadHdrHistogramPercentileOutputInMicroseconds() throws Exception
    {
        final Histogram h = new Histogram(3);
        for (int i = 1; i <= 10_000; i++)
        {
            h.recordValue(i * 1_000L);
        }
        final Path file = write("a.hgrm", h);
        final PercentileCurve curve = PercentileCurve.read("a", file);
        assertEquals(h.getValueAtPercentile(50) / 1000.0, curve.valueAt(0.5), 5);
        assertEquals(h.getValueAtPercentile(99) / 1000.0, curve.valueAt(0.99), 10);
        assertTrue(curve.fractions().length > 10);
    }

    @Test
    void shouldNameTheFileOfAnEmptyHistogram() throws Exception
    {
        final Path file = write("empty.hgrm", new Histogram(3));
        final IOException e = assertThrows(IOException.class, () -> PercentileCurve.read("x", file));
        assertTrue(e.getMessage().contains("empty.hgrm"), e.getMessage());
        assertNull(PercentileCurve.readIfRecorded("x", file));
        assertNull(PercentileCurve.readIfRecorded("x", dir.resolve("missing.hgrm")));
    }

    @Test
    void shouldRenderWellFormedSvgWithOneLinePerCurveAndEscapedLabels() throws Exception
    {
        final Histogram h = new Histogram(3);
        for (int i = 1; i <= 1_000; i++)
        {
            h.recordValue(i * 10_000L);
        }
        final PercentileCurve a = PercentileCurve.read("sidecar <1>", write("a.hgrm", h));
        final PercentileCurve b = PercentileCurve.read("direct & co", write("b.hgrm", h));
        final String svg = SvgPercentilePlot.render("FCU \"v3\"", "µs", List.of(a, b));
        final var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals(2, doc.getElementsByTagName("polyline").getLength());
        assertTrue(svg.contains("sidecar &lt;1&gt;"));
        assertFalse(svg.contains("NaN"));
    }

    private Path write(final String name, final Histogram h) throws IOException
    {
        final Path file = dir.resolve(name);
        try (PrintStream ps = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.US_ASCII))
        {
            h.outputPercentileDistribution(ps, 1000.0);
        }
        return file;
    }
}
