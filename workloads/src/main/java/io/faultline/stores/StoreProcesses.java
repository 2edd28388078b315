package io.faultline.stores;

import io.faultline.env.Node;
import io.faultline.env.NodeProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The server processes of one store, one per node: started with a mark in the node's log (so
 * {@link LogTail} reads only the latest start), signalled for the nemeses, and watched while the
 * cluster comes up, so that a server that died at start-up is reported at once with the cause
 * from its log instead of after the whole ready limit.
 */
public final class StoreProcesses {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int LOG_LINES = 12;

    /** When waiting for the cluster gives up early because processes have exited. */
    public enum GiveUpWhen {
        /** Any process that was started has exited: a server that cannot start is a config error. */
        ONE_EXITED,
        /** No node's process runs any more; a single exited node is left for readiness to judge. */
        ALL_EXITED
    }

    /** Whether the cluster is ready; empty when it is, else what it looks like now (for the timeout error). */
    @FunctionalInterface
    public interface Readiness {
        Optional<String> notReadyBecause() throws InterruptedException;
    }

    private final String name;
    private final String version;
    private final Function<Node, Path> log;
    private final Map<String, NodeProcess> processes = new ConcurrentHashMap<>();

    /**
     * @param name    the store as errors name it ("etcd", "ZooKeeper", ...)
     * @param version written into the start mark; empty when there is none worth naming
     * @param log     the file a node's process writes its stdout and stderr to
     */
    public StoreProcesses(String name, String version, Function<Node, Path> log) {
        this.name = name;
        this.version = version;
        this.log = log;
    }

    /** Starts {@code command} on {@code node} unless its process is still alive (a restart after a kill reuses the log). */
    public void start(Node node, List<String> command) throws IOException {
        if (isRunning(node)) return;
        Path file = log.apply(node);
        String what = version.isEmpty() ? name : name + " " + version;
        Files.writeString(file, "--- faultline: starting " + what + " on " + node.name() + " at " + Instant.now() + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        processes.put(node.name(), node.spawn(command, Map.of(), file));
    }

    public void kill(Node node) {
        NodeProcess p = processes.get(node.name());
        if (p != null) p.kill();
    }

    public void pause(Node node) {
        NodeProcess p = processes.get(node.name());
        if (p != null) p.pause();
    }

    /** SIGCONT, only to a process that still runs: a dead one's pid may be another process's by now. */
    public void resume(Node node) {
        NodeProcess p = processes.get(node.name());
        if (p != null && p.isAlive()) p.resume();
    }

    /** The kernel state letter of the node's process, "" when there is none. */
    public String state(Node node) {
        NodeProcess p = processes.get(node.name());
        return p == null ? "" : p.state();
    }

    public boolean isRunning(Node node) {
        NodeProcess p = processes.get(node.name());
        return p != null && p.isAlive();
    }

    /**
     * Polls {@code readiness} until it says ready. Throws at once when processes exited as
     * {@code giveUp} says, naming the node and the cause from its log; after {@code limit}, throws
     * "{@code notReady} within N s (the last answer of readiness)".
     */
    public void awaitReady(List<Node> nodes, Duration limit, GiveUpWhen giveUp, Readiness readiness, String notReady)
            throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < end) {
            failIfExited(nodes, giveUp);
            Optional<String> why = readiness.notReadyBecause();
            if (why.isEmpty()) return;
            last = why.get();
            Thread.sleep(POLL);
        }
        throw new IllegalStateException(notReady + " within " + limit.toSeconds() + " s (" + last + ")");
    }

    private void failIfExited(List<Node> nodes, GiveUpWhen giveUp) {
        switch (giveUp) {
            case ONE_EXITED -> {
                for (Node n : nodes) {
                    NodeProcess p = processes.get(n.name());
                    if (p != null && !p.isAlive()) {
                        throw new IllegalStateException(name + " on " + n.name() + " exited; " + endOfLog(n));
                    }
                }
            }
            case ALL_EXITED -> {
                if (!nodes.isEmpty() && nodes.stream().noneMatch(this::isRunning)) {
                    throw new IllegalStateException("every " + name + " process exited; " + endOfLog(nodes.getFirst()));
                }
            }
        }
    }

    private String endOfLog(Node n) {
        return "the end of " + log.apply(n) + ":\n" + LogTail.of(log.apply(n), LOG_LINES);
    }

    /** Stops every process: SIGCONT first, since a paused process cannot act on SIGTERM. */
    public void stopAll(Duration grace) {
        for (NodeProcess p : processes.values()) {
            p.resume();
            p.terminate(grace);
        }
        processes.clear();
    }
}
