package io.faultline.check.session;

import io.faultline.check.Anomaly;
import io.faultline.check.CheckResult;
import io.faultline.check.Checker;
import io.faultline.check.OpText;
import io.faultline.check.Verdict;
import io.faultline.history.History;
import io.faultline.history.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks one session guarantee per process (a process is a session: after an indeterminate op
 * the worker takes a new process id) over a register/kv history of read, write and cas ops.
 * See {@link SessionHistory} for the version order; the result says which order was used.
 *
 * <ul>
 * <li>monotonic reads: a process's read of a key never returns a version older than one an
 *     earlier read of that key returned;</li>
 * <li>read-your-writes: a process's read of a key never returns a version older than its own
 *     earlier acknowledged write of that key;</li>
 * <li>monotonic writes: with revisions, a process's later write never gets an older revision;
 *     in real-time order, once a process has read another process's write W2, it never reads a
 *     state of a key older than that writer's earlier write W1 of that key;</li>
 * <li>writes-follow-reads: with revisions, a process's write never gets a revision older than one
 *     it already read; in real-time order, once a process has read a write W by another process
 *     P, it never reads a key older than what P had read of it before writing W.</li>
 * </ul>
 */
public final class SessionChecker implements Checker {
    private static final int EXAMPLES = 20;

    private final Guarantee guarantee;

    public SessionChecker(Guarantee guarantee) {
        this.guarantee = guarantee;
    }

    @Override
    public String name() {
        return guarantee.cliName();
    }

    @Override
    public CheckResult check(History history) {
        SessionHistory s = SessionHistory.of(history, name());
        Found found = new Found();
        switch (guarantee) {
            case MONOTONIC_READS -> monotonicReads(s, found);
            case READ_YOUR_WRITES -> readYourWrites(s, found);
            case MONOTONIC_WRITES -> {
                if (s.order == VersionOrder.REVISION) perProcessWriteOrder(s, found, false);
                else observedPrefix(s, found, true);
            }
            case WRITES_FOLLOW_READS -> {
                if (s.order == VersionOrder.REVISION) perProcessWriteOrder(s, found, true);
                else observedPrefix(s, found, false);
            }
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("version-order", s.order.wireName());
        d.put("violation-count", found.count);
        d.put("unmatched-read-count", s.unmatchedReads);
        d.put("operation-count", (long) s.ops.size());
        String orderText = s.order == VersionOrder.REVISION ? "revision order" : "real-time order of writes";
        Verdict v = found.count > 0 ? Verdict.INVALID : Verdict.VALID;
        String summary = found.count > 0
                ? found.count + " " + name() + " violation(s), by " + orderText
                : "no " + name() + " violation among " + s.ops.size() + " operations, by " + orderText;
        return new CheckResult(name(), v, summary, found.anomalies, d);
    }

    private void monotonicReads(SessionHistory s, Found found) {
        Map<Long, Integer> floor = new HashMap<>();
        for (int i = 0; i < s.ops.size(); i++) {
            if (!s.isRead(i)) continue;
            long pk = pk(s.ops.get(i).process(), s.key[i]);
            Integer f = floor.get(pk);
            if (f != null && s.older(i, f)) {
                found.add(name(), "process " + s.ops.get(i).process() + " read key " + s.keyName(i)
                        + " going back in time: first " + OpText.describe(s.ops.get(f)) + ", then "
                        + OpText.describe(s.ops.get(i)) + "; " + s.olderBecause(i, f)
                        + ", so the later read saw an older state than the earlier one.", f, i, s);
            }
            if (f == null || s.lo[i] > s.lo[f]) floor.put(pk, i);
        }
    }

    private void readYourWrites(SessionHistory s, Found found) {
        Map<Long, Integer> floor = new HashMap<>();
        for (int i = 0; i < s.ops.size(); i++) {
            Operation op = s.ops.get(i);
            long pk = pk(op.process(), s.key[i]);
            if (s.isWrite(i) && op.isOk()) {
                Integer f = floor.get(pk);
                if (f == null || s.lo[i] > s.lo[f]) floor.put(pk, i);
            } else if (s.isRead(i)) {
                Integer w = floor.get(pk);
                if (w != null && s.older(i, w)) {
                    found.add(name(), "process " + op.process() + " did not read its own write of key " + s.keyName(i)
                            + ": first " + OpText.describe(s.ops.get(w)) + " was acknowledged, then "
                            + OpText.describe(op) + "; " + s.olderBecause(i, w)
                            + ", so the read missed a write the same session had already made.", w, i, s);
                }
            }
        }
    }

    /** Revision mode: a process's writes must not get revisions older than its earlier writes (or reads). */
    private void perProcessWriteOrder(SessionHistory s, Found found, boolean afterReads) {
        Map<Integer, Integer> floor = new HashMap<>();
        for (int i = 0; i < s.ops.size(); i++) {
            Operation op = s.ops.get(i);
            boolean counts = afterReads ? s.isRead(i) : s.isWrite(i);
            if (s.isWrite(i)) {
                Integer f = floor.get(op.process());
                if (f != null && s.older(i, f)) {
                    String why = afterReads
                            ? "the write is ordered before a state the same process had already read, so it does not follow that read."
                            : "the later write is ordered before the earlier one, so the writes were applied out of session order.";
                    found.add(name(), "process " + op.process() + ": first " + OpText.describe(s.ops.get(f))
                            + ", then " + OpText.describe(op) + "; " + s.olderBecause(i, f) + ": " + why, f, i, s);
                }
            }
            if (counts) {
                Integer f = floor.get(op.process());
                if (f == null || s.lo[i] > s.lo[f]) floor.put(op.process(), i);
            }
        }
    }

    /**
     * Real-time mode of monotonic writes (prefix = the writer's earlier writes) and of
     * writes-follow-reads (prefix = the writer's earlier reads): once a reader has seen a write
     * by process P, later reads must not return a key older than P's prefix before that write.
     */
    private void observedPrefix(SessionHistory s, Found found, boolean writesPrefix) {
        int n = s.ops.size();
        int keys = s.keyNames.size();
        // dense process numbers, so that the hot loop indexes arrays instead of hashing
        int[] proc = new int[n];
        Map<Integer, Integer> dense = new HashMap<>();
        for (int i = 0; i < n; i++) {
            proc[i] = dense.computeIfAbsent(s.ops.get(i).process(), x -> dense.size());
        }
        // pass 1: per (process, key) the prefix ops in session order with running max of lo
        Seq[][] prefix = new Seq[dense.size()][];
        for (int i = 0; i < n; i++) {
            Operation op = s.ops.get(i);
            boolean in = writesPrefix ? s.isWrite(i) && op.isOk() : s.isRead(i);
            if (!in) continue;
            Seq[] row = prefix[proc[i]];
            if (row == null) row = prefix[proc[i]] = new Seq[keys];
            Seq seq = row[s.key[i]];
            if (seq == null) seq = row[s.key[i]] = new Seq();
            seq.add(i, s.lo);
        }
        // pass 2: per reader, the latest write it observed from each other process:
        // {writer (dense), newest write op id seen, the read that saw it}, in a small array
        int[][] seenBy = new int[dense.size()][];
        int[] seenCount = new int[dense.size()];
        for (int i = 0; i < n; i++) {
            if (!s.isRead(i)) continue;
            Operation op = s.ops.get(i);
            int q = proc[i];
            int[] seen = seenBy[q];
            for (int e = 0; e < seenCount[q]; e++) {
                int p = seen[3 * e];
                int w = seen[3 * e + 1];
                Seq[] row = prefix[p];
                Seq seq = row == null ? null : row[s.key[i]];
                if (seq == null) continue;
                int m = seq.maxBefore(w);
                if (m >= 0 && s.older(i, m)) {
                    int witness = seen[3 * e + 2];
                    int pp = s.ops.get(m).process();
                    int qq = op.process();
                    String what = writesPrefix
                            ? "process " + pp + " wrote " + s.keyName(i) + " (" + OpText.describe(s.ops.get(m))
                            + ") before a later write of its own that process " + qq + " had already read ("
                            + OpText.describe(s.ops.get(witness)) + "), yet " + OpText.describe(op) + "; "
                            + s.olderBecause(i, m)
                            + ": process " + qq + " saw " + pp + "'s later write but not its earlier one."
                            : "process " + pp + " read " + s.keyName(i) + " (" + OpText.describe(s.ops.get(m))
                            + ") before making the write process " + qq + " had already read ("
                            + OpText.describe(s.ops.get(witness)) + "), yet " + OpText.describe(op) + "; "
                            + s.olderBecause(i, m) + ": the write was visible without the state it followed.";
                    found.add(name(), what, m, witness, i, s);
                }
            }
            int src = s.source[i];
            if (src >= 0 && proc[src] != q) {
                int p = proc[src];
                int at = -1;
                for (int e = 0; e < seenCount[q]; e++) if (seen[3 * e] == p) at = e;
                if (at < 0) {
                    if (seen == null || seen.length == 3 * seenCount[q]) {
                        seen = seenBy[q] = seen == null ? new int[12] : Arrays.copyOf(seen, seen.length * 2);
                    }
                    at = seenCount[q]++;
                    seen[3 * at] = p;
                    seen[3 * at + 1] = -1;
                }
                if (src > seen[3 * at + 1]) {
                    seen[3 * at + 1] = src;
                    seen[3 * at + 2] = i;
                }
            }
        }
    }

    private static long pk(int process, int key) {
        return ((long) process << 32) | (key & 0xffffffffL);
    }

    /** Op ids of one process and key in session order, with the index of the running max of lo. */
    private static final class Seq {
        int[] ids = new int[4];
        int[] argmax = new int[4];
        int size;

        void add(int id, long[] lo) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                argmax = Arrays.copyOf(argmax, size * 2);
            }
            ids[size] = id;
            argmax[size] = size == 0 || lo[id] > lo[argmax[size - 1]] ? id : argmax[size - 1];
            size++;
        }

        /** The op with the greatest lo among those with id < bound, or -1. */
        int maxBefore(int bound) {
            int a = 0;
            int b = size;
            while (a < b) {
                int mid = (a + b) >>> 1;
                if (ids[mid] < bound) a = mid + 1;
                else b = mid;
            }
            return a == 0 ? -1 : argmax[a - 1];
        }
    }

    /** Counted violations with up to {@link #EXAMPLES} explained. */
    private static final class Found {
        final List<Anomaly> anomalies = new ArrayList<>();
        long count;

        void add(String type, String text, int a, int b, SessionHistory s) {
            count++;
            if (anomalies.size() < EXAMPLES) {
                anomalies.add(new Anomaly(type, text, OpText.indexes(s.ops.get(a), s.ops.get(b))));
            }
        }

        void add(String type, String text, int a, int b, int c, SessionHistory s) {
            count++;
            if (anomalies.size() < EXAMPLES) {
                anomalies.add(new Anomaly(type, text, OpText.indexes(s.ops.get(a), s.ops.get(b), s.ops.get(c))));
            }
        }
    }
}
