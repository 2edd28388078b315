package io.faultline.check;

import io.faultline.history.History;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Histories generated from a serial execution: op i takes effect at time 100*i, and its
 * invocation and completion are spread around that point so that ops of different processes
 * overlap, while each process stays sequential. Every such history is linearizable, hence
 * strict serializable and clean for every checker.
 */
public final class SerialExecutions {
    /** One op before timing: f, key, invocation value, completion value. */
    public record Step(String f, String key, Object invoke, Object result) {
    }

    private SerialExecutions() {
    }

    /** Spreads steps over {@code processes} and returns the events in time order. */
    public static List<Op> timed(List<Step> steps, int processes, SplittableRandom rnd) {
        record Ev(long time, int order, Op op) {
        }
        List<Ev> evs = new ArrayList<>();
        long[] free = new long[processes];
        int spread = 100 * processes - 50;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            int p = i % processes;
            long point = 100L * (i + 1) * 10;
            long inv = Math.max(free[p] + 1, point - rnd.nextInt(spread * 10 / 2 + 1));
            long done = point + rnd.nextInt(spread * 10 / 2 + 1);
            free[p] = done;
            evs.add(new Ev(inv, evs.size(), new Op(0, inv, p, OpType.INVOKE, s.f(), s.key(), s.invoke(), null, null)));
            evs.add(new Ev(done, evs.size(), new Op(0, done, p, OpType.OK, s.f(), s.key(), s.result(), null, null)));
        }
        evs.sort(Comparator.comparingLong(Ev::time).thenComparingInt(Ev::order));
        List<Op> out = new ArrayList<>(evs.size());
        for (Ev e : evs) out.add(e.op().withIndex(out.size()));
        return out;
    }

    /** Serial list-append transactions of 1..4 micro-ops over {@code keys} keys. */
    public static List<Op> listAppend(SplittableRandom rnd, int txns, int processes, int keys) {
        Map<String, List<Object>> state = new HashMap<>();
        Map<String, Long> next = new HashMap<>();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < txns; i++) {
            int n = 1 + rnd.nextInt(4);
            List<Object> inv = new ArrayList<>();
            List<Object> res = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                String k = "k" + rnd.nextInt(keys);
                if (rnd.nextBoolean()) {
                    long v = next.merge(k, 1L, Long::sum);
                    state.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
                    inv.add(List.of("append", k, v));
                    res.add(List.of("append", k, v));
                } else {
                    inv.add(java.util.Arrays.asList("r", k, null));
                    res.add(java.util.Arrays.asList("r", k, List.copyOf(state.getOrDefault(k, List.of()))));
                }
            }
            steps.add(new Step("txn", null, inv, res));
        }
        return timed(steps, processes, rnd);
    }

    /** Serial writes of unique increasing values and reads over {@code keys} registers. */
    public static List<Op> register(SplittableRandom rnd, int ops, int processes, int keys) {
        Map<String, Long> state = new HashMap<>();
        long counter = 0;
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < ops; i++) {
            String k = "k" + rnd.nextInt(keys);
            if (rnd.nextInt(3) == 0) {
                long v = ++counter;
                state.put(k, v);
                steps.add(new Step("write", k, v, v));
            } else {
                steps.add(new Step("read", k, null, state.get(k)));
            }
        }
        return timed(steps, processes, rnd);
    }

    /** Serial adds of unique elements and reads of the whole set, ending with a read. */
    public static List<Op> set(SplittableRandom rnd, int ops, int processes) {
        List<Object> state = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < ops; i++) {
            if (i == ops - 1 || rnd.nextInt(4) == 0) {
                steps.add(new Step("read", "s", null, List.copyOf(state)));
            } else {
                long e = i;
                state.add(e);
                steps.add(new Step("add", "s", e, e));
            }
        }
        return timed(steps, processes, rnd);
    }

    /** Serial counter adds (deltas -2..5) and reads. */
    public static List<Op> counter(SplittableRandom rnd, int ops, int processes) {
        long value = 0;
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < ops; i++) {
            if (rnd.nextInt(3) == 0) {
                steps.add(new Step("read", "c", null, value));
            } else {
                long d = rnd.nextInt(8) - 2;
                value += d;
                steps.add(new Step("add", "c", d, d));
            }
        }
        return timed(steps, processes, rnd);
    }

    public static History history(List<Op> events) {
        return History.of(events);
    }
}
