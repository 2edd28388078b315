package io.faultline.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.faultline.report.Html;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The campaign's summary table as text (terminal, summary.txt), HTML and JSON. */
public final class Summary {
    private Summary() {
    }

    public static String text(CampaignResult r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"status", "run", "expect", "verdict", "checkers", "avail", "p99 ms", "time s"});
        for (RunOutcome o : r.runs()) {
            rows.add(new String[]{o.status() + (o.resumed() ? "*" : ""), o.spec().id(), o.spec().expect().wireName(), o.verdict(),
                    checkers(o), pct(o.availability()), num(o.p99Millis()), String.format(Locale.ROOT, "%.0f", o.seconds())});
        }
        StringBuilder b = new StringBuilder(io.faultline.report.TextTable.align(rows));
        b.append(footer(r));
        return b.toString();
    }

    static String footer(CampaignResult r) {
        StringBuilder b = new StringBuilder();
        b.append(r.passed()).append('/').append(r.runs().size()).append(" runs passed");
        if (r.runs().stream().anyMatch(RunOutcome::resumed)) b.append(" (* finished in an earlier invocation)");
        long[] d = r.detection();
        if (d[1] > 0) {
            b.append("; fault detection rate ").append(d[0]).append('/').append(d[1])
                    .append(String.format(Locale.ROOT, " (%.0f%%)", 100.0 * d[0] / d[1]));
            StringBuilder per = new StringBuilder();
            r.detectionByFault().forEach((k, v) -> per.append(per.isEmpty() ? "" : ", ").append(k).append(' ').append(v[0]).append('/').append(v[1]));
            b.append(" [").append(per).append(']');
        }
        b.append("; exit code ").append(r.exitCode()).append('\n');
        return b.toString();
    }

    public static void writeAll(CampaignResult r, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.txt"), text(r));
        Files.writeString(dir.resolve("summary.html"), html(r, dir));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("summary.json").toFile(), json(r));
        JUnitXml.write(r, dir.resolve("junit.xml"));
    }

    static Map<String, Object> json(CampaignResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("campaign", r.name());
        m.put("exit-code", r.exitCode());
        m.put("runs-total", r.runs().size());
        m.put("runs-passed", r.passed());
        long[] d = r.detection();
        m.put("faults-detected", d[0]);
        m.put("fault-runs", d[1]);
        m.put("detection-rate", d[1] == 0 ? null : (double) d[0] / d[1]);
        List<Map<String, Object>> runs = new ArrayList<>();
        for (RunOutcome o : r.runs()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", o.spec().id());
            x.put("status", o.status());
            x.put("store", o.spec().store());
            x.put("workload", o.spec().workload());
            x.put("nemesis", o.spec().nemesis());
            x.put("store-faults", o.spec().storeFaults());
            x.put("seed", o.spec().seed());
            x.put("repeat", o.spec().repeat());
            x.put("expect", o.spec().expect().wireName());
            x.put("verdict", o.verdict());
            x.put("passed", o.passed());
            x.put("checkers", o.checkers());
            x.put("anomalies", o.anomalies());
            x.put("message", o.message());
            x.put("availability", Double.isFinite(o.availability()) ? o.availability() : null);
            x.put("p99-ms", Double.isFinite(o.p99Millis()) ? o.p99Millis() : null);
            x.put("seconds", o.seconds());
            x.put("dir", o.dir());
            x.put("resumed", o.resumed());
            runs.add(x);
        }
        m.put("runs", runs);
        return m;
    }

    static String html(CampaignResult r, Path dir) {
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>campaign ").append(Html.esc(r.name()))
                .append("</title><style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ddd;padding:.25em .6em;text-align:left}.PASS{color:#17702a}.FAIL,.ERROR{color:#b00020}"
                        + ".UNKNOWN{color:#8a6d00}</style></head><body><h1>campaign ").append(Html.esc(r.name())).append("</h1><p>")
                .append(Html.esc(footer(r))).append("</p><table id=\"summary\"><tr><th>status</th><th>run</th><th>expect</th>"
                        + "<th>verdict</th><th>checkers</th><th>availability</th><th>p99 ms</th><th>anomalies</th><th>report</th></tr>");
        for (RunOutcome o : r.runs()) {
            h.append("<tr><td class=\"").append(o.status()).append("\">").append(o.status()).append("</td><td>")
                    .append(Html.esc(o.spec().id())).append("</td><td>").append(o.spec().expect().wireName()).append("</td><td>")
                    .append(Html.esc(o.verdict())).append("</td><td>").append(Html.esc(checkers(o))).append("</td><td>")
                    .append(pct(o.availability())).append("</td><td>").append(num(o.p99Millis())).append("</td><td>")
                    .append(Html.esc(String.join("; ", o.anomalies().stream().limit(3).toList()))).append("</td><td>");
            if (o.dir() != null) {
                Path report = Path.of(o.dir()).resolve("report.html");
                String href = report.isAbsolute() && dir.isAbsolute() ? dir.relativize(report).toString() : report.toString();
                h.append("<a href=\"").append(Html.esc(href)).append("\">report</a>");
            } else {
                h.append(Html.esc(o.message()));
            }
            h.append("</td></tr>");
        }
        h.append("</table></body></html>\n");
        return h.toString();
    }

    private static String checkers(RunOutcome o) {
        if (o.checkers().isEmpty()) return "-";
        StringBuilder b = new StringBuilder();
        o.checkers().forEach((k, v) -> b.append(b.isEmpty() ? "" : " ").append(k).append('=').append(v));
        return b.toString();
    }

    static String pct(double d) {
        return Double.isFinite(d) ? String.format(Locale.ROOT, "%.1f%%", d * 100) : "-";
    }

    static String num(double d) {
        return Double.isFinite(d) ? String.format(Locale.ROOT, "%.0f", d) : "-";
    }
}
