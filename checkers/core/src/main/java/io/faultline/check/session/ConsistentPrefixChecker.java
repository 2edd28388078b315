package io.faultline.check.session;

import io.faultline.check.Anomaly;
import io.faultline.check.CheckResult;
import io.faultline.check.Checker;
import io.faultline.check.OpText;
import io.faultline.check.Verdict;
import io.faultline.history.History;
import io.faultline.history.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consistent-prefix reads: writes form causal chains (a process's writes in session order; a
 * write follows every write its process read before it, transitively). A process that has read
 * a write must not later read a key at a version older than any write earlier in that write's
 * chain. Unlike monotonic writes and writes-follow-reads, which look one hop back, this follows
 * the whole chain. Versions as in {@link SessionHistory}; reads are matched to writes by their
 * (unique) values.
 *
 * <p>Each process carries its causal frontier (per key, the newest write it depends on) with a
 * log of its changes; a write's frontier is a position in its writer's log, so a reader applies
 * each change of each writer at most once.
 */
public final class ConsistentPrefixChecker implements Checker {
    private static final int EXAMPLES = 20;

    @Override
    public String name() {
        return "consistent-prefix";
    }

    @Override
    public CheckResult check(History history) {
        SessionHistory s = SessionHistory.of(history, name());
        int n = s.ops.size();
        // writes take part at their invocation, reads at their completion
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Long.compare(at(s, a), at(s, b)));

        int keys = s.keyNames.size();
        Map<Integer, Proc> procs = new HashMap<>();
        int[] logPosAtInvoke = new int[n];
        List<Anomaly> anomalies = new ArrayList<>();
        long count = 0;
        for (int idx = 0; idx < n; idx++) {
            int i = order[idx];
            Operation op = s.ops.get(i);
            Proc mine = procs.computeIfAbsent(op.process(), p -> new Proc(keys));
            if (s.isWrite(i)) {
                logPosAtInvoke[i] = mine.logSize;
                mine.advance(s.key[i], i, -1, s);
            } else if (s.isRead(i)) {
                int f = mine.id[s.key[i]];
                if (f >= 0 && s.older(i, f)) {
                    count++;
                    if (anomalies.size() < EXAMPLES) {
                        anomalies.add(explain(s, op.process(), i, new int[] {f, mine.via[s.key[i]]}));
                    }
                }
                int w = s.source[i];
                if (w >= 0) {
                    int p = s.ops.get(w).process();
                    if (p != op.process()) {
                        Proc writer = procs.get(p);
                        // the writer's frontier when it invoked w is its log up to that point
                        int upTo = writer == null ? 0 : logPosAtInvoke[w];
                        int from = mine.applied.getOrDefault(p, 0);
                        for (int e = from; e < upTo; e++) mine.advance(writer.logKey[e], writer.logWrite[e], i, s);
                        if (upTo > from) mine.applied.put(p, upTo);
                    }
                    mine.advance(s.key[w], w, i, s);
                }
            }
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("version-order", s.order.wireName());
        d.put("violation-count", count);
        d.put("unmatched-read-count", s.unmatchedReads);
        Verdict v = count > 0 ? Verdict.INVALID : Verdict.VALID;
        String summary = count > 0 ? count + " consistent-prefix violation(s), by " + s.order.wireName() + " order"
                : "every read saw a prefix of the causal chains it depended on, by " + s.order.wireName() + " order";
        return new CheckResult(name(), v, summary, anomalies, d);
    }

    private static long at(SessionHistory s, int i) {
        Operation op = s.ops.get(i);
        return s.isRead(i) ? op.completeIndex() : op.invokeIndex();
    }

    private Anomaly explain(SessionHistory s, int process, int read, int[] dep) {
        Operation r = s.ops.get(read);
        Operation w = s.ops.get(dep[0]);
        String via = dep[1] < 0
                ? "process " + process + " had itself made " + OpText.describe(w)
                : "process " + process + "'s earlier " + OpText.describe(s.ops.get(dep[1]))
                + " saw a write that causally follows " + OpText.describe(w)
                + " (through the writer's session order and the reads it made before writing)";
        String text = via + "; yet " + OpText.describe(r) + ": " + s.olderBecause(read, dep[0])
                + ", so the read saw a later write of the chain without an earlier one.";
        List<Long> idx = new ArrayList<>();
        if (dep[1] >= 0) idx.add(s.ops.get(dep[1]).invokeIndex());
        idx.add(w.invokeIndex());
        idx.add(r.invokeIndex());
        return new Anomaly("consistent-prefix", text, idx);
    }

    /**
     * A process's causal frontier: per key the newest write it depends on (and the read that
     * brought it in, or -1), and an append-only log of every change, so that a reader of one of
     * its writes applies only the changes it has not applied yet.
     */
    private static final class Proc {
        final int[] id;
        final int[] via;
        int[] logKey = new int[16];
        int[] logWrite = new int[16];
        int logSize;
        final Map<Integer, Integer> applied = new HashMap<>();

        Proc(int keys) {
            id = new int[keys];
            via = new int[keys];
            java.util.Arrays.fill(id, -1);
        }

        void advance(int key, int write, int read, SessionHistory s) {
            int cur = id[key];
            if (cur >= 0 && s.lo[write] <= s.lo[cur]) return;
            id[key] = write;
            via[key] = read;
            if (logSize == logKey.length) {
                logKey = java.util.Arrays.copyOf(logKey, logSize * 2);
                logWrite = java.util.Arrays.copyOf(logWrite, logSize * 2);
            }
            logKey[logSize] = key;
            logWrite[logSize] = write;
            logSize++;
        }
    }
}
