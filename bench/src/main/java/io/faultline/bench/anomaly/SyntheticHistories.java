package io.faultline.bench.anomaly;

import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic histories for the anomaly checkers' benchmark: a serial execution whose ops are
 * spread over {@code concurrency} processes with overlapping intervals around their serial
 * points, plus a known number of injected anomalies.
 */
final class SyntheticHistories {
    private SyntheticHistories() {
    }

    private record Step(String f, String key, Object invoke, Object result, boolean failed) {
    }

    /** Events in time order: op i takes effect at 1000*i ns, invoked up to 500*c before, done up to 500*c after. */
    private static List<Op> timed(List<Step> steps, int concurrency, SplittableRandom rnd) {
        int n = steps.size();
        long[] times = new long[2 * n];
        int[] order = new int[2 * n];
        long[] free = new long[concurrency];
        Arrays.fill(free, -1);
        int spread = 500 * concurrency;
        for (int i = 0; i < n; i++) {
            int p = i % concurrency;
            long point = 1000L * (i + 1) * concurrency;
            times[2 * i] = Math.max(free[p] + 1, point - rnd.nextInt(spread));
            times[2 * i + 1] = point + rnd.nextInt(spread);
            free[p] = times[2 * i + 1];
        }
        Integer[] idx = new Integer[2 * n];
        for (int i = 0; i < 2 * n; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> times[a] != times[b] ? Long.compare(times[a], times[b]) : Integer.compare(a, b));
        for (int i = 0; i < 2 * n; i++) order[i] = idx[i];
        List<Op> out = new ArrayList<>(2 * n);
        for (int e : order) {
            Step s = steps.get(e / 2);
            int p = (e / 2) % concurrency;
            boolean inv = e % 2 == 0;
            OpType t = inv ? OpType.INVOKE : s.failed() ? OpType.FAIL : OpType.OK;
            out.add(new Op(out.size(), times[e], p, t, s.f(), s.key(), inv ? s.invoke() : s.result(), null,
                    t == OpType.FAIL ? "aborted" : null));
        }
        return out;
    }

    /**
     * List-append transactions of 1..4 micro-ops over {@code keys} keys. Every {@code every}-th
     * txn carries one injected anomaly, in turn: a lost update (it reads the state before the
     * previous txn's append to the key and appends too), an aborted append that stays visible
     * (G1a), a read holding an element twice.
     */
    static List<Op> listAppend(int txns, int concurrency, int keys, int every, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, List<Long>> state = new HashMap<>();
        long[] next = new long[keys];
        List<Step> steps = new ArrayList<>(txns);
        String lastKey = null;
        int injected = 0;
        for (int i = 0; i < txns; i++) {
            int kind = (i > 0 && i % every == 0) ? injected++ % 3 : -1;
            int n = 1 + rnd.nextInt(4);
            List<Object> inv = new ArrayList<>(n);
            List<Object> res = new ArrayList<>(n);
            boolean failed = false;
            if (kind == 0 && lastKey != null) {
                // lost update: read the state without the previous append, then append
                List<Long> cur = state.get(lastKey);
                List<Long> stale = List.copyOf(cur.subList(0, cur.size() - 1));
                long v = ++next[Integer.parseInt(lastKey.substring(1))];
                inv.add(Arrays.asList("r", lastKey, null));
                res.add(Arrays.asList("r", lastKey, stale));
                inv.add(List.of("append", lastKey, v));
                res.add(List.of("append", lastKey, v));
                cur.add(v);
            } else if (kind == 1) {
                String k = "k" + rnd.nextInt(keys);
                long v = ++next[Integer.parseInt(k.substring(1))];
                state.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
                inv.add(List.of("append", k, v));
                res.add(List.of("append", k, v));
                failed = true;
            } else {
                for (int j = 0; j < n; j++) {
                    int ki = rnd.nextInt(keys);
                    String k = "k" + ki;
                    if (rnd.nextBoolean()) {
                        long v = ++next[ki];
                        state.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
                        inv.add(List.of("append", k, v));
                        res.add(List.of("append", k, v));
                        lastKey = k;
                    } else {
                        List<Long> cur = state.getOrDefault(k, List.of());
                        List<Object> read = new ArrayList<>(cur);
                        if (kind == 2 && !cur.isEmpty() && j == 0) read.add(cur.get(cur.size() - 1));
                        inv.add(Arrays.asList("r", k, null));
                        res.add(Arrays.asList("r", k, List.copyOf(read)));
                    }
                }
            }
            steps.add(new Step("txn", null, inv, res, failed));
        }
        return timed(steps, concurrency, rnd);
    }

    /**
     * Register reads and writes of unique values over {@code keys} keys. Every {@code every}-th
     * op is a read that returns the key's previous value (a stale read).
     */
    static List<Op> register(int ops, int concurrency, int keys, int every, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] cur = new long[keys];
        long[] prev = new long[keys];
        long counter = 0;
        List<Step> steps = new ArrayList<>(ops);
        String[] names = new String[keys];
        for (int k = 0; k < keys; k++) names[k] = "k" + k;
        for (int i = 0; i < ops; i++) {
            int k = rnd.nextInt(keys);
            if (rnd.nextInt(3) == 0) {
                long v = ++counter;
                prev[k] = cur[k];
                cur[k] = v;
                steps.add(new Step("write", names[k], v, v, false));
            } else {
                long v = (i % every == 0) ? prev[k] : cur[k];
                steps.add(new Step("read", names[k], null, v == 0 ? null : v, false));
            }
        }
        return timed(steps, concurrency, rnd);
    }
}
