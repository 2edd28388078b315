package io.faultline.junit;

import io.faultline.client.Client;
import io.faultline.db.Db;
import io.faultline.db.LeaderAware;
import io.faultline.env.Environment;
import io.faultline.env.Node;
import io.faultline.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The running cluster of a {@link FaultlineCluster} test class. */
public final class Cluster {
    private final Store store;
    private final Environment env;
    private final Path dir;

    Cluster(Store store, Environment env, Path dir) {
        this.store = store;
        this.env = env;
        this.dir = dir;
    }

    public Environment environment() {
        return env;
    }

    public Db db() {
        return store.db();
    }

    public List<Node> nodes() {
        return env.nodes();
    }

    public Node node(String name) {
        return env.nodes().stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node '" + name + "'; nodes are "
                        + env.nodes().stream().map(Node::name).toList()));
    }

    /** host:port a client of the store uses for {@code node} (what your own service connects to). */
    public String clientAddress(Node node) {
        return store.db().clientAddress(node);
    }

    public List<String> clientAddresses() {
        return env.nodes().stream().map(this::clientAddress).toList();
    }

    /** The leader the store names; empty while none is known or when the store cannot say. */
    public Optional<Node> leader() {
        return store.db() instanceof LeaderAware l ? l.leader() : Optional.empty();
    }

    /**
     * faultline's own client for {@code workload} ("register", "set", ...), opened on {@code node}:
     * its {@code invoke} classifies every failure as fail or info, ready for a {@link HistoryRecorder}.
     */
    public Client openClient(String workload, Node node) throws Exception {
        Client c = store.newClient(workload);
        c.open(node);
        return c;
    }

    /** The folder with the nodes' data and logs and every test's history. */
    public Path dir() {
        return dir;
    }

    @Override
    public String toString() {
        return env.description();
    }
}
