package io.faultline.check.elle;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a transactional checker is asked to verify, as in Elle's {@code :consistency-models} and
 * {@code :anomalies}: the history is invalid exactly when it shows an anomaly one of the models
 * forbids, or one of the listed anomalies (or a special case of one). Elle's default, and
 * faultline's: strict serializability.
 *
 * @param models    friendly model names (aliases already resolved); empty only when anomalies are
 *                  given (Elle's {@code :consistency-models nil}, written {@code none} on the CLI)
 * @param anomalies extra anomaly types that must not occur (may be empty)
 */
public record IsolationSpec(List<String> models, List<String> anomalies) {
    public static final IsolationSpec STRICT_SERIALIZABLE = new IsolationSpec(List.of("strict-serializable"), List.of());

    public IsolationSpec {
        models = List.copyOf(models);
        anomalies = List.copyOf(anomalies);
        if (models.isEmpty() && anomalies.isEmpty()) {
            throw new IllegalArgumentException("a consistency model or an anomaly to reject is needed");
        }
        for (String m : models) {
            if (ConsistencyModels.canonical(m) == null || !ConsistencyModels.canonical(m).equals(m)) {
                throw new IllegalArgumentException("unknown consistency model \"" + m + "\"");
            }
        }
    }

    /**
     * Parses the CLI's comma-separated lists; null means the flag was not given.
     *
     * @throws IllegalArgumentException naming the flag, the bad name and the names it accepts
     */
    public static IsolationSpec parse(String models, String anomalies) {
        List<String> ms = new ArrayList<>();
        if (models == null) {
            ms.add("strict-serializable");
        } else if (models.trim().equals("none")) {
            if (anomalies == null) {
                throw new IllegalArgumentException("--consistency-models none: expected --anomalies A[,A] too"
                        + " (with no model, only the anomalies named there fail the check)");
            }
        } else {
            for (String raw : split("--consistency-models", models)) {
                String c = ConsistencyModels.canonical(raw);
                if (c == null) {
                    throw new IllegalArgumentException("--consistency-models: unknown model \"" + raw
                            + "\"; expected M[,M] of " + String.join(", ", ConsistencyModels.names())
                            + " (or Adya's names PL-1, PL-2, PL-2.99, PL-SI, PL-3, PL-SS; none with --anomalies)");
                }
                if (!ms.contains(c)) ms.add(c);
            }
        }
        List<String> as = new ArrayList<>();
        if (anomalies != null) {
            Set<String> known = AnomalyTypes.known();
            for (String raw : split("--anomalies", anomalies)) {
                if (!known.contains(raw)) {
                    throw new IllegalArgumentException("--anomalies: unknown anomaly \"" + raw
                            + "\"; expected A[,A] of " + String.join(", ", known));
                }
                if (!as.contains(raw)) as.add(raw);
            }
        }
        return new IsolationSpec(ms, as);
    }

    private static List<String> split(String flag, String list) {
        List<String> out = new ArrayList<>();
        for (String raw : list.split(",", -1)) {
            String s = raw.trim();
            if (s.isEmpty()) throw new IllegalArgumentException(flag + ": empty name in \"" + list + "\"; expected NAME[,NAME]");
            out.add(s);
        }
        return out;
    }

    /** Every anomaly type that makes the verdict invalid. */
    public Set<String> forbidden() {
        Set<String> out = new LinkedHashSet<>(ConsistencyModels.forbiddenBy(models));
        out.addAll(AnomalyTypes.implying(anomalies));
        return out;
    }

    /** Do the checks need process order (a -process anomaly is forbidden)? */
    public boolean needsProcessOrder() {
        return forbidden().stream().anyMatch(t -> t.endsWith("-process"));
    }

    /** Do the checks need real-time order (a -realtime anomaly is forbidden)? */
    public boolean needsRealtimeOrder() {
        return forbidden().stream().anyMatch(t -> t.endsWith("-realtime"));
    }

    /** e.g. {@code strict-serializable}, {@code serializable, snapshot-isolation + G1a} or {@code no model + G2}. */
    public String describe() {
        return (models.isEmpty() ? "no model" : String.join(", ", models))
                + (anomalies.isEmpty() ? "" : " + " + String.join(", ", anomalies));
    }
}
