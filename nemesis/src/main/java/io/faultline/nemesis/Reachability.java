package io.faultline.nemesis;

import io.faultline.env.Capability;
import io.faultline.env.Environment;
import io.faultline.env.ExecResult;
import io.faultline.env.Node;
import io.faultline.fault.NemesisContext;
import io.faultline.history.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiPredicate;

/**
 * Probes which nodes can reach which, from inside each node's own network context (its namespace
 * or container), by opening a TCP connection to a port nobody listens on: a refusal (RST) or a
 * connection proves the path is open both ways; silence until the timeout means a rule dropped the
 * SYN or the answer. Because a TCP handshake needs both directions, a one-way grudge shows as cut
 * in both directions of the pair; {@link #expectedOpen} says so.
 */
final class Reachability {
    /** TCP port 1 (tcpmux) is unused by every store here, so a reachable node answers with RST. */
    static final int PROBE_PORT = 1;
    private static final String CUT_TIMEOUT = "1";
    /** A pair that should be open gets a longer second try: on a loaded machine the first can time out. */
    private static final String RETRY_TIMEOUT = "4";

    enum Link { OPEN, CUT }

    record Probe(Node from, Node to, Link link, String error) {
        String label() {
            return from.name() + "->" + to.name();
        }
    }

    private Reachability() {
    }

    /** Whether from->to should be open under {@code grudge} (receiver -> senders it drops). */
    static boolean expectedOpen(Map<String, Set<String>> grudge, Node from, Node to) {
        return !grudge.getOrDefault(to.name(), Set.of()).contains(from.name())
                && !grudge.getOrDefault(from.name(), Set.of()).contains(to.name());
    }

    /**
     * Probes every ordered pair and compares with {@code open}; returns "" when all match, else
     * the mismatches. {@code evidence} receives a one-line summary either way.
     */
    static String verify(List<Node> nodes, BiPredicate<Node, Node> open, StringBuilder evidence)
            throws InterruptedException {
        List<Probe> probes = probeAll(nodes, open);
        List<String> wrong = new ArrayList<>();
        int cut = 0;
        int opened = 0;
        for (Probe p : probes) {
            if (p.error() != null) {
                wrong.add(p.label() + " could not be probed: " + p.error());
                continue;
            }
            if (p.link() == Link.CUT) cut++; else opened++;
            boolean want = open.test(p.from(), p.to());
            if (want != (p.link() == Link.OPEN)) {
                wrong.add(p.label() + " is " + (want ? "cut but should be open" : "open but should be cut"));
            }
        }
        evidence.append("probed ").append(probes.size()).append(" links from inside the nodes: ").append(cut)
                .append(" cut, ").append(opened).append(" open");
        if (wrong.isEmpty()) evidence.append(", as expected");
        return String.join("; ", wrong);
    }

    /** "" when every link between the nodes is open, else which are not: a heal's check. */
    /** The completion of a stop that opened every link: every node named, verified by probing each pair. */
    static Op reopened(NemesisContext context, Op invocation, Map<String, Object> value) throws InterruptedException {
        List<Node> nodes = context.environment().nodes();
        value.put("nodes", Targets.names(nodes));
        StringBuilder evidence = new StringBuilder();
        String problem = verify(nodes, (a, b) -> true, evidence);
        return Outcome.checked(context, invocation, value, problem, evidence.toString());
    }

    /** {@link #allOpen} where the environment can cut links; "" where it cannot (nothing was cut). */
    static String allOpen(Environment env) {
        return env.capabilities().contains(Capability.PARTITION) ? allOpen(env.nodes()) : "";
    }

    static String allOpen(List<Node> nodes) {
        try {
            return verify(nodes, (a, b) -> true, new StringBuilder());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while probing";
        }
    }

    private static List<Probe> probeAll(List<Node> nodes, BiPredicate<Node, Node> open) throws InterruptedException {
        List<Future<Probe>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Node a : nodes) {
                for (Node b : nodes) {
                    if (a == b) continue;
                    futures.add(pool.submit(() -> {
                        Probe p = probe(a, b, CUT_TIMEOUT);
                        // Only a pair that should be open gets a second chance: a slow spawn can eat
                        // the short timeout, but a cut link never answers, however long we wait.
                        if (p.error() == null && p.link() == Link.CUT && open.test(a, b)) p = probe(a, b, RETRY_TIMEOUT);
                        return p;
                    }));
                }
            }
            List<Probe> out = new ArrayList<>();
            for (Future<Probe> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("probe failed: " + e.getCause(), e.getCause());
                }
            }
            return out;
        }
    }

    static Probe probe(Node from, Node to, String timeoutSeconds) {
        try {
            ExecResult r = from.exec(List.of("timeout", timeoutSeconds, "bash", "-c",
                    "exec 3<>/dev/tcp/" + to.host() + "/" + PROBE_PORT));
            if (r.ok() || r.stderr().contains("refused")) return new Probe(from, to, Link.OPEN, null);
            if (r.exitCode() == 124) return new Probe(from, to, Link.CUT, null);
            return new Probe(from, to, null, "exit " + r.exitCode() + ": " + r.stderr().strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe(from, to, null, "interrupted");
        } catch (Exception e) {
            return new Probe(from, to, null, e.toString());
        }
    }
}
