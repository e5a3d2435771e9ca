package io.boostj.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the journal report as one self-contained HTML page: inline CSS and SVG, no script, no network. A summary of
 * sources and reasons, a health strip over the whole run, then one row per block with its decision, latencies and a
 * swimlane drawing (op-node, sidecar, l2, builder) on a time scale shared by all rows.
 */
final class HtmlReport
{
    private static final int LANE_HEIGHT_PX = 14;
    private static final int LANES = 4;
    private static final int LANE_LABEL_PX = 54;
    private static final int PLOT_WIDTH_PX = 640;
    private static final String[] LANE_NAMES = {"op-node", "sidecar", "l2", "builder"};

    private HtmlReport()
    {
    }

    /**
     * @param report     the model.
     * @param title      shown at the top (e.g. the journal directory).
     * @param maxBlocks  at most this many rows (the last ones).
     * @return the page.
     */
    static String render(final JournalReport report, final String title, final int maxBlocks)
    {
        final List<BlockSummary> all = report.blocks();
        final List<BlockSummary> shown = all.size() > maxBlocks ? all.subList(all.size() - maxBlocks, all.size()) :
            all;
        final long scaleNs = scaleNs(shown);
        final StringBuilder h = new StringBuilder(4096 + 3000 * shown.size());
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>boostj journal report: ")
            .append(esc(title)).append("</title>\n<style>\n")
            .append("body{font:13px/1.4 system-ui,sans-serif;margin:16px;color:#222}")
            .append("h1{font-size:18px}h2{font-size:15px;margin-top:20px}")
            .append("table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid #eee;")
            .append("text-align:left;vertical-align:middle}th{background:#f4f4f4}td.n{text-align:right;")
            .append("font-variant-numeric:tabular-nums}.BUILDER{color:#6a1b9a;font-weight:600}")
            .append(".L2{color:#00796b;font-weight:600}.legend span{display:inline-block;margin-right:14px}")
            .append(".sw{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:middle}")
            .append("\n</style></head><body>\n");
        h.append("<h1>Journal report: ").append(esc(title)).append("</h1>\n");
        summary(h, report, all, shown);
        healthStrip(h, report);
        legend(h, scaleNs);
        h.append("<table><tr><th>block</th><th>source</th><th>reason</th><th>getPayload &#8594; decision</th>")
            .append("<th>l2 getPayload</th><th>builder getPayload</th><th>flashblocks</th><th>health</th>")
            .append("<th>timeline (0 = op-node's forkchoiceUpdated)</th></tr>\n");
        for (final BlockSummary b : shown)
        {
            row(h, b, scaleNs);
        }
        h.append("</table>\n</body></html>\n");
        return h.toString();
    }

    private static void summary(final StringBuilder h, final JournalReport report, final List<BlockSummary> all,
        final List<BlockSummary> shown)
    {
        final Map<String, Integer> bySource = new TreeMap<>();
        final Map<String, Integer> byReason = new TreeMap<>();
        for (final BlockSummary b : all)
        {
            bySource.merge(b.source(), 1, Integer::sum);
            byReason.merge(b.reason(), 1, Integer::sum);
        }
        h.append("<p>").append(report.records()).append(" records from ").append(Times.iso(report.firstNs()))
            .append(" to ").append(Times.iso(report.lastNs())).append("; ").append(all.size())
            .append(" blocks decided");
        if (shown.size() < all.size())
        {
            h.append(" (the last ").append(shown.size()).append(" are drawn)");
        }
        h.append(".</p>\n<p>by source: ").append(esc(bySource.toString())).append("<br/>by reason: ")
            .append(esc(byReason.toString())).append("</p>\n");
    }

    private static void healthStrip(final StringBuilder h, final JournalReport report)
    {
        final long from = report.firstNs();
        final long span = Math.max(1, report.lastNs() - from);
        final int width = LANE_LABEL_PX + PLOT_WIDTH_PX;
        h.append("<h2>Health</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
            .append("\" height=\"18\" role=\"img\" aria-label=\"health over time\">");
        String current = "HEALTHY";
        long at = from;
        final List<JournalReport.HealthChange> changes = new ArrayList<>(report.health());
        changes.add(new JournalReport.HealthChange(report.lastNs(), null, null));
        for (final JournalReport.HealthChange c : changes)
        {
            final double x0 = LANE_LABEL_PX + PLOT_WIDTH_PX * (double)(at - from) / span;
            final double x1 = LANE_LABEL_PX + PLOT_WIDTH_PX * (double)(c.timeNs() - from) / span;
            h.append("<rect x=\"").append(fmt(x0)).append("\" y=\"2\" width=\"").append(fmt(Math.max(0.5, x1 - x0)))
                .append("\" height=\"14\" fill=\"").append(healthColour(current)).append("\"><title>")
                .append(esc(current)).append(" from ").append(Times.iso(at)).append("</title></rect>");
            if (null != c.health())
            {
                current = c.health();
                at = c.timeNs();
            }
        }
        h.append("<text x=\"0\" y=\"13\" font-size=\"11\">health</text></svg>\n");
    }

    private static void legend(final StringBuilder h, final long scaleNs)
    {
        h.append("<h2>Blocks</h2>\n<p class=\"legend\">")
            .append("<span><i class=\"sw\" style=\"background:#43a047\"></i>call answered</span>")
            .append("<span><i class=\"sw\" style=\"background:#fb8c00\"></i>error answer</span>")
            .append("<span><i class=\"sw\" style=\"background:#e53935\"></i>transport error / no answer</span>")
            .append("<span><i class=\"sw\" style=\"background:#1e88e5\"></i>flashblock</span>")
            .append("<span><i class=\"sw\" style=\"background:#6a1b9a\"></i>builder block</span>")
            .append("<span><i class=\"sw\" style=\"background:#00796b\"></i>L2 block</span>")
            .append("<span>full width = ").append(String.format(Locale.ROOT, "%.1f ms", scaleNs / 1e6))
            .append(" (hover for details)</span></p>\n");
    }

    private static void row(final StringBuilder h, final BlockSummary b, final long scaleNs)
    {
        h.append("<tr><td class=\"n\">").append(b.blockNumber()).append("</td><td class=\"").append(esc(b.source()))
            .append("\">").append(esc(b.source())).append("</td><td>").append(esc(b.reason()))
            .append("</td><td class=\"n\">").append(ms(b.decision.longField("elapsedNs")))
            .append("</td><td class=\"n\">").append(ms(b.latencyNs("L2", "GET_PAYLOAD")))
            .append("</td><td class=\"n\">").append(ms(b.latencyNs("BUILDER", "GET_PAYLOAD")))
            .append("</td><td class=\"n\">").append(received(b)).append("</td><td>").append(esc(b.health))
            .append("</td><td>");
        lanes(h, b, scaleNs);
        h.append("</td></tr>\n");
    }

    private static int received(final BlockSummary b)
    {
        int n = 0;
        for (final BlockSummary.Mark m : b.flashblocks)
        {
            if ("received".equals(m.kind()))
            {
                n++;
            }
        }
        return n;
    }

    private static void lanes(final StringBuilder h, final BlockSummary b, final long scaleNs)
    {
        final int height = LANES * LANE_HEIGHT_PX;
        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(LANE_LABEL_PX + PLOT_WIDTH_PX + 12)
            .append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"block ")
            .append(b.blockNumber()).append(" swimlanes\">");
        for (int i = 0; i < LANES; i++)
        {
            final int y = i * LANE_HEIGHT_PX;
            h.append("<rect x=\"").append(LANE_LABEL_PX).append("\" y=\"").append(y).append("\" width=\"")
                .append(PLOT_WIDTH_PX).append("\" height=\"").append(LANE_HEIGHT_PX).append("\" fill=\"")
                .append(0 == i % 2 ? "#fafafa" : "#f0f0f0").append("\"/><text x=\"0\" y=\"").append(y + 11)
                .append("\" font-size=\"10\">").append(LANE_NAMES[i]).append("</text>");
        }
        for (final BlockSummary.Span s : b.calls)
        {
            final int lane = "BUILDER".equals(s.target) ? 3 : 2;
            final double x0 = x(b, s.sendNs, scaleNs);
            final double x1 = s.replyNs > 0 ? x(b, s.replyNs, scaleNs) : LANE_LABEL_PX + PLOT_WIDTH_PX;
            final String colour = "RESULT".equals(s.outcome) ? "#43a047" : "RPC_ERROR".equals(s.outcome) ?
                "#fb8c00" : "#e53935";
            h.append("<rect x=\"").append(fmt(x0)).append("\" y=\"").append(lane * LANE_HEIGHT_PX + 3)
                .append("\" width=\"").append(fmt(Math.max(1.5, x1 - x0))).append("\" height=\"")
                .append(LANE_HEIGHT_PX - 6).append("\" fill=\"").append(colour)
                .append(s.fireAndForget ? "\" fill-opacity=\"0.45" : "").append("\"><title>")
                .append(esc(s.method)).append(' ').append(esc(s.outcome)).append(' ').append(esc(s.status))
                .append(s.replyNs > 0 ? " in " + ms(s.latencyNs > 0 ? s.latencyNs : s.replyNs - s.sendNs) :
                " (no answer journaled)").append(s.fireAndForget ? ", fire-and-forget" : "")
                .append("</title></rect>");
        }
        for (final BlockSummary.Mark m : b.flashblocks)
        {
            final double x = x(b, m.timeNs(), scaleNs);
            final boolean refused = !"received".equals(m.kind()) && !"PUBLISHED".equals(m.kind()) &&
                !"ADOPTED".equals(m.kind()) && !"BUFFERED".equals(m.kind());
            h.append("<line x1=\"").append(fmt(x)).append("\" x2=\"").append(fmt(x)).append("\" y1=\"")
                .append(3 * LANE_HEIGHT_PX).append("\" y2=\"").append(4 * LANE_HEIGHT_PX).append("\" stroke=\"")
                .append(refused ? "#e53935" : "#1e88e5").append("\" stroke-width=\"1.5\"><title>flashblock ")
                .append(esc(m.label())).append(" at +").append(ms(m.timeNs() - b.startNs)).append("</title></line>");
        }
        marks(h, b, b.opNode, 0, scaleNs);
        marks(h, b, b.sidecar, 1, scaleNs);
        if (b.endNs - b.startNs > scaleNs)
        {
            h.append("<text x=\"").append(LANE_LABEL_PX + PLOT_WIDTH_PX + 2).append("\" y=\"11\" font-size=\"10\">")
                .append("&#187;</text>");
        }
        h.append("</svg>");
    }

    private static void marks(final StringBuilder h, final BlockSummary b, final List<BlockSummary.Mark> marks,
        final int lane, final long scaleNs)
    {
        for (final BlockSummary.Mark m : marks)
        {
            final double x = x(b, m.timeNs(), scaleNs);
            final double y = lane * LANE_HEIGHT_PX + LANE_HEIGHT_PX / 2.0;
            final String colour = m.kind().startsWith("decision-") ?
                ("decision-BUILDER".equals(m.kind()) ? "#6a1b9a" : "#00796b") :
                "hash-MISMATCH".equals(m.kind()) ? "#e53935" : "reply".equals(m.kind()) ? "#90a4ae" : "#37474f";
            final double r = m.kind().startsWith("decision-") ? 5 : 3;
            h.append("<path d=\"M").append(fmt(x)).append(' ').append(fmt(y - r)).append("l").append(fmt(r))
                .append(' ').append(fmt(r)).append("l-").append(fmt(r)).append(' ').append(fmt(r)).append("l-")
                .append(fmt(r)).append(" -").append(fmt(r)).append("z\" fill=\"").append(colour).append("\"><title>")
                .append(esc(m.label())).append(" at +").append(ms(m.timeNs() - b.startNs)).append("</title></path>");
        }
    }

    private static double x(final BlockSummary b, final long timeNs, final long scaleNs)
    {
        final double fraction = Math.min(1.0, Math.max(0.0, (double)(timeNs - b.startNs) / scaleNs));
        return LANE_LABEL_PX + PLOT_WIDTH_PX * fraction;
    }

    /** The 99th percentile of the drawn blocks' spans, so one outlier does not flatten every other row. */
    private static long scaleNs(final List<BlockSummary> blocks)
    {
        final long[] spans = new long[blocks.size()];
        for (int i = 0; i < spans.length; i++)
        {
            spans[i] = blocks.get(i).spanNs();
        }
        java.util.Arrays.sort(spans);
        return 0 == spans.length ? 1 : Math.max(1_000_000, spans[(int)Math.min(spans.length - 1,
            Math.ceil(spans.length * 0.99) - 1)]);
    }

    private static String healthColour(final String health)
    {
        switch (health)
        {
            case "HEALTHY":
                return "#43a047";
            case "PARTIAL_CONTENT":
                return "#fb8c00";
            default:
                return "#e53935";
        }
    }

    private static String ms(final long ns)
    {
        return ns < 0 ? "&#8211;" : String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
    }

    private static String fmt(final double v)
    {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(final String s)
    {
        if (null == s)
        {
            return "";
        }
        final StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            switch (c)
            {
                case '<':
                    b.append("&lt;");
                    break;
                case '>':
                    b.append("&gt;");
                    break;
                case '&':
                    b.append("&amp;");
                    break;
                case '"':
                    b.append("&quot;");
                    break;
                default:
                    b.append(c);
            }
        }
        return b.toString();
    }
}
