package io.faultline.report;

import io.faultline.check.CheckResult;
import io.faultline.check.Checks;
import io.faultline.check.ResultsJson;
import io.faultline.history.FaultLog;
import io.faultline.history.Recovery;
import io.faultline.results.RunExit;
import io.faultline.check.Verdict;
import io.faultline.results.ResultsWriter;
import io.faultline.results.HistoryStats;
import io.faultline.workload.Workload;
import io.faultline.workload.WorkloadOptions;
import io.faultline.workload.WorkloadRegistry;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Re-runs a run's workload checkers on its recorded history and rewrites results.json. */
public final class Recheck {
    private final WorkloadRegistry workloads;

    public Recheck(WorkloadRegistry workloads) {
        this.workloads = workloads;
    }

    /** @param exitCode as a run's: faults of the history that did not take effect make it 3 */
    public record Outcome(Verdict verdict, List<CheckResult> results, int exitCode) {
    }

    public Outcome run(RunFolder run) throws ReportException {
        String name = run.text("workload", null);
        if (name == null) throw new ReportException(run.dir().resolve("test.json") + ": no \"workload\" field; cannot re-check");
        Map<String, String> settings = new LinkedHashMap<>();
        if (run.test().get("options") instanceof Map<?, ?> opts) {
            opts.forEach((k, v) -> {
                String key = String.valueOf(k);
                if (key.startsWith("workload.")) settings.put(key.substring("workload.".length()), String.valueOf(v));
            });
        }
        Workload workload;
        try {
            workload = workloads.find(name).create(new WorkloadOptions(longField(run, "seed"),
                    (int) longField(run, "concurrency"), (int) longField(run, "nodes"), settings));
        } catch (IllegalArgumentException e) {
            throw new ReportException(run.dir().resolve("test.json") + ": " + e.getMessage());
        }
        List<CheckResult> results = Checks.runAll(workload.checkers(), run.history());
        Verdict verdict = ResultsJson.combined(results);
        Map<String, Object> extra = new LinkedHashMap<>();
        Object env = run.results().get("environment");
        if (env != null) extra.put("environment", env);
        extra.put("rechecked", java.time.OffsetDateTime.now().toString());
        // The same rule as the run's own: requested faults that did not take effect are a shortfall.
        // The kinds the run really ran (packages expanded) when results.json has them, else test.json's.
        Object kinds = run.results().get("faults-requested") instanceof List<?> ran ? ran : run.test().get("nemesis");
        List<String> requested = kinds instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        String shortfall = FaultLog.of(run.history().events()).shortfall(requested);
        extra.put("fault-shortfall", shortfall);
        Recovery recovery = Recovery.of(run.history().events());
        extra.put("recovery", recovery.toJson());
        String nonRecovery = recovery.notRecovered() ? recovery.line() : "";
        extra.put("non-recovery", nonRecovery);
        try {
            new ResultsWriter().writeResults(run.dir().resolve("results.json"), verdict, results,
                    HistoryStats.of(run.history()), extra);
        } catch (IOException e) {
            throw new ReportException("cannot write " + run.dir().resolve("results.json") + ": " + e.getMessage());
        }
        return new Outcome(verdict, results, RunExit.of(verdict, shortfall, nonRecovery));
    }

    private static long longField(RunFolder run, String key) throws ReportException {
        Object v = run.test().get(key);
        if (v instanceof Number n) return n.longValue();
        throw new ReportException(run.dir().resolve("test.json") + ": \"" + key + "\" must be a number, found " + v);
    }
}
