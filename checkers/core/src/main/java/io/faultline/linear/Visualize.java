package io.faultline.linear;

import io.faultline.history.History;
import io.faultline.history.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        List<Lanes.Bar> bars = new ArrayList<>(ops.size());
        for (Operation op : ops) {
            Lanes.Kind kind = blocked.containsKey(op) ? Lanes.Kind.BLOCKED : order.containsKey(op) ? Lanes.Kind.LINEARIZED
                    : cx != null && op.equals(cx.mustComplete()) ? Lanes.Kind.BOUND
                    : op.isFail() ? Lanes.Kind.FAILED : Lanes.Kind.OTHER;
            String label = order.containsKey(op) ? order.get(op) + ". " + steps.get(op)
                    : blocked.containsKey(op) ? blocked.get(op).description() : op.f() + " " + valueText(op);
            String title = CounterexampleText.line(op, label)
                    + (blocked.containsKey(op) ? "\n" + blocked.get(op).reason() : "");
            bars.add(new Lanes.Bar(op.process(), op.invokeIndex(),
                    op.completion() == null || op.isInfo() ? null : op.completeIndex(), kind, label, title));
        }

        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html><head><meta charset='utf-8'><title>faultline check: ").append(esc(file))
                .append("</title><style>")
                .append("body{font:14px system-ui,sans-serif;margin:20px;color:#222}")
                .append(".v-valid{color:#1a7f37}.v-invalid{color:#cf222e}.v-unknown{color:#9a6700}")
                .append(Lanes.CSS)
                .append("pre{background:#f6f8fa;padding:10px;overflow:auto}")
                .append("td,th{padding:2px 8px;text-align:left;font:12px monospace}</style></head><body>");
        h.append("<h1>").append(esc(file)).append("</h1>");
        h.append("<p class='v-").append(r.verdict().name().toLowerCase(java.util.Locale.ROOT)).append("'><b>")
                .append(esc(LinearizabilityChecker.toCheckResult(r).summary())).append("</b></p>");
        h.append("<p>Green: the longest linearizable prefix, numbered in linearization order. Red: operations that"
                + " could come next, none of which can. Orange: the operation that must complete before them. Dashed:"
                + " outcome unknown (may take effect any time after invocation, or never). Hover a bar for details: its place in the partial linearization and the model's"
                + " step, the state before and after.</p>");
        if (truncated) h.append("<p>Showing the first ").append(MAX_OPS).append(" operations.</p>");
        h.append(Lanes.draw(bars));
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

    private static String esc(String s) {
        return Lanes.esc(s);
    }
}
