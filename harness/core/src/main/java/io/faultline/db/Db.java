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

    /**
     * The store's settings in effect, defaults included, by option name (recorded in test.json as
     * {@code store-settings}); empty when the store has none worth recording.
     */
    default java.util.Map<String, String> settings() {
        return java.util.Map.of();
    }

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
}
