package io.faultline.report;

import io.faultline.history.Errors;
import io.faultline.history.FaultLog;
import io.faultline.history.History;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.history.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The numbers a report shows, computed once from a history: fault intervals, availability
 * overall and per fault, latency quantiles overall and per operation type, and per-bucket
 * throughput and latency quantiles for the plots.
 */
public record Figures(FaultLog faultLog, List<FaultInterval> faults, Availability overall, Availability duringFaults,
                      List<Availability> perFault, Quantiles latency, List<Quantiles> latencyPerF,
                      double durationSeconds, double bucketSeconds, double[] okPerSecond, double[] failPerSecond,
                      double[] noPerSecond, double[] infoPerSecond, double[] p50, double[] p95, double[] p99) {

    /**
     * Outcomes of the client ops in some set. {@code fail} counts every failed op, {@code answered}
     * those of them the store answered "no" (a failed compare: the store was there).
     */
    public record Availability(String label, long ok, long fail, long info, long answered) {
        public long total() {
            return ok + fail + info;
        }

        /** (ok + answered) / total: how often the store gave a definite answer; NaN when there were no ops. */
        public double ratio() {
            return total() == 0 ? Double.NaN : (double) (ok + answered) / total();
        }

        /** ok / total. */
        public double successRate() {
            return total() == 0 ? Double.NaN : (double) ok / total();
        }
    }

    /** Latency quantiles of ok ops in milliseconds (NaN when there were none). */
    public record Quantiles(String label, long count, double p50, double p95, double p99, double max) {
    }

    private static final int MAX_DETAIL = 80;

    public static Figures of(History history) {
        List<Op> events = history.events();
        long end = events.isEmpty() ? 0 : events.getLast().time();
        long begin = events.isEmpty() ? 0 : Math.min(0, events.getFirst().time());
        FaultLog log = FaultLog.of(events);
        List<FaultInterval> faults = faultIntervals(log);
        List<Operation> ops = history.operations();

        double duration = Math.max(1e-9, (end - begin) / 1e9);
        double bucket = bucketSeconds(duration);
        int nb = Math.max(1, (int) Math.ceil(duration / bucket));
        double[] okRate = new double[nb], failRate = new double[nb], noRate = new double[nb], infoRate = new double[nb];
        long[][] okLatByBucket = new long[nb][];
        int[] okLatCount = new int[nb];

        long ok = 0, fail = 0, info = 0, no = 0, fOk = 0, fFail = 0, fInfo = 0, fNo = 0;
        Map<String, long[]> perFault = new TreeMap<>();
        for (FaultInterval fi : faults) perFault.putIfAbsent(fi.fault(), new long[4]);
        Map<String, long[]> latByF = new TreeMap<>();
        Map<String, Integer> latCountByF = new HashMap<>();
        long[] all = new long[64];
        int nAll = 0;
        for (Operation o : ops) {
            OpType outcome = o.outcome();
            int slot = outcome == OpType.OK ? 0 : outcome == OpType.FAIL ? 1 : 2;
            boolean answered = slot == 1 && Errors.isStoreAnswer(o.completion().error());
            if (slot == 0) ok++;
            else if (slot == 1) fail++;
            else info++;
            if (answered) no++;
            long inv = o.invokeTime();
            boolean inFault = false;
            for (FaultInterval fi : faults) {
                if (fi.contains(inv)) {
                    inFault = true;
                    perFault.get(fi.fault())[slot]++;
                    if (answered) perFault.get(fi.fault())[3]++;
                }
            }
            // an op inside two overlapping faults counts once for "during faults", once per fault above
            if (inFault) {
                if (slot == 0) fOk++;
                else if (slot == 1) fFail++;
                else fInfo++;
                if (answered) fNo++;
            }
            long completeAt = o.completion() == null ? end : o.completeTime();
            int b = bucketOf(completeAt - begin, bucket, nb);
            if (slot == 0) okRate[b]++;
            else if (answered) noRate[b]++;
            else if (slot == 1) failRate[b]++;
            else infoRate[b]++;
            if (slot == 0) {
                long lat = o.completeTime() - inv;
                if (nAll == all.length) all = Arrays.copyOf(all, nAll * 2);
                all[nAll++] = lat;
                long[] fl = latByF.computeIfAbsent(o.f(), k -> new long[16]);
                int c = latCountByF.getOrDefault(o.f(), 0);
                if (c == fl.length) {
                    fl = Arrays.copyOf(fl, c * 2);
                    latByF.put(o.f(), fl);
                }
                fl[c] = lat;
                latCountByF.put(o.f(), c + 1);
                int ib = bucketOf(inv - begin, bucket, nb);
                long[] bl = okLatByBucket[ib];
                if (bl == null) okLatByBucket[ib] = bl = new long[8];
                if (okLatCount[ib] == bl.length) okLatByBucket[ib] = bl = Arrays.copyOf(bl, bl.length * 2);
                bl[okLatCount[ib]++] = lat;
            }
        }
        for (int i = 0; i < nb; i++) {
            double width = Math.min(bucket, duration - i * bucket);
            width = width <= 0 ? bucket : width;
            okRate[i] /= width;
            failRate[i] /= width;
            noRate[i] /= width;
            infoRate[i] /= width;
        }
        double[] p50 = new double[nb], p95 = new double[nb], p99 = new double[nb];
        for (int i = 0; i < nb; i++) {
            int n = okLatCount[i];
            if (n == 0) {
                p50[i] = p95[i] = p99[i] = Double.NaN;
                continue;
            }
            Arrays.sort(okLatByBucket[i], 0, n);
            p50[i] = quantile(okLatByBucket[i], n, 0.50);
            p95[i] = quantile(okLatByBucket[i], n, 0.95);
            p99[i] = quantile(okLatByBucket[i], n, 0.99);
        }
        List<Availability> pf = new ArrayList<>();
        perFault.forEach((k, v) -> pf.add(new Availability(k, v[0], v[1], v[2], v[3])));
        List<Quantiles> qf = new ArrayList<>();
        latByF.forEach((f, l) -> qf.add(quantiles(f, l, latCountByF.get(f))));
        return new Figures(log, List.copyOf(faults), new Availability("all", ok, fail, info, no),
                new Availability("during faults", fOk, fFail, fInfo, fNo), pf, quantiles("all", all, nAll), qf,
                duration, bucket, okRate, failRate, noRate, infoRate, p50, p95, p99);
    }

    public double meanOkThroughput() {
        return overall.ok() / durationSeconds;
    }

    /** Buckets of 0.25 s, 0.5 s, 1 s, 2 s, 5 s ... so a plot has at most about 80 of them. */
    static double bucketSeconds(double duration) {
        double[] steps = {0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600};
        for (double s : steps) if (duration / s <= 80) return s;
        return Math.ceil(duration / 80 / 600) * 600;
    }

    private static int bucketOf(long nanos, double bucket, int nb) {
        int b = (int) Math.floor(nanos / 1e9 / bucket);
        return Math.max(0, Math.min(nb - 1, b));
    }

    private static Quantiles quantiles(String label, long[] lat, int n) {
        if (n == 0) return new Quantiles(label, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        long[] s = Arrays.copyOf(lat, n);
        Arrays.sort(s);
        return new Quantiles(label, n, quantile(s, n, 0.5), quantile(s, n, 0.95), quantile(s, n, 0.99), s[n - 1] / 1e6);
    }

    /** Nearest-rank quantile in milliseconds of a sorted prefix. */
    static double quantile(long[] sorted, int n, double q) {
        int i = (int) Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
        return sorted[i] / 1e6;
    }

    /** Fault intervals (the windows of faults that took effect), in order of start. */
    static List<FaultInterval> faultIntervals(FaultLog log) {
        List<FaultInterval> out = new ArrayList<>();
        for (FaultLog.Window w : log.windows()) out.add(interval(w));
        return out;
    }

    private static FaultInterval interval(FaultLog.Window w) {
        java.util.Map<String, Object> v = new java.util.LinkedHashMap<>(w.start().value());
        // The verification is shown in the Faults table; the interval's label keeps what was done.
        v.remove("verified");
        v.remove("evidence");
        String detail = v.isEmpty() ? "" : Values.compact(v);
        if (detail.length() > MAX_DETAIL) detail = detail.substring(0, MAX_DETAIL - 1) + "…";
        return new FaultInterval(w.kind(), detail, w.fromNanos(), w.toNanos(), w.start().index());
    }
}
