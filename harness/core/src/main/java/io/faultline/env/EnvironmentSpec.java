package io.faultline.env;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * What a run asks of its environment.
 *
 * @param kind        "local" (network namespaces, needs root), "loopback" (plain processes on
 *                    loopback addresses), or "auto" (local when possible, else loopback)
 * @param runId       names everything the environment creates ({@code faultline-<runId>-n1}, ...)
 * @param nodes       how many nodes, 1 to {@link #MAX_NODES}
 * @param runDir      the run's results folder; node folders go under {@code nodes/<name>/}
 * @param clockFaults run node processes under libfaketime with a per-node offset file
 * @param faultProxy  route peer links through the fault proxy (delay, jitter, stall)
 */
public record EnvironmentSpec(String kind, String runId, int nodes, Path runDir, boolean clockFaults,
                              boolean faultProxy) {

    /** Node addresses are .11 to .60 and proxy aliases .101 to .150 of one /24. */
    public static final int MAX_NODES = 50;

    private static final Set<String> KINDS = Set.of("local", "loopback", "auto");

    public EnvironmentSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(runDir, "runDir");
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("environment kind '" + kind + "': expected one of local, loopback, auto");
        }
        if (nodes < 1 || nodes > MAX_NODES) {
            throw new IllegalArgumentException("nodes " + nodes + ": expected 1 to " + MAX_NODES);
        }
        if (!runId.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException("run id '" + runId
                    + "': expected 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }
}
