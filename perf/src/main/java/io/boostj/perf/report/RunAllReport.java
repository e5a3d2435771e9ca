package io.boostj.perf.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Turns a {@code perf/run-all} results directory into {@code report.md} (tables: median of the repeats with min–max,
 * goals checked), {@code plots/*.svg} (percentile curves from the harnesses' {@code .hgrm} files) and
 * {@code metrics.csv} (every figure, for {@code perf/compare}). Sections whose data is missing (skipped or failed)
 * are reported as such, with the status {@code run-all} recorded.
 * <p>
 * Usage: {@code RunAllReport DIR}.
 */
public final class RunAllReport
{
    private static final String[] ENGINE_PATHS = {"sidecar", "nginx"};
    private static final java.util.regex.Pattern GROWTH =
        java.util.regex.Pattern.compile("requestKib=|txPerFlashblock=|PendingApplyBenchmark.* transactions=");
    private static final String[][] PCTS = {{"p50_us", "p50"}, {"p99_us", "p99"}, {"p999_us", "p99.9"}};

    private final Path dir;
    private final MetricSet metrics = new MetricSet();
    private final StringBuilder md = new StringBuilder();
    private final List<String> goals = new ArrayList<>();

    RunAllReport(final Path dir)
    {
        this.dir = dir;
    }

    /**
     * @param args the results directory.
     * @throws IOException if the report cannot be written.
     */
    public static void main(final String[] args) throws IOException
    {
        if (args.length != 1)
        {
            System.err.println("usage: RunAllReport RESULTS_DIR");
            System.exit(2);
        }
        final Path dir = Paths.get(args[0]);
        if (!Files.isDirectory(dir))
        {
            System.err.println("RunAllReport: " + dir + " is not a directory");
            System.exit(2);
        }
        final RunAllReport report = new RunAllReport(dir);
        report.build();
        System.out.println("report: " + dir.resolve("report.md").toAbsolutePath());
    }

    void build() throws IOException
    {
        Files.createDirectories(dir.resolve("plots"));
        engine("engine-opnode", "Engine API, op-node pattern (blocks: FCU+attributes, getPayload, newPayload, FCU)");
        engine("engine-tx5000", "Engine API, op-node pattern plus a 5,000 req/s eth_sendRawTransaction stream");
        rateScaling();
        fanout();
        journal();
        pendingRpc();
        jmh();
        machine();
        final StringBuilder report = new StringBuilder("# boostj perf/run-all report\n\n");
        report.append("Every figure is the median of the section's repeats, with min–max in brackets when there was " +
            "more than one. Latency is measured open loop, from each request's intended send time (HdrHistogram), " +
            "warm-up excluded. All load generators share the machine with what they measure.\n\n## Goals\n\n");
        if (goals.isEmpty())
        {
            report.append("No goal could be checked (no section produced data).\n");
        }
        for (final String g : goals)
        {
            report.append("- ").append(g).append('\n');
        }
        report.append('\n').append(status()).append(md);
        Files.writeString(dir.resolve("report.md"), report.toString(), StandardCharsets.UTF_8);
        metrics.write(dir.resolve("metrics.csv"));
    }

    private String status() throws IOException
    {
        final Path status = dir.resolve("status.txt");
        if (!Files.exists(status))
        {
            return "";
        }
        final StringBuilder sb = new StringBuilder("## Sections run\n\n| section | exit | seconds |\n|---|---|---|\n");
        for (final String line : Files.readAllLines(status, StandardCharsets.UTF_8))
        {
            final String[] f = line.trim().split("\\s+");
            if (f.length >= 3)
            {
                sb.append("| ").append(f[0]).append(" | ").append(f[1]).append(" | ").append(f[2]).append(" |\n");
            }
        }
        return sb.append('\n').toString();
    }

    private void engine(final String section, final String title) throws IOException
    {
        md.append("## ").append(title).append("\n\n");
        final List<Path> runs = subdirs(dir.resolve(section));
        final List<CsvTable> tables = new ArrayList<>();
        for (final Path run : runs)
        {
            if (Files.exists(run.resolve("latency.csv")))
            {
                tables.add(CsvTable.read(run.resolve("latency.csv")));
            }
        }
        if (tables.isEmpty())
        {
            md.append("No data (section skipped or failed: see its log in ").append(section).append("/).\n\n");
            return;
        }
        for (final CsvTable t : tables)
        {
            addEngineRun(section, t);
        }
        md.append("Added latency = path − direct at the same percentile, µs (direct: the client straight to the " +
            "stub execution client, the limit). ").append(tables.size()).append(" run(s).\n\n");
        md.append("| method | path | samples/run | added p50 | added p99 | added p99.9 | direct p99 | errors |\n" +
            "|---|---|---|---|---|---|---|---|\n");
        final CsvTable first = tables.get(0);
        for (int r = 0; r < first.rowCount(); r++)
        {
            final String method = first.text(r, "method");
            final String path = first.text(r, "path");
            if ("direct".equals(path) || first.number(r, "count") <= 0)
            {
                continue;
            }
            md.append("| ").append(method).append(" | ").append(path).append(" | ")
                .append(cell(section, method + " " + path + " samples"));
            for (final String[] p : PCTS)
            {
                md.append(" | ").append(cell(section, method + " " + path + " added " + p[1]));
            }
            md.append(" | ").append(cell(section, method + " direct " + PCTS[1][1]));
            md.append(" | ").append(cell(section, method + " " + path + " errors")).append(" |\n");
        }
        md.append('\n');
        for (int r = 0; r < first.rowCount(); r++)
        {
            final String method = first.text(r, "method");
            if (!"direct".equals(first.text(r, "path")))
            {
                continue;
            }
            final MetricSet.Metric ours = metrics.get(section, method + " sidecar added p99");
            final MetricSet.Metric nginx = metrics.get(section, method + " nginx added p99");
            if (null != ours && null != nginx && ours.values.size() > 0 && nginx.values.size() > 0 &&
                first.number(r, "count") > 0)
            {
                final boolean met = ours.median() <= nginx.median();
                goals.add(String.format(Locale.ROOT, "%s, %s: sidecar added p99 %s µs vs nginx %s µs: %s",
                    section, method, MetricSet.num(ours.median()), MetricSet.num(nginx.median()),
                    met ? "**met**" : "**not met**"));
            }
            final List<PercentileCurve> curves = new ArrayList<>();
            final String base = method.replace(' ', '_').replace("+", "");
            for (final String path : new String[] {"direct", "sidecar", "nginx"})
            {
                addCurve(curves, path, runs.get(0).resolve(base + "." + path + ".latency.hgrm"));
            }
            plot(section + "-" + base, section + ": " + method + " (run 1)", curves);
        }
        md.append('\n');
    }

    private void addEngineRun(final String section, final CsvTable t)
    {
        for (int r = 0; r < t.rowCount(); r++)
        {
            final String method = t.text(r, "method");
            final String path = t.text(r, "path");
            if (t.number(r, "count") <= 0)
            {
                continue;
            }
            metrics.add(section, method + " " + path + " " + PCTS[1][1], "us", t.number(r, "p99_us"));
            metrics.add(section, method + " " + path + " errors", "count", t.number(r, "errors"));
            metrics.add(section, method + " " + path + " samples", MetricSet.NEUTRAL_UNIT, t.number(r, "count"));
            if ("direct".equals(path))
            {
                continue;
            }
            final int direct = rowOf(t, method, "direct");
            if (direct < 0)
            {
                continue;
            }
            for (final String[] p : PCTS)
            {
                metrics.add(section, method + " " + path + " added " + p[1], "us",
                    t.number(r, p[0]) - t.number(direct, p[0]));
            }
        }
    }

    private static int rowOf(final CsvTable t, final String method, final String path)
    {
        for (int r = 0; r < t.rowCount(); r++)
        {
            if (t.text(r, "method").equals(method) && t.text(r, "path").equals(path))
            {
                return r;
            }
        }
        return -1;
    }

    private void rateScaling() throws IOException
    {
        md.append("## How the added latency grows with the request rate (eth_sendRawTransaction)\n\n");
        final List<Path> rates = subdirs(dir.resolve("rate"));
        rates.sort((a, b) -> Integer.compare(rateOf(a), rateOf(b)));
        if (rates.isEmpty())
        {
            md.append("No data (section skipped or failed).\n\n");
            return;
        }
        md.append("| tx/s | direct p99 | sidecar added p50 | sidecar added p99 | nginx added p50 | nginx added p99 | errors (sidecar) |\n" +
            "|---|---|---|---|---|---|---|\n");
        final List<PercentileCurve> curves = new ArrayList<>();
        for (final Path r : rates)
        {
            final Path csv = r.resolve("latency.csv");
            if (!Files.exists(csv))
            {
                md.append("| ").append(rateOf(r)).append(" | no data | | | | | |\n");
                continue;
            }
            final CsvTable t = CsvTable.read(csv);
            final String section = "rate-" + rateOf(r);
            addEngineRun(section, t);
            final String m = "eth_sendRawTransaction";
            md.append("| ").append(rateOf(r)).append(" | ").append(cell(section, m + " direct p99"));
            for (final String path : ENGINE_PATHS)
            {
                md.append(" | ").append(cell(section, m + " " + path + " added p50")).append(" | ")
                    .append(cell(section, m + " " + path + " added p99"));
            }
            md.append(" | ").append(cell(section, m + " sidecar errors")).append(" |\n");
            addCurve(curves, "sidecar " + rateOf(r) + "/s", r.resolve("eth_sendRawTransaction.sidecar.latency.hgrm"));
        }
        md.append('\n');
        plot("rate-sidecar", "eth_sendRawTransaction through the sidecar by rate", curves);
    }

    private static int rateOf(final Path p)
    {
        return Integer.parseInt(p.getFileName().toString().replaceAll("[^0-9]", "0"));
    }

    private void fanout() throws IOException
    {
        md.append("## Flashblocks fan-out: subscribers on loopback\n\n");
        final Path csv = dir.resolve("fanout/summary.csv");
        if (!Files.exists(csv))
        {
            md.append("No data (section skipped or failed).\n\n");
            return;
        }
        md.append("Targets: `ours` = bin/websocket-proxy fed by a synthetic source; `node` = a minimal Node `ws` " +
            "broadcast server (the peer); `chain` = builder → sidecar → bin/websocket-proxy → subscribers, end to " +
            "end. Rate `max:R` rows: the highest doubling step sustained (≥ 99% delivered, p99 ≤ 100 ms).\n\n");
        md.append("| target | subscribers | rate Hz | msgs/s delivered | p50 µs | p99 µs | p99.9 µs | max µs | CPU % | RSS MB |\n" +
            "|---|---|---|---|---|---|---|---|---|---|\n");
        final CsvTable t = CsvTable.read(csv);
        final Map<String, List<PercentileCurve>> byCount = new TreeMap<>();
        final Map<String, Double> maxRate = new TreeMap<>();
        for (int r = 0; r < t.rowCount(); r++)
        {
            final String target = t.text(r, "target");
            final String n = t.text(r, "subscribers");
            final String rate = t.text(r, "rate_hz");
            final String key = target + " n=" + n + " @" + rate;
            metrics.add("fanout", key + " p50", "us", t.number(r, "p50_us"));
            metrics.add("fanout", key + " p99", "us", t.number(r, "p99_us"));
            metrics.add("fanout", key + " p99.9", "us", t.number(r, "p999_us"));
            metrics.add("fanout", key + " delivered", "msgs/s", t.number(r, "msgs_per_s"));
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |%n",
                target, n, rate, t.number(r, "msgs_per_s"), t.number(r, "p50_us"), t.number(r, "p99_us"),
                t.number(r, "p999_us"), t.number(r, "max_us"), t.number(r, "cpu_pct"), t.number(r, "rss_mb")));
            if (rate.startsWith("max:"))
            {
                maxRate.put(target + " n=" + n, Double.parseDouble(rate.substring(4)));
            }
            else
            {
                addCurve(byCount.computeIfAbsent(n, k -> new ArrayList<>()), target + " @" + rate + " Hz",
                    dir.resolve("fanout/" + target + "-" + n + "-" + rate + ".hgrm"));
                if (Integer.parseInt(n) >= 10_000 && ("ours".equals(target) || "chain".equals(target)))
                {
                    goals.add(String.format(Locale.ROOT, "fan-out %s, %s subscribers at %s Hz: p99 %.1f ms (goal < 10 ms)" +
                        ": %s", target, n, rate, t.number(r, "p99_us") / 1000, t.number(r, "p99_us") < 10_000 ?
                        "**met**" : "**not met**"));
                }
            }
        }
        md.append('\n');
        for (final Map.Entry<String, Double> e : maxRate.entrySet())
        {
            if (e.getKey().startsWith("ours "))
            {
                final Double peer = maxRate.get(e.getKey().replaceFirst("^ours ", "node "));
                if (null != peer)
                {
                    goals.add(String.format(Locale.ROOT, "fan-out sustained rate, %s: ours %.0f Hz vs node %.0f Hz " +
                        "(goal ≥ 3×): %s", e.getKey().substring(5), e.getValue(), peer,
                        e.getValue() >= 3 * peer ? "**met**" : "**not met**"));
                }
            }
        }
        for (final Map.Entry<String, List<PercentileCurve>> e : byCount.entrySet())
        {
            plot("fanout-" + e.getKey(), "delivery latency, " + e.getKey() + " subscribers", e.getValue());
        }
        md.append('\n');
    }

    private void journal() throws IOException
    {
        md.append("## Journal\n\n");
        final Path d = dir.resolve("journal");
        if (!Files.exists(d.resolve("journal-append.csv")))
        {
            md.append("No data (section skipped or failed).\n\n");
            return;
        }
        final CsvTable append = CsvTable.read(d.resolve("journal-append.csv"));
        md.append("| measure | record | bytes | sync mode | p50 µs | p99 µs | p99.9 µs | max µs |\n|---|---|---|---|---|---|---|---|\n");
        final List<PercentileCurve> curves = new ArrayList<>();
        for (int r = 0; r < append.rowCount(); r++)
        {
            final String name = append.text(r, "measure") + " " + append.text(r, "record") + " " +
                append.text(r, "sync_mode");
            metrics.add("journal", name + " p99", "us", append.number(r, "p99_ns") / 1000);
            md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %s | %.2f | %.2f | %.2f | %.1f |%n",
                append.text(r, "measure"), append.text(r, "record"), append.number(r, "record_bytes"),
                append.text(r, "sync_mode"), append.number(r, "p50_ns") / 1000, append.number(r, "p99_ns") / 1000,
                append.number(r, "p99_9_ns") / 1000, append.number(r, "max_ns") / 1000));
            if ("append".equals(append.text(r, "measure")))
            {
                addCurve(curves, append.text(r, "record"), d.resolve("journal-append-" + append.text(r, "record") +
                    ".hgrm"));
            }
            if ("append".equals(append.text(r, "measure")))
            {
                final double p99 = append.number(r, "p99_ns") / 1000;
                goals.add(String.format(Locale.ROOT, "journal append p99, %s (%.0f B): %.2f µs (goal ≤ 2 µs): %s",
                    append.text(r, "record"), append.number(r, "record_bytes"), p99, p99 <= 2 ? "**met**" : "**not met**"));
            }
        }
        md.append('\n');
        if (Files.exists(d.resolve("journal-hot-path.csv")))
        {
            final CsvTable hot = CsvTable.read(d.resolve("journal-hot-path.csv"));
            final double p99 = hot.number(0, "p99_ns") / 1000;
            metrics.add("journal", "hot path cost per event p99", "us", p99);
            md.append(String.format(Locale.ROOT, "Journaling's cost on the engine thread per event: p50 %.2f µs, p99 " +
                "%.2f µs, p99.9 %.2f µs over %,.0f events.%n%n", hot.number(0, "p50_ns") / 1000, p99,
                hot.number(0, "p99_9_ns") / 1000, hot.number(0, "events")));
            goals.add(String.format(Locale.ROOT, "journal cost to the hot path p99: %.2f µs (goal ≤ 5 µs): %s", p99,
                p99 <= 5 ? "**met**" : "**not met**"));
        }
        if (Files.exists(d.resolve("journal-day.csv")))
        {
            final CsvTable day = CsvTable.read(d.resolve("journal-day.csv"));
            final double rate = day.number(0, "replay_events_per_s");
            metrics.add("journal", "replay", "events/s", rate);
            metrics.add("journal", "verify", "s", day.number(0, "verify_s"));
            md.append(String.format(Locale.ROOT, "Replay and verify of %,.0f blocks × %,.0f flashblocks (%,.0f events, " +
                "%,.0f MB on disk): replay %,.0f events/s (%s), `replay-tool verify` %.1f s (exit %.0f).%n%n",
                day.number(0, "blocks"), day.number(0, "flashblocks_per_block"), day.number(0, "events"),
                day.number(0, "disk_bytes") / 1e6, rate, day.text(0, "replay_ok").equals("true") ? "identical" :
                "DIVERGED", day.number(0, "verify_s"), day.number(0, "verify_exit")));
            goals.add(String.format(Locale.ROOT, "journal replay: %,.0f events/s (goal ≥ 1,000,000): %s", rate,
                rate >= 1_000_000 ? "**met**" : "**not met**"));
        }
        plot("journal-append", "journal append latency by record", curves);
    }

    private void pendingRpc() throws IOException
    {
        md.append("## flashblocks-rpc: pending queries, overlay vs the node (anvil) directly\n\n");
        final Path csv = findFile(dir.resolve("pending-rpc"), "pending-rpc.csv");
        if (null == csv)
        {
            md.append("No data (section skipped or failed).\n\n");
            return;
        }
        final CsvTable t = CsvTable.read(csv);
        md.append("| target | method | count | errors | p50 µs | p99 µs | p99.9 µs |\n|---|---|---|---|---|---|---|\n");
        final List<PercentileCurve> curves = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++)
        {
            final String name = t.text(r, "target") + " " + t.text(r, "method");
            metrics.add("pending-rpc", name + " p50", "us", t.number(r, "p50_us"));
            metrics.add("pending-rpc", name + " p99", "us", t.number(r, "p99_us"));
            md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f |%n", t.text(r, "target"),
                t.text(r, "method"), t.number(r, "count"), t.number(r, "errors"), t.number(r, "p50_us"),
                t.number(r, "p99_us"), t.number(r, "p999_us")));
            if (curves.size() < 8)
            {
                addCurve(curves, name, csv.resolveSibling(t.text(r, "target") + "-" + t.text(r, "method") + ".hgrm"));
            }
        }
        md.append('\n');
        plot("pending-rpc", "pending queries", curves);
    }

    private void jmh() throws IOException
    {
        md.append("## JMH suites (-prof gc)\n\n");
        final Path d = dir.resolve("jmh");
        final List<Path> files = new ArrayList<>();
        for (final String name : new String[] {"alloc-check.json", "jmh.json"})
        {
            if (Files.exists(d.resolve(name)) && Files.size(d.resolve(name)) > 0)
            {
                files.add(d.resolve(name));
            }
        }
        if (files.isEmpty())
        {
            md.append("No data (section skipped or failed).\n\n");
            return;
        }
        final StringBuilder table = new StringBuilder("| benchmark | params | score | unit | B/op (raw) |\n" +
            "|---|---|---|---|---|\n");
        final StringBuilder growth = new StringBuilder();
        final ObjectMapper json = new ObjectMapper();
        for (final Path f : files)
        {
            for (final JsonNode b : json.readTree(f.toFile()))
            {
                final String name = b.path("benchmark").asText().replaceFirst("^.*\\.perf\\.", "");
                final StringBuilder params = new StringBuilder();
                for (final Iterator<Map.Entry<String, JsonNode>> it = b.path("params").fields(); it.hasNext(); )
                {
                    final Map.Entry<String, JsonNode> e = it.next();
                    params.append(params.length() == 0 ? "" : " ").append(e.getKey()).append('=')
                        .append(e.getValue().asText());
                }
                final double score = b.path("primaryMetric").path("score").asDouble();
                final String unit = b.path("primaryMetric").path("scoreUnit").asText();
                final JsonNode norm = b.path("secondaryMetrics").path("gc.alloc.rate.norm");
                final String key = name + (params.length() > 0 ? " [" + params + "]" : "");
                metrics.add("jmh", key, unit, score);
                if (!norm.isMissingNode())
                {
                    metrics.add("jmh", key + " alloc", "B/op", norm.path("score").asDouble());
                }
                final String row = String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", name, params,
                    MetricSet.num(score), unit, norm.isMissingNode() ? "" : MetricSet.num(norm.path("score").asDouble()));
                table.append(row);
                if (GROWTH.matcher(name + " " + params).find())
                {
                    growth.append(row);
                }
            }
        }
        if (growth.length() > 0)
        {
            md.append("### How costs grow (payload size, transactions per flashblock)\n\n")
                .append("Subscribers: the fan-out table above; request rate: the rate table above.\n\n")
                .append("| benchmark | params | score | unit | B/op (raw) |\n|---|---|---|---|---|\n")
                .append(growth).append("\n### Every suite\n\n");
        }
        md.append(table).append('\n');
        final Path check = d.resolve("alloc-check.txt");
        if (Files.exists(check))
        {
            final List<String> lines = Files.readAllLines(check, StandardCharsets.UTF_8);
            final int at = indexOfPrefix(lines, "Allocation check");
            if (at >= 0)
            {
                md.append("Zero-allocation gate (net of JMH's own allocation):\n\n```\n");
                lines.subList(at, lines.size()).forEach(l -> md.append(l).append('\n'));
                md.append("```\n\n");
                final String verdict = lines.get(lines.size() - 1);
                goals.add("zero-allocation gate (engine step, codecs, ring hand-off, hashing): " +
                    (verdict.startsWith("PASS") ? "**met**" : "**not met**") + " (" + verdict + ")");
            }
        }
    }

    private void machine() throws IOException
    {
        md.append("## Machine, JDK, flags\n\n```\n");
        final Path m = dir.resolve("machine.txt");
        md.append(Files.exists(m) ? Files.readString(m, StandardCharsets.UTF_8).trim() : "machine.txt missing");
        md.append("\n```\n");
    }

    private static int indexOfPrefix(final List<String> lines, final String prefix)
    {
        for (int i = 0; i < lines.size(); i++)
        {
            if (lines.get(i).startsWith(prefix))
            {
                return i;
            }
        }
        return -1;
    }

    private static void addCurve(final List<PercentileCurve> curves, final String label, final Path hgrm)
        throws IOException
    {
        final PercentileCurve curve = PercentileCurve.readIfRecorded(label, hgrm);
        if (null != curve)
        {
            curves.add(curve);
        }
    }

    private void plot(final String file, final String title, final List<PercentileCurve> curves) throws IOException
    {
        if (curves.isEmpty())
        {
            return;
        }
        Files.writeString(dir.resolve("plots/" + file + ".svg"), SvgPercentilePlot.render(title, "µs", curves),
            StandardCharsets.UTF_8);
        md.append("![").append(title).append("](plots/").append(file).append(".svg)\n\n");
    }

    private String cell(final String section, final String name)
    {
        final MetricSet.Metric m = metrics.get(section, name);
        return null == m ? "" : m.cell();
    }

    private static List<Path> subdirs(final Path parent) throws IOException
    {
        final List<Path> out = new ArrayList<>();
        if (Files.isDirectory(parent))
        {
            try (Stream<Path> s = Files.list(parent))
            {
                s.filter(Files::isDirectory).sorted().forEach(out::add);
            }
        }
        return out;
    }

    private static Path findFile(final Path parent, final String name) throws IOException
    {
        if (!Files.isDirectory(parent))
        {
            return null;
        }
        try (Stream<Path> s = Files.walk(parent))
        {
            return s.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElse(null);
        }
    }
}
