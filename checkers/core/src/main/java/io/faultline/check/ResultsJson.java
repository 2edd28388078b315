package io.faultline.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one results shape, written by a run's results.json, {@code report --recheck} and
 * {@code check --json}: a verdict ({@code "valid"}, {@code "invalid"} or {@code "unknown"}), the
 * exit code that verdict implies, and one entry per checker with its anomalies (type,
 * explanation, history indexes), their types and counts, and the checker's details. Keys are
 * kebab-case throughout. Values are plain JSON-shaped Java objects, ready for any JSON writer;
 * callers add their own top-level fields (a run adds its statistics and fault verification).
 */
public final class ResultsJson {
    private ResultsJson() {
    }

    /** {@code "valid"}, {@code "invalid"} or {@code "unknown"}. */
    public static String verdict(Verdict v) {
        return v.name().toLowerCase(Locale.ROOT);
    }

    /** One checker's result. */
    public static Map<String, Object> of(CheckResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checker", r.checker());
        m.put("verdict", verdict(r.verdict()));
        m.put("summary", r.summary());
        List<Object> anomalies = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Anomaly a : r.anomalies()) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("type", a.type());
            am.put("explanation", a.explanation());
            am.put("ops", a.opIndexes());
            anomalies.add(am);
            counts.merge(a.type(), 1L, Long::sum);
        }
        m.put("anomaly-types", List.copyOf(counts.keySet()));
        m.put("counts", counts);
        m.put("anomalies", anomalies);
        m.put("details", r.details());
        return m;
    }

    /** The verdict of several checkers together: invalid beats unknown beats valid. */
    public static Verdict combined(List<CheckResult> results) {
        Verdict v = Verdict.VALID;
        for (CheckResult r : results) v = v.and(r.verdict());
        return v;
    }

    /** Several checkers' results under one combined verdict and the exit code it implies. */
    public static Map<String, Object> of(List<CheckResult> results) {
        Map<String, Object> m = new LinkedHashMap<>();
        Verdict v = combined(results);
        m.put("verdict", verdict(v));
        m.put("exit-code", (long) v.exitCode());
        long anomalies = 0;
        List<Object> each = new ArrayList<>();
        for (CheckResult r : results) {
            each.add(of(r));
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
            sb.append(r.checker()).append(": ").append(verdict(r.verdict())).append(" - ").append(r.summary()).append('\n');
            for (Anomaly a : r.anomalies()) {
                sb.append("  [").append(a.type()).append("] ").append(a.explanation()).append('\n');
            }
        }
        sb.append("verdict: ").append(verdict(combined(results))).append('\n');
        return sb.toString();
    }
}
