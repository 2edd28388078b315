package io.faultline.report;

import io.faultline.history.FaultLog;
import io.faultline.history.History;
import io.faultline.history.Operation;
import io.faultline.linear.Lanes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a run folder's report.html (self-contained: inline CSS, JS and SVG) and the plots as
 * PNG files (latency.png, throughput.png), from test.json, results.json and history.jsonl.
 */
public final class ReportBuilder {
    /** Above this many client operations the timeline embeds the first ones plus every op an anomaly names. */
    static final int MAX_TIMELINE_OPS = 200_000;
    public static final String LATENCY_PNG = "latency.png";
    public static final String THROUGHPUT_PNG = "throughput.png";

    public record Written(Path report, List<Path> pngs, Figures figures) {
    }

    public Written build(Path dir) throws ReportException {
        return build(RunFolder.read(dir));
    }

    public Written build(RunFolder run) throws ReportException {
        Figures fig = Figures.of(run.history());
        Plot latency = Plots.latency(run.history(), fig);
        Plot throughput = Plots.throughput(fig);
        Path report = run.dir().resolve("report.html");
        List<Path> pngs = List.of(run.dir().resolve(LATENCY_PNG), run.dir().resolve(THROUGHPUT_PNG));
        try {
            PngPlot.write(latency, 1200, 420, pngs.get(0));
            PngPlot.write(throughput, 1200, 320, pngs.get(1));
            String html = html(run, fig, latency, throughput);
            Path tmp = run.dir().resolve(".report.html.tmp");
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            Files.move(tmp, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ReportException("cannot write the report in " + run.dir() + ": " + e.getMessage());
        }
        return new Written(report, pngs, fig);
    }

    String html(RunFolder run, Figures fig, Plot latency, Plot throughput) {
        StringBuilder h = new StringBuilder(256 * 1024);
        String name = run.name();
        String verdict = run.verdict();
        h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>faultline: ").append(Html.esc(name))
                .append(" (").append(verdict).append(")</title><style>").append(ReportScript.CSS).append(Lanes.CSS)
                .append("</style></head><body>");
        h.append("<h1 id=\"title\">").append(Html.esc(name)).append(" <span id=\"verdict\" class=\"badge ").append(Html.esc(verdict))
                .append("\">").append(Html.esc(verdict)).append("</span></h1>");
        h.append("<p>").append(Html.esc(RunFolder.or(run.test().store(), "?"))).append(" · ").append(Html.esc(RunFolder.or(run.test().workload(), "?")))
                .append(" · nemesis ").append(Html.esc(run.nemesisText())).append(" · seed ").append(Html.esc(RunFolder.or(run.test().seed(), "?")))
                .append(" · started ").append(Html.esc(RunFolder.or(run.test().started(), "?"))).append("</p>");
        checkers(h, run);
        recovery(h, run);
        test(h, run);
        figures(h, fig);
        h.append("<h2>Plots</h2><div class=\"plots\">").append(SvgPlot.render(latency, 1200, 420))
                .append(SvgPlot.render(throughput, 1200, 320)).append("<p>As PNG: <a href=\"").append(LATENCY_PNG)
                .append("\">").append(LATENCY_PNG).append("</a>, <a href=\"").append(THROUGHPUT_PNG).append("\">")
                .append(THROUGHPUT_PNG).append("</a></p></div>");
        anomalies(h, run);
        faults(h, fig);
        timeline(h, run, fig);
        h.append("<h2>Files</h2><p><a href=\"history.jsonl\">history.jsonl</a> · <a href=\"test.json\">test.json</a> · "
                + "<a href=\"results.json\">results.json</a> · <a href=\"nodes/\">nodes/</a> (node logs)</p>");
        h.append("<script>").append(ReportScript.JS).append("</script></body></html>\n");
        return h.toString();
    }

    private static void checkers(StringBuilder h, RunFolder run) {
        h.append("<h2>Verdicts</h2><table id=\"checkers\"><tr><th>checker</th><th>verdict</th><th>anomalies</th><th>summary</th></tr>");
        if (run.checkers().isEmpty()) {
            h.append("<tr><td colspan=\"4\">no results.json: the run was not checked (re-run with <code>./faultline report DIR --recheck</code>)</td></tr>");
        }
        for (Map<String, Object> c : run.checkers()) {
            String v = String.valueOf(c.get("verdict"));
            h.append("<tr><td>").append(Html.esc(String.valueOf(c.get("checker")))).append("</td><td class=\"")
                    .append(Html.esc(v)).append("\">").append(Html.esc(v)).append("</td><td class=\"num\">")
                    .append(anomalyList(c).size()).append("</td><td>").append(Html.esc(String.valueOf(c.get("summary"))))
                    .append("</td></tr>");
        }
        h.append("</table>");
    }

    /** The store's recovery after the final heal (results.json "recovery"); a non-recovery is its own finding. */
    private static void recovery(StringBuilder h, RunFolder run) {
        if (run.results() == null || run.results().recovery() == null) return;
        Map<String, Object> r = run.results().recovery();
        boolean failed = "not-recovered".equals(r.get("status"));
        h.append("<h2 id=\"recovery\">").append(failed ? "Finding: the store did not recover" : "Recovery").append("</h2><p")
                .append(failed ? " class=\"invalid\"" : "").append(">").append(Html.esc(String.valueOf(r.get("summary"))))
                .append(failed ? " — every fault was healed, yet the store did not serve again (exit 1)." : "").append("</p>");
    }

    private static void test(StringBuilder h, RunFolder run) {
        h.append("<h2>Test</h2><table id=\"test\">");
        for (Map.Entry<String, Object> e : run.test().fields().entrySet()) {
            h.append("<tr><th>").append(Html.esc(e.getKey())).append("</th><td>").append(Html.esc(Values.compact(e.getValue())))
                    .append("</td></tr>");
        }
        h.append("</table><p>Repeat: <code>./faultline run --store ").append(Html.esc(RunFolder.or(run.test().store(), "raftstore")))
                .append(" --workload ").append(Html.esc(RunFolder.or(run.test().workload(), "register"))).append(" --nemesis ")
                .append(Html.esc(run.nemesisText())).append(" --seed ").append(Html.esc(RunFolder.or(run.test().seed(), "0"))).append("</code></p>");
    }

    private static void figures(StringBuilder h, Figures fig) {
        h.append("<h2>Figures</h2><table id=\"figures\"><tr><th>ops</th><th>ok</th><th>fail</th><th>of which answered no</th>"
                + "<th>info</th><th>availability</th><th>success rate</th></tr>");
        availability(h, fig.overall());
        availability(h, fig.duringFaults());
        for (Figures.Availability a : fig.perFault()) {
            availability(h, new Figures.Availability("during " + a.label(), a.ok(), a.fail(), a.info(), a.answered()));
        }
        h.append("</table><p class=\"note\">Availability: the share of requests the store answered definitively (ok, or a"
                + " failed op that is the store's own answer, such as a compare that did not match); success rate: the share"
                + " that succeeded.</p><table id=\"latency\"><tr><th>latency of ok ops</th><th>count</th><th>p50</th><th>p95</th><th>p99</th><th>max</th></tr>");
        quantiles(h, fig.latency());
        for (Figures.Quantiles q : fig.latencyPerF()) quantiles(h, q);
        h.append("</table><p>Throughput: <b>").append(fmt(fig.meanOkThroughput(), "%.1f")).append("</b> ok ops/s over ")
                .append(fmt(fig.durationSeconds(), "%.1f")).append(" s; ").append(fig.faults().size()).append(" fault intervals.</p>");
    }

    private static void availability(StringBuilder h, Figures.Availability a) {
        h.append("<tr><td>").append(Html.esc(a.label())).append("</td><td class=\"num\">").append(a.ok()).append("</td><td class=\"num\">")
                .append(a.fail()).append("</td><td class=\"num\">").append(a.answered()).append("</td><td class=\"num\">")
                .append(a.info()).append("</td><td class=\"num\">")
                .append(Double.isFinite(a.ratio()) ? fmt(a.ratio() * 100, "%.1f") + "%" : "n/a").append("</td><td class=\"num\">")
                .append(Double.isFinite(a.successRate()) ? fmt(a.successRate() * 100, "%.1f") + "%" : "n/a").append("</td></tr>");
    }

    private static void quantiles(StringBuilder h, Figures.Quantiles q) {
        h.append("<tr><td>").append(Html.esc(q.label())).append("</td><td class=\"num\">").append(q.count()).append("</td>");
        for (double d : new double[]{q.p50(), q.p95(), q.p99(), q.max()}) {
            h.append("<td class=\"num\">").append(Double.isFinite(d) ? fmt(d, "%.1f") + " ms" : "n/a").append("</td>");
        }
        h.append("</tr>");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> anomalyList(Map<String, Object> checker) {
        Object a = checker.get("anomalies");
        return a instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    private static void anomalies(StringBuilder h, RunFolder run) {
        h.append("<h2 id=\"anomalies\">Anomalies</h2>");
        boolean any = false;
        for (Map<String, Object> c : run.checkers()) {
            for (Map<String, Object> a : anomalyList(c)) {
                any = true;
                h.append("<div class=\"anomaly\"><b>").append(Html.esc(String.valueOf(c.get("checker")))).append(": ")
                        .append(Html.esc(String.valueOf(a.get("type")))).append("</b><pre>")
                        .append(Html.esc(String.valueOf(a.get("explanation")))).append("</pre>");
                Object ops = a.get("ops");
                if (ops instanceof List<?> l && !l.isEmpty()) {
                    h.append("operations: ");
                    for (Object o : l) opLink(h, o);
                }
                h.append("</div>");
            }
            Object details = c.get("details");
            if (details instanceof Map<?, ?> d && d.get("counterexample") instanceof Map<?, ?> cx) {
                counterexample(h, String.valueOf(c.get("checker")), (Map<String, Object>) cx);
            }
        }
        if (!any) h.append("<p>None found.</p>");
    }

    private static void opLink(StringBuilder h, Object index) {
        String i = Html.esc(String.valueOf(index));
        h.append("<a class=\"anomaly-op\" href=\"#op-").append(i).append("\" data-op=\"").append(i).append("\">#").append(i).append("</a>");
    }

    /**
     * The linearizability checker's counterexample, drawn by the checkers' {@link Lanes} (as
     * {@code check --html} draws it): the tail of the longest linearizable prefix (green, numbered),
     * the operations none of which could be linearized next (red) and the operation that bounds them
     * (orange), one lane per process.
     */
    @SuppressWarnings("unchecked")
    static void counterexample(StringBuilder h, String checker, Map<String, Object> cx) {
        List<Lanes.Bar> bars = new ArrayList<>();
        int prefix = 0;
        if (cx.get("prefix") instanceof List<?> p) {
            // only the tail of a long prefix matters to a reader; the rest is context
            int first = Math.max(0, p.size() - 12);
            for (int i = first; i < p.size(); i++) {
                if (p.get(i) instanceof Map<?, ?> m) bars.add(bar((Map<String, Object>) m, Lanes.Kind.LINEARIZED, (i + 1) + ". "));
            }
            prefix = bars.size();
        }
        // the operations the list below the drawing names: the blocked ones, then the one bounding them
        List<Map<String, Object>> named = new ArrayList<>();
        if (cx.get("blocked") instanceof List<?> b) for (Object o : b) if (o instanceof Map<?, ?> m) named.add((Map<String, Object>) m);
        Map<String, Object> bound = cx.get("bound-by") instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        if (bound != null) named.add(bound);
        for (Map<String, Object> op : named) {
            // the bounding op is often one of the blocked ones: it is drawn once, in red
            boolean drawn = op == bound && bars.stream().anyMatch(x -> x.kind() == Lanes.Kind.BLOCKED && x.invokeIndex() == num(op.get("invoke-index")));
            if (!drawn) bars.add(bar(op, op == bound ? Lanes.Kind.BOUND : Lanes.Kind.BLOCKED, ""));
        }
        h.append("<div class=\"cx\" id=\"counterexample\"><h3>").append(Html.esc(checker)).append(": counterexample")
                .append(cx.get("key") != null ? " on key " + Html.esc(String.valueOf(cx.get("key"))) : "").append("</h3>");
        if (bars.isEmpty()) {
            h.append("<p>(no operations in the counterexample)</p></div>");
            return;
        }
        h.append(Lanes.draw(bars));
        h.append("<p>green: linearized prefix (last ").append(prefix)
                .append(") · red: could not be linearized next · orange: must complete before them · dashed: outcome unknown</p>");
        if (cx.get("state-after-prefix") != null) {
            h.append("<p>State after the prefix: <code>").append(Html.esc(Values.compact(cx.get("state-after-prefix")))).append("</code></p>");
        }
        h.append("<ul>");
        for (Map<String, Object> op : named) {
            h.append("<li>").append(op == bound ? "bounds them: " : "cannot be next: ")
                    .append("process ").append(op.get("process")).append(" <code>").append(Html.esc(String.valueOf(op.get("description"))))
                    .append("</code> ");
            opLink(h, op.get("invoke-index"));
            if (op.get("reason") != null) h.append(" — ").append(Html.esc(String.valueOf(op.get("reason"))));
            h.append("</li>");
        }
        h.append("</ul></div>");
    }

    /** A counterexample operation of results.json as a bar; an info outcome runs to the right edge. */
    private static Lanes.Bar bar(Map<String, Object> op, Lanes.Kind kind, String number) {
        String desc = String.valueOf(op.get("description"));
        boolean unknown = "info".equals(op.get("outcome")) || !op.containsKey("complete-index");
        String title = desc + " (" + op.get("outcome") + ", index " + op.get("invoke-index") + ")"
                + (op.get("reason") != null ? "\n" + op.get("reason") : "");
        return new Lanes.Bar(num(op.get("process")), num(op.get("invoke-index")),
                unknown ? null : num(op.get("complete-index")), kind, number + desc, title);
    }

    /**
     * Every start and stop the nemesis made, with whether its effect was verified and the evidence
     * or the reason: a fault that failed or did not show is listed, never dropped.
     */
    private static void faults(StringBuilder h, Figures fig) {
        h.append("<h2>Faults</h2>");
        FaultLog log = fig.faultLog();
        if (log.actions().isEmpty() && log.finalHeals().isEmpty()) {
            h.append("<p>No faults were injected.</p>");
            return;
        }
        List<String> lines = new ArrayList<>();
        for (FaultLog.Tally t : log.tallies()) lines.add(t.line());
        h.append("<p id=\"fault-summary\">").append(Html.esc(String.join(", ", lines))).append("</p>");
        h.append("<table id=\"faults\"><tr><th>at (s)</th><th>fault</th><th>action</th><th>what</th><th>verified</th>"
                + "<th>evidence or reason</th></tr>");
        List<FaultLog.Action> all = new ArrayList<>(log.actions());
        all.addAll(log.finalHeals());
        all.sort((a, b) -> Long.compare(a.index(), b.index()));
        for (FaultLog.Action a : all) {
            Map<String, Object> what = new LinkedHashMap<>(a.value());
            Object evidence = what.remove("evidence");
            what.remove("verified");
            what.remove("reason");
            String verified = a.confirmed() ? "yes" : a.problem().isEmpty() && a.verified() == null ? "not recorded" : "NO";
            String because = a.problem().isEmpty() ? (evidence == null ? "" : evidence.toString()) : a.problem();
            h.append("<tr class=\"").append(a.confirmed() ? "verified" : "unverified").append("\"><td class=\"num\">")
                    .append(fmt(a.time() / 1e9, "%.2f")).append("</td><td>").append(Html.esc(a.kind())).append("</td><td>")
                    .append(a.kind().equals("heal-all") ? "heal all" : a.start() ? "start" : "stop").append("</td><td>")
                    .append(Html.esc(Values.compact(what))).append("</td><td>").append(verified).append("</td><td>")
                    .append(Html.esc(because)).append("</td></tr>");
        }
        h.append("</table>");
    }

    private static void timeline(StringBuilder h, RunFolder run, Figures fig) {
        History history = run.history();
        List<Operation> ops = history.operations();
        Set<Long> wanted = new LinkedHashSet<>();
        for (Map<String, Object> c : run.checkers()) {
            for (Map<String, Object> a : anomalyList(c)) {
                if (a.get("ops") instanceof List<?> l) for (Object o : l) if (o instanceof Number n) wanted.add(n.longValue());
            }
        }
        int concurrency = run.test().concurrency() == null ? 0 : Math.max(0, run.test().concurrency());
        Map<Integer, Integer> laneOf = new HashMap<>();
        List<String> laneNames = new ArrayList<>();
        Map<String, Integer> fIndex = new LinkedHashMap<>();
        StringBuilder data = new StringBuilder(ops.size() * 80 + 1024);
        data.append("{\"ops\":[");
        int emitted = 0;
        boolean truncated = false;
        // Lane 0 is the nemesis: each start and stop as a bar from invocation to completion, blue when
        // its effect was verified, red when it failed or did not show.
        List<FaultLog.Action> nemesisOps = new ArrayList<>(fig.faultLog().actions());
        nemesisOps.addAll(fig.faultLog().finalHeals());
        if (!nemesisOps.isEmpty()) {
            laneNames.add("nemesis");
            for (FaultLog.Action a : nemesisOps) {
                String f = a.kind().equals("heal-all") ? "heal-all" : (a.start() ? "start-" : "stop-") + a.kind();
                int fi = fIndex.computeIfAbsent(f, x -> fIndex.size());
                if (emitted > 0) data.append(',');
                data.append("[0,-1,").append(ms(a.invokeTime())).append(',').append(ms(a.time())).append(',')
                        .append(a.confirmed() ? 0 : a.problem().isEmpty() ? 2 : 1).append(',').append(fi).append(",null,")
                        .append(Html.jsString(Values.compact(a.value()))).append(',').append(a.invokeIndex()).append(',')
                        .append(a.index()).append(',').append(Html.jsString(a.problem().isEmpty() ? null : a.problem()))
                        .append(",null]");
                emitted++;
            }
        }
        for (Operation o : ops) {
            boolean named = wanted.contains(o.invokeIndex()) || (o.completion() != null && wanted.contains(o.completeIndex()));
            if (emitted >= MAX_TIMELINE_OPS && !named) {
                truncated = true;
                continue;
            }
            // a retired process continues on the same client thread as process + concurrency
            int thread = concurrency > 0 ? Math.floorMod(o.process(), concurrency) : o.process();
            Integer lane = laneOf.get(thread);
            if (lane == null) {
                lane = laneNames.size();
                laneOf.put(thread, lane);
                laneNames.add(concurrency > 0 ? "thread " + thread : "process " + thread);
            }
            int fi = fIndex.computeIfAbsent(o.f(), k -> fIndex.size());
            if (emitted > 0) data.append(',');
            data.append('[').append(lane).append(',').append(o.process()).append(',').append(ms(o.invokeTime())).append(',')
                    .append(o.completion() == null ? "-1" : ms(o.completeTime())).append(',')
                    .append(switch (o.outcome()) { case OK -> 0; case FAIL -> 1; default -> 2; }).append(',').append(fi).append(',')
                    .append(Html.jsString(o.key())).append(',').append(Html.jsString(Values.compact(o.value()))).append(',')
                    .append(o.invokeIndex()).append(',').append(o.completion() == null ? -1 : o.completeIndex()).append(',')
                    .append(Html.jsString(o.error())).append(',').append(Html.jsString(o.invocation().node())).append(']');
            emitted++;
        }
        data.append("],\"fs\":[");
        int k = 0;
        for (String f : fIndex.keySet()) data.append(k++ > 0 ? "," : "").append(Html.jsString(f));
        data.append("],\"faults\":[");
        k = 0;
        for (FaultInterval f : fig.faults()) {
            data.append(k++ > 0 ? "," : "").append('[').append(Html.jsString(f.fault())).append(',')
                    .append(Html.jsString(f.label())).append(',').append(ms(f.fromNanos())).append(',').append(ms(f.toNanos()))
                    .append(',').append(Html.jsString(Frame.faultColor(f.fault()))).append(',').append(f.startIndex()).append(']');
        }
        data.append("],\"laneNames\":[");
        for (int i = 0; i < laneNames.size(); i++) data.append(i > 0 ? "," : "").append(Html.jsString(laneNames.get(i)));
        data.append("],\"lanes\":").append(Math.max(1, laneNames.size())).append(",\"dur\":")
                .append(ms(Math.max(1_000_000, (long) (fig.durationSeconds() * 1e9)))).append('}');
        h.append("<h2 id=\"timeline-section\">Timeline</h2><p>One lane per client thread, and a nemesis lane for fault starts"
                + " and stops (blue verified, red failed or not verified); bars run from invocation to completion "
                + "(blue ok, red fail, orange unknown); faults shaded. Click an operation for its details.");
        if (truncated) h.append(" Only the first ").append(MAX_TIMELINE_OPS).append(" operations and those anomalies name are included.");
        h.append("</p><div id=\"timeline-controls\"><button id=\"tl-prev\">◀ earlier</button><button id=\"tl-next\">later ▶</button>"
                + "<button id=\"tl-zin\">zoom in</button><button id=\"tl-zout\">zoom out</button><button id=\"tl-all\">whole run</button>"
                + "<form id=\"tl-go\" style=\"display:inline\"> go to history index <input id=\"tl-index\" size=\"7\"><button>go</button></form> "
                + "<span id=\"timeline-range\"></span></div><div id=\"timeline-wrap\"><div id=\"timeline\"></div></div>"
                + "<div id=\"op-detail\"></div>");
        // JSON inside a non-executed script element: jsString escaped every '<' so it cannot close the element
        h.append("<script type=\"application/json\" id=\"timeline-data\">").append(data).append("</script>");
    }

    private static String ms(long nanos) {
        return fmt(nanos / 1e6, "%.3f");
    }

    private static long num(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    private static String fmt(double v, String pattern) {
        return String.format(Locale.ROOT, pattern, v);
    }
}
