package io.faultline.nemesis;

import io.faultline.env.Environment;
import io.faultline.env.ExecResult;
import io.faultline.env.Node;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * iptables rules inside a node's own network namespace (never the host's tables): faultline's
 * rules live in their own chains hooked first into INPUT, so healing is one flush.
 */
final class NamespaceFirewall {
    static final String PARTITION_CHAIN = "FAULTLINE-PARTITION";
    static final String LOSS_CHAIN = "FAULTLINE-LOSS";

    private final Environment env;

    NamespaceFirewall(Environment env) {
        this.env = env;
    }

    /** Drops everything {@code node} receives from {@code from} (all of its addresses). */
    void drop(Node node, String chain, List<Node> from) throws IOException, InterruptedException {
        ensureChain(node, chain);
        for (Node f : from) {
            for (String addr : env.addressesOf(f)) {
                run(node, List.of("iptables", "-w", "-A", chain, "-s", addr, "-j", "DROP"));
            }
        }
    }

    /** Drops each packet {@code node} receives from {@code from} with the given probability. */
    void dropRandomly(Node node, String chain, List<Node> from, double probability)
            throws IOException, InterruptedException {
        ensureChain(node, chain);
        String p = String.format(Locale.ROOT, "%.4f", probability);
        for (Node f : from) {
            for (String addr : env.addressesOf(f)) {
                run(node, List.of("iptables", "-w", "-A", chain, "-s", addr, "-m", "statistic", "--mode", "random",
                        "--probability", p, "-j", "DROP"));
            }
        }
    }

    void flush(Node node, String chain) throws IOException, InterruptedException {
        ExecResult r = node.exec(List.of("iptables", "-w", "-F", chain));
        // A node never touched has no chain, which is as healed as it gets.
        if (!r.ok() && !r.stderr().contains("No chain")) {
            throw new IOException("iptables -F " + chain + " on " + node.name() + " failed: " + r.stderr().strip());
        }
    }

    /** The rules now in {@code chain} on {@code node}, as {@code iptables -S} prints them. */
    List<String> rules(Node node, String chain) throws IOException, InterruptedException {
        ExecResult r = node.exec(List.of("iptables", "-w", "-S", chain));
        if (!r.ok()) {
            return List.of();
        }
        List<String> rules = new ArrayList<>();
        r.stdout().lines().filter(l -> l.startsWith("-A ")).forEach(rules::add);
        return rules;
    }

    private void ensureChain(Node node, String chain) throws IOException, InterruptedException {
        ExecResult created = node.exec(List.of("iptables", "-w", "-N", chain));
        if (!created.ok() && !created.stderr().contains("exists")) {
            throw new IOException("iptables -N " + chain + " on " + node.name() + " failed: " + created.stderr().strip());
        }
        if (!node.exec(List.of("iptables", "-w", "-C", "INPUT", "-j", chain)).ok()) {
            run(node, List.of("iptables", "-w", "-I", "INPUT", "1", "-j", chain));
        }
    }

    private static void run(Node node, List<String> cmd) throws IOException, InterruptedException {
        ExecResult r = node.exec(cmd);
        if (!r.ok()) {
            throw new IOException(String.join(" ", cmd) + " on " + node.name() + " failed: " + r.stderr().strip());
        }
    }
}
