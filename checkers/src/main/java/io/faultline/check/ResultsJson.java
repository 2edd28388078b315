package io.faultline.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one {@code results.json} shape for every checker: verdict {@code true}, {@code false} or
 * {@code "unknown"}; anomalies grouped by type, each with its operations and explanation;
 * counts; the checker's details. Several results combine with false beating unknown beating
 * true. Values are plain JSON-shaped Java objects, ready for any JSON writer.
 */
public final class ResultsJson {
    private ResultsJson() {
    }

    /** {@code true}, {@code false} or {@code "unknown"}. */
    public static Object verdict(Verdict v) {
        return switch (v) {
            case VALID -> Boolean.TRUE;
            case INVALID -> Boolean.FALSE;
            case UNKNOWN -> "unknown";
        };
    }

    /** One checker's result. */
    public static Map<String, Object> of(CheckResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checker", r.checker());
        m.put("verdict", verdict(r.verdict()));
        m.put("summary", r.summary());
        Map<String, List<Object>> byType = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Anomaly a : r.anomalies()) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("ops", a.opIndexes());
            am.put("explanation", a.explanation());
            byType.computeIfAbsent(a.type(), t -> new ArrayList<>()).add(am);
            counts.merge(a.type(), 1L, Long::sum);
        }
        m.put("anomaly-types", List.copyOf(byType.keySet()));
        m.put("anomalies", byType);
        m.put("counts", counts);
        m.put("details", r.details());
        return m;
    }

    /** The verdict of several checkers together: false beats unknown beats true. */
    public static Verdict combined(List<CheckResult> results) {
        Verdict v = Verdict.VALID;
        for (CheckResult r : results) v = v.and(r.verdict());
        return v;
    }

    /** Several checkers' results under one combined verdict. */
    public static Map<String, Object> of(List<CheckResult> results) {
        Map<String, Object> m = new LinkedHashMap<>();
        Verdict v = combined(results);
        m.put("verdict", verdict(v));
        m.put("exit-code", (long) v.exitCode());
        Map<String, Object> each = new LinkedHashMap<>();
        long anomalies = 0;
        for (CheckResult r : results) {
            each.put(r.checker(), of(r));
            anomalies += r.anomalies().size();
        }
        m.put("anomaly-count", anomalies);
        m.put("checkers", each);
        return m;
    }

    /** Lines for a terminal: verdict and summary per checker, then every explanation. */
    public static String text(List<CheckResult> results) {
        StringBuilder sb = new StringBuilder();
        for (CheckResult r : results) {
            sb.append(r.checker()).append(": ").append(r.verdict().name().toLowerCase(java.util.Locale.ROOT))
                    .append(" - ").append(r.summary()).append('\n');
            for (Anomaly a : r.anomalies()) {
                sb.append("  [").append(a.type()).append("] ").append(a.explanation()).append('\n');
            }
        }
        sb.append("verdict: ").append(combined(results).name().toLowerCase(java.util.Locale.ROOT)).append('\n');
        return sb.toString();
    }
}
