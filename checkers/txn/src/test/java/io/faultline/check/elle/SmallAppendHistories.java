package io.faultline.check.elle;

import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Small list-append (or rw-register) histories from a deliberately sloppy store, for property
 * tests: each
 * transaction reads a snapshot taken when it is invoked (sometimes an older prefix of it) and
 * applies its appends when it completes, so write skew, lost updates, G-single and real-time
 * violations all occur; a failed transaction's appends are sometimes applied anyway (aborted
 * reads, dirty updates); an indeterminate one's sometimes. Appends of one transaction are always
 * applied together, and elements are unique per key. For registers a key's state is the list of
 * its writes, and a read returns the last one (null before any).
 */
final class SmallAppendHistories {
    private SmallAppendHistories() {
    }

    static List<Op> generate(long seed) {
        return generate(seed, false);
    }

    static List<Op> generate(long seed, boolean registers) {
        String write = registers ? "w" : "append";
        SplittableRandom rnd = new SplittableRandom(seed);
        int keys = 1 + rnd.nextInt(3);
        int txns = 2 + rnd.nextInt(5);
        int procs = 1 + rnd.nextInt(3);
        Map<String, List<Long>> state = new HashMap<>();
        List<Op> events = new ArrayList<>();
        long[] nextElement = {1};
        // per process slot: its current process id, its open txn (null when idle)
        int[] pid = new int[procs];
        for (int i = 0; i < procs; i++) pid[i] = i;
        Open[] open = new Open[procs];
        int started = 0;
        while (started < txns || Arrays.stream(open).anyMatch(o -> o != null)) {
            int s = rnd.nextInt(procs);
            if (open[s] == null) {
                if (started >= txns) continue;
                started++;
                open[s] = invoke(rnd, keys, state, nextElement, write);
                List<Object> inv = new ArrayList<>();
                for (Object[] m : open[s].mops) inv.add(Arrays.asList(m[0], m[1], m[0].equals("r") ? null : m[2]));
                events.add(new Op(events.size(), events.size() * 1_000_000L, pid[s], OpType.INVOKE, "txn", null, inv,
                        null, null));
            } else {
                Open o = open[s];
                open[s] = null;
                double roll = rnd.nextDouble();
                OpType type = roll < 0.8 ? OpType.OK : roll < 0.9 ? OpType.FAIL : OpType.INFO;
                boolean apply = type == OpType.OK || rnd.nextDouble() < (type == OpType.FAIL ? 0.25 : 0.5);
                List<Object> value = new ArrayList<>();
                Map<String, List<Long>> view = new HashMap<>();
                for (Map.Entry<String, List<Long>> e : o.snapshot.entrySet()) view.put(e.getKey(), new ArrayList<>(e.getValue()));
                for (Object[] m : o.mops) {
                    String k = (String) m[1];
                    if (m[0].equals(write)) {
                        view.computeIfAbsent(k, x -> new ArrayList<>()).add((Long) m[2]);
                        value.add(Arrays.asList(write, k, m[2]));
                    } else {
                        List<Long> seen = view.getOrDefault(k, List.of());
                        Object read = type != OpType.OK ? null : registers ? (seen.isEmpty() ? null : seen.get(seen.size() - 1))
                                : new ArrayList<>(seen);
                        value.add(Arrays.asList("r", k, read));
                    }
                }
                if (apply) {
                    for (Object[] m : o.mops) {
                        if (m[0].equals(write)) state.computeIfAbsent((String) m[1], x -> new ArrayList<>()).add((Long) m[2]);
                    }
                }
                events.add(new Op(events.size(), events.size() * 1_000_000L, pid[s], type, "txn", null, value, null,
                        type == OpType.OK ? null : "test"));
                if (type == OpType.INFO) pid[s] += procs; // an indeterminate op retires its process
            }
        }
        return events;
    }

    private record Open(List<Object[]> mops, Map<String, List<Long>> snapshot) {
    }

    private static Open invoke(SplittableRandom rnd, int keys, Map<String, List<Long>> state, long[] nextElement,
                               String write) {
        int n = 1 + rnd.nextInt(3);
        List<Object[]> mops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String k = String.valueOf((char) ('x' + rnd.nextInt(keys)));
            if (rnd.nextBoolean()) mops.add(new Object[] {write, k, nextElement[0]++});
            else mops.add(new Object[] {"r", k, null});
        }
        Map<String, List<Long>> snap = new HashMap<>();
        for (Map.Entry<String, List<Long>> e : state.entrySet()) {
            List<Long> l = e.getValue();
            // mostly the current state; sometimes an older prefix (a stale replica)
            int len = rnd.nextDouble() < 0.8 ? l.size() : rnd.nextInt(l.size() + 1);
            snap.put(e.getKey(), new ArrayList<>(l.subList(0, len)));
        }
        return new Open(mops, snap);
    }
}
