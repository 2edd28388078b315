package io.faultline.workloads.register;

import io.faultline.generator.Context;
import io.faultline.generator.GenOp;
import io.faultline.generator.Generator;
import io.faultline.generator.KeyPool;
import io.faultline.generator.Rng;
import io.faultline.generator.Step;
import java.util.List;

/**
 * Reads, writes and cas ops over a sliding window of independent keys: each op picks one of
 * {@code keys.length} active keys at random; a key that has had {@code opsPerKey} ops is retired
 * and replaced by a fresh one, so every key's history stays short enough to check.
 */
record RegisterOps(Rng rng, KeyPool pool, int values) implements Generator {

    static RegisterOps start(Rng rng, int activeKeys, int opsPerKey, int values) {
        return new RegisterOps(rng, KeyPool.of(activeKeys, opsPerKey), values);
    }

    static String keyName(int id) {
        return "r" + id;
    }

    @Override
    public Step step(Context context) {
        if (context.firstFree() < 0) return Step.pending(this);
        Rng r = rng;
        int slot = r.below(pool.size());
        r = r.next();
        int kind = r.below(4);
        r = r.next();
        String key = keyName(pool.key(slot));
        GenOp template = switch (kind) {
            case 0, 1 -> GenOp.of("read", key, null);
            case 2 -> GenOp.of("write", key, (long) r.below(values));
            default -> GenOp.of("cas", key, List.of((long) r.below(values), (long) r.next().below(values)));
        };
        r = r.next().next();
        return new Step.Emit(context.place(template), new RegisterOps(r, pool.used(slot), values));
    }
}
