package io.boostj.perf.report;

import java.util.List;
import java.util.Locale;

/**
 * Renders latency percentile curves as a self-contained SVG (no scripts, no fonts to fetch): x is the percentile on
 * HdrHistogram's usual log scale of 1/(1−p) (p50 … p99.99), y the latency on a log scale, one coloured line per curve.
 */
public final class SvgPercentilePlot
{
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f"};
    private static final double[] X_TICKS = {0.5, 0.9, 0.99, 0.999, 0.9999};
    private static final String[] X_LABELS = {"p50", "p90", "p99", "p99.9", "p99.99"};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 400;
    private static final int LEFT = 70;
    private static final int RIGHT = 190;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final double X_MAX = 4.0;

    private SvgPercentilePlot()
    {
    }

    /**
     * @param title  the heading.
     * @param unit   the value unit shown on the y axis ("µs").
     * @param curves at most eight curves; values must be positive to show on the log axis.
     * @return the SVG document.
     */
    public static String render(final String title, final String unit, final List<PercentileCurve> curves)
    {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (final PercentileCurve c : curves)
        {
            for (int i = 0; i < c.values().length; i++)
            {
                if (x(c.fractions()[i]) <= X_MAX)
                {
                    min = Math.min(min, Math.max(c.values()[i], 0.1));
                    max = Math.max(max, c.values()[i]);
                }
            }
        }
        if (curves.isEmpty() || max <= 0)
        {
            min = 1;
            max = 10;
        }
        final double yLo = Math.floor(Math.log10(min));
        final double yHi = Math.max(yLo + 1, Math.ceil(Math.log10(max)));
        final StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" " +
            "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
            LEFT, escape(title)));
        final int plotW = WIDTH - LEFT - RIGHT;
        final int plotH = HEIGHT - TOP - BOTTOM;
        for (int i = 0; i < X_TICKS.length; i++)
        {
            final double px = LEFT + plotW * x(X_TICKS[i]) / X_MAX;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n" +
                "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px, TOP, px, TOP + plotH, px,
                TOP + plotH + 18, X_LABELS[i]));
        }
        final double[] steps = yHi - yLo <= 2 ? new double[] {1, 2, 5} : new double[] {1};
        for (double e = yLo; e <= yHi; e++)
        {
            for (final double step : steps)
            {
                final double v = step * Math.pow(10, e);
                if (Math.log10(v) > yHi + 1e-9)
                {
                    break;
                }
                final double py = TOP + plotH - plotH * (Math.log10(v) - yLo) / (yHi - yLo);
                svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" " +
                    "stroke=\"#ddd\"/>%n<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, py,
                    LEFT + plotW, py, LEFT - 6, py + 4, tick(v)));
            }
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" " +
            "stroke=\"#444\"/>%n", LEFT, TOP, plotW, plotH));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">percentile</text>%n",
            LEFT + plotW / 2, HEIGHT - 10));
        svg.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" " +
            "text-anchor=\"middle\">latency (%s, log)</text>%n", TOP + plotH / 2, TOP + plotH / 2, escape(unit)));
        for (int c = 0; c < curves.size() && c < COLOURS.length; c++)
        {
            final PercentileCurve curve = curves.get(c);
            final StringBuilder points = new StringBuilder();
            for (int i = 0; i < curve.values().length; i++)
            {
                final double xv = x(curve.fractions()[i]);
                if (xv > X_MAX)
                {
                    break;
                }
                final double v = Math.max(curve.values()[i], Math.pow(10, yLo));
                final double py = TOP + plotH - plotH * (Math.log10(v) - yLo) / (yHi - yLo);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + plotW * xv / X_MAX, py));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" " +
                "points=\"%s\"/>%n", COLOURS[c], points.toString().trim()));
            final int ly = TOP + 10 + 20 * c;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" " +
                "stroke-width=\"3\"/><text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + plotW + 10, ly, LEFT + plotW + 30, ly,
                COLOURS[c], LEFT + plotW + 36, ly + 4, escape(curve.label())));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static double x(final double fraction)
    {
        return Math.log10(1.0 / (1.0 - Math.min(fraction, 0.999999))) - Math.log10(2.0);
    }

    private static String tick(final double v)
    {
        return v >= 1 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String escape(final String s)
    {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
