package io.faultline.nemesis;

import io.faultline.db.DbCapability;
import io.faultline.db.Killable;
import io.faultline.env.Capability;
import io.faultline.env.Node;
import io.faultline.fault.NemesisContext;
import io.faultline.history.Op;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SIGKILLs store processes through the store's {@link Killable} and restarts them on the same data
 * directory, so a restart recovers from what the node had persisted. Stop restarts every node that
 * is down.
 */
final class KillNemesis extends ProcessFault {
    /** How long a restarted node may take to accept connections (a JVM store on a loaded machine). */
    private static final Duration RESTART_LIMIT = Duration.ofSeconds(30);


    KillNemesis(List<String> targets) {
        super("kill", Capability.KILL, DbCapability.KILLABLE, "kill", "killed", "restart", targets);
    }

    /**
     * Every node at once: the power loss that shows what a store acknowledged but never made durable.
     * Pause does not go wide: a frozen cluster only delays its clients.
     */
    @Override
    public Optional<Map<String, Object>> wideTarget() {
        return allTarget();
    }

    @Override
    void hit(NemesisContext context, Node node) {
        Killable.of(context.db()).kill(node);
    }

    @Override
    String whyNotTaken(NemesisContext context, List<Node> hit) {
        return Liveness.gone(Killable.of(context.db()), hit);
    }

    @Override
    String evidence(List<Node> hit) {
        return "no process of " + Targets.names(hit) + " runs after SIGKILL";
    }

    @Override
    Op stop(NemesisContext context, Op invocation, Map<String, Object> value) throws Exception {
        Killable db = Killable.of(context.db());
        List<Node> nodes = context.environment().nodes();
        List<String> restarted = Liveness.restartDead(db, nodes);
        value.put("nodes", restarted);
        context.log().accept("nemesis: restarted " + restarted);
        List<Node> back = nodes.stream().filter(n -> restarted.contains(n.name())).toList();
        return Outcome.checked(context, invocation, value, Liveness.answering(db, back, RESTART_LIMIT),
                restarted.isEmpty() ? "no node was down" : restarted + " running again and accepting connections");
    }

    @Override
    void heal(NemesisContext context) throws Exception {
        Liveness.restartDead(Killable.of(context.db()), context.environment().nodes());
    }

    @Override
    public String verifyHealed(NemesisContext context) {
        try {
            return Liveness.answering(Killable.of(context.db()), context.environment().nodes(), RESTART_LIMIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
