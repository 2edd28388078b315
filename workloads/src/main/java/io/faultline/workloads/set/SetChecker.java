package io.faultline.workloads.set;

import io.faultline.check.Anomaly;
import io.faultline.check.CheckResult;
import io.faultline.check.Checker;
import io.faultline.check.Verdict;
import io.faultline.history.History;
import io.faultline.history.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Jepsen's set checker against the last successful read: an element added with {@code ok} before
 * that read began and missing from it is lost; an element read that no add ever attempted is
 * unexpected; an element read more than once is duplicated. Adds that ended {@code info} may or may
 * not be present. No successful read: unknown.
 */
public final class SetChecker implements Checker {
    private static final int LISTED = 20;

    @Override
    public String name() {
        return "set";
    }

    @Override
    public CheckResult check(History history) {
        Operation read = null;
        for (Operation o : history.operations()) {
            if (o.f().equals("read") && o.isOk() && (read == null || o.completeIndex() > read.completeIndex())) read = o;
        }
        if (read == null) {
            return new CheckResult(name(), Verdict.UNKNOWN, "no read succeeded, so nothing can be said about the set",
                    List.of(), Map.of());
        }
        if (!(read.value() instanceof List<?> elements)) {
            return new CheckResult(name(), Verdict.UNKNOWN, "the final read (index " + read.invokeIndex()
                    + ") returned " + read.value() + ", not a list", List.of(), Map.of());
        }
        Map<Object, Long> acknowledged = new HashMap<>();
        Set<Object> attempted = new HashSet<>();
        long infoAdds = 0;
        for (Operation o : history.operations()) {
            if (!o.f().equals("add")) continue;
            attempted.add(o.value());
            if (o.isOk() && o.completeIndex() < read.invokeIndex()) acknowledged.put(o.value(), o.completeIndex());
            if (o.isInfo()) infoAdds++;
        }
        Map<Object, Integer> seen = new HashMap<>();
        for (Object e : elements) seen.merge(e, 1, Integer::sum);

        List<Object> lost = new ArrayList<>();
        List<Long> lostIdx = new ArrayList<>();
        acknowledged.forEach((v, idx) -> {
            if (!seen.containsKey(v)) {
                lost.add(v);
                lostIdx.add(idx);
            }
        });
        List<Object> unexpected = new ArrayList<>();
        List<Object> duplicated = new ArrayList<>();
        seen.forEach((v, n) -> {
            if (!attempted.contains(v)) unexpected.add(v);
            if (n > 1) duplicated.add(v);
        });
        long recovered = seen.keySet().stream().filter(v -> attempted.contains(v) && !acknowledged.containsKey(v)).count();

        List<Anomaly> anomalies = new ArrayList<>();
        long readIdx = read.invokeIndex();
        if (!lost.isEmpty()) {
            List<Long> idx = new ArrayList<>(lostIdx.stream().sorted().limit(LISTED).toList());
            idx.add(readIdx);
            anomalies.add(new Anomaly("lost-write", lost.size() + " acknowledged add(s) missing from the final read at index "
                    + readIdx + ": " + sample(lost), idx));
        }
        if (!unexpected.isEmpty()) {
            anomalies.add(new Anomaly("unexpected", "the final read at index " + readIdx + " holds " + unexpected.size()
                    + " element(s) no add ever attempted: " + sample(unexpected), List.of(readIdx)));
        }
        if (!duplicated.isEmpty()) {
            anomalies.add(new Anomaly("duplicated", "the final read at index " + readIdx + " holds " + duplicated.size()
                    + " element(s) more than once: " + sample(duplicated), List.of(readIdx)));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("attempted", attempted.size());
        details.put("acknowledged", acknowledged.size());
        details.put("indeterminate-adds", infoAdds);
        details.put("read-size", elements.size());
        details.put("lost", lost.size());
        details.put("unexpected", unexpected.size());
        details.put("duplicated", duplicated.size());
        details.put("recovered-indeterminate", recovered);
        Verdict v = anomalies.isEmpty() ? Verdict.VALID : Verdict.INVALID;
        String summary = v == Verdict.VALID
                ? "all " + acknowledged.size() + " acknowledged adds present in the final read of " + elements.size() + " elements"
                : lost.size() + " lost, " + unexpected.size() + " unexpected, " + duplicated.size() + " duplicated of "
                + acknowledged.size() + " acknowledged adds";
        return new CheckResult(name(), v, summary, anomalies, details);
    }

    private static String sample(List<Object> values) {
        TreeSet<String> sorted = new TreeSet<>();
        for (Object o : values) sorted.add(String.valueOf(o));
        List<String> first = sorted.stream().limit(LISTED).toList();
        return String.join(", ", first) + (values.size() > LISTED ? ", ..." : "");
    }
}
