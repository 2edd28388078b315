package io.faultline.campaign;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every run's outcome, and the campaign's exit code and fault-mode detection rate derived from them. */
public record CampaignResult(String name, List<RunOutcome> runs, double seconds) {
    public CampaignResult {
        runs = List.copyOf(runs);
    }

    /**
     * The brief's codes combined over runs: 3 if the harness failed on any run; else 1 if any run
     * missed its expectation (an anomaly where none was allowed, or a fault mode not detected);
     * else 2 if any run's checkers could not decide; else 0.
     */
    public int exitCode() {
        if (runs.stream().anyMatch(RunOutcome::harnessFailed)) return 3;
        if (runs.stream().anyMatch(r -> !r.passed() && !r.verdict().equals("unknown"))) return 1;
        if (runs.stream().anyMatch(r -> r.verdict().equals("unknown"))) return 2;
        return 0;
    }

    public long passed() {
        return runs.stream().filter(RunOutcome::passed).count();
    }

    /** Runs that expected an anomaly (a store fault mode), and how many of them found one. */
    public long[] detection() {
        long expected = 0, detected = 0;
        for (RunOutcome r : runs) {
            if (r.spec().expect() != Expectation.ANOMALY) continue;
            expected++;
            if (r.verdict().equals("invalid")) detected++;
        }
        return new long[]{detected, expected};
    }

    /** Per store fault mode (or "-" for none) among runs that expected an anomaly: {detected, runs}. */
    public Map<String, long[]> detectionByFault() {
        Map<String, long[]> m = new LinkedHashMap<>();
        for (RunOutcome r : runs) {
            if (r.spec().expect() != Expectation.ANOMALY) continue;
            long[] c = m.computeIfAbsent(r.spec().storeFaultText(), k -> new long[2]);
            c[1]++;
            if (r.verdict().equals("invalid")) c[0]++;
        }
        return m;
    }
}
