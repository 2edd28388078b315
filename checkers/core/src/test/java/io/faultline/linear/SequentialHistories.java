package io.faultline.linear;

import io.faultline.history.History;
import io.faultline.history.Op;
import io.faultline.history.OpType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random histories that are linearizable by construction: a random sequential execution of a
 * model, each op given a linearization point, then an invocation before and a completion after
 * it at random distances (so intervals overlap), processes assigned so that no process overlaps
 * itself. Some ops are unknown-outcome writes that never took effect.
 */
final class SequentialHistories {
    static final String NEVER_WRITTEN = "never-written";

    private SequentialHistories() {
    }

    /** One op of the sequential execution, before intervals are assigned. */
    private record Step(String f, String key, Object invokeValue, Object resultValue, OpType outcome, String error) {
    }

    static History generate(String model, long seed, int length, int maxConcurrency) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Step> steps = new ArrayList<>();
        Map<String, Object> state = new HashMap<>();
        String[] keys = model.equals("kv") || model.equals("multi-register") ? new String[] {"x", "y", "z"}
                : model.equals("mutex") ? new String[] {null} : new String[] {null, "k"};
        for (int i = 0; i < length; i++) {
            String key = keys[rnd.nextInt(keys.length)];
            String sk = String.valueOf(key);
            Object cur = state.get(sk);
            switch (model) {
                case "register", "cas-register" -> {
                    int c = rnd.nextInt(model.equals("register") ? 2 : 3);
                    if (c == 0) {
                        steps.add(new Step("read", key, null, cur, OpType.OK, null));
                    } else if (c == 1) {
                        long v = rnd.nextInt(4);
                        if (rnd.nextInt(8) == 0) {
                            // an unknown write that never happened
                            steps.add(new Step("write", key, 100L + v, null, OpType.INFO, "timed-out"));
                            continue;
                        }
                        state.put(sk, v);
                        steps.add(new Step("write", key, v, v, rnd.nextInt(6) == 0 ? OpType.INFO : OpType.OK, null));
                    } else {
                        long e = rnd.nextInt(4);
                        long n = rnd.nextInt(4);
                        if (cur != null && (Long) cur == e) {
                            state.put(sk, n);
                            steps.add(new Step("cas", key, List.of(e, n), List.of(e, n), OpType.OK, null));
                        } else {
                            steps.add(new Step("cas", key, List.of(e, n), List.of(e, n), OpType.FAIL,
                                    rnd.nextBoolean() ? "cas-mismatch" : null));
                        }
                    }
                }
                case "kv" -> {
                    int c = rnd.nextInt(3);
                    String curS = cur == null ? "" : (String) cur;
                    if (c == 0) {
                        steps.add(new Step("get", key, null, curS, OpType.OK, null));
                    } else {
                        String v = Integer.toString(rnd.nextInt(10));
                        String next = c == 1 ? v : curS + v;
                        state.put(sk, next);
                        steps.add(new Step(c == 1 ? "put" : "append", key, v, v, OpType.OK, null));
                    }
                }
                case "mutex" -> {
                    boolean held = Boolean.TRUE.equals(cur);
                    state.put(sk, !held);
                    steps.add(new Step(held ? "release" : "acquire", key, null, null, OpType.OK, null));
                }
                case "multi-register" -> {
                    int n = 1 + rnd.nextInt(3);
                    List<Object> in = new ArrayList<>();
                    List<Object> out = new ArrayList<>();
                    for (int j = 0; j < n; j++) {
                        String k = keys[rnd.nextInt(keys.length)];
                        if (rnd.nextBoolean()) {
                            in.add(Arrays.asList("read", k, null));
                            out.add(Arrays.asList("read", k, state.get(k)));
                        } else {
                            long v = rnd.nextInt(4);
                            state.put(k, v);
                            in.add(Arrays.asList("write", k, v));
                            out.add(Arrays.asList("write", k, v));
                        }
                    }
                    steps.add(new Step("txn", null, in, out, OpType.OK, null));
                }
                default -> throw new IllegalArgumentException(model);
            }
        }
        // Linearization point of step i is 1000 * (i + 1); intervals stretch up to 3.5 steps each way.
        record Timed(long at, boolean invoke, int step) {
        }
        int n = steps.size();
        long[] inv = new long[n];
        long[] done = new long[n];
        List<Timed> timeline = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long point = 1000L * (i + 1);
            inv[i] = point - 1 - rnd.nextInt(3500);
            done[i] = point + 1 + rnd.nextInt(3500);
            timeline.add(new Timed(inv[i], true, i));
            if (steps.get(i).outcome != OpType.INFO || rnd.nextBoolean()) timeline.add(new Timed(done[i], false, i));
        }
        timeline.sort(Comparator.comparingLong(Timed::at).thenComparing(Timed::invoke));
        // Assign processes: one op at a time per process, at most maxConcurrency busy at once
        // (extra ops wait by being dropped from the run: the history stays valid as a subset).
        int[] process = new int[n];
        List<Integer> free = new ArrayList<>();
        int nextProcess = 0;
        int busy = 0;
        boolean[] skipped = new boolean[n];
        List<Op> events = new ArrayList<>();
        for (Timed t : timeline) {
            Step s = steps.get(t.step);
            if (t.invoke) {
                if (busy == maxConcurrency && s.outcome != OpType.INFO) {
                    // cannot run concurrently: drop a read-only op, otherwise run it anyway on a new process
                    if (s.f.equals("read") || s.f.equals("get")) {
                        skipped[t.step] = true;
                        continue;
                    }
                }
                int p = free.isEmpty() ? nextProcess++ : free.remove(free.size() - 1);
                process[t.step] = p;
                busy++;
                events.add(new Op(events.size(), t.at, p, OpType.INVOKE, s.f, s.key, s.invokeValue, null, null));
            } else {
                if (skipped[t.step]) continue;
                int p = process[t.step];
                busy--;
                Object value = s.outcome == OpType.OK ? s.resultValue : s.invokeValue;
                events.add(new Op(events.size(), t.at, p, s.outcome, s.f, s.key, value, null, s.error));
                // a process whose op ended in info is never reused
                if (s.outcome != OpType.INFO) free.add(p);
            }
        }
        return History.of(events);
    }
}
