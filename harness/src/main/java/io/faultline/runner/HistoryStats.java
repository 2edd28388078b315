package io.faultline.runner;

import io.faultline.history.History;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.history.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Availability and latency from a history. A fault is active from the completion of its
 * {@code start-X} op until the invocation of {@code stop-X} or {@code heal-all}.
 */
public final class HistoryStats {
    private HistoryStats() {
    }

    public static RunStats of(History history) {
        List<long[]> windows = faultWindows(history.events());
        long ok = 0, fail = 0, info = 0, faultOps = 0, faultOk = 0;
        long[] latencies = new long[16];
        int n = 0;
        for (Operation o : history.operations()) {
            if (o.process() == Op.NEMESIS) continue;
            OpType outcome = o.outcome();
            boolean isOk = outcome == OpType.OK;
            if (isOk) ok++;
            else if (outcome == OpType.FAIL) fail++;
            else info++;
            if (inAny(windows, o.invokeTime())) {
                faultOps++;
                if (isOk) faultOk++;
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
        return new RunStats(ok, fail, info, total == 0 ? Double.NaN : (double) ok / total, faultOps,
                faultOps == 0 ? Double.NaN : (double) faultOk / faultOps,
                percentile(latencies, n, 0.50), percentile(latencies, n, 0.99), windows.size(), duration);
    }

    private static double percentile(long[] sorted, int n, double q) {
        if (n == 0) return Double.NaN;
        int i = (int) Math.min(n - 1, Math.ceil(q * n) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    private static boolean inAny(List<long[]> windows, long t) {
        for (long[] w : windows) if (t >= w[0] && t < w[1]) return true;
        return false;
    }

    /** [from, to) intervals in which some fault was active. */
    static List<long[]> faultWindows(List<Op> events) {
        List<long[]> out = new ArrayList<>();
        Map<String, Long> open = new HashMap<>();
        long end = events.isEmpty() ? 0 : events.getLast().time() + 1;
        for (Op e : events) {
            if (!e.isNemesis()) continue;
            String f = e.f();
            if (e.type() == OpType.INVOKE && f.startsWith("stop-")) {
                Long from = open.remove(f.substring(5));
                if (from != null) out.add(new long[]{from, e.time()});
            } else if (e.type() == OpType.INVOKE && f.equals("heal-all")) {
                for (Long from : open.values()) out.add(new long[]{from, e.time()});
                open.clear();
            } else if (e.type().isCompletion() && f.startsWith("start-") && e.error() == null) {
                open.putIfAbsent(f.substring(6), e.time());
            }
        }
        for (Long from : open.values()) out.add(new long[]{from, end});
        return out;
    }
}
