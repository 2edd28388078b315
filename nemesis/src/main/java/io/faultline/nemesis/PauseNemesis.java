package io.faultline.nemesis;

import io.faultline.db.Db;
import io.faultline.env.Capability;
import io.faultline.env.Node;
import io.faultline.fault.Nemesis;
import io.faultline.fault.NemesisContext;
import io.faultline.history.Op;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * SIGSTOPs store processes through the Db (a GC pause or a stuck VM, as the rest of the cluster
 * sees it) and SIGCONTs them on stop. It resumes every running node on stop, not only the ones it
 * remembers pausing, so a harness that lost track still heals.
 */
final class PauseNemesis implements Nemesis {
    private final List<String> targets;
    private final Set<String> paused = new TreeSet<>();

    PauseNemesis(List<String> targets) {
        this.targets = List.copyOf(targets);
    }

    @Override
    public String name() {
        return "pause";
    }

    @Override
    public Set<Capability> requires() {
        return Set.of(Capability.PAUSE);
    }

    @Override
    public synchronized Op invoke(NemesisContext context, Op invocation) {
        boolean start = invocation.f().equals(startF());
        Map<String, Object> value = Outcome.value("pause", start ? "pause" : "resume");
        if (!start && !invocation.f().equals(stopF())) {
            return Outcome.failed(context, invocation, value, "pause nemesis cannot do '" + invocation.f() + "'");
        }
        Db db = context.db();
        try {
            if (start) {
                String spec = Requested.string(invocation, "targets")
                        .orElseGet(() -> targets.get(context.random().nextInt(targets.size())));
                List<Node> hit = Targets.pick(spec, context.environment().nodes(), db, context.random());
                value.put("targets", spec);
                value.put("nodes", Targets.names(hit));
                for (Node n : hit) {
                    db.pause(n);
                    paused.add(n.name());
                }
                context.log().accept("nemesis: paused " + Targets.names(hit));
                return Outcome.checked(context, invocation, value, Liveness.stopped(db, hit),
                        "the kernel reports " + Targets.names(hit) + " stopped (state T)");
            }
            Set<String> resumed = resumeAll(context);
            value.put("nodes", List.copyOf(resumed));
            List<Node> all = context.environment().nodes();
            return Outcome.checked(context, invocation, value, Liveness.resumed(db, all),
                    "no store process is stopped any more");
        } catch (Exception e) {
            return Outcome.failed(context, invocation, value, Outcome.describe(e));
        }
    }

    @Override
    public synchronized void healAll(NemesisContext context) {
        try {
            resumeAll(context);
        } catch (RuntimeException e) {
            context.log().accept("nemesis: resuming paused nodes failed: " + Outcome.describe(e));
        }
    }

    @Override
    public String verifyHealed(NemesisContext context) {
        return Liveness.resumed(context.db(), context.environment().nodes());
    }

    private Set<String> resumeAll(NemesisContext context) {
        Set<String> resumed = new TreeSet<>(paused);
        for (Node n : context.environment().nodes()) {
            if (context.db().isRunning(n)) {
                context.db().resume(n);
            }
        }
        paused.clear();
        context.log().accept("nemesis: resumed " + resumed);
        return resumed;
    }
}
