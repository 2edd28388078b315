package io.faultline.nemesis;

import io.faultline.fault.ClientControl;
import io.faultline.fault.NemesisContext;
import io.faultline.history.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Freezes one of the harness's own clients while it holds a lock or lease: the stop-the-world GC
 * pause of the fencing-token argument, acting on a client, not on a store node. The client's
 * background work (lease keep-alives, renewals) stops at once and its worker invokes nothing until
 * the stop; the pause lasts as long as the schedule holds the fault, so choose
 * {@code --nemesis-interval} longer than the lease. A start waits up to {@code client-pause.wait-ms}
 * for some client to hold a lease; if none does, or the chosen client cannot stop its background
 * work, the start is recorded unverified (and the run cannot pass).
 */
final class ClientPauseNemesis extends FaultNemesis {
    private static final long POLL_MILLIS = 20;
    private final long waitMillis;

    ClientPauseNemesis(long waitMillis) {
        super("client-pause", Set.of(), "freeze", "thaw");
        this.waitMillis = waitMillis;
    }

    @Override
    Op start(NemesisContext context, Op invocation, Map<String, Object> value) throws InterruptedException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000;
        Optional<ClientControl.Frozen> hit;
        while ((hit = context.clients().freezeLeaseHolder(context.random())).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
        }
        if (hit.isEmpty()) {
            return Outcome.unverified(context, invocation, value, "no client held a lock or lease within " + waitMillis
                    + " ms, so none was paused (client-pause needs a workload whose clients hold leases, e.g. --workload lock)");
        }
        ClientControl.Frozen f = hit.get();
        value.put("process", f.process());
        value.put("nodes", f.node() == null ? List.of() : List.of(f.node()));
        if (!f.frozen()) return Outcome.unverified(context, invocation, value, "process " + f.process() + ": " + f.detail());
        context.log().accept("nemesis: froze the client of process " + f.process() + " (" + f.detail() + ")");
        return Outcome.verified(invocation, value, "process " + f.process() + " frozen while holding its lock: " + f.detail()
                + "; its worker invokes nothing until the thaw");
    }

    @Override
    Op stop(NemesisContext context, Op invocation, Map<String, Object> value) {
        List<ClientControl.Thawed> thawed = context.clients().thawAll();
        List<Map<String, Object>> each = new ArrayList<>();
        StringBuilder evidence = new StringBuilder();
        for (ClientControl.Thawed t : thawed) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("process", t.process());
            m.put("frozen-ms", t.frozenMillis());
            if (t.heldBack() != null) {
                m.put("held-back", t.heldBack());
                m.put("held-ms", t.heldMillis());
            }
            each.add(m);
            if (!evidence.isEmpty()) evidence.append("; ");
            evidence.append("process ").append(t.process()).append(" was frozen ").append(t.frozenMillis()).append(" ms")
                    .append(t.heldBack() == null ? " (no op came up meanwhile)"
                            : ", its " + t.heldBack() + " held back " + t.heldMillis() + " ms");
        }
        value.put("thawed", each);
        int left = context.clients().frozenCount();
        if (left > 0) return Outcome.unverified(context, invocation, value, left + " client(s) still frozen after the thaw");
        return Outcome.verified(invocation, value, thawed.isEmpty() ? "no client was frozen" : evidence.toString());
    }

    @Override
    void heal(NemesisContext context) {
        context.clients().thawAll();
    }

    @Override
    public String verifyHealed(NemesisContext context) {
        int left = context.clients().frozenCount();
        return left == 0 ? "" : left + " client(s) still frozen";
    }
}
