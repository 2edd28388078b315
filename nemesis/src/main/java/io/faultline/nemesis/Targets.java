package io.faultline.nemesis;

import io.faultline.db.Db;
import io.faultline.db.LeaderAware;
import io.faultline.env.Node;
import io.faultline.fault.NemesisContext;
import io.faultline.history.Op;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** Which nodes a kill, pause, clock or packet fault hits (Jepsen's node specs). */
final class Targets {
    static final List<String> SPECS = List.of("one", "minority", "majority", "all", "leader");

    private Targets() {
    }

    /**
     * Picks nodes for {@code spec} with the run's seeded random. "leader" asks the store and
     * falls back to one random node when no leader is known (the op's value says which was hit).
     */
    static List<Node> pick(String spec, List<Node> nodes, Db db, Random random) {
        List<Node> shuffled = new ArrayList<>(nodes);
        Collections.shuffle(shuffled, random);
        int n = nodes.size();
        return switch (spec) {
            case "one" -> List.of(shuffled.get(0));
            case "minority" -> sorted(shuffled.subList(0, Math.max(1, (n - 1) / 2)));
            case "majority" -> sorted(shuffled.subList(0, n / 2 + 1));
            case "all" -> List.copyOf(nodes);
            case "leader" -> {
                Optional<Node> leader = LeaderAware.of(db);
                yield List.of(leader.orElse(shuffled.get(0)));
            }
            default -> throw new IllegalArgumentException("target '" + spec + "': expected one of " + SPECS);
        };
    }

    /**
     * The nodes an invocation hits: the spec it pins, else one of {@code choices}; records the spec
     * and the nodes in the op's {@code value}.
     */
    static List<Node> hit(NemesisContext context, Op invocation, List<String> choices, Map<String, Object> value) {
        String spec = Requested.orDraw(invocation, "targets", choices, context.random());
        List<Node> hit = pick(spec, context.environment().nodes(), context.db(), context.random());
        value.put("targets", spec);
        value.put("nodes", names(hit));
        return hit;
    }


    static List<Node> sorted(List<Node> nodes) {
        return nodes.stream().sorted(java.util.Comparator.comparing(Node::name)).toList();
    }

    static List<String> names(List<Node> nodes) {
        return nodes.stream().map(Node::name).toList();
    }
}
