package io.faultline.runner;

import io.faultline.check.CheckResult;
import io.faultline.check.Verdict;
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

    /**
     * 1 when an anomaly was found (it is real whatever else went wrong); otherwise 3 when a requested
     * fault never took effect, since a test that did not happen is never valid; otherwise the verdict's.
     */
    public int exitCode() {
        if (verdict == Verdict.INVALID) return verdict.exitCode();
        if (!faultShortfall.isEmpty()) return HarnessFailure.EXIT_CODE;
        return verdict.exitCode();
    }

    /** "valid", "invalid", "unknown", or "faults not verified" when the shortfall decides the exit code. */
    public String outcome() {
        return exitCode() == HarnessFailure.EXIT_CODE ? "faults not verified"
                : verdict.name().toLowerCase(java.util.Locale.ROOT);
    }
}
