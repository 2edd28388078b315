package io.faultline.env;

/**
 * The close bookkeeping every environment shares: teardown runs exactly once, from {@link #close()}
 * or from a shutdown hook (Ctrl-C, a crash of the harness), whichever comes first; close removes
 * the hook so a closed environment leaves nothing registered.
 */
public abstract class ClosedOnce implements Environment {
    private final Thread shutdownHook;
    private boolean closed;

    /** @param hookName the shutdown hook's thread name, e.g. "faultline-env-cleanup-RUNID" */
    protected ClosedOnce(String hookName) {
        this.shutdownHook = new Thread(this::closeFromHook, hookName);
    }

    /**
     * Registers the shutdown hook: the last statement of a subclass's constructor, so a half-built
     * environment (whose creator cleans up itself) never has a hook that tears it down.
     */
    protected final void armShutdownHook() {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * "; unavailable: partition, packet loss (reason)" for every fault this environment cannot do,
     * those missing for the same reason named together so the line stays readable; faults the run
     * did not ask for ({@code notAsked}) are not news and are left out.
     */
    protected final String unavailable(java.util.function.Predicate<Capability> notAsked) {
        java.util.Map<String, java.util.List<String>> byReason = new java.util.LinkedHashMap<>();
        for (Capability c : java.util.EnumSet.allOf(Capability.class)) {
            if (!capabilities().contains(c) && !notAsked.test(c)) {
                byReason.computeIfAbsent(whyMissing(c), r -> new java.util.ArrayList<>())
                        .add(c.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            }
        }
        StringBuilder sb = new StringBuilder();
        byReason.forEach((reason, caps) -> sb.append("; unavailable: ").append(String.join(", ", caps))
                .append(" (").append(reason).append(')'));
        return sb.toString();
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
