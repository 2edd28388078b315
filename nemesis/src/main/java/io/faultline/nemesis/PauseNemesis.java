package io.faultline.nemesis;

import io.faultline.db.DbCapability;
import io.faultline.db.Pausable;
import io.faultline.env.Capability;
import io.faultline.env.Node;
import io.faultline.fault.NemesisContext;
import io.faultline.history.Op;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * SIGSTOPs store processes through the store's {@link Pausable} (a GC pause or a stuck VM, as the
 * rest of the cluster sees it) and SIGCONTs them on stop. It resumes every node on stop, not only the
 * ones it remembers pausing, so a harness that lost track still heals.
 */
final class PauseNemesis extends ProcessFault {
    private final Set<String> paused = new TreeSet<>();

    PauseNemesis(List<String> targets) {
        super("pause", Capability.PAUSE, DbCapability.PAUSABLE, "pause", "paused", "resume", targets);
    }

    @Override
    void hit(NemesisContext context, Node node) {
        Pausable.of(context.db()).pause(node);
        paused.add(node.name());
    }

    @Override
    String whyNotTaken(NemesisContext context, List<Node> hit) throws InterruptedException {
        return Liveness.stopped(Pausable.of(context.db()), hit);
    }

    @Override
    String evidence(List<Node> hit) {
        return "the kernel reports " + Targets.names(hit) + " stopped (state T)";
    }

    @Override
    Op stop(NemesisContext context, Op invocation, Map<String, Object> value) {
        Set<String> resumed = resumeAll(context);
        value.put("nodes", List.copyOf(resumed));
        return Outcome.checked(context, invocation, value, Liveness.resumed(Pausable.of(context.db()), context.environment().nodes()),
                "no store process is stopped any more");
    }

    @Override
    void heal(NemesisContext context) {
        resumeAll(context);
    }

    @Override
    public String verifyHealed(NemesisContext context) {
        return Liveness.resumed(Pausable.of(context.db()), context.environment().nodes());
    }

    private Set<String> resumeAll(NemesisContext context) {
        Pausable db = Pausable.of(context.db());
        Set<String> resumed = new TreeSet<>(paused);
        for (Node n : context.environment().nodes()) {
            db.resume(n);
        }
        paused.clear();
        context.log().accept("nemesis: resumed " + resumed);
        return resumed;
    }
}
