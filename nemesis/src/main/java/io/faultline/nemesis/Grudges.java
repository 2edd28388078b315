package io.faultline.nemesis;

import io.faultline.env.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Partition shapes as grudges (Jepsen's term): for each node, the nodes whose packets it drops.
 * A complete split gives both sides a grudge against each other.
 */
final class Grudges {
    static final List<String> MODES = List.of("one", "leader", "majority", "majorities-ring", "bridge");

    private Grudges() {
    }

    /**
     * @param leader the current leader, for "leader" (a random node is isolated when none is known)
     */
    static Map<String, Set<String>> of(String mode, List<Node> nodes, Optional<Node> leader, Random random) {
        List<String> shuffled = new ArrayList<>(nodes.stream().map(Node::name).toList());
        Collections.shuffle(shuffled, random);
        return switch (mode) {
            case "one" -> split(List.of(shuffled.get(0)), shuffled.subList(1, shuffled.size()));
            case "leader" -> {
                String l = leader.map(Node::name).orElse(shuffled.get(0));
                List<String> rest = new ArrayList<>(shuffled);
                rest.remove(l);
                yield split(List.of(l), rest);
            }
            // Random halves: the first half is the smaller side when the count is odd.
            case "majority" -> split(shuffled.subList(0, shuffled.size() / 2), shuffled.subList(shuffled.size() / 2, shuffled.size()));
            case "majorities-ring" -> majoritiesRing(shuffled);
            case "bridge" -> bridge(shuffled);
            default -> throw new IllegalArgumentException("partition mode '" + mode + "': expected one of " + MODES);
        };
    }

    /** Everyone in {@code a} drops {@code b} and the other way round. */
    static Map<String, Set<String>> split(List<String> a, List<String> b) {
        Map<String, Set<String>> g = new TreeMap<>();
        for (String x : a) {
            g.put(x, new TreeSet<>(b));
        }
        for (String y : b) {
            g.put(y, new TreeSet<>(a));
        }
        g.values().removeIf(Set::isEmpty);
        return g;
    }

    /**
     * Each node sees a majority (itself and its neighbours on a random ring) and drops the rest,
     * so every node is in some majority but no two nodes agree on which.
     */
    static Map<String, Set<String>> majoritiesRing(List<String> ring) {
        int n = ring.size();
        int m = n / 2 + 1;
        Map<String, Set<String>> g = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            Set<String> visible = new TreeSet<>();
            for (int d = -((m - 1) / 2); d <= m / 2; d++) {
                visible.add(ring.get(Math.floorMod(i + d, n)));
            }
            Set<String> dropped = new TreeSet<>(ring);
            dropped.removeAll(visible);
            if (!dropped.isEmpty()) {
                g.put(ring.get(i), dropped);
            }
        }
        return g;
    }

    /** Two halves that cannot see each other, and one node that both halves see. */
    static Map<String, Set<String>> bridge(List<String> shuffled) {
        List<String> rest = shuffled.subList(1, shuffled.size());
        int half = rest.size() / 2;
        return split(rest.subList(0, half), rest.subList(half, rest.size()));
    }
}
