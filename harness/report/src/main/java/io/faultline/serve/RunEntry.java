package io.faultline.serve;

import java.util.Map;

/**
 * One run folder as the results browser lists it.
 *
 * @param id        the folder relative to the results root, with '/' separators
 * @param checkers  verdict per checker
 * @param anomalies anomaly count per checker
 * @param hasReport whether the full report (with plots) has been built
 */
public record RunEntry(String id, String name, String verdict, String store, String workload, String nemesis,
                       String storeFaults, String seed, String started, Map<String, String> checkers,
                       Map<String, Integer> anomalies, double availability, double faultAvailability,
                       double p50Millis, double p99Millis, long ok, long fail, long info, boolean hasReport) {
    public int anomalyCount() {
        return anomalies.values().stream().mapToInt(Integer::intValue).sum();
    }
}
