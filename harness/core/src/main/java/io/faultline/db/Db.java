package io.faultline.db;

import io.faultline.env.Environment;
import io.faultline.env.Node;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A store's lifecycle on the nodes of an environment (Jepsen's "db"). Kill and restart keep each
 * node's data directory, so a restart recovers from what the node persisted.
 */
public interface Db {
    /** "raftstore", "etcd", "zookeeper". */
    String name();

    /** The version string recorded in test.json. */
    String version();

    /** Writes configs and data directories for every node; does not start anything. */
    void setup(Environment env);

    void start(Node node) throws Exception;

    /** SIGKILL the node's store process. */
    void kill(Node node);

    /** SIGSTOP. */
    void pause(Node node);

    /** SIGCONT. */
    void resume(Node node);

    boolean isRunning(Node node);

    /**
     * The kernel state letter of the node's store process ("T" when stopped by SIGSTOP, "" when
     * none runs), so a pause can be verified; empty when this store cannot tell.
     */
    default Optional<String> processState(Node node) {
        return Optional.empty();
    }

    /** Waits until the cluster serves requests (a leader is known), up to the store's own limit. */
    void awaitReady() throws Exception;

    /** The current leader where the store can say. */
    Optional<Node> leader();

    /** The address a client uses for this node, e.g. "10.77.0.2:7001". */
    String clientAddress(Node node);

    /** Files to keep under nodes/&lt;node&gt;/ in the results. */
    List<Path> logFiles(Node node);

    /** Stops every process; the environment then removes the rest. */
    void teardown();

    /**
     * What the store's processes run with (JVM options, server flags, warm-up), written to test.json
     * and shown by reports and {@code compare}, so that a comparison states the settings it was
     * measured under. Empty for a store that has none to state.
     */
    default java.util.Map<String, String> processSettings() {
        return java.util.Map.of();
    }

    /**
     * Load before the measured phase, for a store whose processes need it (a JVM's JIT): called by
     * the runner once the cluster is ready, never after a fault. Its requests go to keys no workload
     * uses and are not recorded, so nothing of it is in the history. Returns what it did, for the
     * run's output ("" when the store needs none).
     */
    default String warmUp() throws Exception {
        return "";
    }
}
