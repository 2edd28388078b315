package io.faultline.nemesis;

import io.faultline.env.Environment;
import io.faultline.env.LinkControl;
import io.faultline.env.LinkControl.Observed;
import io.faultline.env.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures a packet fault on the links it affects: for delay and stall, the store's own traffic
 * as the fault proxy forwarded it; for loss, TCP probes from a peer into a target node. Each
 * returns "" when the effect showed, else why not; {@code evidence} gets what was measured.
 */
final class PacketEvidence {
    private static final Duration WATCH = Duration.ofSeconds(5);
    private static final Duration STALL_WATCH = Duration.ofSeconds(1);
    /** Chunks held before a delay counts as measured (one could be a straggler from before). */
    private static final int MIN_CHUNKS = 3;
    /** Expected lost probes at the configured rate; e^-8 is the chance a real loss shows none. */
    private static final double EXPECTED_LOST = 8;
    private static final int MAX_PROBES = 200;

    private PacketEvidence() {
    }

    /** Some affected link carried store traffic held at least {@code minimum} per chunk on average. */
    static String delay(Environment env, List<Node> hit, Duration minimum, StringBuilder evidence)
            throws InterruptedException {
        LinkControl links = env.links().orElseThrow();
        List<Node[]> affected = affected(env, hit);
        long deadline = System.nanoTime() + WATCH.toNanos();
        while (System.nanoTime() < deadline) {
            for (Node[] l : affected) {
                Observed o = links.observed(l[0], l[1]);
                if (o.chunks() >= MIN_CHUNKS) {
                    double ms = o.meanHoldNanos() / 1e6;
                    evidence.append(String.format(Locale.ROOT, "%s->%s: %d chunks of store traffic held %.1f ms on average",
                            l[0].name(), l[1].name(), o.chunks(), ms));
                    return o.meanHoldNanos() >= minimum.toNanos() ? ""
                            : String.format(Locale.ROOT, "traffic on %s->%s was held only %.1f ms on average, less than %d ms",
                            l[0].name(), l[1].name(), ms, minimum.toMillis());
                }
            }
            Thread.sleep(100);
        }
        evidence.append("no store traffic crossed the ").append(affected.size()).append(" delayed links in ")
                .append(WATCH.toSeconds()).append(" s");
        return "no traffic crossed the delayed links in " + WATCH.toSeconds() + " s, so the delay was not observed";
    }

    /** Nothing crossed any affected link for a while, though the links carried traffic before. */
    static String stall(Environment env, List<Node> hit, StringBuilder evidence) throws InterruptedException {
        LinkControl links = env.links().orElseThrow();
        Thread.sleep(STALL_WATCH.toMillis());
        long bytes = 0;
        for (Node[] l : affected(env, hit)) bytes += links.observed(l[0], l[1]).bytes();
        evidence.append(bytes).append(" bytes crossed the stalled links in ").append(STALL_WATCH.toMillis()).append(" ms");
        return bytes == 0 ? "" : bytes + " bytes crossed links that should be stalled";
    }

    /** Probes from a peer into the first target: some, not all, must be lost. */
    static String loss(Environment env, List<Node> hit, double probability, StringBuilder evidence)
            throws InterruptedException {
        Node target = hit.getFirst();
        Node peer = env.nodes().stream().filter(n -> n != target).findFirst().orElse(null);
        if (peer == null) return "a one-node cluster has no link to lose packets on";
        int count = (int) Math.min(MAX_PROBES, Math.max(20, Math.ceil(EXPECTED_LOST / probability)));
        List<Future<Reachability.Probe>> futures = new ArrayList<>();
        int lost = 0;
        List<String> errors = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) futures.add(pool.submit(() -> Reachability.probe(peer, target, "1")));
            for (Future<Reachability.Probe> f : futures) {
                try {
                    Reachability.Probe p = f.get();
                    if (p.error() != null) errors.add(p.error());
                    else if (p.link() == Reachability.Link.CUT) lost++;
                } catch (ExecutionException e) {
                    errors.add(String.valueOf(e.getCause()));
                }
            }
        }
        evidence.append(String.format(Locale.ROOT, "%s->%s: %d of %d probes lost (configured loss %.2f)",
                peer.name(), target.name(), lost, count, probability));
        if (!errors.isEmpty()) return "probes failed: " + errors.getFirst();
        if (lost == 0) return "none of " + count + " probes into " + target.name() + " was lost";
        if (lost == count && probability < 1) return "every probe into " + target.name() + " was lost: that is a partition, not loss";
        return "";
    }

    /** Directed links into or out of a target node. */
    private static List<Node[]> affected(Environment env, List<Node> hit) {
        List<Node[]> out = new ArrayList<>();
        for (Node a : env.nodes()) {
            for (Node b : env.nodes()) {
                if (a != b && (hit.contains(a) || hit.contains(b))) out.add(new Node[]{a, b});
            }
        }
        return out;
    }
}
