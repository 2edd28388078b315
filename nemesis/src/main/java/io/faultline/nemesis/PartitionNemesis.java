package io.faultline.nemesis;

import io.faultline.env.Capability;
import io.faultline.env.Environment;
import io.faultline.env.Node;
import io.faultline.fault.Nemesis;
import io.faultline.fault.NemesisContext;
import io.faultline.history.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Network partitions as grudges, enforced by DROP rules in each receiving node's namespace
 * against every address of the nodes it holds a grudge against (its own and its fault-proxy
 * address). A start while a partition is in force replaces it; stop flushes every node's chain.
 */
final class PartitionNemesis implements Nemesis {
    private final List<String> modes;

    PartitionNemesis(List<String> modes) {
        this.modes = List.copyOf(modes);
    }

    @Override
    public String name() {
        return "partition";
    }

    @Override
    public Set<Capability> requires() {
        return Set.of(Capability.PARTITION);
    }

    @Override
    public Op invoke(NemesisContext context, Op invocation) {
        Environment env = context.environment();
        boolean start = invocation.f().equals(startF());
        Map<String, Object> value = Outcome.value("partition", start ? "start" : "stop");
        if (!start && !invocation.f().equals(stopF())) {
            return Outcome.failed(context, invocation, value, "partition nemesis cannot do '" + invocation.f() + "'");
        }
        if (!env.capabilities().contains(Capability.PARTITION)) {
            return Outcome.failed(context, invocation, value, "partitions unavailable: " + env.whyMissing(Capability.PARTITION));
        }
        NamespaceFirewall fw = new NamespaceFirewall(env);
        try {
            healAllOrThrow(env, fw);
            if (!start) {
                value.put("nodes", Targets.names(env.nodes()));
                StringBuilder evidence = new StringBuilder();
                String problem = Reachability.verify(env.nodes(), (a, b) -> true, evidence);
                return Outcome.checked(context, invocation, value, problem, evidence.toString());
            }
            String mode = Requested.string(invocation, "mode").orElseGet(() -> modes.get(context.random().nextInt(modes.size())));
            Map<String, Set<String>> grudge = Grudges.of(mode, env.nodes(), Targets.leader(context.db()), context.random());
            value.put("mode", mode);
            Map<String, Object> g = new LinkedHashMap<>();
            grudge.forEach((k, v) -> g.put(k, new ArrayList<Object>(v)));
            value.put("grudge", g);
            for (Map.Entry<String, Set<String>> e : grudge.entrySet()) {
                Node receiver = byName(env, e.getKey());
                fw.drop(receiver, NamespaceFirewall.PARTITION_CHAIN, e.getValue().stream().map(n -> byName(env, n)).toList());
            }
            context.log().accept("nemesis: partition " + mode + " " + grudge);
            StringBuilder evidence = new StringBuilder();
            String problem = Reachability.verify(env.nodes(),
                    (a, b) -> Reachability.expectedOpen(grudge, a, b), evidence);
            return Outcome.checked(context, invocation, value, problem, evidence.toString());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Outcome.failed(context, invocation, value, Outcome.describe(e));
        }
    }

    @Override
    public void healAll(NemesisContext context) {
        Environment env = context.environment();
        if (!env.capabilities().contains(Capability.PARTITION)) {
            return;
        }
        try {
            healAllOrThrow(env, new NamespaceFirewall(env));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            context.log().accept("nemesis: healing partitions failed: " + Outcome.describe(e));
        }
    }

    @Override
    public String verifyHealed(NemesisContext context) {
        Environment env = context.environment();
        return env.capabilities().contains(Capability.PARTITION) ? Reachability.allOpen(env.nodes()) : "";
    }

    private static void healAllOrThrow(Environment env, NamespaceFirewall fw) throws Exception {
        for (Node n : env.nodes()) {
            fw.flush(n, NamespaceFirewall.PARTITION_CHAIN);
        }
    }

    static Node byName(Environment env, String name) {
        return env.nodes().stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node named " + name));
    }
}
