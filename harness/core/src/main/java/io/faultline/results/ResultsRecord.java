package io.faultline.results;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.faultline.check.CheckResult;
import io.faultline.check.ResultsJson;
import io.faultline.check.Verdict;
import io.faultline.history.FaultLog;
import io.faultline.history.Recovery;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * results.json: the checkers' results in the one {@link ResultsJson} shape, the run's exit code
 * ({@link RunExit}: it also counts requested faults that did not take effect), the run's figures
 * and fault verification. Written by a run and by {@code report --recheck}; read by the report,
 * the results browser and campaigns.
 *
 * @param checkers    entries as {@link ResultsJson#of(CheckResult)} shapes them (details are free-form)
 * @param recovery    how the store came back after the final heal ({@link Recovery#toJson()})
 * @param nonRecovery the non-recovery finding, "" when the store recovered or the history cannot tell
 */
@JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
public record ResultsRecord(String verdict, Integer exitCode, Long anomalyCount, List<Map<String, Object>> checkers,
                            Stats stats, String environment, List<String> faultsRequested, String faultShortfall,
                            Map<String, Object> recovery, String nonRecovery, HarnessCpu harnessCpu,
                            String rechecked) {

    /** What a run's results.json says from its checkers, statistics and requested faults. */
    @SuppressWarnings("unchecked")
    public static ResultsRecord of(List<CheckResult> results, RunStats stats, String environment,
                                   List<String> faultsRequested, String faultShortfall, Recovery recovery,
                                   HarnessCpu harnessCpu, String rechecked) {
        Map<String, Object> shape = ResultsJson.of(results);
        Verdict v = ResultsJson.combined(results);
        String nonRecovery = recovery.notRecovered() ? recovery.line() : "";
        return new ResultsRecord(ResultsJson.verdict(v), RunExit.of(v, faultShortfall, nonRecovery),
                (Long) shape.get("anomaly-count"), (List<Map<String, Object>>) shape.get("checkers"),
                Stats.of(stats), environment, List.copyOf(faultsRequested), faultShortfall, recovery.toJson(), nonRecovery,
                harnessCpu, rechecked);
    }

    public static ResultsRecord read(Path file) throws RunFolderException {
        return RunFolderFile.read(file, ResultsRecord.class, "a results.json as a run writes it");
    }

    public void write(Path file) throws IOException {
        RunFolderFile.write(file, this);
    }

    /** The run's figures ({@link RunStats}), null where a figure is undefined (no ops). */
    @JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
    public record Stats(long ok, long fail, long info, Double availability, long opsDuringFaults,
                        Double availabilityDuringFaults, Double latencyP50Ms, Double latencyP99Ms, long answeredFail,
                        Double successRate, Double successRateDuringFaults, long faults, double durationS,
                        List<FaultVerification> faultVerification) {
        static Stats of(RunStats s) {
            return new Stats(s.ok(), s.fail(), s.info(), finite(s.availability()), s.faultOps(),
                    finite(s.faultAvailability()), finite(s.p50Millis()), finite(s.p99Millis()), s.answered(),
                    finite(s.successRate()), finite(s.faultSuccessRate()), s.faults(), s.durationSeconds(),
                    s.faultTallies().stream().map(FaultVerification::of).toList());
        }

        private static Double finite(double d) {
            return Double.isFinite(d) ? d : null;
        }
    }

    /**
     * CPU the harness's own JVM spent in the main phase (clients, workers, recorder; not the store's
     * processes), so two stores' client costs can be compared.
     *
     * @param cpuMs null where the JVM cannot tell its CPU time
     */
    @JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
    public record HarnessCpu(Double cpuMs, double wallMs, long ops, Double cpuMsPerOp) {
    }

    /** Per fault kind: starts and heals made and verified, and what went wrong. */
    @JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
    public record FaultVerification(String fault, int starts, int startsVerified, int heals, int healsVerified,
                                    List<String> problems) {
        static FaultVerification of(FaultLog.Tally t) {
            return new FaultVerification(t.kind(), t.starts(), t.startsVerified(), t.stops(), t.stopsVerified(),
                    t.problems());
        }
    }
}
