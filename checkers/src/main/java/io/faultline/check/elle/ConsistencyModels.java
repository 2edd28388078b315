package io.faultline.check.elle;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which consistency models an anomaly rules out (Adya's and Elle's hierarchy): strict
 * serializable implies serializable, which implies snapshot isolation and repeatable read, which
 * imply read committed, which implies read uncommitted.
 */
public final class ConsistencyModels {
    public static final List<String> ALL = List.of("strict-serializable", "serializable", "snapshot-isolation",
            "repeatable-read", "read-committed", "read-uncommitted");

    private ConsistencyModels() {
    }

    /** The models that forbid {@code anomalyType}. */
    public static List<String> ruledOutBy(String anomalyType) {
        if (anomalyType.endsWith("-realtime") || anomalyType.endsWith("-process")) {
            return List.of("strict-serializable");
        }
        return switch (anomalyType) {
            case "G0", "internal", "duplicate-elements", "incompatible-order", "unexpected-element" -> ALL;
            case "G1a", "G1b", "G1c" -> ALL.subList(0, 5);
            case "G-single", "lost-update" -> ALL.subList(0, 4);
            // snapshot isolation allows write skew, so a cycle of two or more anti-dependencies does not rule it out
            case "G2-item" -> List.of("strict-serializable", "serializable", "repeatable-read");
            default -> List.of();
        };
    }

    /** The union over several anomaly types, in the order of {@link #ALL}. */
    public static List<String> ruledOutByAll(Iterable<String> types) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : types) out.addAll(ruledOutBy(t));
        List<String> ordered = new ArrayList<>();
        for (String m : ALL) if (out.contains(m)) ordered.add(m);
        return ordered;
    }

    /** The models the anomalies do not rule out. */
    public static List<String> stillPossible(List<String> ruledOut) {
        return ALL.stream().filter(m -> !ruledOut.contains(m)).toList();
    }
}
