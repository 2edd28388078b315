package io.faultline.check.ids;

import io.faultline.check.Anomaly;
import io.faultline.check.CheckResult;
import io.faultline.check.Checker;
import io.faultline.check.OpText;
import io.faultline.check.UnsuitableHistoryException;
import io.faultline.check.Verdict;
import io.faultline.history.History;
import io.faultline.history.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every acknowledged {@code generate} op must return an id no other acknowledged one returned. */
public final class UniqueIdsChecker implements Checker {
    private static final int EXAMPLES = 20;

    @Override
    public String name() {
        return "unique-ids";
    }

    @Override
    public CheckResult check(History history) {
        Map<Object, Operation> first = new HashMap<>();
        List<Anomaly> anomalies = new ArrayList<>();
        long generated = 0;
        long duplicates = 0;
        long indeterminate = 0;
        for (Operation op : history.operations()) {
            if (!op.f().equals("generate")) {
                throw UnsuitableHistoryException.at(name(), history, op, "operation f=\"" + op.f()
                        + "\"; a unique-ids history has only f=\"generate\" whose ok value is the id");
            }
            if (op.isInfo()) indeterminate++;
            if (!op.isOk()) continue;
            if (op.value() == null || op.value() instanceof List<?> || op.value() instanceof Map<?, ?>) {
                throw UnsuitableHistoryException.at(name(), history, op, "generate returned "
                        + OpText.value(op.value()) + "; expected an id (a number or string)");
            }
            generated++;
            Operation prev = first.putIfAbsent(op.value(), op);
            if (prev != null) {
                duplicates++;
                if (anomalies.size() < EXAMPLES) {
                    anomalies.add(new Anomaly("duplicate-id", "id " + OpText.value(op.value()) + " was handed out twice: "
                            + OpText.describe(prev) + " and " + OpText.describe(op) + ".", OpText.indexes(prev, op)));
                }
            }
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("generated-count", generated);
        d.put("distinct-count", (long) first.size());
        d.put("duplicate-count", duplicates);
        d.put("indeterminate-count", indeterminate);
        Verdict v = duplicates > 0 ? Verdict.INVALID : Verdict.VALID;
        String summary = duplicates > 0 ? duplicates + " duplicate id(s) among " + generated + " acknowledged"
                : "all " + generated + " acknowledged ids distinct";
        return new CheckResult(name(), v, summary, anomalies, d);
    }
}
