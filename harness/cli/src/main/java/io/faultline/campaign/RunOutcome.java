package io.faultline.campaign;

import java.util.List;
import java.util.Map;

/**
 * What one campaign run ended with.
 *
 * @param verdict   "valid", "invalid", "unknown", or "error" when the harness failed
 * @param passed    true when the verdict is what the run expected
 * @param checkers  verdict per checker
 * @param anomalies one line per anomaly: "checker: type: explanation"
 * @param dir       the run folder, or null when none was made
 */
public record RunOutcome(RunSpec spec, String verdict, boolean passed, String message, Map<String, String> checkers,
                         List<String> anomalies, String dir, double seconds, double availability, double p99Millis,
                         boolean resumed) {
    public RunOutcome {
        checkers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(checkers));
        anomalies = List.copyOf(anomalies);
    }

    public boolean harnessFailed() {
        return verdict.equals("error");
    }

    /** Passed, failed its expectation, unknown, or error, for tables. */
    public String status() {
        if (harnessFailed()) return "ERROR";
        if (verdict.equals("unknown")) return "UNKNOWN";
        return passed ? "PASS" : "FAIL";
    }

    RunOutcome asResumed() {
        return new RunOutcome(spec, verdict, passed, message, checkers, anomalies, dir, seconds, availability, p99Millis, true);
    }
}
