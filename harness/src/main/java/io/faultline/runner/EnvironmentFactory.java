package io.faultline.runner;

import io.faultline.env.Environment;

/** Builds the environment for a run; {@link StandardEnvironments} is the real one, tests may pass their own. */
@FunctionalInterface
public interface EnvironmentFactory {
    Environment create(EnvironmentRequest request) throws Exception;
}
