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
    private static final String SUSTAINED = " highest sustained rate";
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
        final List<Path> runs = runDirs(dir.resolve(section), "latency.csv");
        final List<CsvTable> tables = new ArrayList<>();
        for (final Path run : runs)
        {
            tables.add(CsvTable.read(run.resolve("latency.csv")));
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
        rates.sort((a, b) -> Integer.compare(numberIn(a), numberIn(b)));
        if (rates.isEmpty())
        {
            md.append("No data (section skipped or failed).\n\n");
            return;
        }
        md.append("| tx/s | runs | direct p99 | sidecar added p50 | sidecar added p99 | nginx added p50 | nginx added p99 | " +
            "errors (sidecar) |\n|---|---|---|---|---|---|---|---|\n");
        final List<PercentileCurve> curves = new ArrayList<>();
        for (final Path r : rates)
        {
            final String section = "rate-" + numberIn(r);
            final List<Path> runs = runDirs(r, "latency.csv");
            for (final Path run : runs)
            {
                addEngineRun(section, CsvTable.read(run.resolve("latency.csv")));
            }
            final String m = "eth_sendRawTransaction";
            md.append("| ").append(numberIn(r)).append(" | ").append(runs.size()).append(" | ")
                .append(cell(section, m + " direct p99"));
            for (final String path : ENGINE_PATHS)
            {
                md.append(" | ").append(cell(section, m + " " + path + " added p50")).append(" | ")
                    .append(cell(section, m + " " + path + " added p99"));
            }
            md.append(" | ").append(cell(section, m + " sidecar errors")).append(" |\n");
            if (!runs.isEmpty())
            {
                addCurve(curves, "sidecar " + numberIn(r) + "/s",
                    runs.get(0).resolve("eth_sendRawTransaction.sidecar.latency.hgrm"));
            }
        }
        md.append('\n');
        plot("rate-sidecar", "eth_sendRawTransaction through the sidecar by rate (run 1)", curves);
    }

    private static int numberIn(final Path p)
    {
        return Integer.parseInt(p.getFileName().toString().replaceAll("[^0-9]", "0"));
    }

    private void fanout() throws IOException
    {
        md.append("## Flashblocks fan-out: subscribers on loopback\n\n");
        final List<Path> runs = runDirs(dir.resolve("fanout"), "summary.csv");
        if (runs.isEmpty())
        {
            md.append("No data (section skipped or failed).\n\n");
            return;
        }
        md.append("Targets: `ours` = bin/websocket-proxy fed by a synthetic source; `node` = a minimal Node `ws` " +
            "broadcast server (the peer); `chain` = builder → sidecar → bin/websocket-proxy → subscribers, end to " +
            "end. Rate `max:R` rows: the highest doubling step sustained (≥ 99% delivered, p99 ≤ 100 ms). ")
            .append(runs.size()).append(" run(s); latency in µs.\n\n");
        md.append("| target | subscribers | rate Hz | msgs/s delivered | p50 | p99 | p99.9 | max | CPU % | RSS MB |\n" +
            "|---|---|---|---|---|---|---|---|---|---|\n");
        final Map<String, String[]> rows = new java.util.LinkedHashMap<>();
        final java.util.Set<String> ladders = new java.util.TreeSet<>();
        final String[][] columns = {{"msgs_per_s", "delivered", "msgs/s"}, {"p50_us", "p50", "us"},
            {"p99_us", "p99", "us"}, {"p999_us", "p99.9", "us"}, {"max_us", "max", "us"}, {"cpu_pct", "cpu", "%"},
            {"rss_mb", "rss", "MB"}};
        for (final Path run : runs)
        {
            final CsvTable t = CsvTable.read(run.resolve("summary.csv"));
            for (int r = 0; r < t.rowCount(); r++)
            {
                final String[] id = {t.text(r, "target"), t.text(r, "subscribers"), t.text(r, "rate_hz")};
                final String key = id[0] + " n=" + id[1] + " @" + id[2];
                rows.putIfAbsent(key, id);
                for (final String[] c : columns)
                {
                    metrics.add("fanout", key + " " + c[1], c[2], t.number(r, c[0]));
                }
                if (id[2].startsWith("max:"))
                {
                    ladders.add("n=" + id[1]);
                    metrics.add("fanout", id[0] + " n=" + id[1] + SUSTAINED, "Hz",
                        Double.parseDouble(id[2].substring(4)));
                }
            }
        }
        final Map<String, List<PercentileCurve>> byCount = new TreeMap<>();
        for (final Map.Entry<String, String[]> row : rows.entrySet())
        {
            final String key = row.getKey();
            final String[] id = row.getValue();
            md.append("| ").append(id[0]).append(" | ").append(id[1]).append(" | ").append(id[2]);
            for (final String[] c : columns)
            {
                md.append(" | ").append(cell("fanout", key + " " + c[1]));
            }
            md.append(" |\n");
            if (id[2].startsWith("max:"))
            {
                continue;
            }
            addCurve(byCount.computeIfAbsent(id[1], k -> new ArrayList<>()), id[0] + " @" + id[2] + " Hz",
                runs.get(0).resolve(id[0] + "-" + id[1] + "-" + id[2] + ".hgrm"));
            if (Integer.parseInt(id[1]) >= 10_000 && ("ours".equals(id[0]) || "chain".equals(id[0])))
            {
                final double p99 = metrics.get("fanout", key + " p99").median();
                goals.add(String.format(Locale.ROOT, "fan-out %s, %s subscribers at %s Hz: p99 %.1f ms (goal < 10 ms)" +
                    ": %s", id[0], id[1], id[2], p99 / 1000, p99 < 10_000 ? "**met**" : "**not met**"));
            }
        }
        md.append('\n');
        for (final String n : ladders)
        {
            final MetricSet.Metric ours = metrics.get("fanout", "ours " + n + SUSTAINED);
            final MetricSet.Metric node = metrics.get("fanout", "node " + n + SUSTAINED);
            if (null != ours && null != node)
            {
                goals.add(String.format(Locale.ROOT, "fan-out sustained rate, %s: ours %s Hz vs node %s Hz " +
                    "(goal ≥ 3×): %s", n, MetricSet.num(ours.median()), MetricSet.num(node.median()),
                    ours.median() >= 3 * node.median() ? "**met**" : "**not met**"));
            }
        }
        for (final Map.Entry<String, List<PercentileCurve>> e : byCount.entrySet())
        {
            plot("fanout-" + e.getKey(), "delivery latency, " + e.getKey() + " subscribers (run 1)", e.getValue());
        }
        md.append('\n');
    }

    private void journal() throws IOException
    {
        md.append("## Journal\n\n");
        final List<Path> runs = runDirs(dir.resolve("journal"), "journal-append.csv");
        if (runs.isEmpty())
        {
            md.append("No data (section skipped or failed).\n\n");
            return;
        }
        final Map<String, String[]> rows = new java.util.LinkedHashMap<>();
        final String[][] columns = {{"p50_ns", "p50"}, {"p99_ns", "p99"}, {"p99_9_ns", "p99.9"}, {"max_ns", "max"}};
        for (final Path run : runs)
        {
            final CsvTable append = CsvTable.read(run.resolve("journal-append.csv"));
            for (int r = 0; r < append.rowCount(); r++)
            {
                final String[] id = {append.text(r, "measure"), append.text(r, "record"),
                    MetricSet.num(append.number(r, "record_bytes")), append.text(r, "sync_mode")};
                final String name = id[0] + " " + id[1] + " " + id[3];
                rows.putIfAbsent(name, id);
                for (final String[] c : columns)
                {
                    metrics.add("journal", name + " " + c[1], "us", append.number(r, c[0]) / 1000);
                }
            }
            final Path hot = run.resolve("journal-hot-path.csv");
            if (Files.exists(hot))
            {
                final CsvTable t = CsvTable.read(hot);
                for (final String[] c : columns)
                {
                    metrics.add("journal", "hot path cost per event " + c[1], "us", t.number(0, c[0]) / 1000);
                }
                metrics.add("journal", "hot path events", MetricSet.NEUTRAL_UNIT, t.number(0, "events"));
            }
            final Path day = run.resolve("journal-day.csv");
            if (Files.exists(day))
            {
                final CsvTable t = CsvTable.read(day);
                metrics.add("journal", "replay", "events/s", t.number(0, "replay_events_per_s"));
                metrics.add("journal", "verify", "s", t.number(0, "verify_s"));
                metrics.add("journal", "replay identical", MetricSet.NEUTRAL_UNIT,
                    "true".equals(t.text(0, "replay_ok")) && 0 == t.number(0, "verify_exit") ? 1 : 0);
                metrics.add("journal", "day events", MetricSet.NEUTRAL_UNIT, t.number(0, "events"));
                metrics.add("journal", "day blocks", MetricSet.NEUTRAL_UNIT, t.number(0, "blocks"));
                metrics.add("journal", "day MB on disk", "MB", t.number(0, "disk_bytes") / 1e6);
            }
        }
        md.append(runs.size()).append(" run(s); µs.\n\n");
        md.append("| measure | record | bytes | sync mode | p50 | p99 | p99.9 | max |\n|---|---|---|---|---|---|---|---|\n");
        final List<PercentileCurve> curves = new ArrayList<>();
        for (final Map.Entry<String, String[]> row : rows.entrySet())
        {
            final String[] id = row.getValue();
            md.append("| ").append(id[0]).append(" | ").append(id[1]).append(" | ").append(id[2]).append(" | ")
                .append(id[3]);
            for (final String[] c : columns)
            {
                md.append(" | ").append(cell("journal", row.getKey() + " " + c[1]));
            }
            md.append(" |\n");
            if ("append".equals(id[0]))
            {
                addCurve(curves, id[1], runs.get(0).resolve("journal-append-" + id[1] + ".hgrm"));
                final double p99 = metrics.get("journal", row.getKey() + " p99").median();
                goals.add(String.format(Locale.ROOT, "journal append p99, %s (%s B): %.2f µs (goal ≤ 2 µs): %s",
                    id[1], id[2], p99, p99 <= 2 ? "**met**" : "**not met**"));
            }
        }
        md.append('\n');
        final MetricSet.Metric hot = metrics.get("journal", "hot path cost per event p99");
        if (null != hot)
        {
            md.append("Journaling's cost on the engine thread per event: p50 ")
                .append(cell("journal", "hot path cost per event p50")).append(" µs, p99 ")
                .append(hot.cell()).append(" µs, p99.9 ").append(cell("journal", "hot path cost per event p99.9"))
                .append(" µs over ").append(cell("journal", "hot path events")).append(" events per run.\n\n");
            goals.add(String.format(Locale.ROOT, "journal cost to the hot path p99: %.2f µs (goal ≤ 5 µs): %s",
                hot.median(), hot.median() <= 5 ? "**met**" : "**not met**"));
        }
        final MetricSet.Metric replay = metrics.get("journal", "replay");
        if (null != replay)
        {
            md.append("Replay and verify of ").append(cell("journal", "day blocks")).append(" blocks (")
                .append(cell("journal", "day events")).append(" events, ").append(cell("journal", "day MB on disk"))
                .append(" MB on disk): replay ").append(replay.cell()).append(" events/s, `replay-tool verify` ")
                .append(cell("journal", "verify")).append(" s; identical decisions in ")
                .append(MetricSet.num(metrics.get("journal", "replay identical").values.stream()
                    .mapToDouble(Double::doubleValue).sum())).append(" of ").append(replay.runs())
                .append(" run(s).\n\n");
            goals.add(String.format(Locale.ROOT, "journal replay: %,.0f events/s (goal ≥ 1,000,000): %s",
                replay.median(), replay.median() >= 1_000_000 ? "**met**" : "**not met**"));
        }
        plot("journal-append", "journal append latency by record (run 1)", curves);
    }

    private void pendingRpc() throws IOException
    {
        md.append("## flashblocks-rpc: pending queries, overlay vs the node (anvil) directly\n\n");
        final List<Path> files = new ArrayList<>();
        for (final Path run : runDirs(dir.resolve("pending-rpc"), null))
        {
            final Path csv = findFile(run, "pending-rpc.csv");
            if (null != csv)
            {
                files.add(csv);
            }
        }
        if (files.isEmpty())
        {
            md.append("No data (section skipped or failed).\n\n");
            return;
        }
        final Map<String, String[]> rows = new java.util.LinkedHashMap<>();
        final String[][] columns = {{"count", "count", MetricSet.NEUTRAL_UNIT}, {"errors", "errors", "count"},
            {"p50_us", "p50", "us"}, {"p99_us", "p99", "us"}, {"p999_us", "p99.9", "us"}};
        for (final Path csv : files)
        {
            final CsvTable t = CsvTable.read(csv);
            for (int r = 0; r < t.rowCount(); r++)
            {
                final String[] id = {t.text(r, "target"), t.text(r, "method")};
                final String name = id[0] + " " + id[1];
                rows.putIfAbsent(name, id);
                for (final String[] c : columns)
                {
                    metrics.add("pending-rpc", name + " " + c[1], c[2], t.number(r, c[0]));
                }
            }
        }
        md.append(files.size()).append(" run(s); µs.\n\n");
        md.append("| target | method | count | errors | p50 | p99 | p99.9 |\n|---|---|---|---|---|---|---|\n");
        final List<PercentileCurve> curves = new ArrayList<>();
        for (final Map.Entry<String, String[]> row : rows.entrySet())
        {
            md.append("| ").append(row.getValue()[0]).append(" | ").append(row.getValue()[1]);
            for (final String[] c : columns)
            {
                md.append(" | ").append(cell("pending-rpc", row.getKey() + " " + c[1]));
            }
            md.append(" |\n");
            if (curves.size() < 8)
            {
                addCurve(curves, row.getKey(), files.get(0).resolveSibling(row.getValue()[0] + "-" +
                    row.getValue()[1] + ".hgrm"));
            }
        }
        md.append('\n');
        plot("pending-rpc", "pending queries (run 1)", curves);
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

    /**
     * The repeats of a section: its {@code run-N} folders, or the folder itself when it holds {@code marker} directly
     * (a single run, or a harness run by hand); with a null marker, the folder itself when it has no run folders.
     */
    static List<Path> runDirs(final Path section, final String marker) throws IOException
    {
        final List<Path> runs = new ArrayList<>();
        for (final Path d : subdirs(section))
        {
            if (d.getFileName().toString().startsWith("run-") &&
                (null == marker || Files.exists(d.resolve(marker))))
            {
                runs.add(d);
            }
        }
        runs.sort((a, b) -> Integer.compare(numberIn(a), numberIn(b)));
        if (runs.isEmpty() && Files.isDirectory(section) && (null == marker || Files.exists(section.resolve(marker))))
        {
            runs.add(section);
        }
        return runs;
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
