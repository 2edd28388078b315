package io.faultline.workloads.append;

import io.faultline.generator.Context;
import io.faultline.generator.GenOp;
import io.faultline.generator.Generator;
import io.faultline.generator.Rng;
import io.faultline.generator.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * List-append transactions in Elle's shape: 1 to {@code maxOps} micro-ops, each a read
 * {@code ["r", k, null]} or an append {@code ["append", k, v]} of a value never appended before
 * (a run-wide counter), over a sliding window of {@code activeKeys} keys; a key retires after
 * {@code appendsPerKey} appends so lists stay short.
 */
record AppendTxns(Rng rng, int[] keys, int[] appends, int nextKey, int appendsPerKey, int maxOps, long nextValue,
                  String verb) implements Generator {

    /** @param verb "append" (list-append) or "w" (rw-register: each write's value unique in the run) */
    static AppendTxns start(Rng rng, int activeKeys, int appendsPerKey, int maxOps, String verb) {
        int[] keys = new int[activeKeys];
        for (int i = 0; i < activeKeys; i++) keys[i] = i;
        return new AppendTxns(rng, keys, new int[activeKeys], activeKeys, appendsPerKey, maxOps, 1, verb);
    }

    @Override
    public Step step(Context context) {
        if (context.firstFree() < 0) return Step.pending(this);
        Rng r = rng;
        int n = 1 + r.below(maxOps);
        r = r.next();
        int[] k = keys;
        int[] a = appends;
        int next = nextKey;
        long value = nextValue;
        List<Object> micro = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int slot = r.below(k.length);
            r = r.next();
            boolean read = r.below(2) == 0;
            r = r.next();
            String key = "a" + k[slot];
            if (read) {
                micro.add(Arrays.asList("r", key, null));
                continue;
            }
            micro.add(Arrays.asList(verb, key, value++));
            if (a == appends) a = Arrays.copyOf(appends, appends.length);
            if (++a[slot] >= appendsPerKey) {
                if (k == keys) k = Arrays.copyOf(keys, keys.length);
                k[slot] = next++;
                a[slot] = 0;
            }
        }
        return new Step.Emit(context.place(GenOp.of("txn", null, micro)),
                new AppendTxns(r, k, a, next, appendsPerKey, maxOps, value, verb));
    }
}
