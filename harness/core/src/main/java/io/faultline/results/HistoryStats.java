package io.faultline.results;

import io.faultline.history.Errors;
import io.faultline.history.FaultLog;
import io.faultline.history.History;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.history.Operation;
import java.util.Arrays;
import java.util.List;

/**
 * Availability and latency from a history. Faults are in force in the windows {@link FaultLog}
 * reads from the nemesis events (from a verified start's completion to its stop's invocation).
 */
public final class HistoryStats {
    private HistoryStats() {
    }

    public static RunStats of(History history) {
        FaultLog faults = FaultLog.of(history.events());
        long ok = 0, fail = 0, info = 0, answered = 0, faultOps = 0, faultOk = 0, faultAnswered = 0;
        long[] latencies = new long[16];
        int n = 0;
        for (Operation o : history.operations()) {
            if (o.process() == Op.NEMESIS) continue;
            OpType outcome = o.outcome();
            boolean isOk = outcome == OpType.OK;
            boolean isAnswer = outcome == OpType.FAIL && Errors.isStoreAnswer(o.completion().error());
            if (isOk) ok++;
            else if (outcome == OpType.FAIL) fail++;
            else info++;
            if (isAnswer) answered++;
            if (faults.inFault(o.invokeTime())) {
                faultOps++;
                if (isOk) faultOk++;
                if (isAnswer) faultAnswered++;
            }
            if (isOk) {
                if (n == latencies.length) latencies = Arrays.copyOf(latencies, n * 2);
                latencies[n++] = o.completeTime() - o.invokeTime();
            }
        }
        Arrays.sort(latencies, 0, n);
        long total = ok + fail + info;
        List<Op> events = history.events();
        double duration = events.isEmpty() ? 0 : (events.getLast().time() - events.getFirst().time()) / 1e9;
        return new RunStats(ok, fail, info, answered, ratio(ok + answered, total), ratio(ok, total), faultOps,
                ratio(faultOk + faultAnswered, faultOps), ratio(faultOk, faultOps),
                percentile(latencies, n, 0.50), percentile(latencies, n, 0.99), faults.windows().size(), duration,
                faults.tallies());
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }

    private static double percentile(long[] sorted, int n, double q) {
        if (n == 0) return Double.NaN;
        int i = (int) Math.min(n - 1, Math.ceil(q * n) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
