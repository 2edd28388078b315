package io.faultline.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.faultline.report.Html;
import io.faultline.report.ReportBuilder;
import io.faultline.report.ReportException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The results browser: the runs under a results root with verdict, store, workload, nemesis and
 * date, filtered by verdict; each run's report and files; two runs side by side. Read-only, except
 * that it builds a missing report.html on request. Bound to 127.0.0.1 unless told otherwise.
 */
public final class ResultsServer implements AutoCloseable {
    private final HttpServer http;
    private final ResultsIndex index;
    private final SafePaths paths;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    public ResultsServer(Path root, String host, int port) throws IOException {
        this.paths = new SafePaths(root);
        this.index = new ResultsIndex(paths.root());
        this.http = HttpServer.create(new InetSocketAddress(host, port), 32);
        http.createContext("/", this::handle);
        http.setExecutor(pool);
    }

    public void start() {
        http.start();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public String url() {
        return "http://" + http.getAddress().getHostString() + ":" + port() + "/";
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                send(ex, 405, "text/plain", "only GET\n");
                return;
            }
            String raw = ex.getRequestURI().getRawPath();
            Map<String, List<String>> q = query(ex.getRequestURI().getRawQuery());
            if (raw.equals("/")) {
                send(ex, 200, "text/html; charset=utf-8", indexPage(first(q, "verdict")));
            } else if (raw.equals("/api/runs")) {
                send(ex, 200, "application/json", new ObjectMapper().writeValueAsString(index.runs()));
            } else if (raw.equals("/compare")) {
                compare(ex, q);
            } else if (raw.equals("/build")) {
                build(ex, first(q, "run"));
            } else if (raw.startsWith("/runs/")) {
                file(ex, raw.substring("/runs/".length()));
            } else {
                send(ex, 404, "text/plain", "not found\n");
            }
        } catch (RuntimeException e) {
            send(ex, 500, "text/plain", "error: " + e + "\n");
        }
    }

    private void file(HttpExchange ex, String rel) throws IOException {
        Optional<Path> p;
        try {
            p = paths.resolve(rel);
        } catch (SafePaths.Refused e) {
            send(ex, 403, "text/plain", "refused: " + e.getMessage() + " (only files under the results folder are served)\n");
            return;
        }
        if (p.isEmpty()) {
            send(ex, 404, "text/plain", "not found\n");
            return;
        }
        Path f = p.get();
        if (Files.isDirectory(f)) {
            if (!rel.endsWith("/")) {
                ex.getResponseHeaders().add("Location", "/runs/" + rel + "/");
                send(ex, 302, "text/plain", "");
                return;
            }
            StringBuilder h = new StringBuilder("<!doctype html><meta charset=\"utf-8\"><title>").append(Html.esc(rel))
                    .append("</title><body style=\"font:14px system-ui\"><h1>").append(Html.esc(rel)).append("</h1><ul>");
            try (Stream<Path> s = Files.list(f)) {
                for (Path c : s.sorted().toList()) {
                    String slash = Files.isDirectory(c) ? "/" : "";
                    String n = c.getFileName().toString() + slash;
                    h.append("<li><a href=\"").append(Html.esc(encode(c.getFileName().toString()) + slash)).append("\">").append(Html.esc(n)).append("</a></li>");
                }
            }
            send(ex, 200, "text/html; charset=utf-8", h.append("</ul><p><a href=\"/\">all runs</a></p>").toString());
            return;
        }
        byte[] body = Files.readAllBytes(f);
        ex.getResponseHeaders().add("Content-Type", type(f));
        ex.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
        ex.sendResponseHeaders(200, ex.getRequestMethod().equals("HEAD") ? -1 : body.length);
        if (!ex.getRequestMethod().equals("HEAD")) {
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        }
    }

    private void build(HttpExchange ex, String run) throws IOException {
        RunEntry e = run == null ? null : index.find(run);
        if (e == null) {
            send(ex, 404, "text/plain", "no run " + run + "\n");
            return;
        }
        try {
            new ReportBuilder().build(paths.root().resolve(e.id()));
        } catch (ReportException err) {
            send(ex, 500, "text/plain", "cannot build the report: " + err.getMessage() + "\n");
            return;
        }
        ex.getResponseHeaders().add("Location", "/runs/" + encodePath(e.id()) + "/report.html");
        send(ex, 302, "text/plain", "");
    }

    String indexPage(String verdict) throws IOException {
        List<RunEntry> all = index.runs();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String v : List.of("valid", "invalid", "unknown", "unchecked")) counts.put(v, 0);
        for (RunEntry e : all) counts.merge(e.verdict(), 1, Integer::sum);
        StringBuilder h = page("faultline results");
        h.append("<h1>faultline results</h1><p class=\"muted\">").append(Html.esc(paths.root().toString())).append(" · ")
                .append(all.size()).append(" runs</p><p id=\"filters\">filter: <a href=\"/\"")
                .append(verdict == null ? " class=\"on\"" : "").append(">all</a>");
        counts.forEach((v, n) -> h.append(" · <a class=\"").append(v).append(v.equals(verdict) ? " on" : "")
                .append("\" href=\"/?verdict=").append(v).append("\">").append(v).append(" (").append(n).append(")</a>"));
        h.append("</p><form action=\"/compare\" method=\"get\"><table id=\"runs\"><tr><th>A</th><th>B</th><th>date</th><th>verdict</th>"
                + "<th>store</th><th>workload</th><th>nemesis</th><th>store faults</th><th>seed</th><th>anomalies</th>"
                + "<th>availability</th><th>p99</th><th>run</th></tr>");
        int shown = 0;
        for (RunEntry e : all) {
            if (verdict != null && !verdict.equals(e.verdict())) continue;
            shown++;
            String href = "/runs/" + encodePath(e.id()) + "/";
            h.append("<tr class=\"run\" data-verdict=\"").append(Html.esc(e.verdict())).append("\"><td><input type=\"radio\" name=\"a\" value=\"")
                    .append(Html.esc(e.id())).append("\"></td><td><input type=\"radio\" name=\"b\" value=\"").append(Html.esc(e.id()))
                    .append("\"></td><td>").append(Html.esc(e.started().replace('T', ' ').replaceAll("\\.\\d+", "")))
                    .append("</td><td class=\"").append(Html.esc(e.verdict())).append("\">").append(Html.esc(e.verdict()))
                    .append("</td><td>").append(Html.esc(e.store())).append("</td><td>").append(Html.esc(e.workload()))
                    .append("</td><td>").append(Html.esc(e.nemesis())).append("</td><td>").append(Html.esc(e.storeFaults()))
                    .append("</td><td>").append(Html.esc(e.seed())).append("</td><td class=\"num\">").append(e.anomalyCount())
                    .append("</td><td class=\"num\">").append(pct(e.availability())).append("</td><td class=\"num\">")
                    .append(ms(e.p99Millis())).append("</td><td>");
            if (e.hasReport()) h.append("<a class=\"report\" href=\"").append(href).append("report.html\">").append(Html.esc(e.id())).append("</a>");
            else h.append("<a class=\"report\" href=\"/build?run=").append(encode(e.id())).append("\">").append(Html.esc(e.id())).append(" (build report)</a>");
            h.append(" · <a href=\"").append(href).append("\">files</a></td></tr>");
        }
        if (shown == 0) h.append("<tr><td colspan=\"13\">no runs").append(verdict == null ? "" : " with verdict " + Html.esc(verdict)).append("</td></tr>");
        h.append("</table><p><button type=\"submit\" id=\"compare\">compare A and B</button></p></form></body></html>\n");
        return h.toString();
    }

    private void compare(HttpExchange ex, Map<String, List<String>> q) throws IOException {
        String a = first(q, "a"), b = first(q, "b");
        RunEntry ra = a == null ? null : index.find(a), rb = b == null ? null : index.find(b);
        if (ra == null || rb == null) {
            send(ex, 400, "text/plain", "choose two runs: /compare?a=RUN&b=RUN (unknown: " + (ra == null ? a : b) + ")\n");
            return;
        }
        StringBuilder h = page("compare");
        h.append("<h1>compare</h1><table id=\"compare-table\"><tr><th></th><th>A: <a href=\"/runs/").append(encodePath(ra.id()))
                .append("/report.html\">").append(Html.esc(ra.id())).append("</a></th><th>B: <a href=\"/runs/").append(encodePath(rb.id()))
                .append("/report.html\">").append(Html.esc(rb.id())).append("</a></th></tr>");
        row(h, "verdict", ra.verdict(), rb.verdict(), true);
        row(h, "date", ra.started(), rb.started(), false);
        row(h, "store", ra.store(), rb.store(), false);
        row(h, "workload", ra.workload(), rb.workload(), false);
        row(h, "nemesis", ra.nemesis(), rb.nemesis(), false);
        row(h, "store faults", ra.storeFaults(), rb.storeFaults(), false);
        row(h, "seed", ra.seed(), rb.seed(), false);
        Set<String> checkers = new LinkedHashSet<>(ra.checkers().keySet());
        checkers.addAll(rb.checkers().keySet());
        for (String c : checkers) {
            row(h, "checker " + c, ra.checkers().getOrDefault(c, "-"), rb.checkers().getOrDefault(c, "-"), true);
            row(h, "anomalies " + c, String.valueOf(ra.anomalies().getOrDefault(c, 0)), String.valueOf(rb.anomalies().getOrDefault(c, 0)), false);
        }
        row(h, "ok / fail / info", ra.ok() + " / " + ra.fail() + " / " + ra.info(), rb.ok() + " / " + rb.fail() + " / " + rb.info(), false);
        row(h, "availability", pct(ra.availability()), pct(rb.availability()), false);
        row(h, "availability during faults", pct(ra.faultAvailability()), pct(rb.faultAvailability()), false);
        row(h, "latency p50", ms(ra.p50Millis()), ms(rb.p50Millis()), false);
        row(h, "latency p99", ms(ra.p99Millis()), ms(rb.p99Millis()), false);
        h.append("</table><div class=\"side\">");
        for (RunEntry e : List.of(ra, rb)) {
            String base = "/runs/" + encodePath(e.id()) + "/";
            h.append("<div><h3>").append(Html.esc(e.id())).append("</h3>");
            if (Files.isRegularFile(paths.root().resolve(e.id()).resolve(ReportBuilder.LATENCY_PNG))) {
                h.append("<img alt=\"latency\" src=\"").append(base).append(ReportBuilder.LATENCY_PNG).append("\"><img alt=\"throughput\" src=\"")
                        .append(base).append(ReportBuilder.THROUGHPUT_PNG).append("\">");
            } else {
                h.append("<p>no plots yet: <a href=\"/build?run=").append(encode(e.id())).append("\">build the report</a></p>");
            }
            h.append("</div>");
        }
        h.append("</div><p><a href=\"/\">all runs</a></p></body></html>\n");
        send(ex, 200, "text/html; charset=utf-8", h.toString());
    }

    private static void row(StringBuilder h, String k, String a, String b, boolean verdict) {
        String cls = a.equals(b) ? "" : " class=\"diff\"";
        h.append("<tr").append(cls).append("><th>").append(Html.esc(k)).append("</th><td").append(verdict ? " class=\"" + Html.esc(a) + "\"" : "")
                .append(">").append(Html.esc(a)).append("</td><td").append(verdict ? " class=\"" + Html.esc(b) + "\"" : "").append(">")
                .append(Html.esc(b)).append("</td></tr>");
    }

    private static StringBuilder page(String title) {
        return new StringBuilder(8192).append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(Html.esc(title)).append("</title><style>body{font:14px system-ui,sans-serif;margin:1.5em 2em;color:#222}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.25em .6em;text-align:left}th{background:#f6f6f6}"
                        + ".num{text-align:right}.valid{color:#17702a;font-weight:600}.invalid{color:#b00020;font-weight:600}"
                        + ".unknown,.unchecked{color:#8a6d00;font-weight:600}.muted{color:#777}#filters a.on{font-weight:700;text-decoration:none}"
                        + "tr.diff td{background:#fff8e1}.side{display:flex;gap:1em}.side img{max-width:100%;display:block}.side div{flex:1}"
                        + "</style></head><body>");
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD") || status == 302;
        ex.sendResponseHeaders(status, head ? -1 : b.length);
        if (!head) {
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        }
    }

    private static String type(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".html")) return "text/html; charset=utf-8";
        if (n.endsWith(".png")) return "image/png";
        if (n.endsWith(".json")) return "application/json";
        if (n.endsWith(".svg")) return "image/svg+xml";
        if (n.endsWith(".xml")) return "application/xml";
        return "text/plain; charset=utf-8";
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return m;
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return m;
    }

    private static String first(Map<String, List<String>> q, String k) {
        List<String> v = q.get(k);
        return v == null || v.isEmpty() || v.getFirst().isEmpty() ? null : v.getFirst();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encodePath(String id) {
        StringBuilder b = new StringBuilder();
        for (String part : id.split("/")) b.append(b.isEmpty() ? "" : "/").append(encode(part));
        return b.toString();
    }

    private static String pct(double d) {
        return Double.isFinite(d) ? String.format(Locale.ROOT, "%.1f%%", d * 100) : "-";
    }

    private static String ms(double d) {
        return Double.isFinite(d) ? String.format(Locale.ROOT, "%.1f ms", d) : "-";
    }
}
