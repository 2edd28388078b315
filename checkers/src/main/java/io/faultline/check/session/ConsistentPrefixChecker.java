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
 * <p>Each process carries its causal frontier (per key, the newest write it depends on); a
 * write's frontier is the writer's at its invocation, shared until the writer changes it.
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

        Map<Integer, Frontier> byProcess = new HashMap<>();
        Frontier[] ofWrite = new Frontier[n];
        List<Anomaly> anomalies = new ArrayList<>();
        long count = 0;
        for (int idx = 0; idx < n; idx++) {
            int i = order[idx];
            Operation op = s.ops.get(i);
            Frontier mine = byProcess.computeIfAbsent(op.process(), p -> new Frontier(new HashMap<>()));
            if (s.isWrite(i)) {
                ofWrite[i] = mine.share();
                Frontier next = mine.own();
                next.put(s.key[i], i, -1, s);
                byProcess.put(op.process(), next);
            } else if (s.isRead(i)) {
                int[] f = mine.map.get(s.key[i]);
                if (f != null && s.older(i, f[0])) {
                    count++;
                    if (anomalies.size() < EXAMPLES) anomalies.add(explain(s, op.process(), i, f));
                }
                int w = s.source[i];
                if (w >= 0 && ofWrite[w] != null) {
                    Frontier next = mine;
                    for (Map.Entry<Integer, int[]> e : ofWrite[w].map.entrySet()) {
                        next = next.merge(e.getKey(), e.getValue()[0], i, s);
                    }
                    next = next.merge(s.key[w], w, i, s);
                    byProcess.put(op.process(), next);
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

    /** Per key: {newest write depended on, the read that brought it in or -1}. Copy on write. */
    private static final class Frontier {
        final Map<Integer, int[]> map;
        boolean shared;

        Frontier(Map<Integer, int[]> map) {
            this.map = map;
        }

        Frontier share() {
            shared = true;
            return this;
        }

        Frontier own() {
            return shared ? new Frontier(new HashMap<>(map)) : this;
        }

        void put(int key, int write, int via, SessionHistory s) {
            int[] cur = map.get(key);
            if (cur == null || s.lo[write] > s.lo[cur[0]]) map.put(key, new int[] {write, via});
        }

        Frontier merge(int key, int write, int via, SessionHistory s) {
            int[] cur = map.get(key);
            if (cur != null && s.lo[write] <= s.lo[cur[0]]) return this;
            Frontier f = own();
            f.map.put(key, new int[] {write, via});
            return f;
        }
    }
}
