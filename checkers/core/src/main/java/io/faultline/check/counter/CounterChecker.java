package io.faultline.check.counter;

import io.faultline.check.Anomaly;
import io.faultline.check.CheckResult;
import io.faultline.check.Checker;
import io.faultline.check.OpText;
import io.faultline.check.UnsuitableHistoryException;
import io.faultline.check.Verdict;
import io.faultline.history.History;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import io.faultline.history.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A counter of {@code add} (value = delta) and {@code read} (value = the count) ops, per key.
 * A read must lie between what was certainly added and what may have been added: every add
 * acknowledged before the read began counts; adds invoked before the read ended that were not
 * yet acknowledged (or ended info) may count or not, so their positive deltas raise the upper
 * bound and their negative ones lower the lower bound. Failed adds never count.
 */
public final class CounterChecker implements Checker {
    private static final int EXAMPLES = 20;

    private final long initial;

    public CounterChecker() {
        this(0);
    }

    public CounterChecker(long initial) {
        this.initial = initial;
    }

    @Override
    public String name() {
        return "counter";
    }

    @Override
    public CheckResult check(History history) {
        List<Operation> ops = history.operations();
        Map<String, long[]> sums = new LinkedHashMap<>(); // key -> {definitePos, definiteNeg, invokedPos, invokedNeg}
        Map<Integer, long[]> atInvoke = new java.util.HashMap<>(); // read op id -> {definitePos, definiteNeg}
        Map<Long, Operation> opAt = new java.util.HashMap<>(ops.size() * 3);
        for (Operation op : ops) {
            switch (op.f()) {
                case "add", "increment" -> {
                    if (!(op.invocation().value() instanceof Long)) {
                        throw UnsuitableHistoryException.at(name(), history, op, "add carries "
                                + OpText.value(op.invocation().value()) + "; expected an integer delta");
                    }
                }
                case "read" -> {
                    if (op.isOk() && !(op.value() instanceof Long)) {
                        throw UnsuitableHistoryException.at(name(), history, op, "read returned "
                                + OpText.value(op.value()) + "; expected an integer count");
                    }
                }
                default -> throw UnsuitableHistoryException.at(name(), history, op, "operation f=\"" + op.f()
                        + "\"; a counter history has only f=\"add\" (value = delta) and f=\"read\" (value = count)");
            }
            opAt.put(op.invokeIndex(), op);
            if (op.completion() != null) opAt.put(op.completeIndex(), op);
        }
        List<Anomaly> anomalies = new ArrayList<>();
        long reads = 0;
        long violations = 0;
        long adds = 0;
        for (Op e : history.events()) {
            if (e.isNemesis()) continue;
            Operation op = opAt.get(e.index());
            if (op == null) continue;
            long[] s = sums.computeIfAbsent(op.key(), k -> new long[4]);
            boolean isAdd = !op.f().equals("read");
            if (isAdd) {
                long d = (Long) op.invocation().value();
                if (e.type() == OpType.INVOKE) {
                    adds++;
                    if (d >= 0) s[2] += d;
                    else s[3] += d;
                } else if (e.type() == OpType.OK) {
                    if (d >= 0) s[0] += d;
                    else s[1] += d;
                } else if (e.type() == OpType.FAIL) {
                    // certainly not applied: no longer possible
                    if (d >= 0) s[2] -= d;
                    else s[3] -= d;
                }
            } else if (e.type() == OpType.INVOKE) {
                atInvoke.put(op.id(), new long[] {s[0], s[1]});
            } else if (e.type() == OpType.OK) {
                reads++;
                long[] d0 = atInvoke.remove(op.id());
                long lower = initial + d0[0] + s[3];
                long upper = initial + s[2] + d0[1];
                long v = (Long) op.value();
                if (v < lower || v > upper) {
                    violations++;
                    if (anomalies.size() < EXAMPLES) {
                        String why = v < lower
                                ? "adds acknowledged before it began sum to at least " + (d0[0] + d0[1] + initial)
                                + " and the lowest it could be, counting every possibly applied decrement, is " + lower
                                : "even counting every add invoked before it ended (acknowledged or not) the count"
                                + " could be at most " + upper;
                        anomalies.add(new Anomaly(v < lower ? "counter-too-low" : "counter-too-high",
                                OpText.describe(op) + ", but " + why + ": the read is outside [" + lower + ", " + upper
                                        + "].", List.of(op.invokeIndex())));
                    }
                }
            } else {
                atInvoke.remove(op.id());
            }
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("read-count", reads);
        d.put("add-count", adds);
        d.put("violation-count", violations);
        d.put("initial", initial);
        Verdict v = reads == 0 ? Verdict.UNKNOWN : violations > 0 ? Verdict.INVALID : Verdict.VALID;
        String summary = reads == 0 ? "no read succeeded, so the counter cannot be judged"
                : violations > 0 ? violations + " of " + reads + " reads outside the bounds the adds allow"
                : "all " + reads + " reads within the bounds of acknowledged and indeterminate adds";
        return new CheckResult(name(), v, summary, anomalies, d);
    }
}
