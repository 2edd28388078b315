package io.faultline.check.elle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Elle's tables (elle/consistency_model.clj) relating transactional consistency models to the
 * anomalies they forbid, so that a verdict names exactly the models a history rules out:
 * <ul>
 *   <li>{@link #IMPLIES}: model a implies model b (a history that satisfies a satisfies b);</li>
 *   <li>{@link #FORBIDS}: the anomalies a model forbids directly, beyond what the models it
 *       implies forbid;</li>
 *   <li>{@link AnomalyTypes#IMPLIES}: anomaly a is a special case of anomaly b (G0 is a G1c,
 *       G-single-item is a G-nonadjacent-item, ...).</li>
 * </ul>
 * A model forbids an anomaly when it, or a model it implies, forbids the anomaly or one the
 * anomaly implies. Models are named by Elle's friendly names; Adya's PL-* names and Elle's other
 * aliases are accepted and mapped onto them. Only the transactional models are here (the
 * single-object ones such as linearizable are other checkers' business).
 */
public final class ConsistencyModels {
    /** Model -> the models it implies (Elle's {@code models} graph, transactional part). */
    static final Map<String, List<String>> IMPLIES = new LinkedHashMap<>();
    /** Model -> the anomalies it forbids directly (Elle's {@code direct-proscribed-anomalies}). */
    static final Map<String, List<String>> FORBIDS = new LinkedHashMap<>();
    /** Alias -> friendly name (Elle's {@code canonical-model-names}, turned around). */
    static final Map<String, String> ALIASES = new LinkedHashMap<>();

    private static void implies(String m, String... weaker) {
        IMPLIES.put(m, List.of(weaker));
    }

    private static void forbid(String m, String... anomalies) {
        FORBIDS.put(m, List.of(anomalies));
    }

    static {
        implies("strict-serializable", "serializable", "snapshot-isolation", "strong-snapshot-isolation",
                "strong-session-serializable", "session-serializable");
        implies("serializable", "repeatable-read", "snapshot-isolation", "view-serializable", "update-serializable");
        implies("strong-session-serializable", "serializable", "strong-session-snapshot-isolation");
        implies("session-serializable", "1SR");
        implies("strong-snapshot-isolation", "strong-session-snapshot-isolation", "strong-read-committed");
        implies("strong-session-snapshot-isolation", "snapshot-isolation", "strong-session-read-committed");
        implies("snapshot-isolation", "forward-consistent-view", "monotonic-atomic-view", "monotonic-snapshot-read",
                "parallel-snapshot-isolation", "prefix");
        implies("repeatable-read", "cursor-stability", "monotonic-atomic-view");
        implies("update-serializable", "forward-consistent-view");
        implies("forward-consistent-view", "consistent-view");
        implies("consistent-view", "cursor-stability", "monotonic-view");
        implies("cursor-stability", "read-committed");
        implies("monotonic-view", "read-committed");
        implies("monotonic-snapshot-read", "read-committed");
        implies("parallel-snapshot-isolation", "causal-cerone", "ROLA");
        implies("prefix", "causal-cerone");
        implies("causal-cerone", "read-atomic");
        implies("ROLA", "read-atomic");
        implies("read-atomic", "monotonic-atomic-view");
        implies("monotonic-atomic-view", "read-committed");
        implies("strong-read-committed", "strong-session-read-committed", "strong-read-uncommitted");
        implies("strong-session-read-committed", "read-committed", "strong-session-read-uncommitted");
        implies("strong-read-uncommitted", "strong-session-read-uncommitted");
        implies("strong-session-read-uncommitted", "read-uncommitted");
        implies("read-committed", "read-uncommitted");
        implies("view-serializable");
        implies("1SR");
        implies("read-uncommitted");

        forbid("strict-serializable", "G1", "G1c-realtime", "G2-realtime");
        forbid("serializable", "G1", "G2", "internal");
        forbid("strong-session-serializable", "G1-process", "G2-process");
        forbid("strong-snapshot-isolation", "internal", "G1-realtime", "G-nonadjacent-realtime");
        forbid("strong-session-snapshot-isolation", "internal", "G1-process", "G-nonadjacent-process");
        forbid("snapshot-isolation", "internal", "G1", "G-SI", "G-nonadjacent");
        forbid("repeatable-read", "G1", "G2-item", "lost-update");
        forbid("update-serializable", "G1", "G-update");
        forbid("forward-consistent-view", "G1", "G-SIb");
        forbid("consistent-view", "G1", "G-single");
        forbid("cursor-stability", "G1", "G-cursor", "lost-update");
        forbid("monotonic-view", "G1", "G-monotonic");
        forbid("monotonic-snapshot-read", "G1", "G-MSR");
        forbid("parallel-snapshot-isolation", "internal", "G1a");
        forbid("prefix", "internal", "G1a");
        forbid("causal-cerone", "internal", "G1a");
        forbid("ROLA", "lost-update");
        forbid("read-atomic", "internal", "G1a", "future-read");
        forbid("read-committed", "G1");
        forbid("read-uncommitted", "G0", "duplicate-elements", "cyclic-versions");
        forbid("strong-read-committed", "G1c-realtime");
        forbid("strong-session-read-committed", "G1c-process");
        forbid("strong-read-uncommitted", "G0-realtime");
        forbid("strong-session-read-uncommitted", "G0-process");

        String[][] aliases = {{"PL-SS", "strict-serializable"}, {"strong-serializable", "strict-serializable"},
            {"PL-3", "serializable"}, {"conflict-serializable", "serializable"}, {"PL-SI", "snapshot-isolation"},
            {"PL-2.99", "repeatable-read"}, {"PL-3U", "update-serializable"}, {"PL-FCV", "forward-consistent-view"},
            {"PL-2+", "consistent-view"}, {"PL-CS", "cursor-stability"}, {"PL-2L", "monotonic-view"},
            {"PL-MSR", "monotonic-snapshot-read"}, {"PL-2", "read-committed"}, {"PL-1", "read-uncommitted"},
            {"strong-PL-2", "strong-read-committed"}, {"strong-PL-1", "strong-read-uncommitted"},
            {"strong-session-PL-2", "strong-session-read-committed"},
            {"strong-session-PL-1", "strong-session-read-uncommitted"}};
        for (String[] a : aliases) ALIASES.put(a[0], a[1]);
    }

    /** The models in the order a person reads them, strongest first (the keys of {@link #IMPLIES}). */
    public static List<String> names() {
        return List.copyOf(IMPLIES.keySet());
    }

    private ConsistencyModels() {
    }

    /** Elle's friendly name for {@code name} or one of its aliases, or null when unknown. */
    public static String canonical(String name) {
        if (IMPLIES.containsKey(name)) return name;
        return ALIASES.get(name);
    }

    /** {@code model} and every model it implies. */
    static Set<String> impliedBy(String model) {
        Set<String> out = new LinkedHashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>(List.of(model));
        while (!todo.isEmpty()) {
            String m = todo.poll();
            if (out.add(m)) todo.addAll(IMPLIES.getOrDefault(m, List.of()));
        }
        return out;
    }

    /** Every anomaly type whose presence means {@code models} cannot all hold. */
    public static Set<String> forbiddenBy(Collection<String> models) {
        Set<String> direct = new TreeSet<>();
        for (String m : models) {
            for (String implied : impliedBy(m)) direct.addAll(FORBIDS.getOrDefault(implied, List.of()));
        }
        return AnomalyTypes.implying(direct);
    }

    /** Does {@code model} forbid {@code anomalyType}? */
    public static boolean forbids(String model, String anomalyType) {
        return forbiddenBy(List.of(model)).contains(anomalyType);
    }

    /** The models (strongest first) that any of {@code anomalyTypes} rules out. */
    public static List<String> ruledOutByAll(Collection<String> anomalyTypes) {
        List<String> out = new ArrayList<>();
        for (String m : names()) {
            for (String t : anomalyTypes) {
                if (forbids(m, t)) {
                    out.add(m);
                    break;
                }
            }
        }
        return out;
    }

    /** The models {@code anomalyType} rules out, strongest first. */
    public static List<String> ruledOutBy(String anomalyType) {
        return ruledOutByAll(List.of(anomalyType));
    }

    /** The weakest of {@code ruledOut}: those no other model in the list implies (Elle's {@code :not}). */
    public static List<String> weakest(List<String> ruledOut) {
        List<String> out = new ArrayList<>();
        for (String m : ruledOut) {
            boolean covered = false;
            for (String other : ruledOut) {
                if (!other.equals(m) && impliedBy(m).contains(other)) covered = true;
            }
            if (!covered) out.add(m);
        }
        return out;
    }

    /** The models the anomalies do not rule out. */
    public static List<String> stillPossible(List<String> ruledOut) {
        return names().stream().filter(m -> !ruledOut.contains(m)).toList();
    }
}
