package io.faultline.env;

import java.util.List;
import java.util.Set;

/**
 * What every environment shares, wherever its nodes live (this host, containers, remote hosts):
 * its own nodes, the faults it cannot do and why ({@link Missing}), and the close bookkeeping:
 * teardown runs exactly once, from {@link #close()} or from a shutdown hook (Ctrl-C, a crash of the
 * harness), whichever comes first; close removes the hook so a closed environment leaves nothing
 * registered.
 */
public abstract class EnvironmentBase<N extends Node> implements Environment {
    protected final List<N> nodes;
    private final Missing missing;
    private final Thread shutdownHook;
    private boolean closed;

    /** @param hookName the shutdown hook's thread name, e.g. "faultline-env-cleanup-RUNID" */
    protected EnvironmentBase(String hookName, List<N> nodes, Missing missing) {
        this.nodes = List.copyOf(nodes);
        this.missing = missing;
        this.shutdownHook = new Thread(this::closeFromHook, hookName);
    }

    /**
     * Registers the shutdown hook: the last statement of a subclass's constructor, so a half-built
     * environment (whose creator cleans up itself) never has a hook that tears it down.
     */
    protected final void armShutdownHook() {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public final Set<Capability> capabilities() {
        return missing.available();
    }

    @Override
    public final String whyMissing(Capability capability) {
        return missing.why(capability);
    }

    /** "; unavailable: partition, packet loss (reason)" for the description; see {@link Missing#describe()}. */
    protected final String unavailable() {
        return missing.describe();
    }

    @Override
    public final List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /** {@code node} as this environment's own kind of node; refuses a node of another environment. */
    protected final N own(Node node) {
        for (N n : nodes) {
            if (n == node) {
                return n;
            }
        }
        throw new IllegalArgumentException("node " + node + " is not a node of this environment");
    }

    /** Removes the shutdown hook, so the harness's exit leaves everything in place. */
    @Override
    public final synchronized void keepAfterExit() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: too late to keep anything; the hook runs.
        }
    }

    /** Removes everything the environment created; called once. */
    protected abstract void teardown();

    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs alongside (or we run inside it).
        }
        teardown();
    }

    private synchronized void closeFromHook() {
        if (closed) {
            return;
        }
        closed = true;
        teardown();
    }
}
