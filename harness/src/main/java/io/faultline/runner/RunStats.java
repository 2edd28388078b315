package io.faultline.runner;

/**
 * Figures of a finished run, from its history.
 *
 * @param ok                    client ops that succeeded
 * @param fail                  client ops that certainly did not happen
 * @param info                  client ops with unknown outcome
 * @param availability          ok / all client ops (NaN when there were none)
 * @param faultOps              client ops invoked while a fault was active
 * @param faultAvailability     ok / faultOps (NaN when there were none)
 * @param p50Millis             median latency of ok ops
 * @param p99Millis             99th percentile latency of ok ops
 * @param faults                faults started
 * @param durationSeconds       time from the first to the last event
 */
public record RunStats(long ok, long fail, long info, double availability, long faultOps,
                       double faultAvailability, double p50Millis, double p99Millis, long faults,
                       double durationSeconds) {
    public long total() {
        return ok + fail + info;
    }
}
