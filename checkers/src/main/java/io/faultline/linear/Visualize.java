package io.faultline.linear;

import io.faultline.history.History;
import io.faultline.history.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A self-contained HTML page of a linearizability result (Porcupine's {@code Visualize}), for
 * {@code faultline check --html} and for any user of this library: one lane per process, each
 * operation a bar from invocation to completion (history order on the x axis), the longest
 * linearizable prefix numbered in green, the operations that cannot come next in red, unknown
 * outcomes dashed to the right edge. Hovering a bar shows the operation, its place in the partial
 * linearization and the model's step (the state before and after); the page opens scrolled to the
 * first operation that cannot come next. Nothing is loaded from elsewhere.
 */
public final class Visualize {
    private static final int MAX_OPS = 2000;
    private static final int STEP = 20;
    private static final int LANE = 26;
    private static final int LEFT = 90;

    private Visualize() {
    }

    /**
     * The page for {@code r}, the result of checking {@code history}.
     *
     * @param name what the page is about, e.g. the history's file name
     */
    public static String page(String name, History history, LinearizabilityResult r) {
        String file = name;
        Counterexample cx = r.counterexample();
        List<Operation> ops = new ArrayList<>(cx == null ? history.operations() : cx.operations());
        boolean truncated = ops.size() > MAX_OPS;
        if (truncated) ops = ops.subList(0, MAX_OPS);
        Map<Operation, Integer> order = new HashMap<>();
        Map<Operation, String> steps = new HashMap<>();
        Map<Operation, Counterexample.Blocked> blocked = new HashMap<>();
        if (cx != null) {
            List<String> states = cx.prefixStates();
            for (int i = 0; i < cx.prefix().size(); i++) {
                order.put(cx.prefix().get(i), i + 1);
                String step = cx.prefixSteps().get(i);
                if (i + 1 < states.size()) step += "   (state " + states.get(i) + " -> " + states.get(i + 1) + ")";
                steps.put(cx.prefix().get(i), step);
            }
            for (Counterexample.Blocked b : cx.blocked()) blocked.put(b.operation(), b);
        }
        // x positions: rank of each event index that appears, so gaps in indexes take no room
        TreeSet<Long> idx = new TreeSet<>();
        for (Operation op : ops) {
            idx.add(op.invokeIndex());
            if (op.completion() != null) idx.add(op.completeIndex());
        }
        Map<Long, Integer> rank = new HashMap<>();
        int k = 0;
        for (long i : idx) rank.put(i, k++);
        int end = k + 1;
        TreeMap<Integer, Integer> lanes = new TreeMap<>();
        for (Operation op : ops) lanes.putIfAbsent(op.process(), 0);
        int lane = 0;
        for (Map.Entry<Integer, Integer> e : lanes.entrySet()) e.setValue(lane++);
        int width = LEFT + end * STEP + 20;
        int height = lanes.size() * LANE + 30;

        int[] firstBlocked = {0};
        StringBuilder svg = new StringBuilder();
        svg.append("<svg width='").append(width).append("' height='").append(height)
                .append("'>");
        for (Map.Entry<Integer, Integer> e : lanes.entrySet()) {
            int y = 20 + e.getValue() * LANE;
            svg.append("<text x='4' y='").append(y + 15).append("' class='lane'>process ").append(e.getKey())
                    .append("</text><line x1='").append(LEFT).append("' x2='").append(width - 10).append("' y1='")
                    .append(y + LANE - 2).append("' y2='").append(y + LANE - 2).append("' class='sep'/>");
        }
        for (Operation op : ops) {
            int y = 20 + lanes.get(op.process()) * LANE;
            int x1 = LEFT + rank.get(op.invokeIndex()) * STEP;
            int x2 = LEFT + (op.completion() == null || op.isInfo() ? end : rank.get(op.completeIndex())) * STEP + STEP;
            String cls = blocked.containsKey(op) ? "blocked" : order.containsKey(op) ? "lin"
                    : op.isFail() ? "fail" : "other";
            if (op.isInfo()) cls += " info";
            String label = order.containsKey(op) ? order.get(op) + ". " + steps.get(op)
                    : blocked.containsKey(op) ? blocked.get(op).description() : op.f() + " " + valueText(op);
            String title = CounterexampleText.line(op, label)
                    + (blocked.containsKey(op) ? "\n" + blocked.get(op).reason() : "");
            svg.append("<g><title>").append(esc(title)).append("</title><rect x='").append(x1).append("' y='")
                    .append(y + 2).append("' width='").append(Math.max(4, x2 - x1 - 3)).append("' height='")
                    .append(LANE - 8).append("' rx='3' class='").append(cls).append("'")
                    .append(blocked.containsKey(op) && firstBlocked[0]++ == 0 ? " id='first-blocked'" : "")
                    .append("/><text x='").append(x1 + 3)
                    .append("' y='").append(y + 15).append("' class='op'>").append(esc(abbreviate(label,
                            Math.max(1, (x2 - x1 - 6) / 6)))).append("</text></g>");
        }
        svg.append("</svg>");

        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html><head><meta charset='utf-8'><title>faultline check: ").append(esc(file))
                .append("</title><style>")
                .append("body{font:14px system-ui,sans-serif;margin:20px;color:#222}")
                .append(".v-valid{color:#1a7f37}.v-invalid{color:#cf222e}.v-unknown{color:#9a6700}")
                .append(".lanes{overflow:auto;border:1px solid #ddd;max-height:70vh}")
                .append("rect.lin{fill:#b7e4c7;stroke:#1a7f37}rect.blocked{fill:#ffc9c9;stroke:#cf222e;stroke-width:2}")
                .append("rect.other{fill:#e9ecef;stroke:#868e96}rect.fail{fill:#f8f9fa;stroke:#ced4da}")
                .append("rect.info{stroke-dasharray:4 3}")
                .append("text.op{font:11px monospace;pointer-events:none}text.lane{font:12px monospace}")
                .append("line.sep{stroke:#f1f3f5}pre{background:#f6f8fa;padding:10px;overflow:auto}")
                .append("td,th{padding:2px 8px;text-align:left;font:12px monospace}</style></head><body>");
        h.append("<h1>").append(esc(file)).append("</h1>");
        h.append("<p class='v-").append(r.verdict().name().toLowerCase(java.util.Locale.ROOT)).append("'><b>")
                .append(esc(LinearizabilityChecker.toCheckResult(r).summary())).append("</b></p>");
        h.append("<p>Green: the longest linearizable prefix, numbered in linearization order. Red: operations that"
                + " could come next, none of which can. Dashed: outcome unknown (may take effect any time after"
                + " invocation, or never). Hover a bar for details: its place in the partial linearization and the model's"
                + " step, the state before and after.</p>");
        if (truncated) h.append("<p>Showing the first ").append(MAX_OPS).append(" operations.</p>");
        h.append("<div class='lanes'>").append(svg).append("</div>");
        if (cx != null) h.append("<h2>Explanation</h2><pre>").append(esc(CounterexampleText.render(cx))).append("</pre>");
        h.append("<h2>Partitions</h2><table><tr><th>key</th><th>ops</th><th>verdict</th><th>linearized</th>"
                + "<th>steps</th><th>note</th></tr>");
        int shown = 0;
        for (PartitionReport p : r.partitions()) {
            if (shown++ == 200) {
                h.append("<tr><td colspan='6'>... ").append(r.partitions().size() - 200).append(" more</td></tr>");
                break;
            }
            h.append("<tr><td>").append(esc(p.partition() == null ? "(all)" : String.valueOf(p.partition())))
                    .append("</td><td>").append(p.operations()).append("</td><td>")
                    .append(p.verdict().name().toLowerCase(java.util.Locale.ROOT)).append("</td><td>")
                    .append(p.linearized()).append('/').append(p.relevant()).append("</td><td>").append(p.steps())
                    .append("</td><td>").append(esc(p.note() == null ? "" : p.note())).append("</td></tr>");
        }
        // The failing operation must be in view when the page opens, however long the history.
        h.append("</table><script>var b=document.getElementById('first-blocked');"
                + "if(b)b.scrollIntoView({block:'nearest',inline:'center'});</script></body></html>\n");
        return h.toString();
    }

    private static String valueText(Operation op) {
        Object v = op.value();
        return v == null ? "nil" : v.toString();
    }

    private static String abbreviate(String s, int chars) {
        return s.length() <= chars ? s : chars <= 1 ? "" : s.substring(0, chars - 1) + "…";
    }

    private static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '\'' -> sb.append("&#39;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
