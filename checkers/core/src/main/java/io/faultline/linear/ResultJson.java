package io.faultline.linear;

import io.faultline.history.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The result as JSON-shaped maps, for results.json and {@code check --json}. */
public final class ResultJson {
    private ResultJson() {
    }

    public static Map<String, Object> details(LinearizabilityResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", r.model());
        m.put("verdict", r.verdict().name().toLowerCase(java.util.Locale.ROOT));
        m.put("elapsed-ms", r.elapsedNanos() / 1_000_000.0);
        List<Object> parts = new ArrayList<>();
        for (PartitionReport p : r.partitions()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("key", p.partition() == null ? null : String.valueOf(p.partition()));
            pm.put("operations", (long) p.operations());
            pm.put("relevant", (long) p.relevant());
            pm.put("verdict", p.verdict().name().toLowerCase(java.util.Locale.ROOT));
            pm.put("linearized", (long) p.linearized());
            pm.put("steps", p.steps());
            pm.put("segments", p.segments());
            pm.put("method", p.method());
            if (p.note() != null) pm.put("note", p.note());
            parts.add(java.util.Collections.unmodifiableMap(pm));
        }
        m.put("partitions", parts);
        if (r.counterexample() != null) m.put("counterexample", counterexample(r.counterexample()));
        // Map.copyOf in CheckResult rejects null values; keep JSON nulls out of the top level.
        m.values().removeIf(java.util.Objects::isNull);
        return m;
    }

    static Map<String, Object> counterexample(Counterexample c) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (c.partition() != null) m.put("key", String.valueOf(c.partition()));
        m.put("state-after-prefix", c.stateAfter());
        List<Object> prefix = new ArrayList<>();
        for (int i = 0; i < c.prefix().size(); i++) prefix.add(op(c.prefix().get(i), c.prefixSteps().get(i)));
        m.put("prefix", prefix);
        List<Object> blocked = new ArrayList<>();
        for (Counterexample.Blocked b : c.blocked()) {
            Map<String, Object> bm = op(b.operation(), b.description());
            bm.put("reason", b.reason());
            bm.put("accepted-but-dead-end", b.allowed());
            blocked.add(bm);
        }
        m.put("blocked", blocked);
        if (c.mustComplete() != null) m.put("bound-by", op(c.mustComplete(), c.mustComplete().f()));
        return m;
    }

    static Map<String, Object> op(Operation op, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("process", (long) op.process());
        m.put("f", op.f());
        if (op.key() != null) m.put("key", op.key());
        m.put("description", description);
        m.put("outcome", op.outcome().wireName());
        m.put("invoke-index", op.invokeIndex());
        m.put("invoke-time", op.invokeTime());
        if (op.completion() != null) {
            m.put("complete-index", op.completeIndex());
            m.put("complete-time", op.completeTime());
        }
        return m;
    }
}
