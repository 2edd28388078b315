package io.faultline.report;

import static io.faultline.report.Html.esc;

import io.faultline.history.History;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * compare.html: the comparison's table (medians over rounds), each store's settings, every run
 * with a link to its own report, and per workload one throughput plot with a line per store (the
 * first round's runs), drawn by the reports' own {@link SvgPlot}. Self-contained, no scripts.
 */
public final class ComparePage {
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

    public void write(Path file, String title, Comparison cmp) throws IOException, ReportException {
        Files.writeString(file, render(title, cmp, file.getParent()), StandardCharsets.UTF_8);
    }

    String render(String title, Comparison cmp, Path base) throws ReportException {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>faultline compare: ").append(esc(title))
                .append("</title><style>body{font:14px system-ui,sans-serif;margin:2em;max-width:80em}"
                        + "table{border-collapse:collapse;margin-bottom:1em}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}"
                        + "td.n{text-align:right}.kept{color:#17702a}.broken{color:#b00020}.unknown{color:#8a6d00}"
                        + ".note{background:#fff8e0;padding:.5em 1em;border-left:4px solid #e0b000}"
                        + ".plot text{font:11px sans-serif}.ptitle{font-weight:bold}</style></head><body>");
        h.append("<h1>compare: ").append(esc(title)).append("</h1>");
        h.append("<p class=\"note\">").append(esc(Comparison.MACHINE_NOTE)).append("</p>");
        List<String> faults = cmp.faultKinds();
        List<String> names = cmp.checkerNames();
        h.append("<h2>Side by side (medians over the rounds)</h2><table><tr><th>store</th><th>workload</th><th>rounds</th>"
                + "<th>ok ops (main phase)</th><th>ok/s</th><th>p50 ms</th><th>p99 ms</th><th>availability</th>");
        for (String f : faults) h.append("<th>availability during ").append(esc(f)).append("</th>");
        for (String c : names) h.append("<th>").append(esc(c)).append("</th>");
        h.append("<th>harness CPU ms/op</th></tr>");
        for (Comparison.Line l : cmp.lines()) {
            h.append("<tr><td>").append(esc(l.store())).append("</td><td>").append(esc(l.workload())).append("</td>");
            n(h, Integer.toString(l.rounds()));
            n(h, Comparison.num(l.okOps(), 0));
            n(h, Comparison.num(l.okPerSecond(), 0));
            n(h, Comparison.num(l.p50Millis(), 1));
            n(h, Comparison.num(l.p99Millis(), 1));
            n(h, Comparison.pct(l.availability()));
            for (String f : faults) n(h, Comparison.pct(l.availabilityPerFault().get(f)));
            for (String c : names) {
                String v = l.checkers().get(c);
                String cls = v.startsWith("kept") ? "kept" : v.startsWith("BROKEN") ? "broken" : "unknown";
                h.append("<td class=\"").append(cls).append("\">").append(esc(v)).append("</td>");
            }
            n(h, Comparison.num(l.harnessCpuMsPerOp(), 3));
            h.append("</tr>");
        }
        h.append("</table><p>Throughput counts ok ops invoked during the main phase; latencies are of every ok op; "
                + "availability is the share of ops that got a definite answer (ok, or the store's own \"no\").</p>");

        h.append("<h2>Store settings</h2><table><tr><th>store</th><th>setting</th><th>value</th></tr>");
        Map<String, Map<String, String>> settings = new LinkedHashMap<>();
        for (Comparison.Line l : cmp.lines()) settings.putIfAbsent(l.store(), l.settings());
        settings.forEach((store, s) -> {
            if (s.isEmpty()) {
                h.append("<tr><td>").append(esc(store)).append("</td><td colspan=\"2\">(none stated)</td></tr>");
            }
            s.forEach((k, v) -> h.append("<tr><td>").append(esc(store)).append("</td><td>").append(esc(k))
                    .append("</td><td><code>").append(esc(v)).append("</code></td></tr>"));
        });
        h.append("</table>");

        Map<String, List<CompareRow>> firstRound = new LinkedHashMap<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (CompareRow r : cmp.runs()) {
            if (seen.putIfAbsent(r.store() + "\u0000" + r.workload(), true) != null) continue;
            firstRound.computeIfAbsent(r.workload(), k -> new ArrayList<>()).add(r);
        }
        for (var e : firstRound.entrySet()) h.append(SvgPlot.render(throughput(e.getKey(), e.getValue()), 900, 300));

        h.append("<h2>Every run</h2><table><tr><th>store</th><th>workload</th><th>seed</th><th>ok ops</th><th>p50 ms</th>"
                + "<th>p99 ms</th><th>verdict</th><th>report</th></tr>");
        for (CompareRow r : cmp.runs()) {
            h.append("<tr><td>").append(esc(r.store())).append("</td><td>").append(esc(r.workload())).append("</td>");
            n(h, Long.toString(r.seed()));
            n(h, Long.toString(r.okOps()));
            n(h, Comparison.num(r.p50Millis(), 1));
            n(h, Comparison.num(r.p99Millis(), 1));
            h.append("<td>").append(esc(r.verdict())).append("</td>");
            String link = base == null ? r.dir().resolve("report.html").toString()
                    : base.toAbsolutePath().relativize(r.dir().toAbsolutePath().resolve("report.html")).toString();
            h.append("<td><a href=\"").append(esc(link)).append("\">report</a></td></tr>");
        }
        h.append("</table></body></html>\n");
        return h.toString();
    }

    /** ok/s over time, one line per store; fault bands from the first store's run (same seed, same schedule). */
    private static Plot throughput(String workload, List<CompareRow> rows) throws ReportException {
        List<Plot.Series> series = new ArrayList<>();
        double xMax = 0;
        List<FaultInterval> faults = List.of();
        int i = 0;
        for (CompareRow r : rows) {
            History history = RunFolder.read(r.dir()).history();
            Figures fig = Figures.of(history);
            double[] ok = fig.okPerSecond();
            double[] mids = new double[ok.length];
            for (int b = 0; b < ok.length; b++) mids[b] = (b + 0.5) * fig.bucketSeconds();
            series.add(new Plot.Series(r.store() + " ok/s", COLORS[i++ % COLORS.length], Plot.Style.LINE, Plot.Marker.CIRCLE, mids, ok));
            xMax = Math.max(xMax, fig.durationSeconds());
            if (faults.isEmpty()) faults = fig.faults();
        }
        return new Plot("compare-throughput-" + workload, "Throughput, " + workload + " (ok ops per second, first round)",
                "ok/s", false, xMax, series, faults);
    }

    private static void n(StringBuilder h, String v) {
        h.append("<td class=\"n\">").append(esc(v)).append("</td>");
    }
}
