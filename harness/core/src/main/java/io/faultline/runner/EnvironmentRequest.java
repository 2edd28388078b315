package io.faultline.runner;

import io.faultline.env.EnvironmentSpec;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a run asks of its environment.
 *
 * @param kind        "auto", "local", "loopback", "docker" or "ssh" ({@link #KINDS})
 * @param runId       short id, part of every name the environment creates
 * @param nodes       cluster size
 * @param runDir      the run's results folder; node folders go under nodes/
 * @param clockFaults whether node processes must run under libfaketime
 * @param faultProxy  whether peer links go through the fault proxy
 * @param store       the store under test (containers are built from its image)
 * @param home        the faultline checkout (its build output is mounted into containers)
 * @param settings    the environment's own settings, the run's {@code env.X} options without the
 *                    prefix (for ssh: hosts, ssh-user, ssh-key, ...; see {@link RemoteHosts})
 */
public record EnvironmentRequest(String kind, String runId, int nodes, Path runDir, boolean clockFaults,
                                 boolean faultProxy, String store, Path home, Map<String, String> settings) {
    /** The environment kinds of the contract ({@code --env}); a provider on the class path supplies each. */
    public static final java.util.List<String> KINDS = java.util.List.of("auto", "local", "loopback", "docker", "ssh");

    public EnvironmentRequest {
        settings = Map.copyOf(settings);
    }

    /** A request without environment settings (every kind but ssh needs none). */
    public EnvironmentRequest(String kind, String runId, int nodes, Path runDir, boolean clockFaults,
                              boolean faultProxy, String store, Path home) {
        this(kind, runId, nodes, runDir, clockFaults, faultProxy, store, home, Map.of());
    }

    /** The spec of a host environment (local, loopback or auto). */
    public EnvironmentSpec spec() {
        return new EnvironmentSpec(kind, runId, nodes, runDir, clockFaults, faultProxy);
    }
}
