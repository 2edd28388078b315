package io.faultline.report;

import io.faultline.check.Anomaly;
import io.faultline.check.CheckResult;
import io.faultline.check.Verdict;
import io.faultline.results.RunStats;
import io.faultline.test.TestDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A minimal, self-contained report.html (no scripts, no external files); the reports issue makes it rich. */
public final class ReportHtml {

    public void write(Path file, TestDefinition def, Verdict verdict, List<CheckResult> results, RunStats stats)
            throws IOException {
        StringBuilder h = new StringBuilder(4096);
        h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>faultline: ").append(esc(def.name()))
                .append("</title><style>body{font:14px system-ui,sans-serif;margin:2em;max-width:60em}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}"
                        + ".valid{color:#17702a}.invalid{color:#b00020}.unknown{color:#8a6d00}</style></head><body>");
        String v = verdict.name().toLowerCase(Locale.ROOT);
        h.append("<h1>").append(esc(def.name())).append(": <span class=\"").append(v).append("\">").append(v)
                .append("</span></h1>");
        h.append("<h2>Test</h2><table>");
        row(h, "store", def.store() + (def.storeFaults().isEmpty() ? "" : " (faults: " + String.join(",", def.storeFaults()) + ")"));
        row(h, "nodes", Integer.toString(def.nodes()));
        row(h, "environment", def.environment());
        row(h, "workload", def.workload());
        row(h, "nemesis", def.nemesis().none() ? "none" : String.join(",", def.nemesis().faults())
                + " every ~" + def.nemesis().interval().toSeconds() + " s");
        row(h, "time limit", def.timeLimit().toSeconds() + " s");
        row(h, "concurrency / rate", def.concurrency() + " / " + def.rate() + " ops/s");
        row(h, "seed", Long.toString(def.seed()));
        h.append("</table><h2>Checkers</h2><table><tr><th>checker</th><th>verdict</th><th>summary</th></tr>");
        for (CheckResult r : results) {
            String rv = r.verdict().name().toLowerCase(Locale.ROOT);
            h.append("<tr><td>").append(esc(r.checker())).append("</td><td class=\"").append(rv).append("\">")
                    .append(rv).append("</td><td>").append(esc(r.summary())).append("</td></tr>");
        }
        h.append("</table>");
        for (CheckResult r : results) {
            if (r.anomalies().isEmpty()) continue;
            h.append("<h3>").append(esc(r.checker())).append(": anomalies</h3><ol>");
            for (Anomaly a : r.anomalies()) {
                h.append("<li><b>").append(esc(a.type())).append("</b>: ").append(esc(a.explanation()));
                if (!a.opIndexes().isEmpty()) h.append(" (history indexes ").append(esc(a.opIndexes().toString())).append(")");
                h.append("</li>");
            }
            h.append("</ol>");
        }
        h.append("<h2>Run</h2><table>");
        row(h, "ops ok / fail / info", stats.ok() + " / " + stats.fail() + " / " + stats.info());
        row(h, "availability", pct(stats.availability()));
        row(h, "availability during faults", pct(stats.faultAvailability()) + " of " + stats.faultOps() + " ops");
        row(h, "latency p50 / p99", ms(stats.p50Millis()) + " / " + ms(stats.p99Millis()));
        row(h, "faults injected", Long.toString(stats.faults()));
        h.append("</table><p>Files: <a href=\"history.jsonl\">history.jsonl</a>, <a href=\"test.json\">test.json</a>, "
                + "<a href=\"results.json\">results.json</a>, <a href=\"nodes/\">nodes/</a></p></body></html>\n");
        Files.writeString(file, h, StandardCharsets.UTF_8);
    }

    static String pct(double d) {
        return Double.isFinite(d) ? String.format(Locale.ROOT, "%.1f%%", d * 100) : "n/a";
    }

    static String ms(double d) {
        return Double.isFinite(d) ? String.format(Locale.ROOT, "%.1f ms", d) : "n/a";
    }

    private static void row(StringBuilder h, String k, String v) {
        h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>");
    }

    private static String esc(String s) {
        return Html.esc(s);
    }
}
