package io.faultline.env;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a test's nodes live and the control surface nemeses act through. Closing it removes
 * everything it created (namespaces, bridges, rules, processes, proxies, containers).
 */
public interface Environment extends AutoCloseable {
    /** "local" (network namespaces), "loopback" (no root), "docker". */
    String name();

    Set<Capability> capabilities();

    /** Why a capability is missing, for the message a nemesis prints when it refuses. */
    String whyMissing(Capability capability);

    /**
     * One line for the run's output: the kind, the nodes' addresses, and which faults are
     * unavailable here and why.
     */
    default String description() {
        return name() + " environment, " + nodes().size() + " nodes";
    }

    List<Node> nodes();

    /**
     * Every source address another node sees traffic from {@code node} arrive with: its own
     * address and, when peer links go through the fault proxy, the proxy address that stands for
     * it. A partition that drops all of them cuts direct and proxied traffic alike.
     */
    default List<String> addressesOf(Node node) {
        return List.of(node.host());
    }

    /**
     * The host:port that {@code from} should dial to reach {@code to}'s peer port. Equal to
     * {@code to.host():peerPort} unless the environment routes peer links through its fault proxy.
     */
    String peerAddress(Node from, Node to, int peerPort);

    /** Per-link delay and stall control through the fault proxy, when the environment has one. */
    Optional<LinkControl> links();

    /** Per-node clock offsets through libfaketime, when the environment supports them. */
    Optional<ClockControl> clocks();

    @Override
    void close();

    /**
     * {@code --leave-running}: what the environment created stays when the harness exits (normally,
     * by Ctrl-C or a crash), for the user to inspect; {@code ./faultline cleanup} removes it later.
     * Without this, an environment tears itself down from a shutdown hook.
     */
    default void keepAfterExit() {
    }
}
