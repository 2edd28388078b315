package io.faultline.runner;

import io.faultline.env.EnvironmentSpec;
import java.nio.file.Path;

/**
 * What a run asks of its environment.
 *
 * @param kind        "auto", "local", "loopback" or "docker" ({@link #KINDS})
 * @param runId       short id, part of every name the environment creates
 * @param nodes       cluster size
 * @param runDir      the run's results folder; node folders go under nodes/
 * @param clockFaults whether node processes must run under libfaketime
 * @param faultProxy  whether peer links go through the fault proxy
 * @param store       the store under test (containers are built from its image)
 * @param home        the faultline checkout (its build output is mounted into containers)
 */
public record EnvironmentRequest(String kind, String runId, int nodes, Path runDir, boolean clockFaults,
                                 boolean faultProxy, String store, Path home) {
    /** The environment kinds of the contract ({@code --env}); a provider on the class path supplies each. */
    public static final java.util.List<String> KINDS = java.util.List.of("auto", "local", "loopback", "docker");


    /** The spec of a host environment (local, loopback or auto). */
    public EnvironmentSpec spec() {
        return new EnvironmentSpec(kind, runId, nodes, runDir, clockFaults, faultProxy);
    }
}
