package io.faultline.testing.fake;

import io.faultline.db.DbCapability;
import io.faultline.db.Killable;
import io.faultline.env.Capability;
import io.faultline.env.Node;
import io.faultline.fault.Nemesis;
import io.faultline.fault.NemesisContext;
import io.faultline.fault.NemesisProvider;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** TEST DOUBLE: kills one random node through Killable.kill and restarts it through Killable.start. */
public class FakeKillNemesis implements Nemesis, NemesisProvider {
    @Override
    public String name() {
        return "kill";
    }

    @Override
    public String description() {
        return "test double";
    }

    @Override
    public Nemesis create(Map<String, String> options) {
        return new FakeKillNemesis();
    }

    @Override
    public Set<Capability> requires() {
        return Set.of(Capability.KILL);
    }

    @Override
    public Set<DbCapability> storeRequires() {
        return Set.of(DbCapability.KILLABLE);
    }

    @Override
    public Op invoke(NemesisContext ctx, Op inv) {
        List<Node> nodes = ctx.environment().nodes();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("fault", "kill");
        if (inv.f().equals(startF())) {
            Node n = nodes.get(ctx.random().nextInt(nodes.size()));
            Killable.of(ctx.db()).kill(n);
            v.put("nodes", List.of(n.name()));
            // The double verifies as the real nemesis does: by looking, not by trusting the call.
            v.put("verified", !Killable.of(ctx.db()).isRunning(n));
        } else {
            healAll(ctx);
            v.put("restarted", "all");
            v.put("verified", nodes.stream().allMatch(Killable.of(ctx.db())::isRunning));
        }
        return new Op(inv.index(), inv.time(), Op.NEMESIS, OpType.INFO, inv.f(), null, v, null, null);
    }

    @Override
    public String verifyHealed(NemesisContext ctx) {
        return ctx.environment().nodes().stream().allMatch(Killable.of(ctx.db())::isRunning) ? "" : "a node is still down";
    }

    @Override
    public void healAll(NemesisContext ctx) {
        for (Node n : ctx.environment().nodes()) {
            try {
                Killable.of(ctx.db()).start(n);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
