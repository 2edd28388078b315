package io.faultline.runner;

import io.faultline.check.CheckResult;
import io.faultline.check.Verdict;
import java.nio.file.Path;
import java.util.List;

/** What a finished run decided and where its results are. */
public record RunResult(Verdict verdict, List<CheckResult> results, RunStats stats, Path dir, String environment) {
    public RunResult {
        results = List.copyOf(results);
    }

    public int exitCode() {
        return verdict.exitCode();
    }
}
