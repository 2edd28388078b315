package io.faultline.check.set;

import io.faultline.check.Anomaly;
import io.faultline.check.CheckResult;
import io.faultline.check.Checker;
import io.faultline.check.OpText;
import io.faultline.check.UnsuitableHistoryException;
import io.faultline.check.Verdict;
import io.faultline.history.History;
import io.faultline.history.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Jepsen's set-full checker over {@code add} (value = element) and {@code read} (value = list of
 * elements) ops, per key. For each element it finds when the element became known (its add was
 * acknowledged, or a read saw it) and judges every read that began after that:
 * <ul>
 * <li><b>lost</b>: an acknowledged (or once seen) element is missing from a read that began
 *     after it was known, and no later read sees it again;</li>
 * <li><b>stale</b>: missing from such a read but seen again later: a stale-read window;</li>
 * <li><b>unexpected</b>: a read holds an element no add attempted, or whose add failed;</li>
 * <li><b>duplicated</b>: one read holds an element more than once.</li>
 * </ul>
 * Lost, unexpected and duplicated elements make the history invalid; stale windows do so only
 * when the checker is built strict (a linearizable set), otherwise they are counted and shown.
 * Without any successful read nothing can be said: unknown.
 */
public final class SetChecker implements Checker {
    private static final int EXAMPLES = 10;

    private final boolean staleIsAnomaly;

    /** Lost, unexpected and duplicated elements are anomalies; stale windows are reported only. */
    public SetChecker() {
        this(false);
    }

    /** @param staleIsAnomaly true when reads must be linearizable, so a stale window is an anomaly */
    public SetChecker(boolean staleIsAnomaly) {
        this.staleIsAnomaly = staleIsAnomaly;
    }

    @Override
    public String name() {
        return "set";
    }

    @Override
    public CheckResult check(History history) {
        Map<String, List<Operation>> adds = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        Map<String, List<Operation>> reads = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        for (Operation op : history.operations()) {
            switch (op.f()) {
                case "add" -> {
                    if (op.value() == null || op.value() instanceof List<?> || op.value() instanceof Map<?, ?>) {
                        throw UnsuitableHistoryException.at(name(), history, op,
                                "add carries " + OpText.value(op.value()) + "; expected one element (a number or string)");
                    }
                    adds.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
                }
                case "read" -> {
                    if (op.isOk() && !(op.value() instanceof List<?>)) {
                        throw UnsuitableHistoryException.at(name(), history, op,
                                "read returned " + OpText.value(op.value()) + "; expected a list of elements");
                    }
                    reads.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
                }
                default -> throw UnsuitableHistoryException.at(name(), history, op,
                        "operation f=\"" + op.f() + "\"; a set history has only f=\"add\" (value = element) and"
                                + " f=\"read\" (value = list of elements)");
            }
        }
        Tally tally = new Tally();
        Set<String> keys = new HashSet<>(adds.keySet());
        keys.addAll(reads.keySet());
        List<String> ordered = new ArrayList<>(keys);
        ordered.sort(Comparator.nullsFirst(Comparator.naturalOrder()));
        for (String key : ordered) {
            checkKey(key, adds.getOrDefault(key, List.of()), reads.getOrDefault(key, List.of()), tally);
        }
        return tally.result(name(), staleIsAnomaly);
    }

    private static void checkKey(String key, List<Operation> adds, List<Operation> allReads, Tally tally) {
        List<Operation> reads = new ArrayList<>();
        for (Operation r : allReads) if (r.isOk()) reads.add(r);
        reads.sort(Comparator.comparingLong(Operation::invokeTime));
        tally.okReads += reads.size();
        String where = key == null ? "the set" : "set " + key;

        Map<Object, Operation> addOf = new HashMap<>();
        for (Operation a : adds) {
            Operation prev = addOf.get(a.value());
            // the most informative add wins: ok over info over fail
            if (prev == null || rank(a) > rank(prev)) addOf.put(a.value(), a);
            tally.attempted++;
            if (a.isOk()) tally.acknowledged++;
            else if (a.isInfo()) tally.indeterminate++;
        }

        // one pass over the reads: duplicates, unexpected, and the first read that saw each element
        List<Set<Object>> contents = new ArrayList<>(reads.size());
        Map<Object, Operation> firstSeen = new HashMap<>();
        for (Operation r : reads) {
            List<?> elements = (List<?>) r.value();
            Set<Object> s = new HashSet<>(elements.size() * 2);
            Set<Object> dup = new java.util.LinkedHashSet<>();
            for (Object e : elements) if (!s.add(e)) dup.add(e);
            contents.add(s);
            for (Object e : dup) {
                tally.duplicated++;
                tally.add("duplicated", "read of " + where + " holds " + e + " more than once: "
                        + OpText.describe(r) + ".", r);
            }
            for (Object e : s) {
                Operation add = addOf.get(e);
                if (add == null) {
                    if (tally.unexpectedSeen.add(key + "\u0000" + e)) {
                        tally.unexpected++;
                        tally.add("unexpected", "read of " + where + " holds " + e + ", which no add ever attempted: "
                                + OpText.describe(r) + ".", r);
                    }
                } else if (add.isFail()) {
                    if (tally.unexpectedSeen.add(key + "\u0000" + e)) {
                        tally.unexpected++;
                        tally.add("unexpected", "read of " + where + " holds " + e + ", whose add failed (a failed op"
                                + " certainly did not take effect): " + OpText.describe(add) + "; " + OpText.describe(r)
                                + ".", add, r);
                    }
                }
                Operation f = firstSeen.get(e);
                if (f == null || r.completeTime() < f.completeTime()) firstSeen.put(e, r);
            }
        }

        for (Map.Entry<Object, Operation> en : addOf.entrySet()) {
            Object e = en.getKey();
            Operation add = en.getValue();
            if (add.isFail()) continue;
            Operation seen = firstSeen.get(e);
            long known = Long.MAX_VALUE;
            if (add.isOk()) known = add.completeTime();
            if (seen != null) known = Math.min(known, seen.completeTime());
            if (known == Long.MAX_VALUE) {
                tally.neverSeenIndeterminate++;
                continue;
            }
            // reads that began after the element was known must see it
            Operation lastAbsent = null;
            Operation firstAbsent = null;
            Operation lastPresent = null;
            int after = 0;
            for (int i = 0; i < reads.size(); i++) {
                Operation r = reads.get(i);
                boolean present = contents.get(i).contains(e);
                if (present && (lastPresent == null || r.invokeTime() >= lastPresent.invokeTime())) lastPresent = r;
                if (r.invokeTime() <= known) continue;
                after++;
                if (!present) {
                    if (firstAbsent == null) firstAbsent = r;
                    lastAbsent = r;
                }
            }
            if (after == 0) {
                tally.neverRead++;
                continue;
            }
            if (seen != null && add.isInfo()) tally.recovered++;
            if (lastAbsent == null) {
                tally.stable++;
                if (seen != null && add.completion() != null) {
                    long lat = seen.completeTime() - add.invokeTime();
                    if (lat > tally.maxVisibilityLatency) tally.maxVisibilityLatency = lat;
                }
                continue;
            }
            String knownWhy = add.isOk() && add.completeTime() == known
                    ? "its add was acknowledged at " + OpText.time(known) + " (" + OpText.describe(add) + ")"
                    : "a read saw it at " + OpText.time(known) + " (" + OpText.describe(seen) + ")";
            if (lastPresent == null || lastAbsent.invokeTime() > lastPresent.invokeTime()) {
                tally.lost++;
                tally.add("lost", "element " + e + " of " + where + " was lost: " + knownWhy + ", yet "
                        + OpText.describe(lastAbsent) + " began after that and misses it, and no later read sees it.",
                        add, lastAbsent);
            } else {
                tally.stale++;
                long window = lastPresent.invokeTime() - firstAbsent.invokeTime();
                tally.maxStaleWindow = Math.max(tally.maxStaleWindow, window);
                tally.add("stale-read", "element " + e + " of " + where + " was missing from "
                        + OpText.describe(firstAbsent) + " although " + knownWhy + "; it was seen again by "
                        + OpText.describe(lastPresent) + ": a stale-read window of at least "
                        + OpText.time(Math.max(0, lastAbsent.completeTime() - firstAbsent.invokeTime())) + ".",
                        add, firstAbsent, lastPresent);
            }
        }
    }

    private static int rank(Operation a) {
        return a.isOk() ? 2 : a.isInfo() ? 1 : 0;
    }

    /** Counts and a few examples per outcome, across keys. */
    private static final class Tally {
        long attempted, acknowledged, indeterminate, okReads;
        long stable, lost, stale, unexpected, duplicated, neverRead, neverSeenIndeterminate, recovered;
        long maxStaleWindow, maxVisibilityLatency;
        final Set<String> unexpectedSeen = new HashSet<>();
        final Map<String, List<Anomaly>> examples = new LinkedHashMap<>();

        void add(String type, String text, Operation... ops) {
            List<Anomaly> list = examples.computeIfAbsent(type, t -> new ArrayList<>());
            if (list.size() < EXAMPLES) list.add(new Anomaly(type, text, OpText.indexes(ops)));
        }

        CheckResult result(String checker, boolean staleIsAnomaly) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("attempted-count", attempted);
            d.put("acknowledged-count", acknowledged);
            d.put("indeterminate-count", indeterminate);
            d.put("read-count", okReads);
            d.put("stable-count", stable);
            d.put("lost-count", lost);
            d.put("stale-count", stale);
            d.put("unexpected-count", unexpected);
            d.put("duplicated-count", duplicated);
            d.put("never-read-count", neverRead);
            d.put("recovered-indeterminate-count", recovered);
            d.put("indeterminate-never-seen-count", neverSeenIndeterminate);
            d.put("max-stale-window-ns", maxStaleWindow);
            d.put("max-visibility-latency-ns", maxVisibilityLatency);
            d.put("stale-reads-are-anomalies", staleIsAnomaly);
            List<Anomaly> anomalies = new ArrayList<>();
            for (Map.Entry<String, List<Anomaly>> en : examples.entrySet()) {
                if (en.getKey().equals("stale-read") && !staleIsAnomaly) continue;
                anomalies.addAll(en.getValue());
            }
            if (!staleIsAnomaly && examples.containsKey("stale-read")) {
                d.put("stale-read-examples", examples.get("stale-read").stream().map(Anomaly::explanation).toList());
            }
            Verdict v;
            String summary;
            if (okReads == 0) {
                v = Verdict.UNKNOWN;
                summary = "no read succeeded, so nothing can be said about the " + attempted + " attempted adds";
            } else if (!anomalies.isEmpty()) {
                v = Verdict.INVALID;
                summary = lost + " lost, " + unexpected + " unexpected, " + duplicated + " duplicated"
                        + (staleIsAnomaly ? ", " + stale + " stale" : "") + " of " + acknowledged
                        + " acknowledged adds";
            } else {
                v = Verdict.VALID;
                summary = stable + " elements stable, " + neverRead + " never read"
                        + (stale > 0 ? ", " + stale + " with stale-read windows (allowed)" : "")
                        + "; none lost, unexpected or duplicated";
            }
            return new CheckResult(checker, v, summary, anomalies, d);
        }
    }
}
