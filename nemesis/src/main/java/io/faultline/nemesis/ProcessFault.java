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
 * A start hits each picked node, then checks through the store that the fault took on all of them.
 */
abstract class ProcessFault extends FaultNemesis {
    private final List<String> targets;
    private final String done;

    /** @param done what a start did, for the log: "killed", "paused" */
    ProcessFault(String name, Capability requires, DbCapability storeRequires, String startAction, String done,
                 String stopAction, List<String> targets) {
        super(name, Set.of(requires), Set.of(storeRequires), startAction, stopAction);
        this.targets = List.copyOf(targets);
        this.done = done;
    }

    @Override
    final Op start(NemesisContext context, Op invocation, Map<String, Object> value) throws InterruptedException {
        for (DbCapability c : storeRequires()) {
            // Refused before any node is picked, as Killable.of / Pausable.of would.
            if (!c.isOfferedBy(context.db())) throw new IllegalStateException(c.lackedBy(context.db()));
        }
        List<Node> hit = Targets.hit(context, invocation, targets, value);
        for (Node n : hit) {
            hit(context, n);
        }
        context.log().accept("nemesis: " + done + " " + Targets.names(hit));
        return Outcome.checked(context, invocation, value, whyNotTaken(context, hit), evidence(hit));
    }

    /** Applies the fault to one node's store processes. */
    abstract void hit(NemesisContext context, Node node);

    /** Why the fault did not take on some of {@code hit}, as the store sees it; "" when it took on all. */
    abstract String whyNotTaken(NemesisContext context, List<Node> hit) throws InterruptedException;

    /** What a verified start recorded as its evidence. */
    abstract String evidence(List<Node> hit);

    @Override
    public final Optional<Map<String, Object>> leaderTarget() {
        return targets.contains("leader") ? Optional.of(Map.of("targets", "leader")) : Optional.empty();
    }

    /** Whether the configured choices include every node at once (kill uses it as its wide target). */
    final Optional<Map<String, Object>> allTarget() {
        return targets.contains("all") ? Optional.of(Map.of("targets", "all")) : Optional.empty();
    }
}
