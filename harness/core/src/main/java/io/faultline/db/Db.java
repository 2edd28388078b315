package io.faultline.db;

import io.faultline.env.Environment;
import io.faultline.env.Node;

/**
 * A store's lifecycle on the nodes of an environment (Jepsen's "db"): what every store must do.
 * What only some stores can do is an optional interface beside this one, implemented when the store
 * can: {@link Killable} (kill and restart a node), {@link Pausable} (SIGSTOP/SIGCONT),
 * {@link LeaderAware} (name the leader), {@link LogFiles} (files to keep). A nemesis names the ones it
 * needs ({@link DbCapability}), and the runner refuses it for a store that lacks one.
 */
public interface Db {
    /** "raftstore", "etcd", "zookeeper". */
    String name();

    /** The version string recorded in test.json. */
    String version();

    /** Writes configs and data directories for every node and starts the store on each (Jepsen's setup!). */
    void setup(Environment env) throws Exception;

    /** Waits until the cluster serves requests (a leader is known), up to the store's own limit. */
    void awaitReady() throws Exception;

    /** The address a client uses for this node, e.g. "10.77.0.2:7001". */
    String clientAddress(Node node);

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
