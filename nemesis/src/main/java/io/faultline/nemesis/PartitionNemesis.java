package io.faultline.nemesis;

import io.faultline.db.LeaderAware;
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
import java.util.Optional;
import java.util.Set;

/**
 * Network partitions as grudges, enforced by DROP rules in each receiving node's namespace
 * against every address of the nodes it holds a grudge against (its own and its fault-proxy
 * address). A start while a partition is in force replaces it; stop flushes every node's chain.
 * Both are verified by probing every link from inside the nodes.
 */
final class PartitionNemesis extends FaultNemesis {
    private final List<String> modes;

    PartitionNemesis(List<String> modes) {
        super("partition", Set.of(Capability.PARTITION), "start", "stop");
        this.modes = List.copyOf(modes);
    }

    @Override
    public Optional<Map<String, Object>> leaderTarget() {
        return modes.contains("leader") ? Optional.of(Map.of("mode", "leader")) : Optional.empty();
    }

    /** Isolating the leader is what needs the second start (see {@link Nemesis#repeatsInEveryRound}). */
    @Override
    public boolean repeatsInEveryRound() {
        return leaderTarget().isPresent();
    }

    @Override
    Op start(NemesisContext context, Op invocation, Map<String, Object> value) throws Exception {
        Environment env = context.environment();
        NamespaceFirewall fw = new NamespaceFirewall(env);
        flushAll(env, fw);
        String mode = Requested.orDraw(invocation, "mode", modes, context.random());
        Map<String, Set<String>> grudge = Grudges.of(mode, env.nodes(), LeaderAware.of(context.db()), context.random());
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
        String problem = Reachability.verify(env.nodes(), (a, b) -> Reachability.expectedOpen(grudge, a, b), evidence);
        return Outcome.checked(context, invocation, value, problem, evidence.toString());
    }

    @Override
    Op stop(NemesisContext context, Op invocation, Map<String, Object> value) throws Exception {
        Environment env = context.environment();
        flushAll(env, new NamespaceFirewall(env));
        return Reachability.reopened(context, invocation, value);
    }

    @Override
    void heal(NemesisContext context) throws Exception {
        Environment env = context.environment();
        if (env.capabilities().contains(Capability.PARTITION)) flushAll(env, new NamespaceFirewall(env));
    }

    @Override
    public String verifyHealed(NemesisContext context) {
        return Reachability.allOpen(context.environment());
    }

    private static void flushAll(Environment env, NamespaceFirewall fw) throws Exception {
        for (Node n : env.nodes()) {
            fw.flush(n, NamespaceFirewall.PARTITION_CHAIN);
        }
    }

    static Node byName(Environment env, String name) {
        return env.nodes().stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node named " + name));
    }
}
