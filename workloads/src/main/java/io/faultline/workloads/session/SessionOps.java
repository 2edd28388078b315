package io.faultline.workloads.session;

import io.faultline.generator.Context;
import io.faultline.generator.GenOp;
import io.faultline.generator.Generator;
import io.faultline.generator.Rng;
import io.faultline.generator.Step;
import java.util.Arrays;

/**
 * Reads and writes over a sliding window of shared keys. Every write carries a value never written
 * before (a run-wide counter), so each read names exactly one write and the session checkers can
 * order versions by the real time of writes. A key is retired after {@code opsPerKey} ops so each
 * key's linearizability search stays small.
 */
record SessionOps(Rng rng, int[] keys, int[] counts, int nextKey, int opsPerKey, long nextValue, int readShare)
        implements Generator {

    static SessionOps start(Rng rng, int activeKeys, int opsPerKey, int readPercent) {
        int[] keys = new int[activeKeys];
        for (int i = 0; i < activeKeys; i++) keys[i] = i;
        return new SessionOps(rng, keys, new int[activeKeys], activeKeys, opsPerKey, 1, readPercent);
    }

    static String keyName(int id) {
        return "s" + id;
    }

    @Override
    public Step step(Context context) {
        if (context.firstFree() < 0) return Step.pending(this);
        Rng r = rng;
        int slot = r.below(keys.length);
        r = r.next();
        boolean read = r.below(100) < readShare;
        r = r.next();
        String key = keyName(keys[slot]);
        GenOp template = read ? GenOp.of("read", key, null) : GenOp.of("write", key, nextValue);
        int[] k = keys;
        int[] c = Arrays.copyOf(counts, counts.length);
        int next = nextKey;
        if (++c[slot] >= opsPerKey) {
            k = Arrays.copyOf(keys, keys.length);
            k[slot] = next++;
            c[slot] = 0;
        }
        return new Step.Emit(context.place(template),
                new SessionOps(r, k, c, next, opsPerKey, read ? nextValue : nextValue + 1, readShare));
    }
}
