package io.faultline.check.election;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Election / mutex safety per key (lock name) from {@code acquire}, {@code hold},
 * {@code release} and {@code lease-lost} records:
 * <ul>
 * <li>at most one holder at any real time: two processes' certain holding windows (see
 *     {@link HoldWindow}) must not overlap; each overlap is reported with its window, nodes,
 *     processes and times;</li>
 * <li>fencing tokens increase: when an acquire returned a token (value {@code t} or
 *     {@code {"token": t}}), an acquire that began after another was acknowledged must return
 *     a larger token, and no two acquires share one.</li>
 * </ul>
 * Only acknowledged acquires open windows: an indeterminate one may never have been granted.
 */
public final class ElectionChecker implements Checker {
    private static final int EXAMPLES = 20;

    @Override
    public String name() {
        return "election";
    }

    @Override
    public CheckResult check(History history) {
        Map<String, List<HoldWindow>> windows = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        Map<Integer, Operation> openAcquire = new HashMap<>();
        Map<Integer, Operation> lastAct = new HashMap<>();
        long acquires = 0;
        for (Operation op : history.operations()) {
            int p = op.process();
            switch (op.f()) {
                case "acquire" -> {
                    close(openAcquire, lastAct, p, windows, history);
                    if (op.isOk()) {
                        acquires++;
                        openAcquire.put(p, op);
                        lastAct.put(p, op);
                    }
                }
                case "hold" -> {
                    if (op.isOk() && openAcquire.containsKey(p)) lastAct.put(p, op);
                }
                case "release", "lease-lost" -> {
                    if (openAcquire.containsKey(p)) {
                        // A failed release says the client no longer held the lock when it tried (a
                        // lease lock refuses to release an expired lease), so its window ends at the
                        // last thing it did as holder, not at the refused release.
                        if (!op.isFail()) lastAct.put(p, op);
                        close(openAcquire, lastAct, p, windows, history);
                    }
                }
                default -> throw UnsuitableHistoryException.at(name(), history, op, "operation f=\"" + op.f()
                        + "\"; an election/mutex history has f=\"acquire\" (ok value: fencing token or null),"
                        + " \"hold\", \"release\" and \"lease-lost\"");
            }
        }
        for (Integer p : new ArrayList<>(openAcquire.keySet())) close(openAcquire, lastAct, p, windows, history);

        List<Anomaly> anomalies = new ArrayList<>();
        long overlaps = 0;
        long tokenViolations = 0;
        long maxOverlap = 0;
        for (Map.Entry<String, List<HoldWindow>> en : windows.entrySet()) {
            String lock = en.getKey() == null ? "the lock" : "lock \"" + en.getKey() + "\"";
            List<HoldWindow> ws = en.getValue();
            ws.sort(Comparator.comparingLong(HoldWindow::start));
            // sweep: windows still open when the next starts overlap it
            List<HoldWindow> active = new ArrayList<>();
            for (HoldWindow w : ws) {
                active.removeIf(a -> a.end() <= w.start());
                for (HoldWindow a : active) {
                    if (a.process() == w.process()) continue;
                    overlaps++;
                    long from = w.start();
                    long to = Math.min(a.end(), w.end());
                    maxOverlap = Math.max(maxOverlap, to - from);
                    if (anomalies.size() < EXAMPLES) {
                        anomalies.add(new Anomaly("two-holders", lock + " had two holders from " + OpText.time(from)
                                + " to " + OpText.time(to) + ": " + holder(a) + ", and " + holder(w)
                                + "; both certainly held it during that window, so mutual exclusion (one leader) was broken.",
                                List.of(a.acquire().invokeIndex(), a.last().invokeIndex(), w.acquire().invokeIndex(),
                                        w.last().invokeIndex())));
                    }
                }
                active.add(w);
            }
            // fencing: an acquire that began after another was acknowledged needs a larger token
            List<HoldWindow> tokened = ws.stream().filter(w -> w.token() != null).toList();
            Map<Long, HoldWindow> byToken = new HashMap<>();
            HoldWindow best = null; // among acquires acknowledged so far (by completion), the largest token
            List<HoldWindow> byCompletion = new ArrayList<>(tokened);
            byCompletion.sort(Comparator.comparingLong(w -> w.acquire().completeTime()));
            List<HoldWindow> byInvoke = new ArrayList<>(tokened);
            byInvoke.sort(Comparator.comparingLong(w -> w.acquire().invokeTime()));
            int c = 0;
            for (HoldWindow w : byInvoke) {
                while (c < byCompletion.size() && byCompletion.get(c).acquire().completeTime() < w.acquire().invokeTime()) {
                    HoldWindow x = byCompletion.get(c++);
                    if (best == null || x.token() > best.token()) best = x;
                }
                HoldWindow same = byToken.putIfAbsent(w.token(), w);
                if (same != null) {
                    tokenViolations++;
                    if (anomalies.size() < EXAMPLES) anomalies.add(new Anomaly("fencing-token", lock
                            + ": fencing token " + w.token() + " was granted twice, to " + holder(same) + " and to "
                            + holder(w) + "; a fenced resource cannot tell them apart.",
                            List.of(same.acquire().invokeIndex(), w.acquire().invokeIndex())));
                } else if (best != null && w.token() <= best.token()) {
                    tokenViolations++;
                    if (anomalies.size() < EXAMPLES) anomalies.add(new Anomaly("fencing-token", lock
                            + ": " + holder(w) + " got token " + w.token() + " although it asked after "
                            + holder(best) + " had been granted token " + best.token()
                            + "; tokens must increase with each grant, so a fenced resource would reject the newer holder.",
                            List.of(best.acquire().invokeIndex(), w.acquire().invokeIndex())));
                }
            }
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("acquire-count", acquires);
        d.put("overlap-count", overlaps);
        d.put("max-overlap-ns", maxOverlap);
        d.put("fencing-violation-count", tokenViolations);
        boolean bad = overlaps + tokenViolations > 0;
        String summary = bad ? overlaps + " overlapping holder pair(s), " + tokenViolations + " fencing-token violation(s) among "
                + acquires + " acquisitions"
                : "at most one holder at any time across " + acquires + " acquisitions; fencing tokens increase";
        return new CheckResult(name(), bad ? Verdict.INVALID : Verdict.VALID, summary, anomalies, d);
    }

    private static String holder(HoldWindow w) {
        return "process " + w.process() + (w.node() != null ? " (via node " + w.node() + ")" : "") + " held it from "
                + OpText.time(w.start()) + " (acquire, op " + w.acquire().invokeIndex() + ") to " + OpText.time(w.end())
                + " (" + w.last().f() + ", op " + w.last().invokeIndex() + ")"
                + (w.token() != null ? " with token " + w.token() : "");
    }

    private void close(Map<Integer, Operation> open, Map<Integer, Operation> last, int p,
                       Map<String, List<HoldWindow>> windows, History history) {
        Operation acq = open.remove(p);
        Operation end = last.remove(p);
        if (acq == null) return;
        long endTime = end == acq ? acq.completeTime() : end.invokeTime();
        if (end.f().equals("hold")) endTime = end.invokeTime();
        windows.computeIfAbsent(acq.key(), k -> new ArrayList<>())
                .add(new HoldWindow(acq, end, token(acq, history), acq.completeTime(), Math.max(acq.completeTime(), endTime)));
    }

    private Long token(Operation acq, History history) {
        Object v = acq.completion().value();
        if (v instanceof Map<?, ?> m) v = m.get("token");
        if (v == null || v instanceof Long) return (Long) v;
        if (v instanceof Boolean || v instanceof String) return null; // "acquired" flags carry no token
        throw UnsuitableHistoryException.at(name(), history, acq, "acquire returned " + OpText.value(v)
                + "; expected a fencing token (integer), {\"token\": t}, or null");
    }
}
