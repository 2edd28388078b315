package io.faultline.runner;

import io.faultline.env.Environment;
import java.nio.file.Path;

/** Builds the environment for a run; the CLI passes the real one, tests may pass their own. */
@FunctionalInterface
public interface EnvironmentFactory {
    /**
     * @param kind        "local", "loopback" or "auto"
     * @param runId       short id, part of every name the environment creates
     * @param nodes       cluster size
     * @param runDir      the run's results folder; node folders go under nodes/
     * @param clockFaults whether node processes must run under libfaketime
     * @param faultProxy  whether peer links go through the fault proxy
     */
    Environment create(String kind, String runId, int nodes, Path runDir, boolean clockFaults, boolean faultProxy)
            throws Exception;
}
