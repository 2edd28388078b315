package io.faultline.nemesis;

import io.faultline.env.Capability;
import io.faultline.env.Environment;
import io.faultline.env.LinkControl;
import io.faultline.env.Node;
import io.faultline.fault.NemesisContext;
import io.faultline.history.Op;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Packet faults on the peer links of target nodes: {@code delay} (delay +- jitter) and
 * {@code stall} through the fault proxy, which needs no root and no netem qdisc (this kind of
 * kernel has none); {@code loss} with iptables' {@code statistic} match inside the targets'
 * namespaces, dropping that share of what they receive from their peers.
 */
final class PacketNemesis extends FaultNemesis {
    static final List<String> MODES = List.of("delay", "stall", "loss");

    private final List<String> modes;
    private final List<String> targets;
    private final Duration delay;
    private final Duration jitter;
    private final double loss;

    PacketNemesis(List<String> modes, List<String> targets, Duration delay, Duration jitter, double loss) {
        super("packet", requires(modes), "start", "heal");
        this.modes = List.copyOf(modes);
        this.targets = List.copyOf(targets);
        this.delay = delay;
        this.jitter = jitter;
        this.loss = loss;
    }

    private static Set<Capability> requires(List<String> modes) {
        Set<Capability> caps = EnumSet.noneOf(Capability.class);
        if (modes.contains("delay") || modes.contains("stall")) {
            caps.add(Capability.PACKET_DELAY);
        }
        if (modes.contains("loss")) {
            caps.add(Capability.PACKET_LOSS);
        }
        return caps;
    }

    @Override
    Op start(NemesisContext context, Op invocation, Map<String, Object> value) throws Exception {
        Environment env = context.environment();
        heal(env);
        String mode = Requested.orDraw(invocation, "mode", modes, context.random());
        Capability needed = mode.equals("loss") ? Capability.PACKET_LOSS : Capability.PACKET_DELAY;
        value.put("action", mode);
        if (!MODES.contains(mode)) {
            return Outcome.failed(context, invocation, value, "packet mode '" + mode + "': expected one of " + MODES);
        }
        if (!env.capabilities().contains(needed)) {
            return Outcome.failed(context, invocation, value, "packet " + mode + " unavailable: " + env.whyMissing(needed));
        }
        List<Node> hit = Targets.hit(context, invocation, targets, value);
        switch (mode) {
            case "delay" -> {
                LinkControl links = env.links().orElseThrow();
                forEachLink(env, hit, (a, b) -> links.delay(a, b, delay, jitter));
                value.put("delay-ms", delay.toMillis());
                value.put("jitter-ms", jitter.toMillis());
            }
            case "stall" -> {
                LinkControl links = env.links().orElseThrow();
                forEachLink(env, hit, links::stall);
            }
            default -> {
                NamespaceFirewall fw = new NamespaceFirewall(env);
                for (Node n : hit) {
                    List<Node> peers = env.nodes().stream().filter(p -> p != n).toList();
                    fw.dropRandomly(n, NamespaceFirewall.LOSS_CHAIN, peers, loss);
                }
                value.put("loss", loss);
            }
        }
        context.log().accept("nemesis: packet " + mode + " on " + Targets.names(hit));
        StringBuilder evidence = new StringBuilder();
        String problem = switch (mode) {
            case "delay" -> PacketEvidence.delay(env, hit, delay.minus(jitter), evidence);
            case "stall" -> PacketEvidence.stall(env, hit, evidence);
            default -> PacketEvidence.loss(env, hit, loss, evidence);
        };
        return Outcome.checked(context, invocation, value, problem, evidence.toString());
    }

    @Override
    Op stop(NemesisContext context, Op invocation, Map<String, Object> value) throws Exception {
        Environment env = context.environment();
        heal(env);
        return Reachability.reopened(context, invocation, value);
    }

    @Override
    void heal(NemesisContext context) throws Exception {
        heal(context.environment());
    }

    @Override
    public String verifyHealed(NemesisContext context) {
        return Reachability.allOpen(context.environment());
    }

    private static void heal(Environment env) throws Exception {
        env.links().ifPresent(LinkControl::heal);
        if (env.capabilities().contains(Capability.PACKET_LOSS)) {
            NamespaceFirewall fw = new NamespaceFirewall(env);
            for (Node n : env.nodes()) {
                fw.flush(n, NamespaceFirewall.LOSS_CHAIN);
            }
        }
    }

    /** Every directed link into or out of a target node. */
    private static void forEachLink(Environment env, List<Node> hit, java.util.function.BiConsumer<Node, Node> f) {
        for (Node a : env.nodes()) {
            for (Node b : env.nodes()) {
                if (a != b && (hit.contains(a) || hit.contains(b))) {
                    f.accept(a, b);
                }
            }
        }
    }

}
