package io.faultline.env;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One host of a cluster: a network namespace, a container, or a loopback address. */
public interface Node {
    /** Short name, "n1", "n2", ...; also the folder name under {@code nodes/}. */
    String name();

    /** The address clients and peers reach this node on (an IP, never a host name). */
    String host();

    /** This node's folder in the results: data, configs and logs live here. */
    Path dir();

    /**
     * Starts a long-running process on this node: inside its namespace or container, and under
     * libfaketime with this node's clock offset file when the environment supports clock faults.
     * Stdout and stderr go to {@code log}.
     */
    NodeProcess spawn(List<String> command, Map<String, String> env, Path log) throws IOException;

    /**
     * The path this node's processes use for {@code local}, a file of this node's folder: the same
     * path on this host and in a container (which mounts the folder there); the run directory's
     * on a remote host. For what a store writes into a file (a config naming its data folder);
     * command lines are translated by the node itself.
     */
    default String pathOnNode(Path local) {
        return local.toString();
    }

    /** Runs a short command in this node's network context (iptables, ip, ...) and waits for it. */
    ExecResult exec(List<String> command) throws IOException, InterruptedException;
}
