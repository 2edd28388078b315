package io.faultline.stores;

import io.faultline.db.Db;
import io.faultline.db.Killable;
import io.faultline.db.Pausable;
import io.faultline.env.Environment;
import io.faultline.env.Node;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A {@link Db} that runs one server process per node, so it can kill, restart and pause them. Starting and signalling a node is the same
 * for every such store and lives in {@link StoreProcesses}; a store says how its server is
 * started and where it logs, and judges readiness itself (through {@link #processes()}, often
 * with {@link #leaderAgreedBy}). Ports are handed out here too, since every store needs its
 * well-known ports moved apart when nodes share an address.
 */
public abstract class ProcessDb implements Killable, Pausable {
    private final StoreProcesses processes;
    private final Map<String, int[]> ports = new ConcurrentHashMap<>();

    /**
     * @param name    the store as errors name it
     * @param version written into each start mark in the logs; empty when there is none worth naming
     */
    protected ProcessDb(String name, String version) {
        this.processes = new StoreProcesses(name, version, this::log);
    }

    /** Writes configs and data directories for every node of {@code env}; starts nothing. */
    protected abstract void configure(Environment env);

    /** The command line that starts the server on {@code node}. */
    protected abstract List<String> command(Node node);

    /** The file the server on {@code node} writes stdout and stderr to, across restarts. */
    protected abstract Path log(Node node);

    /** The folder the server on {@code node} keeps its state in, inside the node's own folder. */
    protected static Path dataDir(Node node) {
        return node.dir().resolve("data");
    }

    protected final StoreProcesses processes() {
        return processes;
    }

    /**
     * Gives every node the store's {@code wellKnown} ports. Nodes on distinct addresses share
     * them; nodes sharing one address (loopback) get them plus 10 for the second, 20 for the third...
     */
    protected final void assignPorts(List<Node> nodes, int... wellKnown) {
        Map<String, Integer> perHost = new HashMap<>();
        for (Node n : nodes) {
            int k = perHost.merge(n.host(), 1, Integer::sum) - 1;
            int[] p = new int[wellKnown.length];
            for (int i = 0; i < p.length; i++) p[i] = wellKnown[i] + 10 * k;
            ports.put(n.name(), p);
        }
    }

    /** {@code node}'s port for the {@code which}th of the well-known ports given to {@link #assignPorts}. */
    protected final int port(Node node, int which) {
        int[] p = ports.get(node.name());
        if (p == null) throw new IllegalStateException("node " + node.name() + " is not part of this cluster (setup not run?)");
        return p[which];
    }

    /**
     * The leader every running node names, when each of them answers and all agree; {@code
     * leaderOf} is empty for a node that does not answer or knows no leader. Empty, too, when no
     * node runs.
     */
    protected final Optional<String> leaderAgreedBy(List<Node> nodes, Function<Node, Optional<String>> leaderOf) {
        String leader = null;
        for (Node n : nodes) {
            if (!isRunning(n)) continue;
            Optional<String> l = leaderOf.apply(n);
            if (l.isEmpty() || (leader != null && !leader.equals(l.get()))) return Optional.empty();
            leader = l.get();
        }
        return Optional.ofNullable(leader);
    }

    @Override
    public final void setup(Environment env) throws Exception {
        configure(env);
        for (Node n : env.nodes()) start(n);
    }

    @Override
    public final void start(Node node) throws Exception {
        processes.start(node, command(node));
    }

    @Override
    public final void kill(Node node) {
        processes.kill(node);
    }

    @Override
    public final void pause(Node node) {
        processes.pause(node);
    }

    @Override
    public final void resume(Node node) {
        processes.resume(node);
    }

    @Override
    public final String processState(Node node) {
        return processes.state(node);
    }

    @Override
    public final boolean isRunning(Node node) {
        return processes.isRunning(node);
    }
}
