package io.faultline.campaign;

import io.faultline.runner.HarnessFailure;
import io.faultline.runner.RunListener;
import io.faultline.runner.RunResult;
import io.faultline.test.TestDefinition;

/** Runs one test for a campaign; production uses {@link RunnerExecutor}, tests a double. */
public interface RunExecutor {
    RunResult run(TestDefinition definition, RunListener listener) throws HarnessFailure, InterruptedException;
}
