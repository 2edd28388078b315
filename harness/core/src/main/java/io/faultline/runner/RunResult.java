package io.faultline.runner;

import io.faultline.check.CheckResult;
import io.faultline.check.Verdict;
import io.faultline.results.RunExit;
import io.faultline.results.RunStats;
import java.nio.file.Path;
import java.util.List;

/**
 * What a finished run decided and where its results are.
 *
 * @param faultShortfall why the faults asked for did not all happen ("" when they did): a run
 *                       whose faults did not take effect tested less than it was asked to
 */
public record RunResult(Verdict verdict, List<CheckResult> results, RunStats stats, Path dir, String environment,
                        String faultShortfall) {
    public RunResult {
        results = List.copyOf(results);
    }

    /** See {@link RunExit#of}. */
    public int exitCode() {
        return RunExit.of(verdict, faultShortfall);
    }

    /** "valid", "invalid", "unknown", or "faults not verified" when the shortfall decides the exit code. */
    public String outcome() {
        return exitCode() == RunExit.HARNESS_FAILURE ? "faults not verified"
                : verdict.name().toLowerCase(java.util.Locale.ROOT);
    }
}
