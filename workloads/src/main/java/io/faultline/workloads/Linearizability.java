package io.faultline.workloads;

import io.faultline.linear.LinearizabilityChecker;
import io.faultline.linear.Model;
import java.time.Duration;

/**
 * The linearizability check a workload runs on its history: keys start absent, the search gets
 * every core, and past its time budget the verdict is unknown rather than the run never ending.
 */
public final class Linearizability {
    private Linearizability() {
    }

    /** @param timeout after this the verdict is unknown (a workload's {@code check-timeout-s}) */
    public static LinearizabilityChecker within(Model model, Duration timeout) {
        return new LinearizabilityChecker(model, null, timeout, Runtime.getRuntime().availableProcessors());
    }
}
