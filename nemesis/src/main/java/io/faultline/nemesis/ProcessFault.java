package io.faultline.nemesis;

import io.faultline.db.DbCapability;
import io.faultline.env.Capability;
import io.faultline.env.Node;
import io.faultline.fault.NemesisContext;
import io.faultline.history.Op;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A fault on the store processes of some nodes (kill, pause): the nodes of each start are picked by
 * one of its configured target specs, and it can aim at the leader when "leader" is among them.
 */
abstract class ProcessFault extends FaultNemesis {
    private final List<String> targets;

    ProcessFault(String name, Capability requires, DbCapability storeRequires, String startAction, String stopAction,
                 List<String> targets) {
        super(name, Set.of(requires), Set.of(storeRequires), startAction, stopAction);
        this.targets = List.copyOf(targets);
    }

    @Override
    public final Optional<Map<String, Object>> leaderTarget() {
        return targets.contains("leader") ? Optional.of(Map.of("targets", "leader")) : Optional.empty();
    }

    /** Whether the configured choices include every node at once (kill uses it as its wide target). */
    final Optional<Map<String, Object>> allTarget() {
        return targets.contains("all") ? Optional.of(Map.of("targets", "all")) : Optional.empty();
    }

    /** The nodes this start hits, recorded with the spec in the op's value. */
    final List<Node> hit(NemesisContext context, Op invocation, Map<String, Object> value) {
        return Targets.hit(context, invocation, targets, value);
    }
}
