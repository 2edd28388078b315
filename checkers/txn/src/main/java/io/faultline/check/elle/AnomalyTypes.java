package io.faultline.check.elle;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Elle's anomaly names and which anomaly is a special case of which ({@code implied-anomalies}
 * in elle/consistency_model.clj): a G0 cycle is also a G1c, G-single-item is also
 * G-nonadjacent-item and G-single, a plain cycle is also its -process and -realtime variant
 * (processes are single-threaded, and real-time order contains process order), an incompatible
 * order or a dirty update implies an aborted read (G1a), a future read a G1c. {@code
 * unexpected-element} (a read of an element nobody appended) is faultline's own and counts as an
 * aborted read too.
 */
public final class AnomalyTypes {
    static final Map<String, List<String>> IMPLIES = new LinkedHashMap<>();

    private static void implies(String a, String... b) {
        IMPLIES.put(a, List.of(b));
    }

    static {
        implies("G0", "G1c", "G0-process");
        implies("G0-process", "G1c-process", "G0-realtime");
        implies("G0-realtime", "G1c-realtime");
        implies("G1a", "G1");
        implies("G1b", "G1");
        implies("G1c", "G1", "G1c-process");
        implies("G1c-process", "G1c-realtime", "G1-process");
        implies("G1c-realtime", "G1-realtime");
        implies("G1", "G1-process");
        implies("G1-process", "G1-realtime");
        implies("G-single-item", "G-single", "G-single-item-process", "G-nonadjacent-item");
        implies("G-single-item-process", "G-single-process", "G-single-item-realtime", "G-nonadjacent-item-process");
        implies("G-single-item-realtime", "G-single-realtime", "G-nonadjacent-item-realtime");
        implies("G-single", "G-nonadjacent", "GSIb", "G-single-process");
        implies("G-single-process", "G-nonadjacent-process", "G-single-realtime");
        implies("G-single-realtime", "G-nonadjacent-realtime");
        implies("G-nonadjacent-item", "G-nonadjacent", "G2-item", "G-nonadjacent-item-process");
        implies("G-nonadjacent-item-process", "G-nonadjacent-process", "G2-item-process",
                "G-nonadjacent-item-realtime");
        implies("G-nonadjacent-item-realtime", "G2-item-realtime", "G-nonadjacent-realtime");
        implies("G-nonadjacent", "G2", "G-nonadjacent-process");
        implies("G-nonadjacent-process", "G2-process", "G-nonadjacent-realtime");
        implies("G-nonadjacent-realtime", "G2-realtime");
        implies("G2", "G2-process");
        implies("G2-item", "G2", "G2-item-process");
        implies("G2-item-process", "G2-process", "G2-item-realtime");
        implies("G2-item-realtime", "G2-realtime");
        implies("G2-process", "G2-realtime");
        implies("GSIa", "GSI");
        implies("GSIb", "GSI");
        implies("incompatible-order", "G1a");
        implies("future-read", "G1c");
        implies("dirty-update", "G1a");
        implies("lost-update", "write-skew", "G2-item");
        implies("write-skew", "G2");
        implies("unexpected-element", "G1a");
    }

    private AnomalyTypes() {
    }

    /** Every anomaly name Elle's tables know, plus faultline's own; what {@code --anomalies} accepts. */
    public static Set<String> known() {
        Set<String> out = new TreeSet<>(IMPLIES.keySet());
        IMPLIES.values().forEach(out::addAll);
        ConsistencyModels.FORBIDS.values().forEach(out::addAll);
        out.addAll(List.of("internal", "duplicate-elements", "cyclic-versions"));
        return out;
    }

    /** {@code types} and every anomaly type that is a special case of one of them. */
    public static Set<String> implying(Collection<String> types) {
        Set<String> out = new TreeSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>(types);
        while (!todo.isEmpty()) {
            String t = todo.poll();
            if (!out.add(t)) continue;
            for (Map.Entry<String, List<String>> e : IMPLIES.entrySet()) {
                if (e.getValue().contains(t)) todo.add(e.getKey());
            }
        }
        return out;
    }
}
