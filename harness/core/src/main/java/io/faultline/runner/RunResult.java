package io.faultline.runner;

import io.faultline.history.Recovery;
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
 * @param recovery       whether the store served again after the final heal
 */
public record RunResult(Verdict verdict, List<CheckResult> results, RunStats stats, Path dir, String environment,
                        String faultShortfall, Recovery recovery) {
    public RunResult {
        results = List.copyOf(results);
    }

    /** A run whose recovery after the final heal was not observed. */
    public RunResult(Verdict verdict, List<CheckResult> results, RunStats stats, Path dir, String environment,
                     String faultShortfall) {
        this(verdict, results, stats, dir, environment, faultShortfall,
                new Recovery(Recovery.Status.NOT_OBSERVED, Recovery.DEFAULT_BOUND_NANOS, -1, 0, java.util.Map.of()));
    }

    /** The non-recovery finding, "" when the store recovered or the history cannot tell. */
    public String nonRecovery() {
        return recovery.notRecovered() ? recovery.line() : "";
    }

    /** See {@link RunExit#of}. */
    public int exitCode() {
        return RunExit.of(verdict, faultShortfall, nonRecovery());
    }

    /**
     * "valid", "invalid", "unknown", "faults not verified" when the shortfall decides the exit code, or
     * "did not recover" when the non-recovery does.
     */
    public String outcome() {
        if (exitCode() == RunExit.HARNESS_FAILURE) return "faults not verified";
        if (verdict != Verdict.INVALID && !nonRecovery().isEmpty()) return "did not recover";
        return verdict.name().toLowerCase(java.util.Locale.ROOT);
    }
}
