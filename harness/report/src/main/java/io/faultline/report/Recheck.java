package io.faultline.report;

import io.faultline.check.CheckResult;
import io.faultline.check.Checks;
import io.faultline.check.ResultsJson;
import io.faultline.history.FaultLog;
import io.faultline.history.Recovery;
import io.faultline.check.Verdict;
import io.faultline.results.ResultsRecord;
import io.faultline.results.TestRecord;
import io.faultline.results.HistoryStats;
import io.faultline.workload.Workload;
import io.faultline.workload.WorkloadOptions;
import io.faultline.workload.WorkloadRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Re-runs a run's workload checkers on its recorded history and rewrites results.json. */
public final class Recheck {
    private final WorkloadRegistry workloads;

    public Recheck(WorkloadRegistry workloads) {
        this.workloads = workloads;
    }

    /** @param exitCode as a run's: faults of the history that did not take effect make it 3 */
    public record Outcome(Verdict verdict, List<CheckResult> results, int exitCode, String faultShortfall) {
    }

    public Outcome run(RunFolder run) throws ReportException {
        Path testJson = run.dir().resolve("test.json");
        TestRecord test = run.test();
        if (test.workload() == null) throw new ReportException(testJson + ": no \"workload\" field; cannot re-check");
        if (test.seed() == null || test.concurrency() == null || test.nodes() == null) {
            throw new ReportException(testJson + ": needs \"seed\", \"concurrency\" and \"nodes\" to re-check");
        }
        Workload workload;
        try {
            workload = workloads.find(test.workload()).create(new WorkloadOptions(test.seed(), test.concurrency(),
                    test.nodes(), test.optionsFor("workload")));
        } catch (IllegalArgumentException e) {
            throw new ReportException(testJson + ": " + e.getMessage());
        }
        List<CheckResult> results = Checks.runAll(workload.checkers(), run.history());
        // The same rule as the run's own: requested faults that did not take effect are a shortfall.
        // The kinds the run really ran (packages expanded) when results.json has them, else test.json's.
        List<String> requested = run.results() != null && run.results().faultsRequested() != null
                ? run.results().faultsRequested() : test.faults();
        String shortfall = FaultLog.of(run.history().events()).shortfall(requested);
        ResultsRecord rechecked = ResultsRecord.of(results, HistoryStats.of(run.history()),
                run.results() == null ? null : run.results().environment(), requested, shortfall,
                Recovery.of(run.history().events()), run.results() == null ? null : run.results().harnessCpu(),
                java.time.OffsetDateTime.now().toString());
        try {
            rechecked.write(run.dir().resolve("results.json"));
        } catch (IOException e) {
            throw new ReportException("cannot write " + run.dir().resolve("results.json") + ": " + e.getMessage());
        }
        return new Outcome(ResultsJson.combined(results), results, rechecked.exitCode(), shortfall);
    }
}
