package io.faultline.check.elle;

import io.faultline.history.History;
import io.faultline.history.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The brute-force oracle for list-append and rw-register: is there a serial order of all committed transactions
 * and any subset of the indeterminate ones (failed ones never happened) in which every committed
 * transaction's reads return exactly the lists (or register values) its position implies? With {@code realtime}, the
 * order must also put T1 before T2 whenever T1 completed before T2 was invoked (strict
 * serializability). Depth-first over orders with pruning; exponential, for histories of a few
 * transactions only.
 */
final class SerialSearch {
    private final List<Operation> ok = new ArrayList<>();
    private final List<Operation> candidates = new ArrayList<>();
    private final boolean realtime;
    private final Set<String> failedStates = new HashSet<>();

    SerialSearch(History h, boolean realtime) {
        this.realtime = realtime;
        for (Operation op : h.operations()) {
            if (op.isFail()) continue;
            candidates.add(op);
            if (op.isOk()) ok.add(op);
        }
    }

    static boolean explainable(History h, boolean realtime) {
        SerialSearch s = new SerialSearch(h, realtime);
        return s.search(new boolean[s.candidates.size()], 0, new HashMap<>());
    }

    private boolean search(boolean[] placed, int okPlaced, Map<String, Object> state) {
        if (okPlaced == ok.size()) return true;
        String memo = key(placed, state);
        if (failedStates.contains(memo)) return false;
        for (int i = 0; i < candidates.size(); i++) {
            if (placed[i]) continue;
            Operation t = candidates.get(i);
            if (realtime && !predecessorsPlaced(t, placed)) continue;
            Map<String, Object> next = apply(t, state);
            if (next == null) continue;
            placed[i] = true;
            boolean found = search(placed, okPlaced + (t.isOk() ? 1 : 0), next);
            placed[i] = false;
            if (found) return true;
        }
        failedStates.add(memo);
        return false;
    }

    /** Every committed txn that completed before {@code t} was invoked is already placed. */
    private boolean predecessorsPlaced(Operation t, boolean[] placed) {
        for (int j = 0; j < candidates.size(); j++) {
            Operation a = candidates.get(j);
            if (!placed[j] && a.isOk() && a.completeTime() < t.invokeTime()) return false;
        }
        return true;
    }

    /** The state after running {@code t} serially, or null when one of its reads disagrees. */
    private static Map<String, Object> apply(Operation t, Map<String, Object> state) {
        Map<String, Object> next = new HashMap<>(state);
        for (Object m : (List<?>) t.value()) {
            List<?> mop = (List<?>) m;
            String k = String.valueOf(mop.get(1));
            Object cur = next.get(k);
            if (mop.get(0).equals("append")) {
                List<Object> l = cur == null ? new ArrayList<>() : new ArrayList<>((List<?>) cur);
                l.add(mop.get(2));
                next.put(k, l);
            } else if (mop.get(0).equals("w")) {
                next.put(k, mop.get(2));
            } else if (t.isOk()) {
                Object read = mop.get(2);
                boolean list = read instanceof List<?> || cur instanceof List<?>;
                Object expected = cur == null && list ? List.of() : cur;
                Object got = read == null && list ? List.of() : read;
                if (!java.util.Objects.equals(expected, got)) return null;
            }
        }
        return next;
    }

    private static String key(boolean[] placed, Map<String, Object> state) {
        StringBuilder sb = new StringBuilder();
        for (boolean b : placed) sb.append(b ? '1' : '0');
        return sb.append(new java.util.TreeMap<>(state)).toString();
    }
}
