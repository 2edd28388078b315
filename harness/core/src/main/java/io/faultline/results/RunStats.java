package io.faultline.results;

import io.faultline.history.FaultLog;
import java.util.List;

/**
 * Figures of a finished run, from its history.
 *
 * @param ok                    client ops that succeeded
 * @param fail                  client ops that certainly did not happen
 * @param info                  client ops with unknown outcome
 * @param answered              of the failed ops, those the store answered "no" (a failed compare,
 *                              a conflict, a lock held by another): the store was available
 * @param availability          (ok + answered) / all client ops: how often the store answered
 *                              definitively (NaN when there were none)
 * @param successRate           ok / all client ops
 * @param faultOps              client ops invoked while a fault was in force
 * @param faultAvailability     availability of faultOps
 * @param faultSuccessRate      success rate of faultOps
 * @param p50Millis             median latency of ok ops
 * @param p99Millis             99th percentile latency of ok ops
 * @param faults                fault windows (starts that took effect)
 * @param durationSeconds       time from the first to the last event
 * @param faultTallies          per fault kind: starts and heals made and verified
 */
public record RunStats(long ok, long fail, long info, long answered, double availability, double successRate,
                       long faultOps, double faultAvailability, double faultSuccessRate, double p50Millis,
                       double p99Millis, long faults, double durationSeconds, List<FaultLog.Tally> faultTallies) {
    public RunStats {
        faultTallies = List.copyOf(faultTallies);
    }

    public long total() {
        return ok + fail + info;
    }

    /** "partition 6/6 verified, kill 2/2 verified", or "none" when no fault was started. */
    public String faultLine() {
        return faultTallies.isEmpty() ? "none"
                : String.join(", ", faultTallies.stream().map(FaultLog.Tally::line).toList());
    }
}
